"""The deadline parser on every deadline text of seeds 001 (Cheshire Appendix D) and 003 (Kent
improvement plan), with the dates worked out by hand from the rules in deadlines.py:

- a full date is that day; a month alone is due by its last day (30 June, 31 July...);
- "Mid" is the 15th, "End of" the last day; a month without a year is the first such month
  on or after the plan's start (Kent's plan starts 1 April 2008, so "Mid June" is 15 June 2008
  and "November" 30 November 2008);
- a range is due at its end; several dates that are not a range: the first.
"""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yjhub.actions.deadlines import Deadline, deadline_parse

D = date
CHESHIRE_START = D(2007, 4, 1)
KENT_START = D(2008, 4, 1)

# Every distinct deadline of seed 001's Appendix D.
CHESHIRE = [
    ("Quarterly", "recurring", None, "quarterly"),
    ("Monthly", "recurring", None, "monthly"),
    ("Ongoing", "ongoing", None, ""),
    ("ongoing", "ongoing", None, ""),
    ("To be agreed", "to_be_agreed", None, ""),
    ("01 March 2008", "date", D(2008, 3, 1), ""),
    ("01 June 2007", "date", D(2007, 6, 1), ""),
    ("01 August 2007", "date", D(2007, 8, 1), ""),
    ("01 October 2007", "date", D(2007, 10, 1), ""),
    ("01 July 2007", "date", D(2007, 7, 1), ""),
    ("01 September 2007", "date", D(2007, 9, 1), ""),
    ("30 June 2007", "date", D(2007, 6, 30), ""),
    ("30 April 2007", "date", D(2007, 4, 30), ""),
    ("01 April 2007", "date", D(2007, 4, 1), ""),
    ("01 January 2008", "date", D(2008, 1, 1), ""),
]

# Every deadline of seed 003's improvement plan (as transcribed in the Kent fixture).
KENT = [
    ("Mid June", "month", D(2008, 6, 15)),
    ("July meeting of the County Youth Justice Board", "text", D(2008, 7, 31)),
    ("July & August", "month", D(2008, 8, 31)),
    ("Mid October", "month", D(2008, 10, 15)),
    ("End of November", "month", D(2008, 11, 30)),
    ("November", "month", D(2008, 11, 30)),
    ("July meeting of the County YJB", "text", D(2008, 7, 31)),
    ("November 2008", "month", D(2008, 11, 30)),
    ("Training programme will follow implementation timetable", "text", None),
    ("February 2009", "month", D(2009, 2, 28)),
    ("Ongoing – first data set available in July", "ongoing", D(2008, 7, 31)),
    ("Ongoing as technical facility now available to each of the Officers", "ongoing", None),
    ("Ongoing as process now operational", "ongoing", None),
    ("End of October (a fit with the YOS Whole Service Review)", "text", D(2008, 10, 31)),
    ("May 2009 – report on re-offending rates achieved with the cohort drawn from January to "
     "March 2008", "text", D(2009, 5, 31)),
    ("Mid May 2008", "month", D(2008, 5, 15)),
    ("May 21st 2008", "date", D(2008, 5, 21)),
    ("September 2008", "month", D(2008, 9, 30)),
    ("May 2009", "month", D(2009, 5, 31)),
    ("End of June 2008", "month", D(2008, 6, 30)),
    ("July 2008", "month", D(2008, 7, 31)),
    ("July & August 2008", "month", D(2008, 8, 31)),
    ("October to December 2008", "month", D(2008, 12, 31)),
    ("May 2008", "month", D(2008, 5, 31)),
    ("August 2008", "month", D(2008, 8, 31)),
    ("End of August 2008", "month", D(2008, 8, 31)),
    ("October 2008", "month", D(2008, 10, 31)),
    ("End of April 2008", "month", D(2008, 4, 30)),
    ("Paper to the County YJB in July", "text", D(2008, 7, 31)),
    ("End of October 2008", "month", D(2008, 10, 31)),
    ("During 2008.09", "month", D(2009, 3, 31)),
    ("Ongoing", "ongoing", None),
    ("October 2008 – March 2009", "month", D(2009, 3, 31)),
    ("End of October", "month", D(2008, 10, 31)),
    ("Plan established by end of April 2008; then ongoing", "ongoing", D(2008, 4, 30)),
    ("October", "month", D(2008, 10, 31)),
    ("First meeting in July and then ongoing", "ongoing", D(2008, 7, 31)),
    ("To be determined", "to_be_agreed", None),
    ("Consider possibility as part of YJ Planning process (July 2008)", "text", D(2008, 7, 31)),
    ("As above – July 2008", "text", D(2008, 7, 31)),
    ("September 2008 onwards", "ongoing", None),
    ("County Youth Justice Board – meeting 21.05.08", "text", D(2008, 5, 21)),
    ("CYJB meeting July 2008 for decision", "text", D(2008, 7, 31)),
    ("Mid June so that information can be included in a report to the CYJB in July", "text",
     D(2008, 6, 15)),
    ("CYJB meeting in July", "text", D(2008, 7, 31)),
    ("As of meeting on 21.05.08", "text", D(2008, 5, 21)),
    # A lead's name that the source printed in the timetable column: kept, no date read.
    ("EPPM, Area Managers & Team Managers", "text", None),
    ("March 2009", "month", D(2009, 3, 31)),
    ("Mid July – Youth Justice Plan", "text", D(2008, 7, 15)),
    ("Ongoing – with the Board and the LCSPs x 23", "ongoing", None),
]


