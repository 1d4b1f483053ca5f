"""Template filters of the account pages."""

from __future__ import annotations

from datetime import timedelta

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def from_now(delta: timedelta | None):
    """The local time ``delta`` from now (for "try again after ...")."""
    if delta is None:
        return None
    return timezone.localtime(timezone.now() + delta)


@register.filter
def duration_words(delta: timedelta | None) -> str:
    """``1 hour``, ``30 minutes``, ``1 hour 30 minutes``."""
    if delta is None:
        return ""
    minutes = round(delta.total_seconds() / 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes or not parts:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)


@register.filter
def govuk_time(value) -> str:
    """``3:05pm`` (GOV.UK style: no dots, no leading zero), in local time."""
    if value is None:
        return ""
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    hour = value.hour % 12 or 12
    return f"{hour}:{value:%M}{'am' if value.hour < 12 else 'pm'}"


@register.filter
def govuk_date(value, short: str = "") -> str:
    """``4 March 2026`` (or ``4 Mar 2026`` with ``short``), in local time."""
    if value is None:
        return ""
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value.day} {value:%b %Y}" if short else f"{value.day} {value:%B %Y}"
