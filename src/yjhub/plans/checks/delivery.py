"""The delivery plan against the appendix: data-block figures, bracketed changes, EPQA scores,
and the action plans."""

from __future__ import annotations

from yjhub.plans.findings import Finding, Location
from yjhub.plans.model import AppendixRow, DataItem, ObjectiveArea, Plan
from yjhub.plans.numbers import Figure, figure, plain, same, show


def check_delivery(plan: Plan, tpl, out: list[Finding]) -> None:
    if tpl is not None:
        have = {a.id for a in plan.delivery}
        for spec in tpl.delivery:
            if spec["id"] not in have:
                out.append(Finding(
                    rule="delivery.area_missing", severity="warning",
                    location=Location(path=f"delivery[{spec['id']}]", area=spec["id"]),
                    message=f"The template's objective area \"{spec['title']}\" is missing "
                            f"from the delivery plan."))
    for area in plan.delivery:
        for i, item in enumerate(area.data):
            _data_item(plan, area, i, item, out)
        for i, item in enumerate(area.epqa):
            _epqa_item(plan, area, i, item, out)
        _actions(area, out)


def _agree(a: Figure, b: Figure) -> str:
    """"same", "rounded" (equal at the fewer decimals printed) or "differ"."""
    if same(a.value, b.value):
        return "same"
    decimals = min(a.decimals, b.decimals)
    if same(round(a.value, decimals), round(b.value, decimals)):
        return "rounded"
    return "differ"


def _pct(f: Figure) -> str:
    return show(f.value, f.decimals) + ("%" if f.percent else "")


def _data_item(plan: Plan, area: ObjectiveArea, i: int, item: DataItem, out) -> None:
    if not item.indicator:
        return
    base = f"delivery[{area.id}].data[{i}]"
    name = f"Delivery plan, {area.title}, \"{item.label}\""
    row = plan.appendix.row(item.indicator)
    if row is None:
        out.append(Finding(
            rule="delivery.indicator_unknown", severity="warning",
            location=Location(path=f"{base}.indicator", area=area.id, item=str(i)),
            message=f"{name} reports appendix row {item.indicator!r}, which the plan's "
                    f"appendix does not have."))
        return
    columns = plan.appendix.columns
    for field, appendix_field, rule, heading in (
            ("actual", "current", "delivery.actual_vs_appendix", columns.current),
            ("previous", "previous", "delivery.previous_vs_appendix", columns.previous),
            ("target", "target", "delivery.target_vs_appendix", columns.target)):
        mine, theirs = figure(getattr(item, field)), figure(getattr(row, appendix_field))
        if mine is None or theirs is None:
            continue
        verdict = _agree(mine, theirs)
        if verdict == "same":
            continue
        where = Location(path=f"{base}.{field}", area=area.id, item=str(i), column=field)
        label = f"{field} {_pct(mine)}"
        their_label = f"{heading or appendix_field} {_pct(theirs)}"
        figures = {"data block": plain(mine.value), "appendix": plain(theirs.value)}
        if verdict == "rounded":
            out.append(Finding(
                rule="delivery.rounded", severity="info", location=where,
                message=f"{name}: {label} agrees with the appendix ({their_label}) only "
                        f"when that is rounded.", figures=figures,
                difference=plain(mine.value - theirs.value)))
            continue
        out.append(Finding(
            rule=rule, severity="error", location=where,
            message=f"{name}: the data block's {label} differs from the appendix "
                    f"({_appendix_name(row)}: {their_label}), a difference of "
                    f"{show(mine.value - theirs.value)}.", figures=figures,
            difference=plain(mine.value - theirs.value)))
    _change(plan, area, i, item, row, out)


def _appendix_name(row: AppendixRow) -> str:
    words = " ".join(row.label.split())
    return words if len(words) <= 70 else words[:70].rsplit(" ", 1)[0] + " ..."


