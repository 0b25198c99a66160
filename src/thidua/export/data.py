"""What exporters receive: the dossier, the year and the content asked for, prepared once.

:class:`ExportData` carries the dossier and, depending on ``what``, the engine's
report, the year's deadlines and obligations, eligibility or budget results. Views used
by several formats (registration lists in Vietnamese order, the unit a finding is
about) are methods here, so that every format shows the same rows.
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from thidua.errors import ExportError
from thidua.export.base import ExportKind
from thidua.export.collation import vietnamese_key
from thidua.model.base import nfc, to_tuple
from thidua.model.dossier import Dossier
from thidua.model.exemplars import Exemplar, ExemplarKind
from thidua.model.findings import Finding
from thidua.model.submissions import Submission
from thidua.model.units import Unit

if TYPE_CHECKING:
    from thidua.plan import Plan
    from thidua.rules.engine import Report

__all__ = ["DueItem", "ExportData", "RegistrationList", "Templates", "templates"]

TEMPLATES_FILE = Path(__file__).with_name("templates.toml")
"""Texts and defaults of the built-in exporters (document layout, labels, reminders)."""

_KIND_ORDER = {k: i for i, k in enumerate(ExemplarKind)}


@attrs.frozen(kw_only=True)
class Templates:
    """The parsed ``templates.toml``: texts exporters show and their defaults."""

    raw: Mapping[str, Any] = attrs.field(hash=False)

    def section(self, name: str) -> Mapping[str, Any]:
        """A top-level table of the file (empty if absent)."""
        value = self.raw.get(name, {})
        return value if isinstance(value, Mapping) else {}

    def text(self, section: str, key: str) -> str:
        """A text of ``section``; an :class:`ExportError` names the missing key."""
        value = self.section(section).get(key)
        if not isinstance(value, str):
            raise ExportError(f"{TEMPLATES_FILE.name}: [{section}] {key} must be a text, "
                              f"got {value!r}")
        return value

    def label(self, group: str, key: str) -> str:
        """The display label of slug ``key`` in ``[labels.group]``, or the slug itself."""
        labels = self.section("labels").get(group, {})
        value = labels.get(key) if isinstance(labels, Mapping) else None
        return value if isinstance(value, str) else key


@functools.cache
def templates() -> Templates:
    """The built-in exporters' texts, read once."""
    with TEMPLATES_FILE.open("rb") as fh:
        return Templates(raw=tomllib.load(fh))


@attrs.frozen(kw_only=True)
class RegistrationList:
    """One registration list (a submission) with its entries resolved and ordered."""

    submission: Submission
    sender: Unit
    recipient: Unit
    entries: tuple[Exemplar, ...] = attrs.field(converter=to_tuple)
    """The registered exemplars: models, then collectives, then individuals, each group
    in Vietnamese alphabetical order."""


@attrs.frozen(kw_only=True)
class DueItem:
    """One dated deadline or obligation of a unit, for calendars and tables."""

    id: str
    """Stable id of the obligation or deadline as the plan names it."""
    unit: str | None
    """Id of the unit that must act (None: the plan's own date, for everyone)."""
    due: dt.date
    """The due date after any working-day roll."""
    title_vi: str = attrs.field(converter=nfc)
    title_en: str = attrs.field(converter=nfc)
    clause: str = attrs.field(converter=nfc)
    document: str = attrs.field(default="", converter=nfc)
    recipient: str | None = None
    """Id of the unit the action goes to, if any."""
    nominal: dt.date | None = None
    """The nominal date before the working-day roll, when it differs."""
    status: str = ""
    """Status slug from the dossier (done, late, missing, not_yet_due, tracked), if known."""
    note_vi: str = attrs.field(default="", converter=nfc)
    note_en: str = attrs.field(default="", converter=nfc)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


