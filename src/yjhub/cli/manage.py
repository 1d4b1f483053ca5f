"""``yjhub manage ARGS``: Django's management commands (migrate, createsuperuser, ...)."""

import os


def add_parser(sub):
    p = sub.add_parser("manage", help="run a Django management command", add_help=False)
    p.set_defaults(handler=lambda args: run([]))


def run(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yjhub.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["yjhub manage", *argv])
    return 0
