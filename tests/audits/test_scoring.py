"""Scoring as the inspectorate scores: pooled criteria, sections and headlines (Core Case
Inspection) and lowest-key-question ratings summed to a score out of 36 (2018 framework).

Every expected value is worked out by hand in the comments."""

from __future__ import annotations

from fractions import Fraction

import pytest

from yjhub.audits.framework import packaged_frameworks
from yjhub.audits.scoring import (
    Answer,
    Score,
    audit_score,
    band_of,
    findings,
    position,
)

CCI = packaged_frameworks()[("hmip-cci-2009", "2009.1")]
YJS = packaged_frameworks()[("hmip-yjs-2018", "2018.1")]


def answers_from(tallies: dict[str, tuple[int, int, int]]) -> list[Answer]:
    """Answers giving each question (sufficient, insufficient, not applicable), one case per
    answer, case numbers counted per question from 1."""
    out = []
    for question_id, (yes, no, na) in tallies.items():
        kinds = ["sufficient"] * yes + ["insufficient"] * no + ["not_applicable"] * na
        out += [Answer(case, question_id, kind) for case, kind in enumerate(kinds, 1)]
    return out


def test_seed_002_section_3_pools_72_and_83_to_75_not_77_5():
    # Seed 002 (Essex): 3.1 Achievement of outcomes 72%, 3.2 Sustaining outcomes 83%, section 3
    # Outcomes 75%. A mean of the criteria would be (72 + 83) / 2 = 77.5%.
    # Pooling gives 75% exactly when the criteria's denominators d1 (3.1) and d2 (3.2) satisfy
    # 0.72 d1 + 0.83 d2 = 0.75 (d1 + d2), that is 0.03 d1 = 0.08 d2, d1 : d2 = 8 : 3. With the
    # 85 cases of Essex's sample: 3.1's 10 questions answered in 80 cases each (5 not
    # applicable) give d1 = 800, and 72% of 800 = 576 sufficient (six questions 58 of 80, four
    # 57 of 80: 348 + 228 = 576); 3.2's 4 questions answered in 75 cases each (10 not
    # applicable) give d2 = 300, and 83% of 300 = 249 sufficient (63 + 62 + 62 + 62).
    # Section 3 = (576 + 249) / (800 + 300) = 825 / 1100 = 75% exactly.
    tallies = {f"3.1.{i}": (58 if i <= 6 else 57, 80 - (58 if i <= 6 else 57), 5)
               for i in range(1, 11)}
    tallies.update({"3.2.1": (63, 12, 10), "3.2.2": (62, 13, 10), "3.2.3": (62, 13, 10),
                    "3.2.4": (62, 13, 10)})
    scores = audit_score(CCI, answers_from(tallies))

    achievement, sustaining = scores.criteria["3.1"], scores.criteria["3.2"]
    outcomes = scores.sections["3"]
    assert achievement.score == Score(576, 800, 50)
    assert sustaining.score == Score(249, 300, 40)
    assert outcomes.score == Score(825, 1100, 90)
    assert (achievement.score.percent, sustaining.score.percent, outcomes.score.percent) \
        == (72, 83, 75)
    assert (achievement.score.shown, sustaining.score.shown, outcomes.score.shown) \
        == (72, 83, 75)
    mean_of_criteria = (achievement.score.percent + sustaining.score.percent) / 2
    assert mean_of_criteria == Fraction(155, 2) != outcomes.score.percent
    # Seed 002's comments: 72% MODERATE, 83% MINIMUM (bands of the framework file).
    assert achievement.band.label == "MODERATE improvement required"
    assert sustaining.band.label == "MINIMUM improvement required"
    assert achievement.score.text == "72% (576 of 800)"


