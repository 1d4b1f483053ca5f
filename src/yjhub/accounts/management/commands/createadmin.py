"""``yjhub manage createadmin``: the first administrator of a service.

Prompts for the password twice (never echoed, never printed, checked against the password rules);
``--password-stdin`` reads it from standard input instead, for provisioning scripts. The
administrator sets up their authenticator app at their first sign-in, then invites everyone else
from the Users page.
"""

from __future__ import annotations

import getpass
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from yjhub.accounts.services import AccountRuleError, administrator_create


class Command(BaseCommand):
    help = "Create an administrator (users only, no case data), prompting for the password."

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--password-stdin", action="store_true",
                            help="read the password from the first line of standard input")

    def handle(self, *args, **options):
        password = self._password(options["password_stdin"])
        try:
            user = administrator_create(
                username=options["username"], password=password, email=options["email"],
                first_name=options["first_name"], last_name=options["last_name"],
                actor_name=f"{getpass.getuser()} (yjhub manage createadmin)")
        except AccountRuleError as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(f"Administrator {user.username} created. They sign in at /sign-in/ "
                          "and set up an authenticator app the first time.")

    def _password(self, from_stdin: bool) -> str:
        if from_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            if not sys.stdin.isatty():
                raise CommandError("no terminal to ask for the password: use --password-stdin")
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("the two passwords differ: nothing was created")
        if not password:
            raise CommandError("the password is empty: nothing was created")
        return password
