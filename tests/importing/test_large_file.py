"""A ~50 MB CSV streams: memory stays bounded while it is checked and loaded."""

import resource
import time

import pytest

from tests.importing.conftest import SERVICE, write_csv
from yjhub.casedata.models import Child, Offence
from yjhub.importing.services import import_run_create

CATEGORIES = ["Violence against the person", "Theft and handling stolen goods", "Robbery",
              "Criminal damage", "Drugs offences"]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.slow
@pytest.mark.django_db
def test_fifty_megabyte_csv_streams(tmp_path):
    folder = tmp_path / "base"
    write_csv(folder / "service.csv", SERVICE)
    write_csv(folder / "child.csv", [["child_id", "service_id", "date_of_birth", "sex"]] + [
        [f"CHILD-{i:05d}", "S1", "26/04/2006", "M"] for i in range(2000)])
    assert import_run_create(path=folder, actor="t", report_dir=tmp_path).status == "loaded"

    big = tmp_path / "big" / "offence.csv"
    big.parent.mkdir()
    line = ("OFFENCE-{n:08d},CHILD-{c:05d},,{d:02d}/{m:02d}/2021,{category},{g},"
            "TH{n:06d},N,N,2021-2022 quarterly return {n:08d}\n")
    with big.open("w", encoding="utf-8") as f:
        f.write("offence_id,child_id,outcome_id,committed_date,offence_category,gravity_score,"
                "offence_code,breach,serious_violence,Notes\n")
        n = 0
        while f.tell() < 50 * 1024 * 1024:
            f.writelines(line.format(n=n + k, c=(n + k) % 2000, d=(n + k) % 28 + 1,
                                     m=(n + k) % 12 + 1, category=CATEGORIES[(n + k) % 5],
                                     g=(n + k) % 8 + 1) for k in range(1000))
            n += 1000
    size_mb = big.stat().st_size / 1024 / 1024

    before = peak_rss_mb()
    started = time.perf_counter()
    result = import_run_create(path=big.parent, actor="t", report_dir=tmp_path)
    seconds = time.perf_counter() - started
    growth = peak_rss_mb() - before
    print(f"\n{size_mb:.0f} MB, {n} rows: {seconds:.1f} s, peak RSS growth {growth:.0f} MB")
    assert result.status == "loaded", result.text
    assert result.counts["offence"] == {"read": n, "created": n, "updated": 0, "unchanged": 0}
    assert Offence.objects.count() == n and Child.objects.count() == 2000
    assert growth < 300