def test_headlines_pool_their_tagged_key_questions_across_sections():
    # Safeguarding key questions answered here: 1.3.3 (8 of 10) and 3.1.9 (52 of 71, seed 002's
    # "Safeguarding had been effectively managed in 52 of relevant cases (73%)"); 1.3.1 is not
    # a key question and stays out. Pooled: 60 of 81 = 74.07%, shown 74%, under the MINIMUM
    # band's 75: MODERATE. 1.3.1 (1 of 10) counts in criterion 1.3 only: (8 + 1) / 20 = 45%.
    scores = audit_score(CCI, answers_from({
        "1.3.3": (8, 2, 0), "3.1.9": (52, 19, 14), "1.3.1": (1, 9, 0)}))
    safeguarding = scores.headlines["safeguarding"]
    assert safeguarding.score == Score(60, 81, 14)
    assert safeguarding.score.shown == 74
    assert safeguarding.band.label == "MODERATE improvement required"
    assert scores.criteria["1.3"].score == Score(9, 20, 0)
    assert scores.headlines["risk_of_harm"].score == Score(0, 0, 0)
    assert scores.headlines["risk_of_harm"].band is None


def test_essex_headlines_against_the_published_comparators():
    # Essex's Safeguarding 73% against lowest 37, highest 91, average 67: above the average;
    # Risk of Harm 68% against 36/86/62: above the average; a 30% score is below the lowest.
    (comparator,) = CCI.comparators
    assert comparator.figures["safeguarding"] == {"lowest": 37, "highest": 91, "average": 67}
    assert comparator.figures["risk_of_harm"] == {"lowest": 36, "highest": 86, "average": 62}
    assert comparator.figures["likelihood_of_reoffending"] == {
        "lowest": 43, "highest": 87, "average": 70}
    assert position(Score(73, 100), comparator.figures["safeguarding"]) == "above the average"
    assert position(Score(68, 100), comparator.figures["risk_of_harm"]) == "above the average"
    assert position(Score(30, 100), comparator.figures["risk_of_harm"]) == "below the lowest"
    assert position(Score(62, 100), comparator.figures["risk_of_harm"]) == "at the average"
    assert position(Score(9, 10), comparator.figures["risk_of_harm"]) == "above the highest"


def test_bands_compare_the_exact_share():
    # 149 of 200 = 74.5%, shown as 75% (halves round up) but under the MINIMUM band's 75.
    score = Score(149, 200)
    assert score.shown == 75
    assert band_of(CCI.bands, score.percent).label == "MODERATE improvement required"
    assert band_of(CCI.bands, Score(150, 200).percent).label == "MINIMUM improvement required"
    assert Score(0, 0).shown is None and Score(0, 0).text == "no questions answered"


def test_2018_standards_take_their_lowest_key_question_and_sum_to_36():
    judged = {"1.1": "Good", "1.2": "Good", "1.3": "Outstanding",
              "1.4": "Requires improvement", "4.1": "Outstanding"}
    tallies = {
        # 2.1: 17/20 = 85% Outstanding, 14/20 = 70% Good, 11/20 = 55% Requires improvement:
        # the standard is Requires improvement, 1 point, named by 2.1.3.
        "2.1.1": (17, 3, 0), "2.1.2": (14, 6, 0), "2.1.3": (11, 9, 0),
        # 2.2: 16/20 = 80% each: Outstanding (80 or more), 3 points.
        "2.2.1": (16, 4, 0), "2.2.2": (16, 4, 0), "2.2.3": (16, 4, 0),
        # 2.3: 13/20 = 65%: Good (65 to 79), 2 points.
        "2.3.1": (13, 7, 0), "2.3.2": (20, 0, 0), "2.3.3": (20, 0, 0),
        # 2.4: 9/20 = 45%: Inadequate, 0 points.
        "2.4.1": (20, 0, 0), "2.4.2": (9, 11, 0), "2.4.3": (20, 0, 0),
        # 3.1 to 3.3: 10/10: Outstanding, 3 points each.
        **{f"3.{s}.{q}": (10, 0, 0) for s in (1, 2, 3) for q in (1, 2, 3)},
        # 3.4: 7/10 = 70% Good and 5/10 = 50% Requires improvement: 1 point.
        "3.4.1": (7, 3, 0), "3.4.2": (5, 5, 0),
    }
    scores = audit_score(YJS, answers_from(tallies), judgements=judged)
    points = {c: line.rating.points if line.rating else None
              for c, line in scores.criteria.items()}
    assert points == {"1.1": 2, "1.2": 2, "1.3": 3, "1.4": 1,
                      "2.1": 1, "2.2": 3, "2.3": 2, "2.4": 0,
                      "3.1": 3, "3.2": 3, "3.3": 3, "3.4": 1,
                      "4.1": 3, "4.2": None}
    assert scores.criteria["4.2"].rating is None  # not judged yet, and not counted anyway
    assert scores.criteria["2.1"].lowest_question == "2.1.3"
    assert scores.criteria["2.1"].rating.label == "Requires improvement"
    # Domain 1: 2+2+3+1 = 8; domain 2: 1+3+2+0 = 6; domain 3: 3+3+3+1 = 10; total 24 of 36,
    # Good (19 to 30). Resettlement's Outstanding (4.1) is rated but not counted.
    overall = scores.overall
    assert (overall.points, overall.maximum, overall.rated, overall.counted) == (24, 36, 12, 12)
    assert overall.complete and overall.band.label == "Good"


