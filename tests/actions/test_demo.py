"""The demo action plan loaded by ``yjhub setup --demo``."""

from __future__ import annotations

import datetime as dt

import pytest

from yjhub.actions.demo import actions_demo_load
from yjhub.actions.models import Action, Plan, ProgressUpdate
from yjhub.actions.selectors import actions_overdue

pytestmark = pytest.mark.django_db


def test_the_demo_plan_loads_once_with_progress_up_to_the_day():
    """On 1 August 2026, 8 of data/demo.yaml's progress updates have happened (two for the
    board protocol, one each for the board profile, the assessment lists, the dip sample, the
    out-of-court panel, the recruitment and victim contact). The one action overdue is the
    recruitment: due by the end of July (read from "July 2026"), still in progress."""
    loaded = actions_demo_load(today=dt.date(2026, 8, 1))
    assert loaded == ["action plan (12 actions, 8 progress updates)"]
    assert Plan.objects.count() == 1 and Action.objects.count() == 12
    assert ProgressUpdate.objects.count() == 8
    overdue = list(actions_overdue(as_at=dt.date(2026, 8, 1)))
    assert [a.text for a in overdue] == ["Recruit to the two vacant case manager posts"]
    assert overdue[0].rag == "red"
    done = Action.objects.get(text__startswith="Agree a board attendance protocol")
    assert (done.status, done.completed_on) == ("done", dt.date(2026, 6, 25))
    assert actions_demo_load(today=dt.date(2026, 8, 1)) == []  # already there: nothing added