@pytest.mark.parametrize(("text", "kind", "due", "recurrence"), CHESHIRE)
def test_cheshire_deadlines(text, kind, due, recurrence):
    assert deadline_parse(text, starts_on=CHESHIRE_START) == Deadline(text, kind, due,
                                                                      recurrence)


@pytest.mark.parametrize(("text", "kind", "due"), KENT)
def test_kent_deadlines(text, kind, due):
    assert deadline_parse(text, starts_on=KENT_START) == Deadline(text, kind, due)


def test_every_seed_deadline_is_covered():
    """The lists above hold every deadline of the two fixtures' transcriptions."""
    from tests.actions.fixtures.transcriptions import appendix_d_rows, kent_rows

    cheshire = {row["Deadline"] for row in appendix_d_rows()}
    kent = {row["Timetable"] for row in kent_rows() if row["Timetable"]}
    assert cheshire == {t for t, *_ in CHESHIRE}
    assert kent <= {t for t, *_ in KENT}, sorted(kent - {t for t, *_ in KENT})


def test_a_month_without_a_year_needs_the_plan_start():
    assert deadline_parse("Mid June") == Deadline("Mid June", "text", None)
    # A plan starting in September puts "June" in the next calendar year.
    assert deadline_parse("Mid June", starts_on=D(2008, 9, 1)).due == D(2009, 6, 15)
    # The start month itself counts: a plan starting 1 June 2008 puts "June" in June 2008.
    assert deadline_parse("June", starts_on=D(2008, 6, 1)).due == D(2008, 6, 30)


def test_forms_of_dates():
    assert deadline_parse("2008-05-21").due == D(2008, 5, 21)
    assert deadline_parse("21/05/2008").kind == "date"
    assert deadline_parse("21/05/2008").due == D(2008, 5, 21)
    assert deadline_parse(D(2008, 5, 21)) == Deadline("2008-05-21", "date", D(2008, 5, 21))
    assert deadline_parse("  ") == Deadline("", "none")
    assert deadline_parse(None) == Deadline("", "none")
    # 31 February does not exist: kept as text, no date.
    assert deadline_parse("31.02.08") == Deadline("31.02.08", "text", None)
    # "Early June" is the 7th; "Beginning of June" the 1st; February of a leap year ends on 29.
    assert deadline_parse("Early June 2008").due == D(2008, 6, 7)
    assert deadline_parse("Beginning of June 2008").due == D(2008, 6, 1)
    assert deadline_parse("February 2008").due == D(2008, 2, 29)
    # "may" as a verb is not a month.
    assert deadline_parse("The Police may report back").due is None
    assert deadline_parse("Every month").recurrence == "monthly"
    assert deadline_parse("TBC").kind == "to_be_agreed"


def test_a_range_across_the_year_end():
    # November to February, in a plan starting April 2008: ends 28 February 2009.
    assert deadline_parse("November to February", starts_on=KENT_START).due == D(2009, 2, 28)
    assert deadline_parse("December 2008 - January 2009").due == D(2009, 1, 31)


def test_label():
    assert deadline_parse("01 March 2008").label == "1 March 2008"
    assert deadline_parse("Mid June", starts_on=KENT_START).label == "Mid June"
    assert deadline_parse("").label == "Not given"


@given(st.text(max_size=80), st.one_of(st.none(), st.dates(min_value=D(1990, 1, 1),
                                                           max_value=D(2090, 12, 31))))
def test_any_text_is_kept_and_never_fails(text, starts_on):
    deadline = deadline_parse(text, starts_on=starts_on)
    assert deadline.text == " ".join(text.split())
    assert deadline.kind in ("date", "month", "recurring", "ongoing", "to_be_agreed", "text",
                             "none")
    if deadline.kind in ("recurring", "to_be_agreed", "none"):
        assert deadline.due is None
