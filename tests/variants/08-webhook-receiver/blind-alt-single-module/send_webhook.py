"""Send one signed webhook to your running app, the way a real sender would.

    python send_webhook.py '{"event": "ping"}'                   signed with the dev secret
    python send_webhook.py '{"event": "ping"}' --secret wrong    signed with another secret
    python send_webhook.py '{"event": "ping"}' --no-signature    no X-Webhook-Signature at all

It prints the signature it sent and your app's answer. Nothing here needs changing.
"""

import argparse
import hashlib
import hmac
import urllib.error
import urllib.request

DEV_WEBHOOK_SECRET = "dev-webhook-secret-change-me"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("body", help="the exact text to send (normally JSON)")
    parser.add_argument("--secret", default=DEV_WEBHOOK_SECRET)
    parser.add_argument("--no-signature", action="store_true")
    parser.add_argument("--url", default="http://127.0.0.1:5000/webhook")
    args = parser.parse_args()

    body = args.body.encode("utf-8")
    headers = {"Content-Type": "application/json"}
    if not args.no_signature:
        digest = hmac.new(args.secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
        headers["X-Webhook-Signature"] = "sha256=" + digest
        print("X-Webhook-Signature:", headers["X-Webhook-Signature"])

    request = urllib.request.Request(args.url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            print(response.status, response.read().decode("utf-8", "replace"))
    except urllib.error.HTTPError as error:
        print(error.code, error.read().decode("utf-8", "replace"))


if __name__ == "__main__":
    main()
