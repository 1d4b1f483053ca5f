"""Teams, staff and children of one service."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from yjhub.synthetic import names, rates
from yjhub.synthetic.columns import NA, texts
from yjhub.synthetic.context import YEAR, Context, Rows
from yjhub.synthetic.draw import bern, choose, expand, vocabulary

PREVENTION, DIVERSION, SUBSTANTIVE = 0, 1, 2
ROUTES = ("prevention", "diversion", "substantive")
CASE_HOLDING = ("senior_practitioner", "practitioner")


@dataclass
class Staffing:
    """Who can hold cases: per team, the case-holding posts; per post, its holders in turn."""

    team_posts: np.ndarray  # team x max posts: post numbers (padded)
    team_post_count: np.ndarray
    post_bounds: np.ndarray  # post x (max holders - 1): last day of each holder but the last
    post_first_staff: np.ndarray  # staff row number of each post's first holder
    locality_teams: np.ndarray
    prevention_team: int  # -1 when the service has none

    def case_manager(self, rng: np.random.Generator, team: np.ndarray, when: np.ndarray
                     ) -> np.ndarray:
        """A case manager in post on ``when`` in each row's team (staff row numbers)."""
        slot = np.floor(rng.random(len(team)) * self.team_post_count[team]).astype(np.int64)
        post = self.team_posts[team, slot]
        holder = (when[:, None] > self.post_bounds[post]).sum(axis=1)
        return self.post_first_staff[post] + holder


def teams_and_staff(ctx: Context) -> tuple[Rows, Rows, Staffing]:
    rng, spec = ctx.rng, ctx.spec
    n_teams = len(spec.teams)
    opened = ctx.start - int(rng.integers(3 * 365, 10 * 365))
    team_rows = {
        "team_id": np.arange(1, n_teams + 1),
        "name": texts(spec.teams),
        "active_from": np.full(n_teams, opened),
        "active_to": np.full(n_teams, NA),
    }
    roles = vocabulary("staff_role")
    post_team, post_role = [], []
    for t in range(n_teams):
        size = int(rng.integers(6, 9))
        team_roles = ["operational_manager", "senior_practitioner",
                      *["practitioner"] * (size - 3), "administrative"]
        if t == 0:
            team_roles[-1] = "information_officer"
            team_roles.insert(0, "strategic_manager")
        post_team += [t] * len(team_roles)
        post_role += team_roles
    post_team = np.array(post_team)
    n_posts = len(post_team)
    holders = 1 + rng.binomial(2, 0.3, n_posts)
    max_holders = int(holders.max())
    # changes of holder fall inside the window; padded with "never"
    width = max(max_holders - 1, 1)
    bounds = np.sort(rng.integers(ctx.start, ctx.end, (n_posts, width)), axis=1)
    bounds += np.arange(width)[None, :]  # strictly increasing: every holder has a day
    bounds = np.where(np.arange(bounds.shape[1])[None, :] < (holders - 1)[:, None], bounds,
                      np.iinfo(np.int64).max)
    post, position = expand(holders)
    first_start = opened + rng.integers(0, ctx.start - opened, n_posts)
    starts = np.where(position == 0, first_start[post],
                      bounds[post, np.maximum(position - 1, 0)] + 1)
    ends = np.where(position == holders[post] - 1, NA,
                    bounds[post, np.minimum(position, bounds.shape[1] - 1)])
    n_staff = len(post)
    staff_rows = {
        "staff_id": np.arange(1, n_staff + 1),
        "team_id": post_team[post] + 1,
        "given_name": names.adult_names(rng, n_staff),
        "family_name": names.family_names(rng, n_staff),
        "role": roles.of(*post_role)[post],
        "start_date": starts,
        "end_date": ends,
    }
    first_staff = np.cumsum(holders) - holders
    holding = np.isin(np.array(post_role), CASE_HOLDING)
    posts_by_team = [np.flatnonzero(holding & (post_team == t)) for t in range(n_teams)]
    width = max(len(p) for p in posts_by_team)
    team_posts = np.zeros((n_teams, width), dtype=np.int64)
    for t, p in enumerate(posts_by_team):
        team_posts[t, : len(p)] = p
    prevention = [t for t, name in enumerate(spec.teams) if name.startswith("Prevention")]
    locality = [t for t in range(n_teams) if t not in prevention] or list(range(n_teams))
    staffing = Staffing(team_posts, np.array([len(p) for p in posts_by_team]), bounds,
                        first_staff, np.array(locality), prevention[0] if prevention else -1)
    return team_rows, staff_rows, staffing


