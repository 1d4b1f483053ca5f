"""``yjhub action-plan``: action plans and improvement plans in Excel, from the command line.

    yjhub action-plan check FILE                 check a workbook (nothing is written)
    yjhub action-plan import FILE [--into ID]    load it as a new plan (or into plan ID)
    yjhub action-plan export ID --out PATH       write a plan as a workbook

Every problem is printed with its sheet, row, column and value; a workbook with any problem
loads nothing (docs/action-plans.md).
"""

from __future__ import annotations

from pathlib import Path

from yjhub.cli.main import UserError, django_setup


def add_parser(sub):
    p = sub.add_parser("action-plan", help="check, import or export action plans (Excel)")
    p.add_argument("action", choices=["check", "import", "export"])
    p.add_argument("target", help="the workbook (check, import) or the plan's id (export)")
    p.add_argument("--into", type=int, help="import: add the actions to this plan")
    p.add_argument("--out", help="export: the .xlsx file to write")
    p.set_defaults(handler=handle)


def _read(path: Path, *, into_given: bool):
    from yjhub.actions.spreadsheets import workbook_read, workbook_require_plan

    if not path.is_file():
        raise UserError(f"{path}: no such file")
    book = workbook_read(path, name=path.name)
    if book.ok and not into_given:
        workbook_require_plan(book)
    if not book.ok:
        raise UserError(f"{path.name}: {len(book.problems)} problem"
                        f"{'s' if len(book.problems) != 1 else ''}, nothing loaded\n"
                        + "\n".join(str(p) for p in book.problems))
    return book


def handle(args):
    django_setup()
    from yjhub.actions import selectors, services
    from yjhub.actions.models import Plan

    if args.action == "export":
        if not args.out:
            raise UserError("export needs --out PATH")
        plan = Plan.objects.filter(pk=int(args.target) if args.target.isdigit() else 0).first()
        if plan is None:
            raise UserError(f"no plan with id {args.target}")
        out = Path(args.out)
        if not out.parent.exists():
            raise UserError(f"the folder {out.parent} does not exist")
        out.write_bytes(selectors.plan_workbook(plan=plan))
        print(f"{plan.title}: {plan.actions.count()} actions written to {out}")
        return 0
    into = None
    if args.into is not None:
        into = Plan.objects.filter(pk=args.into).first()
        if into is None:
            raise UserError(f"no plan with id {args.into}")
    book = _read(Path(args.target), into_given=into is not None)
    counted = f"{len(book.actions)} actions"
    if book.recommendations:
        counted += f" under {len(book.recommendations)} recommendations"
    if args.action == "check":
        print(f"{Path(args.target).name}: {counted}: no problems")
        return 0
    plan = services.plan_import(user=None, workbook=book, into=into)
    print(f"{Path(args.target).name}: {counted} loaded into plan {plan.pk} ({plan.title})")
    return 0
