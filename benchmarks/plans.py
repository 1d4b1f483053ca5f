"""The plan file and its checks, timed on seed 000's Essex plan (tests/plans/fixtures), side by
side with a baseline in one run.

1. **read**: ``load_plan`` as shipped (libyaml's parser), against the baseline of PyYAML's
   pure-Python parser on the same text.
2. **write**: ``dump_plan`` (libyaml's emitter) against PyYAML's pure-Python emitter; the two
   must give the same bytes.
3. **check**: ``check_plan`` on the loaded plan (what the web app calls as a plan is edited),
   against the baseline of merely copying the plan (``copy.deepcopy``), the least any
   per-edit work costs.

Usage: ``python -m benchmarks.plans [--repeat 20]``. Prints milliseconds per call (the median
of the repeats).
"""

from __future__ import annotations

import argparse
import copy
import statistics
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
ESSEX = ROOT / "tests" / "plans" / "fixtures" / "essex-2006-07.yaml"


def _median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)

    from yjhub.plans import check_plan, dump_plan, load_plan
    from yjhub.plans import fileformat as ff

    text = ESSEX.read_text(encoding="utf-8")
    plan = load_plan(text)
    check_plan(plan)   # warm the template cache

    read = _median_ms(lambda: load_plan(text), args.repeat)
    read_py = _median_ms(lambda: ff.plan_from_data(yaml.load(text, Loader=yaml.SafeLoader)),
                         args.repeat)

    class PyDumper(yaml.SafeDumper):
        pass

    PyDumper.yaml_representers = dict(ff._Dumper.yaml_representers)

    def dump_py():
        data = ff._data(plan)
        return yaml.dump({"format": ff.FORMAT, **{k: v for k, v in data.items()
                                                  if k != "format"}},
                         Dumper=PyDumper, sort_keys=False, allow_unicode=True, width=4096,
                         default_flow_style=False)

    assert dump_py() == dump_plan(plan), "the two emitters disagree"
    write = _median_ms(lambda: dump_plan(plan), args.repeat)
    write_py = _median_ms(dump_py, args.repeat)
    check = _median_ms(lambda: check_plan(plan), args.repeat)
    deep = _median_ms(lambda: copy.deepcopy(plan), args.repeat)
    findings = len(check_plan(plan))

    print(f"plan: {ESSEX.relative_to(ROOT)} ({len(text):,} characters), {findings} findings")
    print(f"{'':8}{'yjhub':>12}{'baseline':>12}")
    print(f"{'read':8}{read:10.1f}ms{read_py:10.1f}ms   (baseline: PyYAML pure-Python parser)")
    print(f"{'write':8}{write:10.1f}ms{write_py:10.1f}ms   (baseline: PyYAML pure-Python emitter)")
    print(f"{'check':8}{check:10.1f}ms{deep:10.1f}ms   (baseline: copy.deepcopy of the plan)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
