"""The award catalogue (filled in by the award-ladder issue)."""

from __future__ import annotations

import attrs

__all__ = ["AwardType"]


@attrs.frozen(kw_only=True)
class AwardType:
    """A title or form of commendation with its criteria."""

    id: str
