"""The home page, the indicator list and an indicator's page: who may open them, and that they
show the engine's figures, checked against the demo's figures worked out by hand."""

from __future__ import annotations

import time

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

ROLES = ["practitioner", "team_manager", "performance_officer", "head_of_service",
         "board_member", "case_auditor", "administrator"]
MAY_SEE_FIGURES = {"practitioner", "team_manager", "performance_officer", "head_of_service",
                   "board_member"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", ["/", "/indicators/", "/indicators/headline.fte/"])
def test_figures_pages_by_role(client_as, figures, role, url):  # noqa: F811
    response = client_as(role).get(url)
    assert response.status_code == (200 if role in MAY_SEE_FIGURES else 403)
    if response.status_code == 403:
        assert b"First-time entrants" not in response.content


def test_unknown_indicator_is_not_found(client_as, figures):  # noqa: F811
    assert client_as("performance_officer").get("/indicators/headline.nope/").status_code == 404


def _quarter(refresh) -> str:
    return [p for p in refresh.periods if p.endswith(("Q1", "Q2", "Q3", "Q4"))][-1]


def test_home_shows_first_time_entrants_as_counted_by_hand(client_as, figures):  # noqa: F811
    quarter = parse_period(_quarter(figures))
    previous = quarter.previous()
    now = len(first_time_entrants(quarter.start, quarter.end))
    before = len(first_time_entrants(previous.start, previous.end))
    root = page(client_as("performance_officer").get("/"))
    tile = root.find("section", **{"aria-labelledby": "tile-headline-fte"})
    assert tile.find("span", class_="yj-tile__number").text == str(now)
    assert f"First-time entrants, {quarter.label}" in tile.text
    facts = summary(tile)
    change = round((now - before) / before * 100, 1)
    expected = "no change" if change == 0 else f"{change:+.1f}%"
    assert facts[f"Change on {previous.label}"] == expected
    # the target is a reduction on the previous quarter: met only when lower, said in words
    met = "Met" if now < before else "Not met"
    assert facts["Target"] == f"year-on-year reduction ({before}): {met}"
    tag = tile.find("strong", class_="govuk-tag")
    assert tag.text.split(":")[0] in ("Green", "Amber", "Red")  # the colour is also text
    # what period it is and when the data was loaded
    text = root.text
    assert f"({quarter.label}): the latest quarter that has ended" in text
    assert "Case data last loaded" in text and "Figures computed" in text


def test_home_tile_has_chart_and_table(client_as, figures):  # noqa: F811
    response = client_as("head_of_service").get("/")
    root = page(response)
    tile = root.find("section", **{"aria-labelledby": "tile-headline-fte"})
    svg = tile.find("svg")
    assert svg.attrs["role"] == "img"
    assert svg.find("title").text == "First-time entrants: trend by quarter"
    assert "First-time entrants" in svg.find("desc").text
    rows = table(tile, "First-time entrants: by quarter")
    assert rows[0][:2] == ["Period", "Value"]
    assert [r[0] for r in rows[1:]] == [p for p in figures.periods if "Q" in p]
    assert b"style=" not in response.content  # the content security policy forbids it


def test_home_shows_published_comparators_beside_the_same_year(client_as, figures):  # noqa: F811
    from yjhub.casedata.models import Population

    text = page(client_as("performance_officer").get("/")).find(
        "section", **{"aria-labelledby": "tile-headline-fte"}).text
    year = parse_period("2023-24")
    fte = len(first_time_entrants(year.start, year.end))
    population = sum(Population.objects.filter(year=2023, age__gte=10, age__lte=17)
                     .values_list("population", flat=True))
    rate = f"{fte / population * 100_000:.1f}"
    # as entered in comparator_figure: England and Wales 150 per 100,000 in 2023-24
    assert ("England and Wales, 2023-24: 150 per 100,000 (this service: "
            f"{rate} per 100,000)") in text


def test_home_for_a_team(client_as, figures, demo):  # noqa: F811
    from yjhub.casedata.models import Team

    name = Team.objects.get(pk=demo.team_id).name
    response = client_as("team_manager").get("/", {"team": demo.team_id})
    root = page(response)
    assert root.find("h1").text == f"Performance: {name} team"
    bad = client_as("team_manager").get("/", {"team": "T99"})
    assert "Show figures for: Select a team from the list: T99 is not a team of the service" \
        in page(bad).find("div", class_="govuk-error-summary").text


def test_indicator_list_is_grouped_by_family(client_as, figures):  # noqa: F811
    from yjhub.indicators.catalogue import FAMILIES, catalogue

    root = page(client_as("board_member").get("/indicators/"))
    headings = [h.text for h in root.find_all("h2")]
    assert [h for h in headings if h in FAMILIES.values()] == list(FAMILIES.values())
    links = {a.attrs["href"] for a in root.find_all("a")}
    assert {f"/indicators/{i.id}/" for i in catalogue()} <= links


def test_indicator_page_definition_in_full(client_as, figures):  # noqa: F811
    from yjhub.indicators.catalogue import catalogue

    fte = catalogue().get("headline.fte")
    root = page(client_as("practitioner").get("/indicators/headline.fte/"))
    text = root.text
    for words in (fte.wording, fte.notes, fte.source, fte.measures[0].numerator.text,
                  fte.measures[1].denominator.text, "2011.1",
                  "the date of the child's first substantive outcome"):
        assert " ".join(words.split()) in text


def test_indicator_page_breakdown_by_sex_as_counted_by_hand(client_as, figures):  # noqa: F811
    from yjhub.casedata.models import Child

    year = parse_period("2025-26")
    entrants = first_time_entrants(year.start, year.end)
    sexes = dict(Child.objects.filter(pk__in=entrants).values_list("child_id", "sex"))
    response = client_as("performance_officer").get(
        "/indicators/headline.fte/", {"period": "2025-26", "measure": "count"})
    root = page(response)
    rows = {r[0]: r for r in table(root, "By sex, 2025-26")[1:]}
    for code, label in (("F", "Female"), ("M", "Male")):
        assert rows[label][1] == str(sum(1 for s in sexes.values() if s == code))
    # the headline figure and its trend by year
    assert root.find("span", class_="yj-figure__number").text == str(len(entrants))
    trend = table(root, "First-time entrants")
    assert [r[0] for r in trend[1:]] == [p for p in figures.periods if "Q" not in p]
    assert trend[-1][1] == str(len(entrants))


def test_indicator_page_custody_share_as_counted_by_hand(client_as, figures):  # noqa: F811
    from yjhub.casedata.models import Child, Outcome

    year = parse_period("2025-26")
    born = dict(Child.objects.values_list("child_id", "date_of_birth"))
    court = [(tier, day, child) for tier, day, child in Outcome.objects.filter(
        court=True, outcome_date__range=(year.start, year.end))
        .values_list("tier", "outcome_date", "child_id")
        if 10 <= age_on(born[child], day) <= 17]
    custody = sum(1 for tier, _, _ in court if tier == "custody")
    response = client_as("head_of_service").get(
        "/indicators/headline.custody/", {"period": "2025-26", "measure": "share_of_disposals"})
    facts = summary(page(response))
    assert facts["Numerator"].startswith(f"{custody}:")
    assert facts["Denominator"].startswith(f"{len(court):,}:")
    value = custody / len(court) * 100
    assert page(response).find("span", class_="yj-figure__number").text == f"{value:.1f}%"


def test_indicator_page_kpi1_as_counted_by_hand(client_as, figures):  # noqa: F811
    from yjhub.casedata.models import InterventionProgramme, ProgrammeStatus

    year = parse_period("2025-26")
    last = {}  # child -> the last programme that ended in the year (ties as the KPI says)
    for p in InterventionProgramme.objects.filter(end_date__range=(year.start, year.end)):
        rank = (p.end_date, p.start_date, p.programme_id)
        if p.child_id not in last or rank > last[p.child_id][0]:
            last[p.child_id] = (rank, p.programme_id)
    suitable = set(ProgrammeStatus.objects.filter(
        stage="end", accommodation_suitable=True,
        programme_id__in=[pid for _, pid in last.values()]).values_list("programme_id",
                                                                       flat=True))
    numerator = sum(1 for _, pid in last.values() if pid in suitable)
    response = client_as("performance_officer").get(
        "/indicators/kpi2023.accommodation/", {"period": "2025-26"})
    facts = summary(page(response))
    assert facts["Numerator"].startswith(f"{numerator}:")
    assert facts["Denominator"].startswith(f"{len(last)}:")


def test_an_indicator_out_of_use_keeps_its_trend_only(client_as, figures):  # noqa: F811
    year = parse_period("2025-26")
    entrants = first_time_entrants(year.start, year.end)
    root = page(client_as("performance_officer").get("/indicators/yjb2006.fte/",
                                                      {"period": "2025-26"}))
    assert root.find("span", class_="yj-figure__number").text == str(len(entrants))
    assert "This indicator went out of use on 31 March 2008, so only its trend is kept" \
        in root.text
    assert not any(c.text.startswith("By ") for c in root.find_all("caption"))


def test_bad_period_and_measure_say_what_is_wrong(client_as, figures):  # noqa: F811
    response = client_as("performance_officer").get(
        "/indicators/headline.fte/", {"period": "2099-00 Q9", "measure": "speed"})
    assert response.status_code == 200
    errors = page(response).find("div", class_="govuk-error-summary").text
    assert "Period: Select a period from the list: 2099-00 Q9 is not a period with figures" \
        in errors
    assert "Measure: Select a measure from the list: speed is not a measure of this indicator" \
        in errors
    assert "(error)" in page(response).find("title").text
    # the page still shows the default figure (the reporting quarter's first measure)
    assert page(response).find("span", class_="yj-figure__number") is not None


def test_pages_are_fast_with_a_warm_cache(client_as, figures, django_assert_max_num_queries):  # noqa: F811
    client = client_as("head_of_service")
    timings = {}
    for url in ("/", "/indicators/headline.fte/", "/indicators/"):
        client.get(url)  # warm: the template cache, the tiles' rendered fragment
        started = time.perf_counter()
        for _ in range(10):
            with django_assert_max_num_queries(20):
                assert client.get(url).status_code == 200
        timings[url] = (time.perf_counter() - started) / 10 * 1000
    print("render times (ms, mean of 10, warm cache):",
          {url: round(ms, 1) for url, ms in timings.items()})
    assert all(ms < 1000 for ms in timings.values()), timings
