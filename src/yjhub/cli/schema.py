"""``yjhub schema docs``: write docs/data-model.md from the schema's declarations and
docs/indicators.md from the indicator catalogue."""

from pathlib import Path


def add_parser(sub):
    p = sub.add_parser("schema", help="the canonical schema")
    p.add_argument("action", choices=["docs"])
    p.add_argument("--out", type=Path, default=Path("docs/data-model.md"))
    p.add_argument("--indicators-out", type=Path, default=Path("docs/indicators.md"))
    p.set_defaults(handler=handle)


def handle(args):
    from yjhub.indicators.docs import render_indicators
    from yjhub.schema.docs import render_data_model

    args.out.write_text(render_data_model(), encoding="utf-8")
    print(f"wrote {args.out}")
    args.indicators_out.write_text(render_indicators(), encoding="utf-8")
    print(f"wrote {args.indicators_out}")
