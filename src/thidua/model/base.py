"""Small shared pieces of the model: text normalisation and named validators.

Validators raise :class:`ValueError` with a message that names the class, the field and
the bad value, so that the serialisation edge can attach a JSON path to it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import attrs

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "identifier",
    "is_identifier",
    "is_slug",
    "is_year",
    "nfc",
    "nfc_tuple",
    "non_empty_text",
    "slug",
    "to_tuple",
]

_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")  # anchored for the JSON Schema; use fullmatch
# Identifiers of dossier records: visible ASCII without spaces, so they survive CSV,
# file names and URLs; Vietnamese belongs in names, not ids.
_IDENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/\-]*$")
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"),
    None,
)
MAX_ID_LENGTH = 200
"""The longest identifier accepted (ids are keys, not prose)."""
MIN_YEAR = 1945
"""The earliest year the model accepts: a plausibility bound, not a legal rule."""
MAX_YEAR = 2200
"""The latest year the model accepts: a plausibility bound, not a legal rule."""


def is_year(value: object) -> bool:
    """True for a whole number (not a bool) between :data:`MIN_YEAR` and :data:`MAX_YEAR`."""
    return (isinstance(value, int) and not isinstance(value, bool)
            and MIN_YEAR <= value <= MAX_YEAR)


def nfc(value: str) -> str:
    """Return ``value`` in Unicode NFC with zero-width characters removed and outer
    white space stripped, so that one Vietnamese name typed two ways is one name."""
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return unicodedata.normalize("NFC", value.translate(_INVISIBLE)).strip()


def nfc_tuple(values: Any) -> tuple[str, ...]:
    """Normalise every string of an iterable with :func:`nfc` into a tuple."""
    if isinstance(values, str):
        raise TypeError("expected a list of strings, got a single string")
    return tuple(nfc(v) for v in values)


def is_slug(value: str) -> bool:
    """True if ``value`` is an ASCII ``snake_case`` slug (levels, awards, assessments)."""
    return bool(_SLUG.fullmatch(value))


def is_identifier(value: str) -> bool:
    """True if ``value`` is a valid record identifier (ASCII, no spaces)."""
    return len(value) <= MAX_ID_LENGTH and bool(_IDENT.fullmatch(value))


def slug(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    """attrs validator: the value is an ASCII ``snake_case`` slug."""
    if not is_slug(value):
        raise ValueError(
            f"{type(instance).__name__}.{attribute.name} must be an ASCII snake_case slug "
            f"such as 'chien_si_thi_dua_co_so', got {value!r}"
        )


def identifier(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    """attrs validator: the value is a record identifier (ASCII letters, digits, ``-_.:/``)."""
    if not is_identifier(value):
        raise ValueError(
            f"{type(instance).__name__}.{attribute.name} must be an identifier of ASCII "
            f"letters, digits and -_.:/ (at most {MAX_ID_LENGTH} characters), got {value!r}"
        )


def non_empty_text(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    """attrs validator: the (already normalised) text is not empty."""
    if not value:
        raise ValueError(f"{type(instance).__name__}.{attribute.name} must not be empty")


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """attrs converter: any iterable (but not a bare string) to a tuple."""
    if isinstance(value, str | bytes):
        raise TypeError(f"expected a list, got a single string {value!r}")
    return tuple(value)
