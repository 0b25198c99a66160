"""Yearly records (assessment, titles, initiatives) and award grants."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from thidua.model.base import MAX_YEAR, MIN_YEAR, identifier, is_year, nfc, slug, to_tuple
from thidua.model.exemplars import year_validator

__all__ = ["Assessment", "AwardGrant", "MemberStats", "YearRecord"]


class Assessment(enum.StrEnum):
    """The yearly assessment grade (xếp loại), ordered from worst to best."""

    NOT_COMPLETED = "khong_hoan_thanh"
    COMPLETED = "hoan_thanh"
    GOOD = "hoan_thanh_tot"
    EXCELLENT = "hoan_thanh_xuat_sac"

    @property
    def rank(self) -> int:
        """0 for not completed up to 3 for excellent; compare grades with it."""
        return _RANK[self]

    def at_least(self, other: Assessment) -> bool:
        """True if this grade is ``other`` or better."""
        return _RANK[self] >= _RANK[other]


_RANK = {a: i for i, a in enumerate(Assessment)}


def _non_negative(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(
            f"{type(instance).__name__}.{attribute.name} must be a whole number ≥ 0, "
            f"got {value!r}"
        )


def _slugs(instance: object, attribute: attrs.Attribute[tuple[str, ...]],
           value: tuple[str, ...]) -> None:
    for item in value:
        slug(instance, attribute, item)


@attrs.frozen(kw_only=True)
class MemberStats:
    """Counts over a collective's members for one year (for collective titles)."""

    total: int = attrs.field(validator=_non_negative)
    """Number of members."""
    completed: int = attrs.field(validator=_non_negative)
    """Members who at least completed their duties."""
    lao_dong_tien_tien: int = attrs.field(default=0, validator=_non_negative)
    """Members who earned "Lao động tiên tiến" that year."""
    chien_si_thi_dua_co_so: int = attrs.field(default=0, validator=_non_negative)
    """Members who earned "Chiến sĩ thi đua cơ sở" that year."""
    disciplined: int = attrs.field(default=0, validator=_non_negative)
    """Members disciplined that year."""

    def __attrs_post_init__(self) -> None:
        for name in ("completed", "lao_dong_tien_tien", "chien_si_thi_dua_co_so",
                     "disciplined"):
            if getattr(self, name) > self.total:
                raise ValueError(
                    f"MemberStats.{name} ({getattr(self, name)}) cannot exceed "
                    f"MemberStats.total ({self.total})"
                )


@attrs.frozen(kw_only=True)
class YearRecord:
    """What a subject achieved in one year: assessment, titles, initiatives."""

    subject: str = attrs.field(validator=identifier)
    """Id of the exemplar (individual or collective) the record is about."""
    year: int = attrs.field(validator=year_validator)
    """The year assessed."""
    assessment: Assessment = attrs.field(converter=Assessment)
    """The yearly grade (xếp loại)."""
    titles: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_slugs)
    """Emulation titles earned for the year, e.g. ``chien_si_thi_dua_co_so``."""
    initiatives: int = attrs.field(default=0, validator=_non_negative)
    """Initiatives (sáng kiến) or research works recognised for the year."""
    initiative_scope: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(slug)
    )
    """Widest scope at which an initiative was recognised: ``co_so``, ``tinh``, ``toan_quoc``."""
    members: MemberStats | None = None
    """Member counts, for collectives."""


@attrs.frozen(kw_only=True)
class AwardGrant:
    """An award decided (or proposed) for a subject: a title or a form of commendation."""

    subject: str = attrs.field(validator=identifier)
    """Id of the exemplar awarded."""
    award: str = attrs.field(validator=slug)
    """Award id from the catalogue, e.g. ``bang_khen_tinh``."""
    decided_on: dt.date
    """Date of the decision (or the planned decision date of a proposal)."""
    decision: str = attrs.field(default="", converter=nfc)
    """Number and symbol of the decision, e.g. ``1234/QĐ-UBND``."""
    achievement_years: tuple[int, ...] = attrs.field(default=(), converter=to_tuple)
    """The years whose achievements the award rewards."""
    proposed: bool = False
    """True for a proposal not yet decided (counted by budget estimates)."""
    payer: str | None = attrs.field(default=None)
    """Id of the unit whose fund pays the bonus, when it differs from the catalogue's."""

    def __attrs_post_init__(self) -> None:
        for y in self.achievement_years:
            if not is_year(y):
                raise ValueError(f"AwardGrant.achievement_years must hold years between "
                                 f"{MIN_YEAR} and {MAX_YEAR}, got {y!r}")
