"""Writes to risk registers. Each runs in one transaction and writes its audit event; every
change of a risk's scores also writes a ``RiskScoreChange`` effective on the day given (today
by default), so the register as at an earlier date can be rebuilt."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from yjhub.audit.services import audit_event_record
from yjhub.risks.models import SCORE_FIELDS, Register, Risk, RiskScoreChange
from yjhub.risks.workbook import RegisterBook

REGISTER_FIELDS = ("name", "service_id", "scale_max", "direction", "rule", "key_text")
RISK_FIELDS = ("ref", "title", "causes", "consequences", "owner", "impact", "likelihood",
               "score_written", "current_controls", "further_actions", "residual_impact",
               "residual_likelihood", "residual_score_written", "review_date", "closed_on")


class RegisterError(ValueError):
    """A change that cannot be made, in words for the user."""


def _plain(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def _history_record(*, risk: Risk, on: dt.date, user) -> RiskScoreChange:
    return RiskScoreChange.objects.create(
        risk=risk, effective_on=on, user=user if user and user.is_authenticated else None,
        **{f: getattr(risk, f) for f in SCORE_FIELDS})


def _check_levels(register: Register, data: dict) -> None:
    top = register.scale_max
    for name in ("impact", "likelihood", "residual_impact", "residual_likelihood"):
        value = data.get(name)
        if value is not None and not 1 <= value <= top:
            raise RegisterError(f"{name.replace('_', ' ').capitalize()} {value} is outside "
                                f"the register's scale (1 to {top})")


@transaction.atomic
def register_create(*, user, name: str, scale_max: int = 5, direction: str = "high",
                    rule: str = "product", service_id: str = "", key_text: str = "",
                    request=None) -> Register:
    if Register.objects.filter(name=name).exists():
        raise RegisterError(f"A register called {name!r} already exists")
    register = Register.objects.create(name=name, scale_max=scale_max, direction=direction,
                                       rule=rule, service_id=service_id, key_text=key_text)
    audit_event_record(user=user, action="create", table="risk_register",
                       record_id=register.pk, request=request,
                       changes={f: [None, _plain(getattr(register, f))]
                                for f in REGISTER_FIELDS},
                       detail=f"Risk register {name}")
    return register


@transaction.atomic
def register_update(*, user, register: Register, data: dict, request=None) -> Register:
    register = Register.objects.select_for_update().get(pk=register.pk)
    changes = {f: [getattr(register, f), data[f]] for f in REGISTER_FIELDS
               if f in data and getattr(register, f) != data[f]}
    if "name" in changes and Register.objects.filter(name=data["name"]) \
            .exclude(pk=register.pk).exists():
        raise RegisterError(f"A register called {data['name']!r} already exists")
    if "scale_max" in changes:
        highest = register.risks.aggregate(
            a=Max("impact"), b=Max("likelihood"), c=Max("residual_impact"),
            d=Max("residual_likelihood"))
        top = max([v for v in highest.values() if v is not None], default=0)
        if top > data["scale_max"]:
            raise RegisterError(f"The register has levels up to {top}: change them before "
                                f"making the scale 1 to {data['scale_max']}")
    for f, (_old, new) in changes.items():
        setattr(register, f, new)
    if changes:
        register.save()
        audit_event_record(user=user, action="update", table="risk_register",
                           record_id=register.pk, request=request, changes=changes,
                           detail=f"Risk register {register.name}")
    return register


@transaction.atomic
def risk_create(*, user, register: Register, data: dict, on: dt.date | None = None,
                request=None) -> Risk:
    on = on or timezone.localdate()
    _check_levels(register, data)
    if register.risks.filter(ref=data["ref"]).exists():
        raise RegisterError(f"The register already has a risk {data['ref']}")
    position = (register.risks.aggregate(p=Max("position"))["p"] or 0) + 1
    risk = Risk.objects.create(register=register, position=position,
                               **{f: data[f] for f in RISK_FIELDS if f in data})
    _history_record(risk=risk, on=on, user=user)
    audit_event_record(user=user, action="create", table="risk", record_id=risk.pk,
                       request=request, detail=f"{register.name}: risk {risk.ref}",
                       changes={f: [None, _plain(getattr(risk, f))] for f in RISK_FIELDS})
    return risk


@transaction.atomic
def risk_update(*, user, risk: Risk, data: dict, on: dt.date | None = None,
                request=None) -> Risk:
    """Change a risk. A change to its scores (or closing it) is kept in its history, effective
    ``on`` (today by default)."""
    on = on or timezone.localdate()
    risk = Risk.objects.select_for_update().select_related("register").get(pk=risk.pk)
    _check_levels(risk.register, data)
    changes = {f: [getattr(risk, f), data[f]] for f in RISK_FIELDS
               if f in data and getattr(risk, f) != data[f]}
    if "ref" in changes and risk.register.risks.filter(ref=data["ref"]) \
            .exclude(pk=risk.pk).exists():
        raise RegisterError(f"The register already has a risk {data['ref']}")
    if not changes:
        return risk
    for f, (_old, new) in changes.items():
        setattr(risk, f, new)
    risk.save()
    if set(changes) & set(SCORE_FIELDS):
        _history_record(risk=risk, on=on, user=user)
    audit_event_record(user=user, action="update", table="risk", record_id=risk.pk,
                       request=request, detail=f"{risk.register.name}: risk {risk.ref}",
                       changes={f: [_plain(o), _plain(n)] for f, (o, n) in changes.items()})
    return risk


@transaction.atomic
def register_import(*, user, book: RegisterBook, file_name: str = "",
                    request=None) -> Register:
    """Load a register read from a workbook, whole or not at all. Its scores take effect on the
    workbook's "As at" date (today when it gives none)."""
    if not book.ok:
        raise RegisterError("the workbook has problems: nothing was loaded")
    on = book.as_at or timezone.localdate()
    if Register.objects.filter(name=book.name).exists():
        raise RegisterError(f"A register called {book.name!r} already exists: rename it in "
                            "the workbook's Register sheet, or rename the one here")
    register = Register.objects.create(
        name=book.name, service_id=book.service_id, scale_max=book.scale.maximum,
        direction=book.scale.direction, rule=book.scale.rule, key_text=book.key_text)
    for position, row in enumerate(book.risks, start=1):
        risk = Risk.objects.create(register=register, position=position,
                                   **{f: getattr(row, f) for f in RISK_FIELDS})
        _history_record(risk=risk, on=on, user=user)
    # "create", not "import": an import event marks the case data as changed (and so the
    # performance figures as out of date); a register is not case data
    audit_event_record(user=user, action="create", table="risk_register",
                       record_id=register.pk, request=request,
                       changes={f: [None, _plain(getattr(register, f))]
                                for f in REGISTER_FIELDS},
                       detail=f"Risk register {register.name}: {len(book.risks)} risks from "
                              f"{file_name or 'a workbook'}, as at {on.isoformat()}")
    return register
