"""Synthetic case-level data for every table of the schema (``yjhub generate``).

    from yjhub.synthetic import generate
    counts = generate("demo", seed=1, out=Path("data/demo"))
"""

from yjhub.synthetic.generate import generate, generate_preset
from yjhub.synthetic.presets import PRESETS, Preset, preset

__all__ = ["PRESETS", "Preset", "generate", "generate_preset", "preset"]
