"""What the home page shows: the figures a youth justice service watches each quarter.

The headline indicators its management board and the YJB have followed since 2011 (first-time
entrants, proven reoffending, use of custody, remands to the secure estate), then the ten key
performance indicators reported to the YJB each quarter since April 2023. Each tile is one
measure of the catalogue; ``period`` says which period the tile shows:

- ``latest``: the reporting quarter (the latest quarter that has ended);
- ``latest_final``: the latest quarter whose figure is no longer provisional (reoffending
  cohorts are followed up for 12 months plus 6 months for outcomes, so the reporting quarter's
  cohort has barely begun).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tile:
    measure: str
    period: str = "latest"


HEADLINE = (
    Tile("headline.fte.count"),
    Tile("headline.reoffending.binary", period="latest_final"),
    Tile("headline.custody.share_of_disposals"),
    Tile("headline.remand.secure_episodes"),
)

KPIS = (
    Tile("kpi2023.accommodation.suitable"),
    Tile("kpi2023.ete.suitable"),
    Tile("kpi2023.send.with_plan"),
    Tile("kpi2023.mental_health.offered"),
    Tile("kpi2023.substance_misuse.offered"),
    Tile("kpi2023.ooc_completion.completed"),
    Tile("kpi2023.board_attendance.senior_attendance"),
    Tile("kpi2023.wider_services.any"),
    Tile("kpi2023.serious_violence.count"),
    Tile("kpi2023.victims.engaged"),
)

SECTIONS = (
    ("Headline indicators", HEADLINE),
    ("Key performance indicators from April 2023", KPIS),
)

#: Published comparator figures (``comparator_figure``) are entered per indicator; this says
#: which measure they are in, as the Youth Justice Statistics and the Ministry of Justice
#: publish them (first-time entrants per 100,000, the binary reoffending rate, custodial
#: sentences per 1,000, secure remands as a share of remand episodes).
COMPARATOR_MEASURES = {
    "headline.fte": "headline.fte.rate",
    "headline.reoffending": "headline.reoffending.binary",
    "headline.custody": "headline.custody.per_1000",
    "headline.remand": "headline.remand.secure_share",
}
