import datetime as dt

from yjhub.schema import code_list, code_lists
from yjhub.schema.codelists import normalise


def test_values_resolve_by_code_label_or_alias_whatever_the_case_and_punctuation():
    ethnicity = code_list("ethnicity")
    assert ethnicity.resolve("White & Black Caribbean") == "mixed_white_black_caribbean"
    assert ethnicity.resolve("MWBC") == "mixed_white_black_caribbean"
    assert ethnicity.resolve("  white_british ") == "white_british"
    assert code_list("sex").resolve("male") == "M"
    assert code_list("outcome_type").resolve("YRO") == "youth_rehabilitation_order"
    assert code_list("sex").resolve("Martian") is None


def test_normalise_folds_case_spaces_and_punctuation():
    assert normalise("Non-acute") == normalise("non acute") == "non acute"


def test_outcome_types_carry_the_tiers_of_the_mojs_four_populations():
    outcomes = code_list("outcome_type")
    assert outcomes.attribute("final_warning", "tier") == "pre_court"
    assert outcomes.attribute("referral_order", "tier") == "first_tier"
    assert outcomes.attribute("youth_rehabilitation_order", "tier") == "community"
    assert outcomes.attribute("detention_training_order", "tier") == "custody"
    assert outcomes.attribute("community_resolution", "substantive") is False
    assert outcomes.attribute("youth_caution", "substantive") is True


def test_reprimands_end_when_youth_cautions_begin():
    outcomes = code_list("outcome_type").by_code
    assert outcomes["reprimand"].valid_to == dt.date(2013, 4, 7)
    assert outcomes["youth_caution"].valid_from == dt.date(2013, 4, 8)


def test_ons_2021_has_19_ethnicities_each_in_a_broad_group():
    ethnicity = code_list("ethnicity")
    groups = {c.code for c in code_list("ethnic_group").codes}
    assert len([c for c in ethnicity.codes if c.code != "not_known"]) == 19
    assert all(c.attributes["group"] in groups for c in ethnicity.codes)


def test_every_list_has_a_version_and_unique_codes():
    for name, cl in code_lists().items():
        assert cl.version, name
        codes = [c.code for c in cl.codes]
        assert len(codes) == len(set(codes)), name
