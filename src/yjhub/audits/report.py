"""The scoring report of an audit, laid out like the inspectorate's (seed 002): the headline
scores against the published comparators, the summary table by section and criterion, the
recommendations, the strengths and areas for improvement by criterion, and how the sample
compares with the caseload. Built as a ``yjhub.documents.Document``, so it renders to Word, PDF
and HTML alike. No child is named: every figure is a count over the sample."""

from __future__ import annotations

from django.utils import timezone

from yjhub.audits.presentation import ScoreTable
from yjhub.documents import Bullets, Callout, Cell, Document, Figure, Heading, Paragraph, Table


def _comment(band) -> Cell | str:
    if band is None:
        return "–"
    points = f" ({band.points} point{'s' if band.points != 1 else ''})" \
        if band.points is not None else ""
    return Cell(band.label + points, rag=band.rag)


def _chart(table: ScoreTable) -> str | None:
    """Headline scores as bars, with the comparators' range (lowest to highest) as a line and
    their average as a tick: plain SVG with presentation attributes."""
    rows = [r for r in table.headlines if r.score.answered]
    if not rows:
        return None
    width, left, bar_h, gap = 640, 200, 18, 22
    scale = (width - left - 40) / 100
    height = 30 + len(rows) * (bar_h + gap) + 20
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="Arial, sans-serif" font-size="13">']
    for tick in range(0, 101, 20):
        x = left + tick * scale
        parts.append(f'<line x1="{x:.1f}" y1="20" x2="{x:.1f}" y2="{height - 20}" '
                     f'stroke="#b1b4b6" stroke-width="1"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 5}" text-anchor="middle" '
                     f'fill="#0b0c0c">{tick}%</text>')
    for i, row in enumerate(rows):
        y = 30 + i * (bar_h + gap)
        parts.append(f'<text x="{left - 8}" y="{y + 13}" text-anchor="end" '
                     f'fill="#0b0c0c">{row.title}</text>')
        parts.append(f'<rect x="{left}" y="{y}" width="{row.score.shown * scale:.1f}" '
                     f'height="{bar_h}" fill="#1d70b8"/>')
        parts.append(f'<text x="{left + row.score.shown * scale + 4:.1f}" y="{y + 13}" '
                     f'fill="#0b0c0c">{row.score.shown}%</text>')
        if row.comparator:
            low, high, avg = (float(row.comparator[k].rstrip("%"))
                              for k in ("lowest", "highest", "average"))
            yy = y + bar_h + 5
            parts.append(f'<line x1="{left + low * scale:.1f}" y1="{yy}" '
                         f'x2="{left + high * scale:.1f}" y2="{yy}" stroke="#0b0c0c" '
                         f'stroke-width="2"/>')
            parts.append(f'<line x1="{left + avg * scale:.1f}" y1="{yy - 5}" '
                         f'x2="{left + avg * scale:.1f}" y2="{yy + 5}" stroke="#d4351c" '
                         f'stroke-width="3"/>')
    parts.append("</svg>")
    return "".join(parts)


