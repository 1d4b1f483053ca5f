"""Board members see aggregate figures only: no child's identity, and no number of 1 to 4 or
anything that would let one be worked out."""

from __future__ import annotations

import re

import pytest

from tests.web.performance_support import (
    age_on,
    figures,  # noqa: F401 (a fixture)
    first_time_entrants,
    page,
    summary,
    table,
)
from yjhub.indicators.periods import parse_period

pytestmark = pytest.mark.django_db


def _small_group(refresh):
    """A quarter of the cache and an ethnic group with 1 to 4 first-time entrants in it,
    counted by hand; with every group's count."""
    from yjhub.casedata.models import Child

    for label in reversed([p for p in refresh.periods if "Q" in p]):
        period = parse_period(label)
        entrants = first_time_entrants(period.start, period.end)
        groups = {}
        for group in Child.objects.filter(pk__in=entrants).values_list("ethnic_group",
                                                                       flat=True):
            groups[group or "not recorded"] = groups.get(group or "not recorded", 0) + 1
        small = [g for g, n in groups.items() if 1 <= n <= 4]
        if small:
            return label, small[0], groups
    raise AssertionError("the demo has no small group of first-time entrants")


def test_small_group_is_withheld_with_another_that_would_give_it_away(client_as, figures):  # noqa: F811
    from yjhub.performance.display import group_label

    quarter, small, groups = _small_group(figures)
    url = "/indicators/headline.fte/"
    query = {"period": quarter, "measure": "count"}
    board = {r[0]: r for r in table(page(client_as("board_member").get(url, query)),
                                    f"By ethnic group, {quarter}")[1:]}
    label = group_label("ethnicity", small)
    assert board[label][1] == "Withheld"
    withheld = [g for g in groups if board[group_label("ethnicity", g)][1] == "Withheld"]
    assert len(withheld) >= 2  # the total is shown, so one hidden group alone would show
    assert sum(groups[g] for g in withheld) >= 5
    for group, count in groups.items():  # what is shown is the true count, never 1 to 4
        cell = board[group_label("ethnicity", group)][1]
        assert cell == "Withheld" or (cell == str(count) and count >= 5)
    # staff see the number, flagged
    staff = {r[0]: r for r in table(page(client_as("performance_officer").get(url, query)),
                                    f"By ethnic group, {quarter}")[1:]}
    assert staff[label][1] == str(groups[small])
    assert "Fewer than 5" in staff[label][-1]


def test_no_number_from_1_to_4_on_a_board_members_pages(client_as, figures):  # noqa: F811
    client = client_as("board_member")
    pages = [client.get("/")] + [
        client.get(f"/indicators/{i}/", {"period": p})
        for i in ("headline.fte", "headline.custody", "kpi2023.accommodation")
        for p in figures.periods[-3:] + [figures.periods[11]]]
    for response in pages:
        root = page(response)
        for node in root.find_all("table"):
            heads = [th.text for th in node.find("tr").find_all("th")]
            for row in list(node.find_all("tr"))[1:]:
                cells = [c.text for c in row.children if not isinstance(c, str)]
                for head, cell in zip(heads, cells, strict=False):
                    if head in ("Numerator", "Denominator") or (
                            head == "Value" and not cell.endswith(("%", "100,000", "1,000"))):
                        assert cell not in ("1", "2", "3", "4"), (response.request, head, row.text)
        for row in root.find_all("div", class_="govuk-summary-list__row"):
            if row.find("dt").text in ("Numerator", "Denominator"):
                assert row.find("dd").text.split(":")[0] not in ("1", "2", "3", "4"), row.text
        for number in root.find_all("span", class_="yj-tile__number"):
            assert number.text not in ("1", "2", "3", "4")
        assert b"/children/" not in response.content  # no child's record, no children list


def test_small_custody_figure_withheld_everywhere(client_as, figures):  # noqa: F811
    from yjhub.casedata.models import Child, Outcome

    born = dict(Child.objects.values_list("child_id", "date_of_birth"))

    def custodial(label):
        period = parse_period(label)
        return sum(1 for child, day in Outcome.objects.filter(
            court=True, tier="custody", outcome_date__range=(period.start, period.end))
            .values_list("child_id", "outcome_date") if 10 <= age_on(born[child], day) <= 17)

    quarter = next(p for p in reversed(figures.periods) if "Q" in p and 1 <= custodial(p) <= 4)
    response = client_as("board_member").get(
        "/indicators/headline.custody/", {"period": quarter, "measure": "share_of_disposals"})
    root = page(response)
    assert root.find("span", class_="yj-figure__number").text == "Withheld"
    facts = summary(root)
    assert facts["Numerator"].startswith("Withheld:")
    assert facts["95% confidence interval"] == "Not shown"
    assert facts[f"Change on {parse_period(quarter).previous().label}"] == "Not shown"
    trend = {r[0]: r for r in table(root, "Custodial sentences as a share")[1:]}
    assert trend[quarter][1] == "Withheld"
    # and the chart leaves the point out: its description says so
    desc = root.find("desc").text
    assert re.search(rf"{re.escape(quarter)}: Withheld", desc)
    # staff see it
    staff = summary(page(client_as("head_of_service").get(
        "/indicators/headline.custody/", {"period": quarter, "measure": "share_of_disposals"})))
    assert staff["Numerator"].startswith(f"{custodial(quarter)}:")


@pytest.mark.parametrize("role", ["board_member", "case_auditor", "administrator"])
def test_no_children_list_for_roles_without_case_access(client_as, figures, role):  # noqa: F811
    response = client_as(role).get("/indicators/headline.fte/children/")
    assert response.status_code == 403
    assert not re.search(rb"/children/C\d+/", response.content)  # no child's record named