@attrs.frozen(kw_only=True)
class ExportData:
    """Everything an exporter's ``write`` needs, prepared by
    :func:`thidua.export.runner.prepare`."""

    what: ExportKind = attrs.field(converter=ExportKind)
    dossier: Dossier
    year: int
    unit: str | None = None
    """Restrict the export to one unit (its lists, findings about it, its deadlines)."""
    lang: str = attrs.field(default="vi", validator=attrs.validators.in_(("vi", "en")))
    plan: Plan | None = None
    """The plan in force for the year, if any (titles, levels)."""
    report: Report | None = None
    """The engine's report, for ``findings``."""
    obligations: tuple[DueItem, ...] = attrs.field(default=(), converter=to_tuple)
    """The year's deadlines and obligations, for ``obligations``."""
    results: tuple[Any, ...] = attrs.field(default=(), converter=to_tuple)
    """Typed results of other kinds (eligibility, budget) as their family returns them."""
    created: dt.datetime = attrs.field(factory=_utc_now)
    """When the export was made (UTC); calendars stamp it (DTSTAMP)."""
    reminder_days: tuple[int, ...] = attrs.field(default=(), converter=to_tuple)
    """Days before each due date to remind (calendar formats)."""

    def __attrs_post_init__(self) -> None:
        if self.unit is not None and self.unit not in self.dossier.units_by_id:
            known = ", ".join(sorted(self.dossier.units_by_id)[:10])
            raise ExportError(f"--unit {self.unit!r} is not a unit of the dossier; "
                              f"known units include: {known}")
        for d in self.reminder_days:
            if isinstance(d, bool) or not isinstance(d, int) or d < 0:
                raise ExportError(f"ExportData.reminder_days must hold whole numbers of "
                                  f"days ≥ 0, got {d!r}")

    # -- names ----------------------------------------------------------------------
    def unit_name(self, unit_id: str | None) -> str:
        """Display name of a unit (its id if unknown, empty for None)."""
        if unit_id is None:
            return ""
        unit = self.dossier.units_by_id.get(unit_id)
        return unit.name if unit is not None else unit_id

    def subject_unit(self, subject: str) -> Unit | None:
        """The unit a finding's subject belongs to: the unit itself, a submission's
        sender, an exemplar's unit; None for subjects that are none of these."""
        d = self.dossier
        if subject in d.units_by_id:
            return d.units_by_id[subject]
        if subject in d.exemplars_by_id:
            return d.units_by_id.get(d.exemplars_by_id[subject].unit)
        for s in d.submissions:
            if s.id == subject:
                return d.units_by_id.get(s.from_unit)
        return None

    def subject_name(self, subject: str) -> str:
        """Display name of a finding's subject (unit, exemplar, submission or id)."""
        d = self.dossier
        if subject in d.units_by_id:
            return d.units_by_id[subject].name
        if subject in d.exemplars_by_id:
            return d.exemplars_by_id[subject].name
        for s in d.submissions:
            if s.id == subject:
                arrow = "gửi" if self.lang == "vi" else "to"
                return (f"{self.unit_name(s.from_unit)} {arrow} {self.unit_name(s.to_unit)} "
                        f"({s.year})")
        return subject

    def kind_label(self, kind: ExemplarKind | str) -> str:
        """Display label of an exemplar kind in the export language."""
        group = "kind" if self.lang == "vi" else "kind_en"
        return templates().label(group, str(kind))

    # -- views ----------------------------------------------------------------------
    def registration_lists(self) -> tuple[RegistrationList, ...]:
        """The year's registration lists (of ``unit`` only, if set): the lists of units
        higher in the hierarchy first, then in Vietnamese order of the sender."""
        d = self.dossier
        lists = []
        for s in d.submissions_for(self.year):
            if self.unit is not None and s.from_unit != self.unit:
                continue
            entries = sorted((d.exemplars_by_id[e] for e in s.exemplars),
                             key=lambda e: (_KIND_ORDER[e.kind], vietnamese_key(e.name), e.id))
            lists.append(RegistrationList(submission=s, sender=d.units_by_id[s.from_unit],
                                          recipient=d.units_by_id[s.to_unit],
                                          entries=entries))
        return tuple(sorted(lists, key=lambda r: (self.depth(r.sender.id),
                                                  vietnamese_key(r.sender.name),
                                                  r.submission.id)))

    def depth(self, unit_id: str) -> int:
        """How many parents a unit has (0 for a unit at the top of the dossier)."""
        n = 0
        seen = {unit_id}
        parent = self.dossier.units_by_id[unit_id].parent
        while parent is not None and parent not in seen and parent in self.dossier.units_by_id:
            seen.add(parent)
            n += 1
            parent = self.dossier.units_by_id[parent].parent
        return n

    def findings(self) -> tuple[Finding, ...]:
        """The report's findings (about ``unit`` only, if set), in report order."""
        if self.report is None:
            raise ExportError("no findings to export: the data was prepared without "
                              "running the rules (what must be 'findings')")
        if self.unit is None:
            return self.report.findings
        return tuple(f for f in self.report.findings
                     if (u := self.subject_unit(f.subject)) is not None and u.id == self.unit)

    def due_items(self) -> tuple[DueItem, ...]:
        """The deadlines and obligations (of ``unit`` and plan-wide ones, if set),
        by due date."""
        items = [i for i in self.obligations
                 if self.unit is None or i.unit in (None, self.unit)]
        return tuple(sorted(items, key=lambda i: (i.due, i.id, i.unit or "")))

    def units_in_order(self) -> tuple[Unit, ...]:
        """The dossier's units (just ``unit``, if set) in hierarchy then Vietnamese order."""
        units = [u for u in self.dossier.units if self.unit is None or u.id == self.unit]
        return tuple(sorted(units, key=lambda u: (self.depth(u.id), vietnamese_key(u.name),
                                                  u.id)))
