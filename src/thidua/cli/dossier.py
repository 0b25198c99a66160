"""CLI command group: the dossier itself.

* ``thidua schema [-o FILE]`` prints the JSON Schema of the dossier format.
* ``thidua validate DOSSIER`` checks a dossier (``-`` reads standard input): one
  summary line when it is valid; every problem with its JSON path when it is not
  (exit code 2, no traceback).
* ``thidua example [-o FILE] [--force]`` writes the bundled example dossier.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from thidua.cli.base import CliCommand, CommandContext, add_dossier_argument, read_dossier
from thidua.errors import DossierError, ThiduaError

if TYPE_CHECKING:
    from thidua.model.dossier import Dossier

__all__ = ["COMMANDS"]

EXIT_BAD_INPUT = 2
"""Exit code of a dossier that does not validate (same as any bad input)."""


# -- thidua schema ------------------------------------------------------------------

def _configure_schema(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write the schema to FILE instead of standard output")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def _run_schema(ctx: CommandContext) -> int:
    from thidua.serialization import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if ctx.args.output in (None, "-"):
        ctx.out.write(text)
        return 0
    target = _write_new_file(Path(ctx.args.output), text, force=ctx.args.force)
    print(f"{target}", file=ctx.err)
    return 0


# -- thidua validate ----------------------------------------------------------------

def _configure_validate(p: argparse.ArgumentParser) -> None:
    from thidua.cli.main import add_output_options

    add_dossier_argument(p, example=False)
    add_output_options(p)


def _summary(d: Dossier) -> dict[str, Any]:
    return {
        "plan": d.plan,
        "units": len(d.units),
        "movements": len(d.movements),
        "exemplars": len(d.exemplars),
        "submissions": len(d.submissions),
        "records": len(d.records),
        "awards": len(d.awards),
        "events": len(d.events),
        "years": list(d.years()),
    }


def _run_validate(ctx: CommandContext) -> int:
    args = ctx.args
    vi = args.lang == "vi"
    try:
        dossier = read_dossier(args.dossier)
    except DossierError as exc:
        if args.format == "json":
            doc = {"valid": False, "file": args.dossier, "summary": exc.summary,
                   "problems": [{"path": p.path, "message": p.message}
                                for p in exc.problems]}
            print(json.dumps(doc, ensure_ascii=False, indent=2), file=ctx.out)
            return EXIT_BAD_INPUT
        if vi and exc.problems:
            print(f"thidua: lỗi: hồ sơ {args.dossier} không hợp lệ, {len(exc.problems)} "
                  f"vấn đề (sửa theo từng đường dẫn JSON dưới đây):", file=ctx.err)
        else:
            print(f"thidua: {'lỗi' if vi else 'error'}: {exc.summary}", file=ctx.err)
        for p in exc.problems:
            print(f"  {p}", file=ctx.err)
        return EXIT_BAD_INPUT
    info = _summary(dossier)
    known = dossier.plan in ctx.host.plans
    if args.format == "json":
        doc = {"valid": True, "file": args.dossier, **info, "plan_installed": known}
        print(json.dumps(doc, ensure_ascii=False, indent=2), file=ctx.out)
        return 0
    years = ", ".join(map(str, info["years"])) or "—"
    if vi:
        line = (f"OK: {args.dossier} hợp lệ — kế hoạch {dossier.plan}; {info['units']} đơn vị, "
                f"{info['movements']} phong trào, {info['exemplars']} điển hình, "
                f"{info['submissions']} danh sách đăng ký, {info['records']} bản ghi năm, "
                f"{info['awards']} khen thưởng; năm: {years}")
        note = (f"Lưu ý: chưa cài kế hoạch {dossier.plan}; cần plugin cung cấp kế hoạch "
                f"này để xét hồ sơ.")
    else:
        line = (f"OK: {args.dossier} is valid — plan {dossier.plan}; {info['units']} units, "
                f"{info['movements']} movements, {info['exemplars']} exemplars, "
                f"{info['submissions']} submissions, {info['records']} yearly records, "
                f"{info['awards']} awards; years: {years}")
        note = (f"Note: plan {dossier.plan} is not installed; a plugin that supplies it is "
                f"needed to judge this dossier.")
    print(line, file=ctx.out)
    if not known:
        print(note, file=ctx.err)
    return 0


# -- thidua example -----------------------------------------------------------------

def _configure_example(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", metavar="FILE", default="-",
                   help="write the example to FILE (default: standard output)")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def _write_new_file(target: Path, text: str, *, force: bool) -> Path:
    """Write ``text`` to ``target`` atomically; refuse to replace a file unless forced."""
    from thidua.export.safety import atomic_write

    if target.exists() and not force:
        raise ThiduaError(f"{target} already exists; choose another file with -o, or add "
                          f"--force to overwrite it")
    data = text.encode("utf-8")

    def write(fh: BinaryIO) -> None:
        fh.write(data)

    return atomic_write(target, write)


def _run_example(ctx: CommandContext) -> int:
    from thidua.data import example_dossier_text

    text = example_dossier_text()
    if ctx.args.output == "-":
        ctx.out.write(text)
        return 0
    target = _write_new_file(Path(ctx.args.output), text, force=ctx.args.force)
    print(f"{target}", file=ctx.err)
    return 0


COMMANDS: list[CliCommand] = [
    CliCommand(name="schema", help="print the JSON Schema of the dossier format",
               configure=_configure_schema, run=_run_schema),
    CliCommand(name="validate",
               help="check a dossier: every problem with its JSON path, or one OK line",
               configure=_configure_validate, run=_run_validate),
    CliCommand(name="example", help="write the bundled example dossier (a district of "
                                    "Hưng Yên, 2023–2024)",
               configure=_configure_example, run=_run_example),
]
"""The subcommands of this group."""
