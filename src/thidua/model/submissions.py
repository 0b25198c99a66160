"""Submissions (registration lists sent up the hierarchy) and recorded events."""

from __future__ import annotations

import datetime as dt

import attrs

from thidua.model.base import identifier, nfc, slug, to_tuple
from thidua.model.exemplars import year_validator

__all__ = ["Event", "Submission"]

def _unique_ids(instance: object, attribute: attrs.Attribute[tuple[str, ...]],
                value: tuple[str, ...]) -> None:
    for item in value:
        identifier(instance, attribute, item)

def _slugs(instance: object, attribute: attrs.Attribute[tuple[str, ...]],
           value: tuple[str, ...]) -> None:
    for item in value:
        slug(instance, attribute, item)

@attrs.frozen(kw_only=True)
class Submission:
    """A list of exemplars that one unit sends to another for a year (đăng ký thi đua).

    Duplicates inside ``exemplars`` are kept as sent, so that the dossier's integrity
    check can name them; they are never silently merged.
    """

    id: str = attrs.field(validator=identifier)
    """Stable identifier, e.g. ``s-2024-lac-dao``."""
    year: int = attrs.field(validator=year_validator)
    """The registration year the list is for."""
    from_unit: str = attrs.field(validator=identifier)
    """Id of the sending unit (JSON key ``from``)."""
    to_unit: str = attrs.field(validator=identifier)
    """Id of the receiving unit (JSON key ``to``)."""
    submitted_on: dt.date | None = attrs.field(default=None)
    """Date the list was sent; ``None`` for a draft not yet sent."""
    exemplars: tuple[str, ...] = attrs.field(default=(), converter=to_tuple,
                                             validator=_unique_ids)
    """Ids of the registered exemplars, in the order of the list."""
    attachments: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_slugs)
    """Slugs of attached documents, e.g. ``ke_hoach_boi_duong`` (IV.1.d.4)."""

@attrs.frozen(kw_only=True)
class Event:
    """A recorded fulfilment of a tracked obligation (a plan written, a review held)."""

    obligation: str = attrs.field(validator=identifier)
    """Id of the obligation fulfilled, as the plan names it."""
    unit: str = attrs.field(validator=identifier)
    """Id of the unit that fulfilled it."""
    year: int = attrs.field(validator=year_validator)
    """The plan year it counts for."""
    on: dt.date
    """The date it was done."""
    note: str = attrs.field(default="", converter=nfc)
    """Free text (Vietnamese), e.g. the document number."""
