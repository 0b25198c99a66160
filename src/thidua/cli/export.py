"""CLI command group: export.

``thidua export DOSSIER --what WHAT --to FORMAT [-o FILE] [--year Y] [--unit U]`` writes
one file (atomically, never over the dossier); ``-o -`` writes to standard output.
``thidua export --list`` shows every format the installed plugins provide, what each
can export and whether its optional dependencies are installed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any, BinaryIO

from thidua.cli.base import CliCommand, CommandContext
from thidua.errors import ExportError, ThiduaError
from thidua.export.base import ExportKind

COMMANDS: list[CliCommand] = []
"""The subcommands of this group."""


def _configure(p: argparse.ArgumentParser) -> None:
    from thidua.cli.main import add_output_options

    p.add_argument("dossier", nargs="?", metavar="DOSSIER", help="the dossier (JSON) to export")
    p.add_argument("--list", action="store_true", dest="list_formats",
                   help="list the export formats and what each can export")
    p.add_argument("--what", choices=[k.value for k in ExportKind],
                   help="what to export")
    p.add_argument("--to", metavar="FORMAT", dest="to_format",
                   help="output format (see --list), e.g. xlsx, docx, ics, csv, json")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="output file (default: WHAT-YEAR[-UNIT].EXT in the current "
                        "directory; '-' for standard output)")
    p.add_argument("--year", type=int, help="the year (default: the dossier's latest)")
    p.add_argument("--unit", metavar="UNIT", help="only this unit's lists, findings or "
                                                  "deadlines (a unit id of the dossier)")
    p.add_argument("--as-of", type=dt.date.fromisoformat, metavar="DATE",
                   help="judge the dossier as on this day (YYYY-MM-DD)")
    p.add_argument("--remind", metavar="DAYS",
                   help="calendar reminders, in days before each due date, e.g. 7,1")
    add_output_options(p)


def _reminders(text: str | None) -> tuple[int, ...] | None:
    if text is None:
        return None
    try:
        days = tuple(int(x) for x in text.split(",") if x.strip())
    except ValueError:
        raise ExportError(f"--remind must be whole numbers of days separated by commas, "
                          f"e.g. 7,1; got {text!r}") from None
    if any(d < 0 for d in days):
        raise ExportError(f"--remind days must be 0 or more, got {text!r}")
    return days


def _list(ctx: CommandContext) -> int:
    from thidua.export.runner import exporters_by_name

    args = ctx.args
    rows: list[dict[str, Any]] = []
    for name, (plugin, ex) in sorted(exporters_by_name(ctx.host).items()):
        rows.append({"name": name, "extension": ex.extension, "media_type": ex.media_type,
                     "kinds": sorted(k.value for k in ex.kinds), "plugin": plugin,
                     "available": ex.available(), "missing": list(ex.missing()),
                     "install": ex.install_hint,
                     "description": ex.description_vi if args.lang == "vi"
                     else ex.description_en})
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2), file=ctx.out)
        return 0
    vi = args.lang == "vi"
    for r in rows:
        state = ""
        if not r["available"]:
            hint = r["install"] or " ".join(r["missing"])
            state = (f"  [cần cài: pip install \"{hint}\"]" if vi
                     else f"  [needs: pip install \"{hint}\"]")
        print(f"{r['name']:<8} .{r['extension']:<6} {', '.join(r['kinds'])}  "
              f"({r['plugin']}){state}", file=ctx.out)
        print(f"         {r['description']}", file=ctx.out)
    return 0


def _same_path(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def _load(path: Path) -> object:
    from thidua.serialization import load_dossier

    return load_dossier(path)


def _binary_out(ctx: CommandContext) -> BinaryIO:
    buffer: BinaryIO | None = getattr(ctx.out, "buffer", None)
    return buffer if buffer is not None else sys.stdout.buffer


def _run(ctx: CommandContext) -> int:
    from thidua.export.runner import (
        default_file_name,
        export_to_path,
        export_to_stream,
        find_exporter,
        prepare,
    )
    from thidua.model.dossier import Dossier

    args = ctx.args
    if args.list_formats:
        return _list(ctx)
    missing = [flag for flag, value in (("DOSSIER", args.dossier), ("--what", args.what),
                                        ("--to", args.to_format)) if not value]
    if missing:
        raise ThiduaError(f"thidua export needs {', '.join(missing)} (or --list to see the "
                          f"formats); e.g. thidua export dossier.json --what findings --to xlsx")
    exporter = find_exporter(ctx.host, args.to_format)
    if not exporter.supports(args.what):
        can = ", ".join(sorted(k.value for k in exporter.kinds))
        raise ExportError(f"the {exporter.name} format cannot export {args.what}; "
                          f"it exports: {can}")
    exporter.check_available()
    reminder_days = _reminders(args.remind)
    dossier_path = Path(args.dossier)
    if args.output not in (None, "-") and _same_path(Path(args.output), dossier_path):
        raise ExportError(f"refusing to write the export over the input file {dossier_path}; "
                          f"choose another output file with -o")
    dossier = _load(dossier_path)
    if not isinstance(dossier, Dossier):  # pragma: no cover - loader contract
        raise ExportError(f"{dossier_path} did not load as a dossier")
    data = prepare(ctx.host, dossier, args.what, year=args.year, unit=args.unit,
                   lang=args.lang, as_of=args.as_of, reminder_days=reminder_days)
    if args.output == "-":
        out = _binary_out(ctx)
        if exporter.binary and out.isatty():
            raise ExportError(f"the {exporter.name} format is binary and standard output is "
                              f"a terminal; write it to a file with -o FILE")
        export_to_stream(exporter, data, out)
        out.flush()
        return 0
    target = Path(args.output) if args.output else Path(default_file_name(exporter, data))
    written = export_to_path(exporter, data, target, protect=[dossier_path])
    size = written.stat().st_size
    if args.format == "json":
        print(json.dumps({"path": str(target), "format": exporter.name, "what": args.what,
                          "year": data.year, "unit": data.unit, "bytes": size},
                         ensure_ascii=False), file=ctx.out)
    elif args.lang == "vi":
        print(f"Đã ghi {target} ({exporter.name}, {size} byte).", file=ctx.out)
    else:
        print(f"Wrote {target} ({exporter.name}, {size} bytes).", file=ctx.out)
    return 0


COMMANDS.append(CliCommand(
    name="export",
    help="export registrations, findings or deadlines to Word, Excel, iCalendar, CSV, JSON",
    configure=_configure,
    run=_run,
))
