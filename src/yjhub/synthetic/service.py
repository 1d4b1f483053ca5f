"""Generate one service's data: every table, as Arrow tables in the schema's column order."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from yjhub.schema import TABLES_BY_NAME
from yjhub.schema.arrow import arrow_schema
from yjhub.synthetic import columns as col
from yjhub.synthetic import offending, people, reference, work
from yjhub.synthetic.context import Context, Rows
from yjhub.synthetic.draw import vocabulary

#: The letters after the service prefix in each table's identifiers ("C000123" for a child).
ID_LETTERS = {
    "team": "T", "staff": "ST", "child": "C", "court_appearance": "A", "outcome": "O",
    "offence": "F", "pre_sentence_report": "R", "remand_episode": "M",
    "intervention_programme": "P", "assessment": "S", "referral": "Q", "victim": "V",
    "parenting_intervention": "G", "case_allocation": "L", "board_meeting": "B",
}
ID_DIGITS = {"team": 2, "staff": 4, "board_meeting": 3}
SERVICE_TABLES = ("service", "team", "staff", "population", "population_ethnicity", "child",
                  "court_appearance",
                  "outcome", "offence", "pre_sentence_report", "remand_episode",
                  "intervention_programme", "programme_status", "assessment",
                  "assessment_section", "referral", "victim", "parenting_intervention",
                  "case_allocation", "board_meeting", "board_attendance")


def generate_service(ctx: Context, preset) -> dict[str, pa.Table]:
    """Every per-service table of one service."""
    rows: dict[str, Rows] = {"service": reference.service_row(ctx.spec)}
    rows["team"], rows["staff"], staffing = people.teams_and_staff(ctx)
    rows["population"] = reference.population(ctx, preset)
    rows["population_ethnicity"] = reference.population_ethnicity(ctx, preset)
    rows["child"], kids = people.children(ctx, staffing)
    ep = offending.episodes(ctx, kids)
    rows["outcome"], extra = offending.outcomes(ctx, ep)
    offences = offending.offences(ctx, kids, ep, extra)
    rows["court_appearance"] = offending.court_appearances(ctx, kids, ep)
    rows["pre_sentence_report"] = offending.pre_sentence_reports(ctx, ep)
    rows["remand_episode"], remand_episode = offending.remands(ctx, ep)
    rows["intervention_programme"], pr, breach = work.programmes(
        ctx, kids, ep, staffing, rows["remand_episode"], remand_episode)
    breaches = offending.offence_rows(
        ctx.rng, child=breach["child"], outcome=np.full(len(breach["child"]), col.NA),
        committed=breach["committed"], category=breach["category"], gravity=breach["gravity"])
    offences = {name: _concat(offences[name], breaches[name]) for name in offences}
    offences["offence_id"] = np.arange(1, len(offences["child_id"]) + 1)
    rows["offence"] = offences
    rows["programme_status"], status = work.statuses(ctx, kids, pr)
    rows["assessment"], rows["assessment_section"] = work.assessments(ctx, kids, pr)
    rows["referral"] = work.referrals(ctx, pr, status)
    rows["victim"] = work.victims(ctx, rows["offence"], rows["outcome"])
    rows["parenting_intervention"] = work.parenting(ctx, pr)
    rows["case_allocation"] = work.allocations(ctx, pr)
    rows["board_meeting"], rows["board_attendance"] = reference.board(ctx)
    return {name: to_arrow(name, rows[name], ctx.spec.id_prefix, ctx.spec.service_id)
            for name in SERVICE_TABLES}


def _concat(a, b):
    if isinstance(a, pa.Array):
        return pa.concat_arrays([a, b])
    return np.concatenate([np.asarray(a), np.asarray(b)])


def to_arrow(name: str, rows: Rows, prefix: str, service_id: str) -> pa.Table:
    """Rows of generator arrays as an Arrow table with exactly the schema's columns and types."""
    table = TABLES_BY_NAME[name]
    schema = arrow_schema(table)
    lengths = {len(v) for v in rows.values()}
    if len(lengths) > 1:
        raise AssertionError(f"{name}: columns of different lengths {lengths}")
    n = lengths.pop() if lengths else 0
    arrays = []
    for column in table.columns:
        value = rows.get(column.name)
        if column.name == "service_id" and value is None:
            arrays.append(reference.constant(service_id, n))
        elif value is None:
            raise AssertionError(f"{name}.{column.name} was not generated")
        elif isinstance(value, pa.Array):
            arrays.append(value)
        elif column.type in ("id", "ref"):
            target = name if column.type == "id" else column.ref
            letters = ID_LETTERS[target]
            arrays.append(col.ids(prefix + letters, value, ID_DIGITS.get(target, 6),
                                  blank=np.asarray(value) == col.NA))
        elif column.type == "code":
            arrays.append(col.codes(vocabulary(column.codes).codes, value))
        elif column.type == "date":
            arrays.append(col.dates(value))
        elif column.type == "integer":
            arrays.append(col.integers(value))
        elif column.type == "boolean":
            arrays.append(col.booleans(value))
        else:
            raise AssertionError(f"{name}.{column.name}: text columns are made as Arrow arrays")
    extra = set(rows) - set(table.column_names)
    if extra:
        raise AssertionError(f"{name}: unknown columns {sorted(extra)}")
    return pa.Table.from_arrays(arrays, schema=schema)
