"""Views of performance. Thin: reads through selectors, writes through services.

Every page reads figures from the results cache. When the cache is older than the data, the
page starts one refresh in the background and shows the figures it has with a notice.
"""

from __future__ import annotations

from functools import partial

from django.http import Http404, QueryDict
from django.shortcuts import render
from django.utils import timezone

from yjhub.indicators.catalogue import FAMILIES, PERIOD_RULES, POLARITIES, UNITS, catalogue
from yjhub.indicators.periods import parse_period
from yjhub.performance import selectors, services
from yjhub.performance.display import BREAKDOWN_TITLES
from yjhub.performance.forms import FigureForm, TeamForm
from yjhub.performance.periods import describe, reporting_periods
from yjhub.web.access import permission_required
from yjhub.web.fields import error_list
from yjhub.web.paging import paginate

CHILDREN_PER_PAGE = 50


def _state(request) -> tuple[selectors.CacheState, bool]:
    """The cache's state, and whether a refresh was started by this request."""
    state = selectors.cache_state()
    started = False
    if state.needs_refresh:
        started = services.results_refresh_start(trigger="page")
    return state, started


def _common(request, state, started) -> dict:
    service = selectors.service_shown()
    return {
        "state": state,
        "updating": state.stale and (started or state.running is not None),
        "service": service,
        "unit_id": service.service_id if service else "",
        "board": not selectors.sees_small_numbers(request.user),
        "last_import": selectors.import_latest(),
    }


@permission_required("dashboard_view")
def home(request):
    state, started = _state(request)
    context = _common(request, state, started)
    teams = selectors.team_names()
    form = TeamForm(request.GET if "team" in request.GET else None, teams=teams)
    team_id = form.cleaned_data["team"] if form.is_bound and form.is_valid() else ""
    sections = []
    if state.refresh is not None and context["service"] is not None:
        # called by the template only when its cached fragment is missing
        sections = partial(selectors.home_sections, state=state, unit_id=context["unit_id"],
                           board=context["board"], team_id=team_id, teams=teams)
    quarter = state.quarters[-1] if state.quarters else reporting_periods(
        timezone.localdate()).quarter.label
    context.update(form=form, errors=error_list(form, labelled=True), sections=sections,
                   team_id=team_id,
                   team_name=teams.get(team_id, ""),
                   quarter=describe(parse_period(quarter)))
    return render(request, "performance/home.html", context)


@permission_required("indicator_view")
def indicators(request):
    state, started = _state(request)
    context = _common(request, state, started)
    families = []
    if context["service"] is not None:
        # called by the template only when its cached fragment is missing
        families = partial(selectors.indicator_list, state=state, unit_id=context["unit_id"],
                           board=context["board"])
    context.update(families=families,
                   quarter=state.quarters[-1] if state.quarters else "")
    return render(request, "performance/indicators.html", context)


def _indicator_or_404(indicator_id: str):
    try:
        return catalogue().get(indicator_id)
    except KeyError:
        raise Http404("no such indicator") from None


def _figure_form(request, indicator, state, unit_id):
    """The period and measure form, bound to the request with defaults for what it leaves
    out: the reporting quarter and the first measure."""
    periods = state.periods or reporting_periods(timezone.localdate()).labels
    measures = selectors.measure_choices(indicator, state=state, unit_id=unit_id)
    defaults = {"period": state.quarters[-1] if state.quarters else periods[0],
                "measure": measures[0][0] if measures else ""}
    data = QueryDict(mutable=True)
    data.update(defaults)
    for key in ("period", "measure"):
        if key in request.GET:
            data[key] = request.GET[key]
    form = FigureForm(data, periods=periods, measures=measures)
    if form.is_valid():
        return form, form.cleaned_data["period"], form.cleaned_data["measure"]
    chosen = {k: (data[k] if k not in form.errors else defaults[k]) for k in defaults}
    return form, chosen["period"], chosen["measure"]


@permission_required("indicator_view")
def indicator(request, indicator_id):
    found = _indicator_or_404(indicator_id)
    state, started = _state(request)
    context = _common(request, state, started)
    form, period, measure_key = _figure_form(request, found, state, context["unit_id"])
    page = None
    if state.refresh is not None and context["service"] is not None and measure_key:
        # called by the template only when its cached fragment is missing
        page = partial(selectors.indicator_page, indicator=found, measure_key=measure_key,
                       period=period, state=state, unit_id=context["unit_id"],
                       board=context["board"])
    context.update(
        indicator=found, form=form, errors=error_list(form, labelled=True), page=page,
        period=period, measure_key=measure_key,
        family=FAMILIES[found.family],
        period_rule=PERIOD_RULES[found.period_rule],
        breakdown_titles=[BREAKDOWN_TITLES.get(b, b) for b in found.breakdowns],
        measures=[{"measure": m, "unit": UNITS[m.unit][0], "polarity": POLARITIES[m.polarity],
                   "target": m.target.describe() if m.target else ""}
                  for m in found.measures],
        children_allowed=request.user.has_perm("yjhub.indicator_children_view"),
    )
    return render(request, "performance/indicator.html", context)


@permission_required("indicator_children_view")
def indicator_children(request, indicator_id):
    found = _indicator_or_404(indicator_id)
    state, started = _state(request)
    context = _common(request, state, started)
    form, period, measure_key = _figure_form(request, found, state, context["unit_id"])
    key, _, dims = measure_key.partition("@")
    measure = found.measure(key) if key else found.measures[0]
    behind = None
    page = pagination = None
    if not form.errors and context["service"] is not None:
        behind = selectors.children_behind(user=request.user, indicator=found,
                                           measure=measure, period=period, dims=dims,
                                           unit_id=context["unit_id"])
        pagination = paginate(request, behind.rows, per_page=CHILDREN_PER_PAGE)
        page = pagination.page
        if page.object_list:
            services.children_list_view_record(
                request=request, indicator_id=found.id, measure_id=measure.id, period=period,
                child_ids=[c.child_id for c in page.object_list], hidden=behind.hidden)
    query = request.GET.copy()
    query.pop("page", None)
    context.update(indicator=found, measure=measure, form=form, behind=behind, page=page,
                   errors=error_list(form, labelled=True),
                   period=period, period_words=describe(parse_period(period)) if period else "",
                   query=query.urlencode(),
                   pagination=pagination)
    return render(request, "performance/indicator_children.html", context)
