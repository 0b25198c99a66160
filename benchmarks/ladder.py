"""Benchmark of the award ladder at national scale.

Generates a synthetic dossier of individuals (default 1,000,000, each with 5 to 10
years of records, some holding certificates of merit), builds their histories, then
measures, in one run and on one core:

1. a plain, hand-written Python function of the Prime Minister's certificate
   criteria (Điều 73 khoản 1 điểm b: a ministry/province certificate, 5 consecutive
   years at least good, 3 grassroots fighter titles in them) over the same histories,
   producing the same findings — the practical limit;
2. thidua's ladder for that one award (``Ladder.iter_findings``), no trace;
3. thidua's ladder for the whole catalogue (every award given to individuals).

Every run produces one ``Finding`` per subject and award (rule ``ladder.eligibility``,
with the unmet conditions and their citations in the messages) and checks that the
ladder's findings equal the hand-written function's. The collector is paused during
each batch (``thidua.rules.ladder.gc_paused``: ``gc.freeze()`` + ``gc.disable()``);
``--no-gc-pause`` shows what it costs not to.

Run ``python benchmarks/ladder.py --help``; ``--quick`` is a smoke run.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import datetime as dt
import gc
import json
import platform
import random
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from thidua import Host
from thidua.model.findings import Finding
from thidua.model.records import Assessment
from thidua.rules.ladder import YEAR_BASE, History, Ladder, gc_paused

QUICK_SUBJECTS = 20_000
TARGET = "bang_khen_thu_tuong"

# Light stand-ins with the attributes History.build reads (YearRecord, AwardGrant):
# the histories are built by the library's own builder, without validating a million
# attrs objects first.
Row = collections.namedtuple(
    "Row", "year assessment titles initiatives initiative_scope members")
Grant = collections.namedtuple("Grant", "award decided_on achievement_years proposed")

_GRADES = list(Assessment)  # worst to best
_GRADE_WEIGHTS = (3, 12, 55, 30)
_SCOPES = ("co_so", "tinh", "toan_quoc")
_SCOPE_WEIGHTS = (85, 12, 3)


def synthetic_rows(rng: random.Random, last_year: int) -> tuple[list[Row], list[Grant]]:
    """One individual's 5–10 years of records and decided grants."""
    n = rng.randint(5, 10)
    rows: list[Row] = []
    for year in range(last_year - n + 1, last_year + 1):
        grade = rng.choices(_GRADES, _GRADE_WEIGHTS)[0]
        initiatives, scope = 0, None
        if rng.random() < 0.2:
            initiatives = rng.randint(1, 2)
            scope = rng.choices(_SCOPES, _SCOPE_WEIGHTS)[0]
        titles = []
        if grade.rank >= 2:
            titles.append("lao_dong_tien_tien")
            if (grade.rank == 3 and rng.random() < 0.5) or (initiatives and rng.random() < 0.3):
                titles.append("chien_si_thi_dua_co_so")
        rows.append(Row(year, grade, tuple(titles), initiatives, scope, None))
    grants: list[Grant] = []
    if rng.random() < 0.35:
        y = rng.randint(last_year - n + 1, last_year)
        grants.append(Grant("bang_khen_tinh", dt.date(y, rng.randint(1, 12), 10), (y - 1,),
                            False))
    if rng.random() < 0.05:
        y = rng.randint(last_year - n + 1, last_year)
        grants.append(Grant("bang_khen_thu_tuong", dt.date(y, 6, 11), (y - 1,), False))
    return rows, grants


