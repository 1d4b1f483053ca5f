"""Scoring by a register's declared scale, direction and rule."""

import pytest

from yjhub.risks.scoring import Scale, disagreement


def test_product_and_sum_from_the_numbers_as_written():
    assert Scale(3, "high", "product").score(2, 3) == 6
    assert Scale(3, "high", "sum").score(2, 3) == 5
    # the direction does not change the arithmetic, only what the numbers mean
    assert Scale(3, "low", "product").score(2, 3) == 6
    assert Scale(5, "high", "product").score(4, 5) == 20
    assert Scale(5, "high", "product").score(None, 5) is None


def test_rag_turns_the_numbers_round_when_1_is_highest():
    high, low = Scale(3, "high", "product"), Scale(3, "low", "product")
    # 3 x 3 is the worst place when 3 is highest; 1 x 1 when 1 is
    assert high.rag(3, 3) == "red" and high.rag(1, 1) == "green"
    assert low.rag(1, 1) == "red" and low.rag(3, 3) == "green"
    # 2 x 2 severity 4: amber either way (amber from 3, red from 6 on 1-3 by product)
    assert high.rag(2, 2) == low.rag(2, 2) == "amber"
    # 1-5 by product: 3 x 5 = 15 red, 2 x 4 = 8 amber, 2 x 3 = 6 green
    five = Scale(5, "high", "product")
    assert (five.rag(3, 5), five.rag(2, 4), five.rag(2, 3)) == ("red", "amber", "green")


def test_disagreement_names_both_figures_and_the_rule():
    scale = Scale(3, "high", "product")
    found = disagreement(which="inherent", scale=scale, impact=2, likelihood=3, written=5)
    assert (found.written, found.computed, found.rule) == (5, 6, "product")
    assert str(found) == "Inherent score written as 5, but 2 × 3 = 6 (rule: product)"
    assert disagreement(which="inherent", scale=scale, impact=2, likelihood=3, written=6) is None
    assert disagreement(which="inherent", scale=scale, impact=2, likelihood=3,
                        written=None) is None


@pytest.mark.parametrize("kwargs", [{"maximum": 4}, {"direction": "up"}, {"rule": "max"}])
def test_a_scale_refuses_what_it_cannot_be(kwargs):
    with pytest.raises(ValueError):
        Scale(**kwargs)


def test_worse_position_follows_the_direction():
    assert Scale(3, "low", "product").is_worse((2, 1), (2, 2))  # 1 is the higher level
    assert not Scale(3, "high", "product").is_worse((2, 1), (2, 2))
    # higher on one axis, lower on the other: not worse
    assert not Scale(3, "high", "product").is_worse((3, 1), (1, 3))
