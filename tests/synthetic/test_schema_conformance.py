"""Every table is written with the schema's columns and types, and passes the importer's rules:
required columns filled, refs resolve, keys unique, checks hold, codes valid on their dates,
derived columns consistent with the code lists."""

import pyarrow.compute as pc
import pytest

from tests.synthetic.validate import problems
from yjhub.schema import TABLES
from yjhub.schema.arrow import arrow_schema


@pytest.mark.parametrize("which", ["demo", "small_national", "old_era"])
def test_data_passes_every_schema_rule(which, request):
    assert problems(request.getfixturevalue(which)) == []


def test_every_table_is_written_with_its_schema(demo_dir):
    out, counts = demo_dir
    for table in TABLES:
        assert (out / f"{table.name}.parquet").exists()
        assert table.name in counts
    import pyarrow.parquet as pq

    for table in TABLES:
        assert pq.read_schema(out / f"{table.name}.parquet").remove_metadata().equals(
            arrow_schema(table))


def test_every_table_has_rows(small_national):
    for table in TABLES:
        assert small_national[table.name].num_rows > 0, table.name


def test_old_era_uses_the_codes_of_its_time(old_era):
    outcome_types = set(old_era["outcome"]["outcome_type"].to_pylist())
    assert {"reprimand", "final_warning", "youth_caution", "supervision_order",
            "youth_rehabilitation_order"} <= outcome_types
    tools = set(old_era["assessment"]["tool"].to_pylist())
    assert {"asset", "onset"} <= tools
    assert old_era["assessment_section"].num_rows > 0
    programmes = set(old_era["intervention_programme"]["programme_type"].to_pylist())
    assert {"yisp", "final_warning_intervention"} & programmes


def test_asset_total_is_the_sum_of_its_sections(old_era):
    sections = old_era["assessment_section"].group_by("assessment_id").aggregate(
        [("score", "sum"), ([], "count_all")])
    assert set(sections["count_all"].to_pylist()) == {12}
    totals = dict(zip(old_era["assessment"]["assessment_id"].to_pylist(),
                      old_era["assessment"]["total_score"].to_pylist(), strict=True))
    for assessment, total in zip(sections["assessment_id"].to_pylist(),
                                 sections["score_sum"].to_pylist(), strict=True):
        assert totals[assessment] == total


def test_serious_violence_follows_category_and_gravity(demo):
    offence = demo["offence"]
    expected = pc.and_(
        pc.is_in(offence["offence_category"], value_set=__import__("pyarrow").array(
            ["violence_against_the_person", "robbery", "drugs"])),
        pc.greater_equal(offence["gravity_score"], 5))
    assert offence["serious_violence"].to_pylist() == expected.to_pylist()


def test_ids_are_prefixed_with_the_service_in_the_national_preset(small_national):
    children = small_national["child"]
    services = children["service_id"].to_pylist()
    ids = children["child_id"].to_pylist()
    for service, child in zip(services, ids, strict=True):
        assert child.startswith(service.removeprefix("YJS-") + "-C")
