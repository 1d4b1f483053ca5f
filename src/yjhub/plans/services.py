"""Writes of plans: each save stores the plan file, keeps the previous one as a version, and
writes an audit event (old -> new values of what changed) in the same transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from yjhub.audit.services import audit_event_record
from yjhub.plans.fileformat import dump_plan, load_plan
from yjhub.plans.model import Plan, Review, Signature
from yjhub.plans.models import PlanRecord, PlanVersion

AUDIT_TABLE = "plan"
#: Old and new texts longer than this are cut in the audit event (the version keeps them whole).
AUDIT_TEXT = 500


def _short(value) -> object:
    if isinstance(value, str) and len(value) > AUDIT_TEXT:
        return value[:AUDIT_TEXT] + "…"
    return value


def _user(user):
    return user if getattr(user, "is_authenticated", False) else None


def plan_create(*, user, plan: Plan, what: str, request=None) -> PlanRecord:
    """A new plan record from ``plan`` (version 1)."""
    now = timezone.now()
    text = dump_plan(plan)
    with transaction.atomic():
        record = PlanRecord.objects.create(
            service=plan.meta.service, period=plan.meta.period,
            title=plan.meta.title or f"Youth Justice Plan {plan.meta.period}",
            template_id=plan.meta.template.id, status=plan.meta.status, text=text, version=1,
            created_at=now, created_by=_user(user), updated_at=now, updated_by=_user(user))
        PlanVersion.objects.create(plan=record, number=1, text=text, saved_at=now,
                                   saved_by=_user(user), what=what[:300])
        audit_event_record(user=user, action="create", table=AUDIT_TABLE, record_id=record.pk,
                           changes={"title": [None, record.title],
                                    "period": [None, record.period]},
                           detail=f"Plan {record.pk} created: {what}", request=request)
    return record


def plan_save(*, user, record: PlanRecord, plan: Plan, what: str, changes: dict,
              request=None) -> PlanRecord:
    """Saves ``plan`` as the record's next version. ``changes``: what changed, as
    ``{where: [old, new]}`` for the audit event. Nothing is saved when nothing changed."""
    text = dump_plan(plan)
    with transaction.atomic():
        locked = PlanRecord.objects.select_for_update().get(pk=record.pk)
        if text == locked.text:
            return locked
        now = timezone.now()
        locked.version += 1
        locked.text = text
        locked.title = plan.meta.title or locked.title
        locked.period = plan.meta.period
        locked.status = plan.meta.status
        locked.service = plan.meta.service
        locked.template_id = plan.meta.template.id
        locked.updated_at = now
        locked.updated_by = _user(user)
        locked.save()
        PlanVersion.objects.create(plan=locked, number=locked.version, text=text,
                                   saved_at=now, saved_by=_user(user), what=what[:300])
        audit_event_record(
            user=user, action="update", table=AUDIT_TABLE, record_id=locked.pk,
            changes={k: [_short(old), _short(new)] for k, (old, new) in changes.items()}
            | {"version": [locked.version - 1, locked.version]},
            detail=f"Plan {locked.pk} version {locked.version}: {what}", request=request)
    return locked


def plan_section_update(*, user, record: PlanRecord, plan: Plan, section_id: str,
                        answers: dict[str, str], narrative: str | None,
                        request=None) -> PlanRecord:
    section = plan.section(section_id)
    changes = {}
    for prompt in section.prompts:
        new = answers.get(prompt.id, prompt.answer)
        if new != prompt.answer:
            changes[f"sections.{section_id}.prompts.{prompt.id}.answer"] = [prompt.answer, new]
            prompt.answer = new
    if narrative is not None and narrative != section.narrative:
        changes[f"sections.{section_id}.narrative"] = [section.narrative, narrative]
        section.narrative = narrative
    return plan_save(user=user, record=record, plan=plan, changes=changes, request=request,
                     what=f"section {section.number} {section.title}".strip())


def plan_area_update(*, user, record: PlanRecord, plan: Plan, area_id: str, overview: str,
                     request=None) -> PlanRecord:
    area = plan.area(area_id)
    changes = {}
    if overview != area.overview:
        changes[f"delivery.{area_id}.overview"] = [area.overview, overview]
        area.overview = overview
    return plan_save(user=user, record=record, plan=plan, changes=changes, request=request,
                     what=f"delivery plan: {area.title}")


def plan_table_update(*, user, record: PlanRecord, plan: Plan, table_id: str,
                      values: dict[tuple[str, str], object], what: str = "",
                      request=None) -> PlanRecord:
    """Sets the cells ``values`` ({(row id, column id): value}) of one table."""
    table = plan.tables[table_id]
    changes = {}
    for row in table.rows:
        for column in table.columns:
            if (row.id, column.id) not in values:
                continue
            new = values[(row.id, column.id)]
            old = row.values.get(column.id)
            if new != old:
                changes[f"tables.{table_id}.{row.id}.{column.id}"] = [old, new]
                if new is None:
                    row.values.pop(column.id, None)
                else:
                    row.values[column.id] = new
    return plan_save(user=user, record=record, plan=plan, changes=changes, request=request,
                     what=what or f"table {table_id}")


def plan_signoff_update(*, user, record: PlanRecord, plan: Plan, reviews: list[Review],
                        signatures: list[Signature], request=None) -> PlanRecord:
    changes = {}
    if reviews != plan.reviews:
        changes["reviews"] = [[_row(r) for r in plan.reviews], [_row(r) for r in reviews]]
        plan.reviews = reviews
    if signatures != plan.signatures:
        changes["signatures"] = [[_row(s) for s in plan.signatures],
                                 [_row(s) for s in signatures]]
        plan.signatures = signatures
    return plan_save(user=user, record=record, plan=plan, changes=changes, request=request,
                     what="reviews (Table B) and sign-off (Table C)")


def _row(obj) -> str:
    return " | ".join(str(v) for v in obj.__dict__.values() if v not in ("", None, False))


@dataclass
class Refreshed:
    record: PlanRecord
    report: object  # yjhub.plans.fill.FillReport


def plan_refresh_from_data(*, user, record: PlanRecord, plan: Plan, period: str | None = None,
                           as_of: dt.date | None = None, request=None) -> Refreshed:
    """Fills the plan's appendix, data blocks and trend charts from the app's data (a snapshot
    of the case tables, without names) and saves it."""
    from yjhub.performance.selectors import data_version_current
    from yjhub.performance.services import snapshot_source
    from yjhub.plans.fill import plan_fill

    before = {r.id: (r.previous, r.current, r.target) for r in plan.appendix.rows}
    snapshot = f"app database ({data_version_current()})"
    report = plan_fill(plan, snapshot_source(), period, snapshot=snapshot,
                       as_of=as_of or timezone.localdate())
    changes = {}
    for row in plan.appendix.rows:
        now = (row.previous, row.current, row.target)
        if before.get(row.id) != now:
            changes[f"appendix.{row.id}"] = [list(before[row.id]) if row.id in before else None,
                                             list(now)]
    saved = plan_save(user=user, record=record, plan=plan, changes=changes, request=request,
                      what=f"figures refreshed from data: {report.describe()}")
    return Refreshed(saved, report)


def plan_upload(*, user, text: str, filename: str, request=None) -> PlanRecord:
    """A plan file uploaded as a new plan. Raises ``PlanFormatError`` (naming the file, the
    path inside it and the value) and writes nothing when it cannot be read."""
    from yjhub.plans.fileformat import PlanFormatError

    try:
        plan = load_plan(text if "\n" in text else text + "\n")
    except PlanFormatError as error:
        raise PlanFormatError(filename, error.problems) from None
    return plan_create(user=user, plan=plan, what=f"uploaded from {filename}", request=request)