def build_histories(ladder: Ladder, count: int, seed: int, last_year: int) -> list[History]:
    """``count`` synthetic individuals' histories, built by ``Ladder.history_of``."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        rows, grants = synthetic_rows(rng, last_year)
        out.append(ladder.history_of(f"p-{i:07d}", "individual", rows, grants))
    return out


# -- the hand-written baseline -------------------------------------------------------

def handwritten_pm_certificate(judged_ordinal: int) -> Callable[[History, int], tuple]:
    """The PM's certificate criteria written by hand over the same histories.

    Returns the same ``(outcome, unmet)`` key as the compiled criteria so that both
    produce identical findings through the same finding texts.
    """
    good = Assessment.GOOD.rank

    def check(h: History, year: int) -> tuple:
        shift = year - 4 - YEAR_BASE
        unmet: tuple = ()
        decided = h.held.get("bang_khen_tinh")
        if not ((decided is not None and decided < judged_ordinal)
                or h.titles.get("bang_khen_tinh", 0) & ((2 << (year - YEAR_BASE)) - 1)):
            unmet += ((0, 1),)
        short = 5 - ((h.grades[good] >> shift) & 0b11111).bit_count()
        if short:
            unmet += ((1, short),)
        titles = ((h.titles.get("chien_si_thi_dua_co_so", 0) >> shift) & 0b11111).bit_count()
        if titles < 3:
            unmet += ((2, 3 - titles),)
        return (0, unmet) if unmet else (2, ())
    return check


def run_handwritten(ladder: Ladder, histories: list[History], year: int) -> list[Finding]:
    """Findings of the hand-written function, made from the ladder's finding texts."""
    batch = _batch_award(ladder, year)
    check = handwritten_pm_certificate(ladder.env.judged_ordinal(year))
    stamps = batch.stamps
    out = []
    append = out.append
    for h in histories:
        key = check(h, year)
        stamp = stamps.get(key)
        if stamp is None:
            stamp = batch.stamp_for(key)
        append(stamp(h.subject))
    return out


def _batch_award(ladder: Ladder, year: int) -> Any:
    from thidua.rules.ladder.eligibility import _BatchAward
    from thidua.rules.ladder.history import Recipient

    return _BatchAward(ladder, ladder.catalogue[TARGET], Recipient.INDIVIDUAL, year)


# -- measuring ---------------------------------------------------------------------------

@contextlib.contextmanager
def _collector(pause: bool) -> Iterator[None]:
    if pause:
        with gc_paused():
            yield
    else:
        yield


def best_of(repeat: int, pause: bool, fn: Callable[[], Any]) -> tuple[float, Any]:
    """The best wall time of ``repeat`` runs of ``fn`` and the last result."""
    best = float("inf")
    result: Any = None
    for _ in range(repeat):
        result = None
        gc.collect()
        with _collector(pause):
            t0 = time.perf_counter()
            result = fn()
            elapsed = time.perf_counter() - t0
        best = min(best, elapsed)
    return best, result


def _same(a: list[Finding], b: list[Finding]) -> bool:
    return len(a) == len(b) and all(
        x.subject == y.subject and x.message_en == y.message_en and x.evidence == y.evidence
        for x, y in zip(a, b, strict=True))


