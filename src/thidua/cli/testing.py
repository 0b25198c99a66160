"""CLI command group: testing regulation logic.

* ``thidua test [PATH ...]`` runs scenario files (regulation cases written as TOML, see
  :mod:`thidua.testing.scenarios`): files are taken as given, directories are searched
  for ``scenario_*.toml`` and ``*.scenario.toml``; with no PATH it runs the scenarios
  shipped with thidua (the reference plan's own cases). It prints one line per passing
  scenario and, for each failing one, what was expected and what the rules found.
  Exit code: 0 when every scenario passes, 1 when at least one fails, 2 for bad input
  (a scenario file that does not load, or a scenario that cannot run: an unknown plan,
  plugin or parameter). Every file that loads is run even when another does not.

Takes ``--format text|json`` and ``--lang vi|en`` (Vietnamese by default).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thidua.cli.base import CliCommand, CommandContext
from thidua.errors import ScenarioError

if TYPE_CHECKING:
    from thidua.testing.scenarios import Scenario, ScenarioResult

__all__ = ["COMMANDS", "EXIT_BAD_INPUT", "EXIT_FAILED", "EXIT_OK", "SCENARIOS_FORMAT"]

EXIT_OK = 0
"""Every scenario passed."""
EXIT_FAILED = 1
"""At least one scenario failed (and every file loaded and every scenario ran)."""
EXIT_BAD_INPUT = 2
"""A scenario file did not load, or a scenario could not run."""
SCENARIOS_FORMAT = "thidua.scenarios/1"
"""Format tag of ``thidua test --format json``."""


def _configure_test(p: argparse.ArgumentParser) -> None:
    from thidua.cli.main import add_output_options

    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="scenario files or directories to search (default: the scenarios "
                        "shipped with thidua)")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="text output: show only failing scenarios and the summary")
    add_output_options(p)


def _load(paths: list[str]) -> tuple[list[Scenario], list[tuple[Path, ScenarioError]]]:
    from thidua.testing.scenarios import (
        find_scenario_files,
        load_scenario_file,
        shipped_scenario_files,
    )

    files = find_scenario_files(paths) if paths else shipped_scenario_files()
    if not files:
        raise ScenarioError("no scenario file to run")
    scenarios: list[Scenario] = []
    broken: list[tuple[Path, ScenarioError]] = []
    for f in files:
        try:
            scenarios.extend(load_scenario_file(f))
        except ScenarioError as exc:
            broken.append((f, exc))
    return scenarios, broken


def _summary(results: list[ScenarioResult], broken: int, lang: str) -> str:
    counts = {o: sum(1 for r in results if r.outcome.value == o)
              for o in ("passed", "failed", "error")}
    if lang == "vi":
        text = (f"Kịch bản: {counts['passed']} đạt, {counts['failed']} không đạt, "
                f"{counts['error']} không chạy được")
        return text + (f"; {broken} tệp không đọc được." if broken else ".")
    text = (f"Scenarios: {counts['passed']} passed, {counts['failed']} failed, "
            f"{counts['error']} could not run")
    return text + (f"; {broken} file(s) could not be read." if broken else ".")


def _result_doc(r: ScenarioResult) -> dict[str, Any]:
    from thidua.serialization import finding_to_dict

    s = r.scenario
    return {
        "file": str(s.file) if s.file is not None else None, "index": s.index,
        "name": s.name, "name_en": s.name_en, "year": s.year, "outcome": r.outcome.value,
        "plan": r.plan, "error": r.error or None,
        "mismatches": [{"kind": m.kind, "message_vi": m.message_vi,
                        "message_en": m.message_en, "expected": m.expected or None,
                        "findings": [finding_to_dict(f) for f in m.findings],
                        "actual": list(m.actual)} for m in r.mismatches],
    }


def _run_test(ctx: CommandContext) -> int:
    from thidua.testing.scenarios import ScenarioRunner

    args = ctx.args
    scenarios, broken = _load(list(args.paths))
    results = ScenarioRunner().run_all(scenarios)
    bad = bool(broken) or any(r.outcome.value == "error" for r in results)
    failed = any(r.outcome.value == "failed" for r in results)
    code = EXIT_BAD_INPUT if bad else EXIT_FAILED if failed else EXIT_OK
    if args.format == "json":
        doc = {
            "format": SCENARIOS_FORMAT,
            "results": [_result_doc(r) for r in results],
            "load_errors": [{"file": str(f), "message": exc.summary,
                             "problems": [{"path": p.path, "message": p.message}
                                          for p in exc.problems]} for f, exc in broken],
            "summary": {o: sum(1 for r in results if r.outcome.value == o)
                        for o in ("passed", "failed", "error")}
                       | {"unreadable_files": len(broken)},
        }
        print(json.dumps(doc, ensure_ascii=False, indent=2), file=ctx.out)
        return code
    for _, exc in broken:
        print(f"thidua: error: {exc}", file=ctx.err)
    for r in results:
        if r.passed and args.quiet:
            continue
        print(r.report(args.lang), file=ctx.out)
    print(_summary(results, len(broken), args.lang), file=ctx.out)
    return code


COMMANDS: list[CliCommand] = [
    CliCommand(name="test", help="run scenario files (regulation cases written as data)",
               configure=_configure_test, run=_run_test),
]
"""The subcommands of this group."""
