"""``yjhub audit-framework check FILE...``: check a service's own audit framework files before
putting them in ``var/audit-frameworks/`` (every problem named by file, place and value)."""

from pathlib import Path

from yjhub.cli.main import UserError


def add_parser(sub):
    p = sub.add_parser("audit-framework", help="check audit framework files")
    p.add_argument("action", choices=["check"])
    p.add_argument("files", nargs="+", type=Path)
    p.set_defaults(handler=handle)


def handle(args):
    from yjhub.audits.framework import FrameworkError, framework_load

    problems = []
    for path in args.files:
        if not path.is_file():
            problems.append(f"{path}: no such file")
            continue
        try:
            framework = framework_load(path)
        except FrameworkError as error:
            problems += error.problems
            continue
        size = len(getattr(framework, "questions", ()) or ())
        counted = f", {size} question{'s' if size != 1 else ''}" if size else ""
        print(f"{path}: {framework.kind} framework {framework.id} version {framework.version}"
              f" ({framework.title}){counted}: usable")
    if problems:
        raise UserError("\n".join(problems))
