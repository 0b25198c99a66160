"""Running an export: find the format among the plugins, prepare the data, write safely.

This is the one path ``thidua export`` and library users share::

    host = Host()
    exporter = find_exporter(host, "xlsx")
    data = prepare(host, dossier, "findings", year=2024)
    export_to_path(exporter, data, Path("ket-qua-2024.xlsx"), protect=[dossier_path])
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from thidua.errors import ExportError, PluginError
from thidua.export.base import Exporter, ExportKind
from thidua.export.data import DueItem, ExportData, templates
from thidua.export.safety import atomic_write
from thidua.plugins.host import PluginWarning

if TYPE_CHECKING:
    from thidua.model.dossier import Dossier
    from thidua.plugins.host import Host

__all__ = [
    "default_file_name",
    "export_to_path",
    "export_to_stream",
    "exporters_by_name",
    "find_exporter",
    "prepare",
]


def exporters_by_name(host: Host) -> dict[str, tuple[str, Exporter]]:
    """Every exporter the plugins registered, keyed by name, as ``(plugin, exporter)``.

    Two plugins registering the same name are a conflict: the host's plugin problem
    handling reports it (a warning, or an error in strict mode) and the first plugin in
    name order keeps the name.
    """
    out: dict[str, tuple[str, Exporter]] = {}
    for plugin, exporter in host.exporters():
        if exporter.name in out:
            message = (f"exporter {exporter.name!r} is registered by both "
                       f"{out[exporter.name][0]!r} and {plugin!r}; the second is ignored")
            if host.strict:
                raise PluginError(message)
            warnings.warn(message, PluginWarning, stacklevel=2)
            continue
        out[exporter.name] = (plugin, exporter)
    return out


def find_exporter(host: Host, name: str) -> Exporter:
    """The exporter called ``name``, or an :class:`ExportError` listing the known ones."""
    known = exporters_by_name(host)
    if name not in known:
        names = ", ".join(sorted(known)) or "(none)"
        raise ExportError(f"unknown export format {name!r}; known formats: {names} "
                          f"(see thidua export --list)")
    return known[name][1]


def _default_year(dossier: Dossier) -> int:
    years = dossier.years()
    return years[-1] if years else dt.date.today().year


def _due_items(host: Host, dossier: Dossier, year: int,
               as_of: dt.date | None) -> tuple[DueItem, ...]:
    """The year's deadlines and obligations, from the obligations family of the rules."""
    from thidua.export import sources

    return sources.due_items(host, dossier, year, as_of=as_of)


def prepare(host: Host, dossier: Dossier, what: ExportKind | str, *, year: int | None = None,
            unit: str | None = None, lang: str = "vi", as_of: dt.date | None = None,
            reminder_days: Sequence[int] | None = None) -> ExportData:
    """Build the :class:`ExportData` for ``what``: run the rules for findings, collect
    the deadlines and obligations for a calendar, and so on."""
    try:
        kind = ExportKind(what)
    except ValueError:
        known = ", ".join(k.value for k in ExportKind)
        raise ExportError(f"cannot export {what!r}; choose one of: {known}") from None
    year = _default_year(dossier) if year is None else year
    engine = host.engine()
    plan = engine.plan_for(dossier.plan, year) if dossier.plan in engine.plans else None
    report = None
    obligations: tuple[DueItem, ...] = ()
    results: tuple[object, ...] = ()
    if kind is ExportKind.FINDINGS:
        report = engine.evaluate(dossier, year, as_of=as_of)
    elif kind is ExportKind.OBLIGATIONS:
        obligations = _due_items(host, dossier, year, as_of)
    elif kind in (ExportKind.ELIGIBILITY, ExportKind.BUDGET):
        from thidua.export import sources

        results = sources.results(host, dossier, kind, year, unit=unit, as_of=as_of)
    if reminder_days is None:
        configured = templates().section("calendar").get("reminder_days", ())
        reminder_days = tuple(configured) if isinstance(configured, list) else ()
    return ExportData(what=kind, dossier=dossier, year=year, unit=unit, lang=lang,
                      plan=plan, report=report, obligations=obligations, results=results,
                      reminder_days=tuple(reminder_days))


def _check(exporter: Exporter, data: ExportData) -> None:
    if not exporter.supports(data.what):
        can = ", ".join(sorted(k.value for k in exporter.kinds))
        raise ExportError(f"the {exporter.name} format cannot export {data.what.value}; "
                          f"it exports: {can}")
    exporter.check_available()


def export_to_stream(exporter: Exporter, data: ExportData, stream: BinaryIO) -> None:
    """Write ``data`` with ``exporter`` to an open binary stream (no atomicity)."""
    _check(exporter, data)
    exporter.write(data, stream)


def export_to_path(exporter: Exporter, data: ExportData, path: Path, *,
                   protect: Iterable[Path] = ()) -> Path:
    """Write ``data`` with ``exporter`` to ``path`` atomically; never over a file in
    ``protect`` (the input dossier). Returns the path written."""
    _check(exporter, data)
    return atomic_write(path, lambda fh: exporter.write(data, fh), protect=protect)


def default_file_name(exporter: Exporter, data: ExportData) -> str:
    """A file name for ``data`` in ``exporter``'s format, e.g. ``findings-2024.xlsx``."""
    parts = [data.what.value, str(data.year)]
    if data.unit:
        parts.append(data.unit.replace("/", "_").replace(":", "_"))
    return "-".join(parts) + "." + exporter.extension
