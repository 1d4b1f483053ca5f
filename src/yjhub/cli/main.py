"""The ``yjhub`` command.

    yjhub generate --preset demo --seed 1 --out DIR   synthetic case data
    yjhub import PATH [--dry-run] [--mapping FILE]    load case-management exports
    yjhub setup [--demo]                              migrate, load reference and demo data
    yjhub indicators --source DIR|db --period 2024-25  compute the indicator catalogue
    yjhub serve [--production]                        serve the web app
    yjhub otp-code demo-USERNAME                      a demo login's sign-in code (debug only)
    yjhub schema docs                                 write docs/data-model.md
    yjhub plan templates|new|check ...                youth justice plan files
    yjhub audit-framework check FILE...               check audit framework files
    yjhub manage ...                                  Django's manage.py
    yjhub board-report --quarter 2024-Q3 --format pdf --out PATH   the quarterly board report
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

COMMANDS = ["generate", "import_", "setup", "indicators", "serve", "schema", "otp_code",
            "manage"]
COMMANDS += ["plan"]  # youth justice plans (yjhub.cli.plan)
COMMANDS += ["board_report"]  # the quarterly board report (yjhub.cli.board_report)
COMMANDS += ["audit_framework"]  # audit framework files (yjhub.cli.audit_framework)


class UserError(Exception):
    """A problem the user can fix: printed as a message, never as a traceback."""


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yjhub.config.settings")
    import django

    django.setup()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="yjhub", description="yjhub: youth justice services")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        importlib.import_module(f"yjhub.cli.{name}").add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["manage"]:  # hand the rest to Django untouched
        from yjhub.cli.manage import run

        return run(argv[1:])
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args) or 0
    except UserError as error:
        print(f"yjhub {args.command.rstrip('_')}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
