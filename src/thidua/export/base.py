"""The exporter interface (filled in by the exporters issue)."""

from __future__ import annotations

import attrs

__all__ = ["Exporter"]


@attrs.frozen(kw_only=True)
class Exporter:
    """An output format registered through the ``thidua_exporters`` hook."""

    name: str
