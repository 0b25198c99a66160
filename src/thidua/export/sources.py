"""Adapters from the rule families' results to what exporters show.

Exporters do not compute regulation: they show what the rule families computed. This
module is the one place that knows how to ask each family for its results and turn
them into export rows (:class:`~thidua.export.data.DueItem` for calendars).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thidua.errors import ExportError
from thidua.export.base import ExportKind
from thidua.export.data import DueItem

if TYPE_CHECKING:
    from thidua.model.dossier import Dossier
    from thidua.plugins.host import Host

__all__ = ["due_items", "results"]


def due_items(host: Host, dossier: Dossier, year: int, *,
              as_of: dt.date | None = None) -> tuple[DueItem, ...]:
    """The deadlines and obligations of ``year`` for every unit of ``dossier``."""
    raise ExportError("exporting obligations needs the obligations rule family, which this "
                      "installation does not provide yet")


def results(host: Host, dossier: Dossier, kind: ExportKind, year: int, *,
            unit: str | None = None, as_of: dt.date | None = None) -> tuple[object, ...]:
    """Typed results of ``kind`` (eligibility and roadmap, budget) for ``year``."""
    raise ExportError(f"exporting {kind.value} needs the award-ladder rule family, which "
                      f"this installation does not provide yet")
