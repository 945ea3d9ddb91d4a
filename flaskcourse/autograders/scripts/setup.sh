#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder's image. It installs the
# flaskcourse this zip was made with (the wheel beside this script: no package index is asked
# for it) into a virtual environment of its own, with a Python 3.11 or newer.
# FLASKCOURSE_AUTOGRADER_ROOT stands in for /autograder, to try the autograder elsewhere.
set -euo pipefail

root="${FLASKCOURSE_AUTOGRADER_ROOT:-/autograder}"
venv="$root/flaskcourse-venv"

new_enough() {
    command -v "$1" >/dev/null 2>&1 && "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))'
}

if [ ! -x "$venv/bin/python" ]; then
    python=""
    for candidate in python3.13 python3.12 python3.11 python3; do
        if new_enough "$candidate"; then
            python="$candidate"
            break
        fi
    done
    if [ -z "$python" ]; then
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y python3.11 python3.11-venv
        python=python3.11
    fi
    if ! "$python" -m venv "$venv"; then
        # Debian and Ubuntu keep venv's pip apart, in pythonX.Y-venv.
        DEBIAN_FRONTEND=noninteractive apt-get install -y "$("$python" -c 'import sys; print(f"python{sys.version_info[0]}.{sys.version_info[1]}")')-venv"
        "$python" -m venv --clear "$venv"
    fi
fi
"$venv/bin/python" -m pip install --disable-pip-version-check --no-cache-dir "$root/source/@WHEEL@"
