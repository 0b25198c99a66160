"""The typed domain model: units and levels, movements, exemplars, submissions,
yearly records, award grants, findings and the :class:`Dossier` that holds them."""

from thidua.model.base import is_identifier, is_slug, nfc
from thidua.model.dossier import DOSSIER_FORMAT, Dossier, integrity_problems
from thidua.model.exemplars import Exemplar, ExemplarKind, Honour
from thidua.model.findings import Citation, EvidenceValue, Finding, Severity
from thidua.model.records import Assessment, AwardGrant, MemberStats, YearRecord
from thidua.model.submissions import Event, Submission
from thidua.model.units import Level, Movement, Unit

__all__ = [
    "DOSSIER_FORMAT",
    "Assessment",
    "AwardGrant",
    "Citation",
    "Dossier",
    "Event",
    "EvidenceValue",
    "Exemplar",
    "ExemplarKind",
    "Finding",
    "Honour",
    "Level",
    "MemberStats",
    "Movement",
    "Severity",
    "Submission",
    "Unit",
    "YearRecord",
    "integrity_problems",
    "is_identifier",
    "is_slug",
    "nfc",
]
