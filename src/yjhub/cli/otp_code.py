"""``yjhub otp-code USERNAME``: the current sign-in code of a demo login (development only).

What an authenticator app would show for the demo user's key, so a developer or a test script can
sign in without a phone. It refuses any user whose username does not start with ``demo-`` and
anywhere ``YJHUB_DEBUG`` is not 1: a real account's code never leaves its owner's phone.
"""

from __future__ import annotations

import os
import sys
import time


def add_parser(sub):
    p = sub.add_parser(
        "otp-code", help="print a demo login's current second-factor code (development only)",
        description="Print the 6-digit code an authenticator app would show now for a demo "
        "login (username demo-...). Only with YJHUB_DEBUG=1.")
    p.add_argument("username", help="a demo login, e.g. demo-practitioner")
    p.set_defaults(handler=handle)


def handle(args) -> int:
    from yjhub.cli.main import UserError, django_setup

    if os.environ.get("YJHUB_DEBUG") != "1":
        raise UserError("only for development: set YJHUB_DEBUG=1 (real accounts' codes come "
                        "from their owners' authenticator apps)")
    if not args.username.startswith("demo-"):
        raise UserError(f"{args.username!r} is not a demo login: only usernames starting "
                        "with demo- have codes printed")
    django_setup()
    from django.conf import settings
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not settings.DEBUG:
        raise UserError("only for development: the app is not in debug mode")
    device = TOTPDevice.objects.filter(user__username=args.username, confirmed=True) \
        .order_by("pk").first()
    if device is None:
        raise UserError(f"no demo login {args.username!r} with an authenticator key: run "
                        "`yjhub setup --demo` first")
    now = time.time()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits,
                drift=device.drift)
    print(f"{code:0{device.digits}d}")
    left = device.step - int(now - device.t0) % device.step
    print(f"(valid for {left} more second{'s' if left != 1 else ''}; each code works once)",
          file=sys.stderr)
    return 0
