"""Administrative units, their levels, and emulation movements.

Levels are *data*: a plan declares which levels exist (a district plan has ``huyen``,
a two-tier province's plan does not). The model only checks that a level id is a slug.
"""

from __future__ import annotations

import attrs

from thidua.model.base import identifier, nfc, non_empty_text, slug

__all__ = ["Level", "Movement", "Unit"]


@attrs.frozen(kw_only=True)
class Level:
    """A level of the administrative hierarchy as a plan defines it (e.g. ``xa``)."""

    id: str = attrs.field(validator=slug)
    """ASCII slug of the Vietnamese name, e.g. ``xa``, ``huyen``, ``phong_ban``."""
    name_vi: str = attrs.field(converter=nfc, validator=non_empty_text)
    """Vietnamese display name, e.g. ``UBND xã, thị trấn``."""
    name_en: str = attrs.field(converter=nfc, validator=non_empty_text)
    """English display name, e.g. ``commune or township People's Committee``."""


@attrs.frozen(kw_only=True)
class Unit:
    """An agency, unit or locality that registers, selects, receives or reports."""

    id: str = attrs.field(validator=identifier)
    """Stable identifier, e.g. ``xa-lac-dao``."""
    name: str = attrs.field(converter=nfc, validator=non_empty_text)
    """Vietnamese display name, e.g. ``UBND xã Lạc Đạo``."""
    level: str = attrs.field(validator=slug)
    """Id of the unit's level; the plan in force says which levels exist."""
    parent: str | None = attrs.field(default=None)
    """Id of the unit this one reports to, if any."""
    bloc: str | None = attrs.field(default=None, converter=attrs.converters.optional(nfc))
    """Name or id of the emulation bloc (Khối thi đua) the unit competes in, if known."""


@attrs.frozen(kw_only=True)
class Movement:
    """An emulation movement (phong trào thi đua) and its lead agency."""

    id: str = attrs.field(validator=identifier)
    """Stable identifier, e.g. ``pt-van-hoa``."""
    name: str = attrs.field(converter=nfc, validator=non_empty_text)
    """Vietnamese name of the movement."""
    lead: str = attrs.field(validator=identifier)
    """Id of the unit that leads (chủ trì) the movement."""
