"""Findings: what a rule concluded, with its severity, subject and citation."""

from __future__ import annotations

import enum
from typing import TypeAlias

import attrs

from thidua.model.base import nfc, non_empty_text

__all__ = ["Citation", "EvidenceValue", "Finding", "Severity"]

EvidenceValue: TypeAlias = str | int | bool | None
"""A value recorded as evidence in a finding (JSON scalar, never float)."""


class Severity(enum.StrEnum):
    """How serious a finding is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@attrs.frozen(kw_only=True)
class Citation:
    """Where a rule, parameter or criterion comes from."""

    clause: str = attrs.field(converter=nfc, validator=non_empty_text)
    """Clause id of the plan (``IV.1.d.1``) or article of law (``Điều 73 khoản 1 điểm b``)."""
    document: str = attrs.field(default="", converter=nfc)
    """The document: a plan id, or a law or decree number (``Luật 06/2022/QH15``)."""

    def __str__(self) -> str:
        return f"{self.clause} ({self.document})" if self.document else self.clause


@attrs.frozen(kw_only=True)
class Finding:
    """One conclusion of a rule about one subject, citing the clause it rests on."""

    rule: str = attrs.field(validator=non_empty_text)
    """Stable rule id, e.g. ``quota.commune``."""
    severity: Severity = attrs.field(converter=Severity)
    """error, warning or info."""
    subject: str
    """Id of the unit, submission, exemplar or person the finding is about."""
    clause: str = attrs.field(converter=nfc, validator=non_empty_text)
    """Plan clause id or article of national law the finding rests on."""
    message_vi: str = attrs.field(converter=nfc, validator=non_empty_text)
    """The message in Vietnamese (the default language of output)."""
    message_en: str = attrs.field(converter=nfc, validator=non_empty_text)
    """The message in English."""
    evidence: dict[str, EvidenceValue] = attrs.field(factory=dict, hash=False)
    """Facts the rule used (counts, dates, bounds), for readers and exporters."""
    document: str = attrs.field(default="", converter=nfc)
    """The document the clause belongs to (plan id or law number), if not the plan."""

    def sort_key(self) -> tuple[str, str, str, str]:
        """A total order used to make reports deterministic."""
        return (self.subject, self.rule, self.clause, self.message_en)
