"""Refuse every connection beyond loopback while checks run, before a packet is sent.

Checks never reach the internet: outside services are mocked with ``responses``. A learner's
real request would make a check slow, flaky and dependent on someone else's server, so it is
refused here and the check that caused it says so.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

attempts: list[str] = []
"""``host:port`` of each refused attempt since the list was last cleared."""

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo
LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


class NetworkBlocked(ConnectionRefusedError):
    """Raised instead of connecting; an OSError, so HTTP libraries report it as a connection error."""


def is_loopback(host: Any) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).strip("[]").lower()
    if host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _refuse(host: Any, port: Any) -> None:
    target = f"{host}:{port}"
    attempts.append(target)
    raise NetworkBlocked(
        f"flaskcourse blocked a connection to {target}: checks run offline, and outside "
        "services are replaced by mocks"
    )


def _check_address(sock: socket.socket, address: Any) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple):
        if not is_loopback(address[0]):
            _refuse(address[0], address[1])


def _connect(self: socket.socket, address: Any) -> None:
    _check_address(self, address)
    return _real_connect(self, address)


def _connect_ex(self: socket.socket, address: Any) -> int:
    _check_address(self, address)
    return _real_connect_ex(self, address)


def _getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
    if not is_loopback(host):
        _refuse(host, port)
    return _real_getaddrinfo(host, port, *args, **kwargs)


def install() -> None:
    """Guard this process: loopback stays open (test servers), everything else is refused."""
    socket.socket.connect = _connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = _getaddrinfo
