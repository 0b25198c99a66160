"""The award ladder: catalogue, criteria, eligibility, roadmap and budget.

* :mod:`~thidua.rules.ladder.catalogue` — award types as data (names, recipients,
  authority and fund, bonus parameter, criteria by legal regime) and the merged
  :class:`Catalogue`;
* :mod:`~thidua.rules.ladder.criteria` — criteria as composable data and the registry of
  criterion kinds (plugins add kinds);
* :mod:`~thidua.rules.ladder.history` — a subject's achievements as year masks;
* :mod:`~thidua.rules.ladder.eligibility` — the :class:`Ladder`: eligibility with what is
  missing, and the fast batch path producing findings;
* :mod:`~thidua.rules.ladder.roadmap` — the earliest year to reach an award, and the steps;
* :mod:`~thidua.rules.ladder.budget` — bonus amounts and the per-fund estimate.

Typical use::

    from thidua import Host
    from thidua.data import load_example
    from thidua.rules.ladder import Ladder

    ladder = Ladder.from_host(Host(autoload=False))
    dossier = load_example()
    result = ladder.eligibility(ladder.history(dossier, "e-005"), "bang_khen_thu_tuong", 2024)
    result.verdict          # Verdict.ELIGIBLE
"""

from thidua.rules.ladder.budget import (
    Amount,
    Budget,
    BudgetLine,
    FundTotal,
    Rounding,
    round_bonus,
)
from thidua.rules.ladder.catalogue import (
    Authority,
    AwardCategory,
    AwardType,
    Catalogue,
    Fund,
    Regime,
    load_award_types,
    parse_award_types,
)
from thidua.rules.ladder.criteria import (
    CRITERION_KINDS,
    NO_DATA,
    Check,
    Criterion,
    CriterionKind,
    LadderEnv,
    Text,
    register_criterion_kind,
)
from thidua.rules.ladder.eligibility import (
    ELIGIBILITY_RULE,
    ConditionResult,
    EligibilityResult,
    Ladder,
    Outcome,
    Verdict,
    gc_paused,
)
from thidua.rules.ladder.history import (
    INITIATIVE_SCOPES,
    YEAR_BASE,
    History,
    Recipient,
    recipient_of,
)
from thidua.rules.ladder.roadmap import Roadmap, RoadmapStep, roadmap_for

__all__ = [
    "CRITERION_KINDS",
    "ELIGIBILITY_RULE",
    "INITIATIVE_SCOPES",
    "NO_DATA",
    "YEAR_BASE",
    "Amount",
    "Authority",
    "AwardCategory",
    "AwardType",
    "Budget",
    "BudgetLine",
    "Catalogue",
    "Check",
    "ConditionResult",
    "Criterion",
    "CriterionKind",
    "EligibilityResult",
    "Fund",
    "FundTotal",
    "History",
    "Ladder",
    "LadderEnv",
    "Outcome",
    "Recipient",
    "Regime",
    "Roadmap",
    "RoadmapStep",
    "Rounding",
    "Text",
    "Verdict",
    "gc_paused",
    "load_award_types",
    "parse_award_types",
    "recipient_of",
    "register_criterion_kind",
    "roadmap_for",
    "round_bonus",
]