@dataclass
class Children:
    n: int
    route: np.ndarray
    entry: np.ndarray  # first contact (prevention start, or first offence)
    dob: np.ndarray
    turns_18: np.ndarray
    boy: np.ndarray
    risk: np.ndarray  # latent need / risk, standard normal
    team: np.ndarray  # the locality team covering the child
    looked_after: np.ndarray
    send_need: np.ndarray
    send_plan: np.ndarray


def children(ctx: Context, staffing: Staffing) -> tuple[Rows, Children]:
    rng, spec = ctx.rng, ctx.spec
    n = spec.children
    route = choose(rng, rates.ROUTE_WEIGHTS, n)
    entry = rng.integers(ctx.start, ctx.end + 1, n)
    age = np.empty(n)
    boy = np.empty(n, dtype=bool)
    for r, name in enumerate(ROUTES):
        mask = route == r
        low, mode, high = rates.ENTRY_AGE[name]
        age[mask] = rng.triangular(low, mode, high, mask.sum())
        boy[mask] = bern(rng, rates.BOY_SHARE[name], int(mask.sum()))
    dob = entry - np.floor(age * YEAR).astype(np.int64)
    turns_18 = dob + np.floor(18 * YEAR).astype(np.int64) + 1

    groups = list(rates.ETHNIC_GROUP_WEIGHTS)
    group = choose(rng, rates.ETHNIC_GROUP_WEIGHTS, n)
    ethnicities = vocabulary("ethnicity")
    ethnicity = np.empty(n, dtype=np.int64)
    for g, name in enumerate(groups):
        mask = group == g
        ethnicity[mask] = ethnicities.choose_valid(rng, rates.ETHNICITY_WEIGHTS[name],
                                                   entry[mask])
    ethnic_groups = vocabulary("ethnic_group")
    group_of = ethnic_groups.of(*ethnicities.attribute("group", "not_known"))
    gender = vocabulary("gender")
    recorded = bern(rng, rates.GENDER_RECORDED, n)
    gender_code = np.where(recorded, gender.of("non_binary", "other", "not_stated", "boy",
                                               "girl")[rng.integers(0, 5, n)], -1)
    sexes = vocabulary("sex")
    risk = rng.standard_normal(n) + 0.4 * (route == SUBSTANTIVE) - 0.3 * (route == PREVENTION)
    looked_after = bern(rng, rates.LOOKED_AFTER * (1 + 0.3 * risk).clip(0.3, 2.5))
    send_need = bern(rng, rates.SEND_NEED, n)
    send_plan = send_need & bern(rng, rates.SEND_PLAN_GIVEN_NEED, n)
    team = staffing.locality_teams[rng.integers(0, len(staffing.locality_teams), n)]
    la = np.array(spec.local_authority_codes)
    rows = {
        "child_id": np.arange(1, n + 1),
        "given_name": names.given_names(rng, boy),
        "family_name": names.family_names(rng, n),
        "date_of_birth": dob,
        "sex": np.where(boy, sexes.index["M"], sexes.index["F"]),
        "gender": gender_code,
        "ethnicity": ethnicity,
        "ethnic_group": group_of[ethnicity],
        "home_local_authority": texts(la[rng.integers(0, len(la), n)]),
        "looked_after": looked_after,
        "send_need": send_need,
        "send_plan": send_plan,
    }
    kids = Children(n, route, entry, dob, turns_18, boy, risk, team, looked_after, send_need,
                    send_plan)
    return rows, kids