def test_2018_overall_waits_for_every_counted_standard():
    scores = audit_score(YJS, answers_from({"2.1.1": (10, 0, 0)}))
    assert scores.overall.rated == 1 and scores.overall.band is None
    assert not scores.overall.complete
    # 79.5% is Good, though shown as 80%.
    assert band_of(YJS.ratings, Score(159, 200).percent).label == "Good"


def test_strengths_and_areas_by_criterion():
    # 3.1.1 reporting instructions 81 of 85 (95%) is a strength (MINIMUM, green); 3.1.7 RoH
    # managed 37 of 61 (61%, MODERATE) and 3.1.5 progress 52 of 85 (61%) are areas, the lower
    # share first: 37/61 = 60.66% before 52/85 = 61.18%.
    scores = audit_score(CCI, answers_from({"3.1.1": (81, 4, 0), "3.1.7": (37, 24, 24),
                                            "3.1.5": (52, 33, 0)}))
    strengths, areas = findings(scores, "3.1")
    assert [f.question_id for f in strengths] == ["3.1.1"]
    assert [f.question_id for f in areas] == ["3.1.7", "3.1.5"]
    assert areas[0].sentence.endswith("Sufficient in 37 of the 61 relevant cases (61%).")


def test_an_unknown_answer_is_refused():
    with pytest.raises(ValueError, match=r"question 1\.1\.1, case 7: answer 'maybe'"):
        audit_score(CCI, [Answer(7, "1.1.1", "maybe")])


def test_pooling_properties_hold_for_any_answers():
    """For any answers: a section's numerator and denominator are the sums of its criteria's,
    so its share lies between its lowest and highest criterion's share; not applicable never
    counts."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    section_3 = [q.id for c in ("3.1", "3.2") for q in CCI.criterion(c).questions]

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.tuples(st.integers(1, 85), st.sampled_from(section_3),
                              st.sampled_from(["sufficient", "insufficient",
                                               "not_applicable"])), max_size=300))
    def check(rows):
        unique = {(case, q): a for case, q, a in rows}  # one answer per case and question
        scores = audit_score(CCI, [Answer(c, q, a) for (c, q), a in unique.items()])
        a, b, s = scores.criteria["3.1"].score, scores.criteria["3.2"].score, \
            scores.sections["3"].score
        assert s == a + b
        assert s.answered == sum(1 for v in unique.values() if v != "not_applicable")
        shares = [x.share for x in (a, b) if x.answered]
        if shares:
            assert min(shares) <= s.share <= max(shares)

    check()