def write_dossier(path: Path, count: int, seed: int, last_year: int) -> None:
    """Write the first ``count`` synthetic subjects as a dossier (for the CLI)."""
    rng = random.Random(seed)
    exemplars, records, awards = [], [], []
    for i in range(count):
        rows, grants = synthetic_rows(rng, last_year)
        sid = f"p-{i:07d}"
        exemplars.append({"id": sid, "name": f"Cá nhân {i}", "kind": "ca_nhan", "unit": "u-1"})
        for r in rows:
            rec: dict[str, Any] = {"subject": sid, "year": r.year,
                                   "assessment": r.assessment.value, "titles": list(r.titles),
                                   "initiatives": r.initiatives}
            if r.initiative_scope:
                rec["initiative_scope"] = r.initiative_scope
            records.append(rec)
        awards.extend({"subject": sid, "award": g.award, "decided_on": g.decided_on.isoformat(),
                       "decision": "", "achievement_years": list(g.achievement_years)}
                      for g in grants)
    doc = {"format": "thidua.dossier/1", "plan": "vn-hy-district-exemplars-2022",
           "units": [{"id": "u-1", "name": "Đơn vị tổng hợp", "level": "don_vi"}],
           "movements": [], "exemplars": exemplars, "submissions": [], "records": records,
           "awards": awards}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/ladder.py",
        description="Award-ladder eligibility at national scale: subjects per second for "
                    "the Prime Minister's certificate against a hand-written function of the "
                    "same criteria, and for the whole catalogue (one core, no trace).")
    parser.add_argument("--subjects", type=int, default=1_000_000,
                        help="synthetic individuals (default 1,000,000)")
    parser.add_argument("--quick", action="store_true",
                        help=f"smoke run with {QUICK_SUBJECTS:,} subjects and one repeat")
    parser.add_argument("--year", type=int, default=2024, help="proposal year (default 2024)")
    parser.add_argument("--seed", type=int, default=20240611, help="random seed")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure; best kept")
    parser.add_argument("--no-gc-pause", action="store_true",
                        help="leave the garbage collector running during the batches")
    parser.add_argument("--skip-catalogue", action="store_true",
                        help="measure only the one-award runs")
    parser.add_argument("--write-dossier", type=Path, metavar="FILE",
                        help="only write the synthetic subjects as a dossier JSON file "
                             "(use a small --subjects) and exit")
    args = parser.parse_args(argv)
    count = QUICK_SUBJECTS if args.quick else args.subjects
    repeat = 1 if args.quick else max(1, args.repeat)
    if args.write_dossier is not None:
        write_dossier(args.write_dossier, count, args.seed, args.year)
        print(f"wrote {count:,} subjects to {args.write_dossier}")
        return 0
    pause = not args.no_gc_pause
    ladder = Ladder.from_host(Host(autoload=False))
    print(f"thidua award-ladder benchmark — Python {platform.python_version()} on "
          f"{platform.machine()}, {count:,} individuals, proposal year {args.year}, "
          f"best of {repeat}, collector {'paused' if pause else 'running'}")
    t0 = time.perf_counter()
    histories = build_histories(ladder, count, args.seed, args.year)
    built = time.perf_counter() - t0
    print(f"  build histories (History.build)      {built:8.2f} s   "
          f"{count / built:>12,.0f} subjects/s")

    t_hand, hand = best_of(repeat, pause, lambda: run_handwritten(ladder, histories, args.year))
    print(f"  hand-written function, PM cert.       {t_hand:8.2f} s   "
          f"{count / t_hand:>12,.0f} subjects/s")
    t_one, one = best_of(repeat, pause, lambda: list(
        ladder.iter_findings(histories, args.year, awards=[TARGET])))
    print(f"  thidua ladder, PM cert.               {t_one:8.2f} s   "
          f"{count / t_one:>12,.0f} subjects/s   ({t_one / t_hand:.2f}× the hand-written time)")
    if not _same(hand, one):
        print("  ERROR: the ladder's findings differ from the hand-written function's",
              file=sys.stderr)
        return 1
    eligible = sum(1 for f in one if f.evidence["eligible"])
    print(f"    same {len(one):,} findings from both; {eligible:,} eligible")
    del hand, one
    if not args.skip_catalogue:
        def catalogue() -> tuple[int, int]:
            n = eligible_n = 0
            for f in ladder.iter_findings(histories, args.year):
                n += 1
                eligible_n += f.evidence["eligible"] is True
            return n, eligible_n
        t_all, (n_findings, n_eligible) = best_of(repeat, pause, catalogue)
        awards = len(ladder.applicable(histories[0].recipient)) if histories else 0
        print(f"  thidua ladder, whole catalogue        {t_all:8.2f} s   "
              f"{count / t_all:>12,.0f} subjects/s   ({awards} awards, "
              f"{n_findings / t_all:,.0f} findings/s, {n_eligible:,} eligible)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
