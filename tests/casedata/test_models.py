"""The Django models are the schema: same tables, columns, types and nullability."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from yjhub.casedata.models import MODELS, Child, Offence, ProgrammeStatus
from yjhub.schema import TABLES

pytestmark = pytest.mark.django_db


def test_every_table_has_a_model_with_the_canonical_table_name():
    assert set(MODELS) == {t.name for t in TABLES}
    for t in TABLES:
        assert MODELS[t.name]._meta.db_table == t.name


def test_database_columns_are_the_canonical_column_names():
    with connection.cursor() as cursor:
        for t in TABLES:
            described = connection.introspection.get_table_description(cursor, t.name)
            columns = {c.name for c in described}
            expected = set(t.column_names) | ({"id"} if not t.has_single_key else set())
            assert columns == expected, t.name
            nullable = {c.name: c.null_ok for c in described}
            for c in t.columns:
                if not (c.type == "id" and t.has_single_key):
                    assert nullable[c.name] == (not c.required), f"{t.name}.{c.name}"


def test_migrations_are_current():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


def test_rows_are_made_with_canonical_column_names(django_assert_num_queries):
    from yjhub.casedata.models import InterventionProgramme, Service

    Service.objects.create(service_id="S1", name="Somewhere", nation="england")
    child = Child.objects.create(child_id="C1", service_id="S1", date_of_birth="2008-05-01",
                                 sex="F")
    Offence.objects.create(offence_id="O1", child_id="C1", committed_date="2024-01-02",
                           offence_category="robbery", gravity_score=6)
    programme = InterventionProgramme.objects.create(
        programme_id="P1", child_id="C1", programme_type="referral_order",
        start_date="2024-02-01")
    ProgrammeStatus.objects.create(programme_id="P1", stage="start", ete_suitable=True)
    assert child.offence_set.get().offence_id == "O1"
    assert programme.programme_status_set.get().stage == "start"


def test_composite_keys_are_unique():
    from django.db import IntegrityError

    from yjhub.casedata.models import InterventionProgramme, Service

    Service.objects.create(service_id="S1", name="Somewhere", nation="england")
    Child.objects.create(child_id="C1", service_id="S1", date_of_birth="2008-05-01", sex="F")
    InterventionProgramme.objects.create(programme_id="P1", child_id="C1",
                                         programme_type="referral_order", start_date="2024-02-01")
    ProgrammeStatus.objects.create(programme_id="P1", stage="end")
    with pytest.raises(IntegrityError):
        ProgrammeStatus.objects.create(programme_id="P1", stage="end")
