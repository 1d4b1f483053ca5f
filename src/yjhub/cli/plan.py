"""``yjhub plan``: Youth Justice Plan files (docs/plan-format.md, docs/plan-checks.md).

    yjhub plan templates [--format text|json]          the plan templates there are
    yjhub plan new --template ID [--from LASTYEAR.yaml] [--period 2007-08] [--service NAME]
                   [--out FILE] [--force]              start a plan (YAML to FILE or the screen)
    yjhub plan check FILE [--format text|json]         every finding; exit 1 when one is an error
    yjhub plan docs [--out docs/plan-checks.md]        write the checks' documentation

Each action is a function ``_<action>(args)`` registered in ``ACTIONS`` by ``add_parser``: add
an action there (with its own sub-parser) rather than a new top-level command.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from yjhub.cli.main import UserError


def add_parser(sub):
    p = sub.add_parser("plan", help="youth justice plans: templates, new, check",
                       description="Youth Justice Plan files: start one from a template or from "
                       "last year's plan, and check it (docs/plan-format.md, "
                       "docs/plan-checks.md).")
    actions = p.add_subparsers(dest="action", required=True)

    t = actions.add_parser("templates", help="list the plan templates")
    t.add_argument("--format", choices=["text", "json"], default="text", dest="fmt")
    t.set_defaults(handler=_templates)

    n = actions.add_parser("new", help="start a plan from a template or last year's plan")
    n.add_argument("--template", required=True, help="a template id (yjhub plan templates)")
    n.add_argument("--from", dest="from_", type=Path, metavar="LASTYEAR.yaml",
                   help="last year's plan: narrative, tables and unfinished actions carried")
    n.add_argument("--period", default="", help="the plan's year, 2007-08 (default: the year "
                   "after --from's, or the template's first)")
    n.add_argument("--service", default="", help="the service's name")
    n.add_argument("--out", type=Path, help="write here (default: the screen)")
    n.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    n.set_defaults(handler=_new)

    c = actions.add_parser("check", help="check a plan file; exit 1 when an error is found")
    c.add_argument("file", type=Path)
    c.add_argument("--format", choices=["text", "json"], default="text", dest="fmt")
    c.set_defaults(handler=_check)

    d = actions.add_parser("docs", help="write docs/plan-checks.md from the rules")
    d.add_argument("--out", type=Path, default=Path("docs/plan-checks.md"))
    d.set_defaults(handler=_docs)
    ACTIONS.update(templates=_templates, new=_new, check=_check, docs=_docs)

    from yjhub.cli.plan_render import add_render, render  # yjhub plan render (plans-output)

    add_render(actions)
    ACTIONS.update(render=render)
    return p


ACTIONS: dict = {}


def _load(path: Path):
    from yjhub.plans import PlanFormatError, load_plan

    try:
        return load_plan(path)
    except PlanFormatError as error:
        raise UserError(str(error)) from None


def _templates(args) -> int:
    from yjhub.plans import templates

    found = templates()
    if args.fmt == "json":
        print(json.dumps([{"id": t.id, "version": t.version, "title": t.title,
                           "periods": list(t.periods), "sections": len(t.sections),
                           "tables": [x["id"] for x in t.tables],
                           "checks": len(t.checks)} for t in found], indent=2))
        return 0
    for t in found:
        periods = ", ".join(t.periods) or "-"
        tables = ", ".join(x["id"] for x in t.tables) or "-"
        print(f"{t.id}  (version {t.version}; periods {periods})\n    {t.title}\n"
              f"    {len(t.sections)} sections; tables {tables}; {len(t.delivery)} objective "
              f"areas; {len(t.checks)} table checks")
    return 0


def _new(args) -> int:
    from yjhub.plans import dump_plan, plan_new

    last = _load(args.from_) if args.from_ else None
    try:
        plan = plan_new(template_id=args.template, from_plan=last, period=args.period,
                        service=args.service)
    except KeyError as error:
        raise UserError(error.args[0]) from None
    text = dump_plan(plan)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    if args.out.exists() and not args.force:
        raise UserError(f"{args.out} exists; use --force to overwrite it")
    args.out.write_text(text, encoding="utf-8")
    carried = sum(len(a.actions) for a in plan.delivery)
    print(f"wrote {args.out}: {plan.meta.title} on template {args.template}"
          + (f", from {args.from_} ({carried} unfinished actions carried)" if last else ""),
          file=sys.stderr)
    return 0


def _check(args) -> int:
    from yjhub.plans.checks import check_plan, counts, has_errors

    plan = _load(args.file)
    findings = check_plan(plan)
    tally = counts(findings)
    if args.fmt == "json":
        print(json.dumps({"file": str(args.file), "counts": tally,
                          "findings": [f.as_dict() for f in findings]}, indent=2,
                         ensure_ascii=False))
    else:
        for f in findings:
            print(f"{args.file}: {f.severity}: {f.rule}: {f.location.path}\n    {f.message}")
        print(f"{args.file}: {tally['error']} errors, {tally['warning']} warnings, "
              f"{tally['info']} notes")
    return 1 if has_errors(findings) else 0


def _docs(args) -> int:
    from yjhub.plans.docs import render_checks_doc

    args.out.write_text(render_checks_doc(), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0
