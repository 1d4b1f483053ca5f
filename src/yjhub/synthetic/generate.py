"""The generator's entry point: a preset, a seed and a folder in; one file per table out.

Services are generated one at a time, each from its own random stream
(``SeedSequence(seed).spawn``), and written before the next is made, so memory stays bounded
by the largest service and the output depends only on the preset and the seed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from yjhub.synthetic import reference
from yjhub.synthetic.columns import day
from yjhub.synthetic.context import Context
from yjhub.synthetic.draw import Workdays
from yjhub.synthetic.presets import Preset
from yjhub.synthetic.presets import preset as named_preset
from yjhub.synthetic.service import generate_service, to_arrow
from yjhub.synthetic.writer import TableWriter

Progress = Callable[[int, int], None]


def generate(preset: str, *, seed: int, out: Path, fmt: str = "parquet",
             progress: Progress | None = None) -> dict[str, int]:
    """Generate a preset's data into ``out``; returns the row count of every table."""
    return generate_preset(named_preset(preset), seed=seed, out=out, fmt=fmt, progress=progress)


def generate_preset(preset: Preset, *, seed: int, out: Path, fmt: str = "parquet",
                    progress: Progress | None = None) -> dict[str, int]:
    if not isinstance(seed, int) or seed < 0:
        raise ValueError("the seed must be a whole number, 0 or more")
    streams = np.random.SeedSequence(seed).spawn(len(preset.services))
    workdays = Workdays(reference.holiday_days(preset))
    total = len(preset.services)
    with TableWriter(out, fmt) as writer:
        writer.write("bank_holiday", to_arrow("bank_holiday", reference.bank_holiday_rows(preset),
                                              "", ""))
        writer.write("comparator_figure", to_arrow("comparator_figure",
                                                   reference.comparator_rows(), "", ""))
        if progress:
            progress(0, total)
        for done, (spec, stream) in enumerate(zip(preset.services, streams, strict=True), 1):
            ctx = Context(np.random.default_rng(stream), spec, day(preset.window_start),
                          day(preset.data_end), workdays, preset.faults)
            for name, table in generate_service(ctx, preset).items():
                writer.write(name, table)
            if progress:
                progress(done, total)
        return dict(writer.rows)
