"""The results cache: the data version follows every change to the data, a page that finds
the cache older than the data shows the cached figures with a notice and starts one refresh,
and the refreshed figures include the change."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.web.performance_support import (
    INDICATORS,
    figures,  # noqa: F401 (a fixture)
    first_time_entrants,
    page,
)
from yjhub.indicators.periods import parse_period

pytestmark = pytest.mark.django_db


def _quarter(refresh):
    return parse_period([p for p in refresh.periods if "Q" in p][-1])


def _fte_tile(client) -> tuple[str, str]:
    root = page(client.get("/"))
    tile = root.find("section", **{"aria-labelledby": "tile-headline-fte"})
    notice = root.find("div", class_="govuk-notification-banner")
    return tile.find("span", class_="yj-tile__number").text, notice.text if notice else ""


def _new_first_time_entrant(day: dt.date, user=None):
    """A child of 14 with a youth caution on ``day``, written with its audit events as the
    app's services do."""
    from django.db import transaction

    from yjhub.audit.services import audit_event_record
    from yjhub.casedata.models import Child, Outcome, Service

    with transaction.atomic():
        child = Child.objects.create(child_id="CTEST1", service=Service.objects.get(),
                                     given_name="Test", family_name="Entrant",
                                     date_of_birth=day.replace(year=day.year - 14), sex="F")
        Outcome.objects.create(outcome_id="OTEST1", child=child, outcome_date=day,
                               outcome_type="youth_caution", tier="pre_court",
                               substantive=True, court=False)
        audit_event_record(user=user, action="create", table="child", record_id="CTEST1",
                           child_id="CTEST1", changes={"child_id": [None, "CTEST1"]})
        audit_event_record(user=user, action="create", table="outcome", record_id="OTEST1",
                           child_id="CTEST1", changes={"outcome_id": [None, "OTEST1"]})


def test_data_version_follows_changes_not_views(figures):  # noqa: F811
    from django.utils import timezone

    from yjhub.audit.services import audit_event_record
    from yjhub.importing.models import ImportRun
    from yjhub.performance.selectors import data_version_current
    from yjhub.performance.services import data_version_bump

    first = data_version_current()
    audit_event_record(user=None, action="view", table="child", record_id="C1", child_id="C1")
    audit_event_record(user=None, action="update", table="", detail="a user's role changed")
    assert data_version_current() == first  # views and changes to other things do not count
    audit_event_record(user=None, action="update", table="outcome", record_id="O1",
                       changes={"tier": ["pre_court", "first_tier"]})
    second = data_version_current()
    assert second != first
    data_version_bump()
    third = data_version_current()
    assert third != second
    now = timezone.now()
    ImportRun.objects.create(started_at=now, finished_at=now, actor="test", source="x",
                             status="rejected")
    assert data_version_current() == third  # a rejected import wrote nothing
    ImportRun.objects.create(started_at=now, finished_at=now, actor="test", source="x",
                             status="loaded")
    assert data_version_current() != third


def test_a_change_shows_the_cached_figures_with_a_notice_then_the_new_ones(
        client_as, figures, django_capture_on_commit_callbacks):  # noqa: F811
    from yjhub.performance.models import ResultsRefresh
    from yjhub.performance.services import results_refresh

    quarter = _quarter(figures)
    before = len(first_time_entrants(quarter.start, quarter.end))
    client = client_as("performance_officer")
    assert _fte_tile(client) == (str(before), "")

    _new_first_time_entrant(quarter.start + dt.timedelta(days=10))
    assert len(first_time_entrants(quarter.start, quarter.end)) == before + 1

    with django_capture_on_commit_callbacks(execute=False) as started:
        number, notice = _fte_tile(client)
    assert len(started) == 1  # one refresh, started in the background once this commits
    assert number == str(before)  # the cached figure, not blocked on the refresh
    assert "The figures are being updated" in notice
    running = ResultsRefresh.objects.get(status="running")

    with django_capture_on_commit_callbacks(execute=False) as started_again:
        number, notice = _fte_tile(client_as("board_member"))
    assert started_again == []  # one is running: no second
    assert "The figures are being updated" in notice

    done = results_refresh(trigger="page", indicators=INDICATORS, refresh=running)
    assert done.status == "done", done.error
    assert _fte_tile(client) == (str(before + 1), "")


def test_a_failed_refresh_is_recorded_and_said(client_as, figures, monkeypatch):  # noqa: F811
    from yjhub.performance import services
    from yjhub.performance.selectors import cache_state

    services.data_version_bump()

    def broken(*args, **kwargs):
        raise RuntimeError("the engine fell over")

    monkeypatch.setattr(services, "_compute", broken)
    refresh = services.results_refresh(trigger="test")
    assert refresh.status == "failed"
    assert refresh.error == "RuntimeError: the engine fell over"
    state = cache_state()
    assert state.stale and state.failed == refresh
    assert not state.needs_refresh  # not retried on every page for the same data
    root = page(client_as("head_of_service").get("/"))
    notice = root.find("div", class_="govuk-notification-banner").text
    assert "These figures may be out of date" in notice
    assert "Updating them failed (RuntimeError: the engine fell over)" in notice


def test_only_one_refresh_at_a_time(figures):  # noqa: F811
    from yjhub.performance.services import (
        RefreshRunning,
        results_refresh,
        results_refresh_start,
    )

    assert results_refresh_start(trigger="test") is True
    assert results_refresh_start(trigger="test") is False
    with pytest.raises(RefreshRunning):
        results_refresh(trigger="command")


def test_refresh_command(figures, monkeypatch, capsys):  # noqa: F811
    from yjhub.cli.main import main
    from yjhub.performance import services

    real = services.results_refresh
    monkeypatch.setattr(services, "results_refresh",
                        lambda **kwargs: real(indicators=["headline.remand"], **kwargs))
    assert main(["indicators", "refresh"]) == 0
    out = capsys.readouterr().out
    assert "Computed 1 indicators for 17 periods in" in out
