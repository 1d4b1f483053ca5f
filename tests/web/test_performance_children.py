"""The children behind a figure: all of them for the service-wide roles, only the team's for
team roles (with a count of those not shown), each view recorded in the audit trail."""

from __future__ import annotations

import pytest

from tests.web.performance_support import (
    figures,  # noqa: F401 (a fixture)
    first_time_entrants,
    page,
    summary,
    table,
)
from yjhub.indicators.periods import parse_period

pytestmark = pytest.mark.django_db

URL = "/indicators/headline.fte/children/"


def _listed(client, query) -> tuple[list[str], list]:
    """Every child id listed over all pages, and the responses."""
    ids, responses, number = [], [], 1
    while True:
        response = client.get(URL, {**query, "page": number})
        responses.append(response)
        root = page(response)
        try:
            rows = table(root, "Children counted in the figure")[1:]
        except AssertionError:
            return ids, responses
        ids += [r[1] for r in rows]
        if root.find("a", rel="next") is None:
            return ids, responses
        number += 1


def test_performance_officer_sees_every_child_behind_the_figure(client_as, figures):  # noqa: F811
    from yjhub.audit.models import AuditEvent

    year = parse_period("2025-26")
    expected = first_time_entrants(year.start, year.end)
    client = client_as("performance_officer")
    ids, responses = _listed(client, {"period": "2025-26", "measure": "count"})
    assert sorted(ids) == sorted(expected)
    assert len(ids) == len(set(ids))
    root = page(responses[0])
    assert summary(root)["Numerator"].startswith(f"{len(expected)}:")
    assert "not shown because" not in root.text
    first = table(root, "Children counted in the figure")
    if len(expected) > 50:
        assert f"(1 to 50 of {len(expected)})" in root.find("caption").text
    # each row links to the child's record, with the date that put the child in the figure
    link = root.find("table").find("a")
    assert link.attrs["href"] == f"/children/{first[1][1]}/"
    assert first[1][2] == f"{expected[first[1][1]]:%-d %b %Y}"
    # one view event per page, naming the children on it
    events = AuditEvent.objects.filter(action="view", actor__username="test-performance_officer",
                                       detail__startswith="Children behind headline.fte.count")
    assert events.count() == len(responses)
    shown = sorted(c for e in events for c in e.changes["children"])
    assert shown == sorted(expected)
    event = events.order_by("id").first()
    assert event.table == "child" and event.path.startswith(URL)
    assert event.detail.startswith("Children behind headline.fte.count, 2025-26: ")


@pytest.mark.parametrize("role", ["team_manager", "practitioner"])
def test_team_roles_see_only_their_teams_children(client_as, figures, demo, role):  # noqa: F811
    from yjhub.accounts.models import User
    from yjhub.audit.models import AuditEvent
    from yjhub.casedata.selectors import children_visible

    year = parse_period("2025-26")
    expected = first_time_entrants(year.start, year.end)
    user = User.objects.get(username=f"test-{role}")
    visible = set(children_visible(user=user).filter(pk__in=expected)
                  .values_list("child_id", flat=True))
    assert 0 < len(visible) < len(expected)  # the demo's team has some, not all
    ids, responses = _listed(client_as(role), {"period": "2025-26", "measure": "count"})
    assert set(ids) == visible
    assert demo.child_elsewhere not in ids
    hidden = len(expected) - len(visible)
    text = page(responses[0]).text
    assert f"{hidden} children are not shown because they are outside the children you may " \
           f"see" in text
    # the figure itself is the service's, not only the team's
    assert summary(page(responses[0]))["Numerator"].startswith(f"{len(expected)}:")
    event = AuditEvent.objects.filter(action="view", actor=user).latest("id")
    assert set(event.changes["children"]) <= visible
    assert f"{hidden} outside the user's scope not shown" in event.detail


def test_ratio_lists_the_denominator_with_who_is_in_the_numerator(client_as, figures):  # noqa: F811
    from yjhub.casedata.models import InterventionProgramme

    year = parse_period("2025-26")
    cohort = set(InterventionProgramme.objects.filter(
        end_date__range=(year.start, year.end)).values_list("child_id", flat=True))
    response = client_as("head_of_service").get(
        "/indicators/kpi2023.accommodation/children/", {"period": "2025-26"})
    root = page(response)
    rows = table(root, "Children counted in the figure")
    assert rows[0] == ["Child", "Child ID", "Date counted", "In the numerator",
                       "In the denominator"]
    assert all(r[4] == "Yes" for r in rows[1:])
    assert {r[3] for r in rows[1:]} <= {"Yes", "No"}
    facts = summary(root)
    assert facts["Denominator"].startswith(f"{len(cohort)}:")
    numerator = int(facts["Numerator"].split(":")[0])
    assert 0 < numerator < len(cohort)


def test_a_figure_about_board_places_has_no_children(client_as, figures):  # noqa: F811
    from yjhub.audit.models import AuditEvent

    before = AuditEvent.objects.count()
    response = client_as("performance_officer").get(
        "/indicators/kpi2023.board_attendance/children/")
    assert response.status_code == 200
    assert "there are no children behind its figures" in page(response).text
    assert AuditEvent.objects.count() == before  # nobody was shown


def test_bad_input_names_the_field_and_value(client_as, figures):  # noqa: F811
    from yjhub.audit.models import AuditEvent

    before = AuditEvent.objects.count()
    response = client_as("performance_officer").get(URL, {"period": "last year"})
    errors = page(response).find("div", class_="govuk-error-summary").text
    assert "Period: Select a period from the list: last year is not a period with figures" \
        in errors
    assert b"Children counted in the figure" not in response.content
    assert AuditEvent.objects.count() == before
    assert client_as("performance_officer").get(
        "/indicators/headline.nope/children/").status_code == 404
