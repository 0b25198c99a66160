"""The exporter interface: what every output format declares and does.

An :class:`Exporter` is plain data registered through the ``thidua_exporters`` hook (the
built-in formats exactly like a third-party one): a name, a media type, a file
extension, the kinds of content it can export and a ``write`` function that renders an
:class:`~thidua.export.data.ExportData` to a binary stream. An exporter that needs an
optional package names it in ``requires`` and says how to install it in
``install_hint``; :meth:`Exporter.check_available` turns a missing package into one
clear :class:`~thidua.errors.ExportError` line instead of an ``ImportError``.

Exporters never open files themselves: :func:`thidua.export.safety.atomic_write` gives
them a temporary file and moves it into place only when ``write`` returns.
"""

from __future__ import annotations

import enum
import importlib.util
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, BinaryIO

import attrs

from thidua.errors import ExportError
from thidua.model.base import nfc, non_empty_text, to_tuple

if TYPE_CHECKING:
    from thidua.export.data import ExportData

__all__ = ["ExportKind", "Exporter", "WriteFunc"]


class ExportKind(enum.StrEnum):
    """What can be exported (the ``--what`` of ``thidua export``)."""

    REGISTRATIONS = "registrations"
    """Registration lists (danh sách đăng ký): the submissions of a year, with entries."""
    FINDINGS = "findings"
    """The findings of the rules for a year."""
    OBLIGATIONS = "obligations"
    """Deadlines and reporting obligations for a year (a calendar)."""
    ELIGIBILITY = "eligibility"
    """Award eligibility and the roadmap towards higher awards."""
    BUDGET = "budget"
    """The estimated cost of awards for the emulation and commendation fund."""


WriteFunc = Callable[["ExportData", BinaryIO], None]
"""The signature of an exporter's ``write``: render the data to a binary stream."""

_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")
_EXTENSION = re.compile(r"^[a-z0-9][a-z0-9.]*$")
_MEDIA_TYPE = re.compile(r"^[a-z]+/[A-Za-z0-9.+-]+(;.*)?$")


def _matches(pattern: re.Pattern[str], example: str) -> Callable[[Any, Any, str], None]:
    def check(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
        if not isinstance(value, str) or not pattern.match(value):
            raise ValueError(f"{type(instance).__name__}.{attribute.name} must look like "
                             f"{example!r}, got {value!r}")
    return check


def _kinds(value: Iterable[ExportKind | str]) -> frozenset[ExportKind]:
    if isinstance(value, str):
        raise TypeError(f"Exporter.kinds must be a list of kinds, got the string {value!r}")
    kinds = []
    for v in value:
        try:
            kinds.append(ExportKind(v))
        except ValueError:
            known = ", ".join(k.value for k in ExportKind)
            raise ValueError(f"Exporter.kinds: unknown kind {v!r}; known: {known}") from None
    return frozenset(kinds)


def _non_empty_kinds(instance: Any, attribute: attrs.Attribute[frozenset[ExportKind]],
                     value: frozenset[ExportKind]) -> None:
    if not value:
        raise ValueError(f"{type(instance).__name__}.{attribute.name} must name at least one "
                         f"kind of content, got an empty set")


@attrs.frozen(kw_only=True)
class Exporter:
    """An output format registered through the ``thidua_exporters`` hook."""

    name: str = attrs.field(validator=_matches(_NAME, "xlsx"))
    """Unique format name, the ``--to`` of ``thidua export`` (lower case ASCII)."""
    media_type: str = attrs.field(validator=_matches(_MEDIA_TYPE, "text/csv"))
    """IANA media type of the output, e.g. ``text/calendar``."""
    extension: str = attrs.field(validator=_matches(_EXTENSION, "xlsx"))
    """File extension without the dot, used for default file names."""
    kinds: frozenset[ExportKind] = attrs.field(converter=_kinds, validator=_non_empty_kinds)
    """What the format can export."""
    write: WriteFunc = attrs.field(eq=False)
    """Render the data to a binary stream. Raise
    :class:`~thidua.errors.ExportError` for data the format cannot hold."""
    description_vi: str = attrs.field(converter=nfc, validator=non_empty_text)
    """One line, in Vietnamese, for ``thidua export --list``."""
    description_en: str = attrs.field(converter=nfc, validator=non_empty_text)
    """One line, in English."""
    requires: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    """Importable module names the format needs (optional dependencies)."""
    install_hint: str = ""
    """What to install when a required module is missing, e.g. ``thidua[export]``."""
    binary: bool = True
    """False for text formats that can also be written to a terminal."""

    def supports(self, kind: ExportKind | str) -> bool:
        """True if the format can export ``kind``."""
        try:
            return ExportKind(kind) in self.kinds
        except ValueError:
            return False

    def missing(self) -> tuple[str, ...]:
        """The required modules that cannot be imported here."""
        return tuple(m for m in self.requires if not _importable(m))

    def available(self) -> bool:
        """True if every required module can be imported."""
        return not self.missing()

    def check_available(self) -> None:
        """Raise an :class:`ExportError` naming what to install if a module is missing."""
        missing = self.missing()
        if missing:
            hint = self.install_hint or " ".join(missing)
            raise ExportError(
                f"the {self.name} exporter needs the Python package(s) "
                f"{', '.join(missing)}, which are not installed: pip install \"{hint}\""
            )


def _importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False
