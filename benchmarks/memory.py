"""Peak memory of loading a large dossier, per entity, at two sizes.

Writes the national-scale synthetic dossier of the ladder benchmark
(``benchmarks/ladder.py``: individuals with 5 to 10 years of records and some awards)
to a temporary file, then loads it with ``thidua.load_dossier`` in fresh child
processes and reports, for the full size and for a tenth of it:

* the JSON size and the number of entities (units, exemplars, records, awards …);
* the peak of Python allocations during the load (``tracemalloc``), per entity;
* the peak resident set size of the child above its size before loading (RSS, from
  ``resource.getrusage``; measured in a separate child without tracemalloc);
* the load time (without tracemalloc).

Bytes per entity that stay flat from one size to the other show that memory grows in
proportion to the input. The limits of ``thidua.limits`` bound the input itself.

Usage::

    python benchmarks/memory.py                  # 1,000,000 individuals (minutes, ~GBs)
    python benchmarks/memory.py --subjects 200000
    python benchmarks/memory.py --quick          # 20,000 individuals: a smoke run
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
QUICK_SUBJECTS = 20_000

_CHILD = """
import json, resource, sys, time, tracemalloc
from pathlib import Path
import thidua.serialization as ser
path, traced = Path(sys.argv[1]), sys.argv[2] == "1"
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if traced:
    tracemalloc.start()
start = time.perf_counter()
d = ser.load_dossier(path)
seconds = time.perf_counter() - start
peak = tracemalloc.get_traced_memory()[1] if traced else 0
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
entities = sum(len(getattr(d, s)) for s in ("units", "movements", "exemplars",
               "submissions", "records", "awards", "events"))
print(json.dumps({"entities": entities, "records": len(d.records), "seconds": seconds,
                  "traced_peak": peak, "rss_kib": after - before}))
"""


def _ladder_writer() -> Any:
    """``write_dossier`` of benchmarks/ladder.py (the national-scale generator)."""
    spec = importlib.util.spec_from_file_location("_ladder_bench", HERE / "ladder.py")
    if spec is None or spec.loader is None:
        raise SystemExit("benchmarks/ladder.py is missing: it generates the dossier")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write_dossier


def measure(path: Path, *, traced: bool) -> dict[str, Any]:
    """Load ``path`` in a fresh child process and return its figures."""
    res = subprocess.run([sys.executable, "-c", _CHILD, str(path), "1" if traced else "0"],  # noqa: S603 (our own child script)
                         capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise SystemExit(f"the child failed:\n{res.stderr}")
    out: dict[str, Any] = json.loads(res.stdout.strip().splitlines()[-1])
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one line per size."""
    p = argparse.ArgumentParser(prog="python benchmarks/memory.py",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("--subjects", type=int, default=1_000_000,
                   help="synthetic individuals at full size (default 1,000,000)")
    p.add_argument("--quick", action="store_true",
                   help=f"smoke run: {QUICK_SUBJECTS:,} individuals")
    p.add_argument("--year", type=int, default=2024, help="last year of the records")
    p.add_argument("--seed", type=int, default=20240611, help="random seed")
    args = p.parse_args(argv)
    full = QUICK_SUBJECTS if args.quick else args.subjects
    write = _ladder_writer()
    print(f"{'individuals':>12} {'entities':>11} {'JSON MB':>8} {'load s':>7} "
          f"{'traced peak MB':>15} {'B/entity':>9} {'RSS MB':>8} {'B/entity':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for subjects in (max(1, full // 10), full):
            path = Path(tmp) / f"dossier-{subjects}.json"
            write(path, subjects, args.seed, args.year)
            size = path.stat().st_size
            traced = measure(path, traced=True)
            plain = measure(path, traced=False)
            n = plain["entities"]
            rss = plain["rss_kib"] * 1024
            print(f"{subjects:>12,} {n:>11,} {size / 1e6:>8.1f} {plain['seconds']:>7.2f} "
                  f"{traced['traced_peak'] / 1e6:>15.1f} {traced['traced_peak'] / n:>9.0f} "
                  f"{rss / 1e6:>8.1f} {rss / n:>9.0f}")
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
