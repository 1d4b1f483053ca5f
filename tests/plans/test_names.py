"""Signatories' names against board members' (yjhub.plans.names), with the seeds' variants."""

import pytest

from yjhub.plans.names import best_match, name_match, names_in, normalise


@pytest.mark.parametrize(("a", "b"), [
    ("Mike O'Keefe", "Mike O' Keefe"),            # seed 000: Table C against Table A
    ("MIKE O'KEEFE", "Mike O' Keefe"),            # seed 000: the signature box
    ("Mike O\u2019Keefe", "Mike O' Keefe"),       # a curly apostrophe
    ("Chair: Paul Coen", "Paul Coen"),            # seed 000/001: Table A's chair
    ("Chair: Jeremy Taylor", "Jeremy Taylor"),    # seed 001
    ("J Sinnott", "John Sinnott"),                # seed 004 signs with initials
    ("S Cole", "Simon Cole"),                     # seed 004
    ("Cllr Jane Smith", "Jane Smith"),
    ("Dr. Jane Smith OBE", "jane smith"),
    ("Clair Pyper", "Claire Pyper"),              # a spelling variant of the first name
    ("Michael O'Keefe", "Mike O' Keefe"),         # a short form
    ("Alistair McGarry", "Alistair Mc Garry"),
    ("Anne-Marie Jones", "Anne Marie Jones"),
    ("Thamir Al-Jorani", "Thamir Al Jorani"),     # seed 001
])
def test_variants_match(a, b):
    assert name_match(a, b) >= 0.85
    assert name_match(b, a) >= 0.85


@pytest.mark.parametrize(("a", "b"), [
    ("Peter Fahy", "Garry Shewan"),               # seed 001: chief constable signs, ACC sits
    ("Steve Collett", "John Davidson"),           # seed 001: probation
    ("Joan Feenan", "Anne Goldsmith"),
    ("J Sinnott", "K Sinnott"),                   # different initial
    ("Jane Smith", "John Smith"),
    ("Andy Bliss", "Alex Bamber"),
    ("", "Paul Coen"),
])
def test_different_people_do_not(a, b):
    assert name_match(a, b) == 0.0


def test_normalise():
    assert normalise("Chair: Cllr Mike O' Keefe-Smith MBE") == ("mike", "o", "keefe", "smith")


def test_best_match_and_signature_boxes():
    board = ["Paul Coen", "Clair Pyper", "Andy Bliss", "Mike O' Keefe"]
    assert best_match("Mike O'Keefe", board) == (3, 1.0)
    assert best_match("Peter Fahy", board) == (-1, 0.0)
    assert names_in("(on behalf of MIKE O'KEEFE)") == "MIKE O'KEEFE"
    assert names_in("(Andy Bliss)") == "Andy Bliss"