def audit_report_document(*, audit, table: ScoreTable, recommendations, comparison,
                          service_name: str = "") -> Document:
    framework = table.framework
    criterion_label = framework.label("criterion")
    section_label = framework.label("section")
    sample_count = audit.cases.count()
    blocks: list = [Heading("1. Scoring and summary", level=1)]
    blocks.append(Paragraph(
        f"Each question was answered sufficient, insufficient or not applicable for each of "
        f"the {sample_count} cases. A {criterion_label.lower()}'s score is the share of all its "
        f"questions, across all the cases, judged sufficient (not applicable left out); a "
        f"{section_label.lower()}'s score pools all its questions, and is not the mean of its "
        f"{criterion_label.lower()} scores; each headline score pools the key questions of its "
        f"theme."))
    if audit.is_open:
        blocks.append(Callout("The audit is still open: these scores count the answers "
                              "recorded so far."))
    if table.overall is not None:
        o = table.overall
        blocks.append(Paragraph(
            f"Overall score: {o.points} of {o.maximum}"
            + (f", {o.band.label}." if o.band else
               f" so far ({o.rated} of {o.counted} standards rated).")))
    if table.headlines:
        blocks.append(Heading("Headline scores", level=2))
        has_comparator = bool(table.comparator_title)
        head = ["Theme", "Score", "Sufficient"]
        if has_comparator:
            head += ["Lowest", "Highest", "Average", "Compared"]
        head += [*table.previous, "Comment"]
        rows = []
        for r in table.headlines:
            row = [r.title, r.percent, r.fraction]
            if has_comparator:
                c = r.comparator or {}
                row += [c.get("lowest", "–"), c.get("highest", "–"), c.get("average", "–"),
                        c.get("position", "no published figure")]
            rows.append(row + [*r.previous, _comment(r.comment)])
        numeric = {1, 2} | ({3, 4, 5} if has_comparator else set())
        start = 7 if has_comparator else 3
        numeric |= set(range(start, start + len(table.previous)))
        caption = "Headline scores" + (f" against the published figures: {table.comparator_title}"
                                       if has_comparator else "")
        blocks.append(Table(head=head, rows=rows, caption=caption, numeric=numeric))
        if table.comparator_source:
            blocks.append(Paragraph(f"Published figures: {table.comparator_source}."))
        svg = _chart(table)
        if svg:
            described = "; ".join(
                f"{r.title} {r.score.shown}%" + (
                    f" (published lowest {r.comparator['lowest']}, average "
                    f"{r.comparator['average']}, highest {r.comparator['highest']})"
                    if r.comparator else "")
                for r in table.headlines if r.score.answered)
            blocks.append(Figure(svg=svg, alt=f"Headline scores: {described}.",
                                 caption="Headline scores (bars) with the published range "
                                         "(line) and average (red tick)"))
    blocks.append(Heading(f"Summary by {criterion_label.lower()}", level=2))
    rating = framework.scoring == "lowest_key_question"
    head = [criterion_label, "Score", "Sufficient", *table.previous,
            "Rating" if rating else "Comment"]
    rows = []
    for r in table.rows:
        if r.level == "section":
            title = Cell(f"{section_label} {r.id}: {r.title}", bold=True)
            comment = _comment(r.band) if not rating else ""
        else:
            title = f"{r.id} {r.title}"
            comment = _comment(r.comment)
            if r.note and r.comment is not None:
                comment = Cell(f"{r.comment.label} ({r.note})", rag=r.comment.rag)
        rows.append([title, r.percent, r.fraction, *r.previous, comment])
    blocks.append(Table(head=head, rows=rows, caption=f"Scores by {section_label.lower()} and "
                        f"{criterion_label.lower()}",
                        numeric={1, 2, *range(3, 3 + len(table.previous))}))

    blocks.append(Heading("2. Recommendations", level=1))
    recommendations = list(recommendations)
    if recommendations:
        titles = {c.id: c.title for c in framework.criteria}
        blocks.append(Paragraph("Changes are necessary to ensure that, in a higher proportion "
                                "of cases (primary responsibility in brackets):"))
        items = []
        for r in recommendations:
            linked = ", ".join(f"{c} {titles.get(c, '')}".strip() for c in r.criteria)
            items.append(f"{r.reference}: {r.text} ({r.owner})"
                         + (f". Criteria: {linked}" if linked else ""))
        blocks.append(Bullets(items, numbered=True))
    else:
        blocks.append(Paragraph("No recommendations recorded yet."))

    blocks.append(Heading("3. Strengths and areas for improvement", level=1))
    for f in table.findings:
        blocks.append(Heading(f"{f['criterion'].id} {f['criterion'].title}", level=2))
        if f["criterion"].statement:
            blocks.append(Paragraph(f"{criterion_label}: {f['criterion'].statement}"))
        line = next(r for r in table.rows if r.level == "criterion"
                    and r.id == f["criterion"].id)
        if line.score.answered:
            blocks.append(Paragraph(
                f"Score: {line.percent} ({line.fraction})"
                + (f". {line.comment.label}." if line.comment else ".")))
        if f["strengths"]:
            blocks.append(Paragraph("Strengths:"))
            blocks.append(Bullets([s.sentence for s in f["strengths"]], numbered=True))
        if f["areas"]:
            blocks.append(Paragraph("Areas for improvement:"))
            blocks.append(Bullets([s.sentence for s in f["areas"]], numbered=True))
        if not f["strengths"] and not f["areas"]:
            blocks.append(Paragraph("No questions answered."))

    blocks.append(Heading("4. The sample", level=1))
    blocks.append(Paragraph(
        f"{sample_count} cases were drawn from the {audit.caseload_size} cases with an order "
        f"or programme open between {audit.period_start:%d %B %Y} and "
        f"{audit.period_end:%d %B %Y}, in proportion to the caseload by "
        f"{', '.join(framework.sampling.strata).replace('_', ' ')} (random seed {audit.seed}, "
        f"so the draw can be repeated)."))
    blocks.append(Table(
        head=["Group", "Value", "Caseload", "Caseload share", "Sample", "Sample share",
              "Difference (points)"],
        rows=[[row["dimension"], row["value"], str(row["caseload"]), row["caseload_share"],
               str(row["sample"]), row["sample_share"], row["difference"]]
              for row in comparison],
        caption="The sample compared with the caseload", numeric={2, 3, 4, 5, 6},
        row_headers=False))

    meta = [("Audit", audit.reference), ("Framework", f"{framework.title}, version "
                                                      f"{framework.version}"),
            ("Cases open", f"{audit.period_start:%d %B %Y} to {audit.period_end:%d %B %Y}"),
            ("Sample", f"{sample_count} of {audit.caseload_size} cases"),
            ("Status", audit.get_status_display()),
            ("Produced", f"{timezone.localtime():%d %B %Y %H:%M}")]
    if service_name:
        meta.insert(0, ("Service", service_name))
    return Document(title=f"{audit.title}: scoring report", subtitle=framework.title,
                    meta=meta, contents=True, blocks=blocks)