def _change(plan, area, i, item: DataItem, row: AppendixRow, out) -> None:
    stated, actual = figure(item.change), figure(item.actual)
    if stated is None or actual is None:
        return
    previous = figure(item.previous) or figure(row.previous)
    if previous is None:
        return
    recomputed = actual.value - previous.value
    if same(round(recomputed, stated.decimals), stated.value):
        return
    source = "the data block" if figure(item.previous) else (
        f"the appendix, {plan.appendix.columns.previous or 'previous year'}")
    sign = "+" if recomputed > 0 else ""
    out.append(Finding(
        rule="delivery.change", severity="error",
        location=Location(path=f"delivery[{area.id}].data[{i}].change", area=area.id,
                          item=str(i), column="change"),
        message=f"Delivery plan, {area.title}, \"{item.label}\": the bracketed change "
                f"{item.change} does not recompute. {_pct(actual)} against {_pct(previous)} "
                f"({source}) is a change of {sign}{show(recomputed, stated.decimals)}; the "
                f"difference is {show(stated.value - recomputed, stated.decimals)}.",
        figures={"stated change": plain(stated.value), "actual": plain(actual.value),
                 "previous": plain(previous.value), "recomputed change": plain(recomputed)},
        difference=plain(round(stated.value - recomputed, 6))))


def _epqa_item(plan: Plan, area: ObjectiveArea, i: int, item, out) -> None:
    base = f"delivery[{area.id}].epqa[{i}]"
    name = f"Delivery plan, {area.title}, \"{item.label}\""
    mine = figure(item.score)
    if mine is None:
        return
    row = plan.epqa_row(item.epqa)
    if row is None:
        out.append(Finding(
            rule="delivery.indicator_unknown", severity="warning",
            location=Location(path=f"{base}.epqa", area=area.id, item=str(i)),
            message=f"{name} reports EPQA row {item.epqa!r}, which the plan's EPQA table does "
                    f"not have."))
        return
    where = Location(path=f"{base}.score", area=area.id, item=str(i), column=item.kind)
    theirs = figure(getattr(row, item.kind, None))
    if theirs is None:
        out.append(Finding(
            rule="delivery.epqa_not_in_table", severity="info", location=where,
            message=f"{name} quotes {show(mine.value, mine.decimals)}, but the EPQA table's "
                    f"{item.kind} score for \"{row.label}\" is empty.",
            figures={"data block": plain(mine.value)}))
        return
    verdict = _agree(mine, theirs)
    if verdict == "same":
        return
    figures = {"data block": plain(mine.value), "EPQA table": plain(theirs.value)}
    difference = plain(round(mine.value - theirs.value, 6))
    if verdict == "rounded":
        out.append(Finding(
            rule="delivery.rounded", severity="info", location=where,
            message=f"{name}: {show(mine.value, mine.decimals)} agrees with the EPQA table's "
                    f"{item.kind} score ({show(theirs.value, theirs.decimals)}) only when that "
                    f"is rounded.", figures=figures, difference=difference))
        return
    out.append(Finding(
        rule="delivery.epqa_vs_table", severity="error", location=where,
        message=f"{name}: {show(mine.value, mine.decimals)} differs from the EPQA table's "
                f"{item.kind} score for \"{row.label}\" ({show(theirs.value, theirs.decimals)})"
                f", a difference of {show(mine.value - theirs.value)}.",
        figures=figures, difference=difference))


def _actions(area: ObjectiveArea, out) -> None:
    if not area.actions and not area.actions_held_in.strip():
        out.append(Finding(
            rule="delivery.actions_missing", severity="warning",
            location=Location(path=f"delivery[{area.id}].actions", area=area.id),
            message=f"Delivery plan, {area.title}: no actions, and the plan does not say where "
                    f"they are kept."))
    for i, action in enumerate(area.actions):
        missing = [f for f in ("lead", "deadline") if not getattr(action, f).strip()]
        if missing and action.status.strip().lower() not in ("done", "dropped"):
            out.append(Finding(
                rule="delivery.action_incomplete", severity="warning",
                location=Location(path=f"delivery[{area.id}].actions[{i}]", area=area.id,
                                  item=str(i)),
                message=f"Delivery plan, {area.title}: the action \"{action.action}\" has no "
                        f"{' and no '.join(missing)}."))
