"""Exemplars (điển hình tiên tiến): models, collectives and individuals."""

from __future__ import annotations

import enum

import attrs

from thidua.model.base import MAX_YEAR, MIN_YEAR, identifier, is_year, nfc, non_empty_text, to_tuple

__all__ = ["Exemplar", "ExemplarKind", "Honour"]


class ExemplarKind(enum.StrEnum):
    """The three kinds of exemplar the plans name (mô hình, tập thể, cá nhân)."""

    MODEL = "mo_hinh"
    COLLECTIVE = "tap_the"
    INDIVIDUAL = "ca_nhan"


def _year(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not is_year(value):
        raise ValueError(
            f"{type(instance).__name__}.{attribute.name} must be a year between {MIN_YEAR} "
            f"and {MAX_YEAR}, got {value!r}"
        )


year_validator = _year
"""attrs validator for calendar years (a plausible range, not a legal rule)."""


@attrs.frozen(kw_only=True)
class Honour:
    """A year in which an exemplar was honoured (tuyên dương) at the exemplar conference."""

    year: int = attrs.field(validator=_year)
    """The conference year."""
    movement: str | None = attrs.field(default=None)
    """Id of the movement under which it was honoured, if recorded."""


@attrs.frozen(kw_only=True)
class Exemplar:
    """A model, collective or individual that can be registered, fostered and awarded."""

    id: str = attrs.field(validator=identifier)
    """Stable identifier, e.g. ``e-001``."""
    name: str = attrs.field(converter=nfc, validator=non_empty_text)
    """Vietnamese display name (NFC-normalised)."""
    kind: ExemplarKind = attrs.field(converter=ExemplarKind)
    """Model, collective or individual."""
    unit: str = attrs.field(validator=identifier)
    """Id of the unit the exemplar belongs to."""
    honoured: tuple[Honour, ...] = attrs.field(default=(), converter=to_tuple)
    """Years (and movements) in which it was honoured at the exemplar conference (II.2.a)."""

    @property
    def is_honoured(self) -> bool:
        """True if the exemplar was ever honoured at the conference (subject group II.2.a)."""
        return bool(self.honoured)

    def honoured_by(self, year: int) -> bool:
        """True if it was honoured at a conference held in ``year`` or earlier."""
        return any(h.year <= year for h in self.honoured)
