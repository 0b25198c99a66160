"""Helpers shared by the rule families: parsing plan-file sections into typed entries,
reading them back from a plan, citing parameters, and formatting dates in messages.

A rule family registers the parser of its section in :data:`thidua.rules.PLAN_SECTIONS`
with :func:`register_section`; :func:`thidua.plans.load_plan` runs the parser and a
:class:`~thidua.plan.Plan` keeps the typed entries. Entries may define
``problems(plan)`` to report references the plan does not define (a role, a parameter),
which the plan checks when it is built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from thidua.errors import PlanError
from thidua.model.findings import Citation

if TYPE_CHECKING:
    from thidua.plan import Plan
    from thidua.rules.base import RuleContext

__all__ = [
    "CLAUSES_SECTION",
    "ClauseRef",
    "build_entries",
    "cite",
    "fmt_date",
    "plan_clause",
    "register_section",
    "typed_section",
]

_E = TypeVar("_E")

CLAUSES_SECTION = "clauses"
"""The plan-file table mapping keys (rule ids, subject groups) to the clause they cite."""


def register_section(name: str, parser: Callable[[Any], Iterable[Any]]) -> None:
    """Register the parser of plan-file section ``name`` (one parser per name)."""
    from thidua.rules import PLAN_SECTIONS

    if name in PLAN_SECTIONS and PLAN_SECTIONS[name] is not parser:
        raise PlanError(f"two rule families parse the plan section {name!r}")
    PLAN_SECTIONS[name] = parser


def build_entries(cls: type[_E], raw: Any, section: str, *,
                  renames: Mapping[str, str] | None = None) -> list[_E]:
    """Build one ``cls`` (an attrs class) per table of an array of tables.

    Unknown keys are refused with the entry's index and id; ``renames`` maps TOML keys
    to attribute names (``from`` → ``from_role``).
    """
    if not isinstance(raw, list):
        raise PlanError(f"[[{section}]] must be an array of tables; write [[{section}]] "
                        f"headers")
    renames = renames or {}
    attr_names = {a.name for a in attrs.fields(cls) if a.init}  # type: ignore[arg-type]
    toml_keys = ((attr_names - set(renames.values()))
                 | {k for k, v in renames.items() if v in attr_names})
    out: list[_E] = []
    for i, item in enumerate(raw):
        where = f"{section}[{i}]"
        if not isinstance(item, dict):
            raise PlanError(f"{where} must be a table")
        if "id" in item:
            where += f" (id {item['id']!r})"
        unknown = sorted(set(item) - toml_keys)
        if unknown:
            raise PlanError(f"{where}: unknown key(s) {unknown}; allowed: "
                            + ", ".join(sorted(toml_keys)))
        kwargs = {renames.get(k, k): v for k, v in item.items()}
        try:
            out.append(cls(**kwargs))
        except (TypeError, ValueError) as exc:
            raise PlanError(f"{where}: {exc}") from exc
    ids = [getattr(e, "id", None) for e in out]
    dup = sorted({i for i in ids if i is not None and ids.count(i) > 1})
    if dup:
        raise PlanError(f"[[{section}]] defines the id(s) {dup} more than once")
    return out


def typed_section(plan: Plan, name: str, cls: type[_E]) -> tuple[_E, ...]:
    """The entries of section ``name`` of ``plan`` that are ``cls`` objects."""
    return tuple(e for e in plan.section(name) if isinstance(e, cls))


@attrs.frozen(kw_only=True)
class ClauseRef:
    """One entry of a plan's ``[clauses]`` table: what a key (rule id, subject group)
    cites in this plan."""

    key: str
    clause: str


def parse_clauses(raw: Any) -> Iterable[ClauseRef]:
    """Parse the ``[clauses]`` table (``"rule.id" = "IV.1.d"``)."""
    if not isinstance(raw, dict):
        raise PlanError(f"[{CLAUSES_SECTION}] must be a table of \"key\" = \"clause\"")
    for key, clause in sorted(raw.items()):
        if not isinstance(clause, str) or not clause.strip():
            raise PlanError(f"[{CLAUSES_SECTION}] {key!r} must be a clause id (text), "
                            f"got {clause!r}")
        yield ClauseRef(key=str(key), clause=clause.strip())


def plan_clause(plan: Plan, key: str, default: str) -> str:
    """The clause ``plan`` cites for ``key`` in its ``[clauses]`` table, else ``default``."""
    for ref in typed_section(plan, CLAUSES_SECTION, ClauseRef):
        if ref.key == key:
            return ref.clause
    return default


def cite(ctx: RuleContext, citation: Citation) -> tuple[str, str]:
    """``(clause, document)`` for a finding: the document is left empty when it is the
    plan's own (findings cite the plan by default)."""
    doc = citation.document
    if doc in ("", ctx.plan.document, ctx.plan.id):
        doc = ""
    return citation.clause, doc


def param_citation(ctx: RuleContext, parameter: str) -> tuple[str, str]:
    """``(clause, document)`` of a resolved parameter's citation."""
    return cite(ctx, ctx.params[parameter].citation)


def fmt_date(day: dt.date | None, lang: str) -> str:
    """A date as officials write it: ``15/01/2024`` in Vietnamese, ISO in English."""
    if day is None:
        return "—"
    return day.strftime("%d/%m/%Y") if lang == "vi" else day.isoformat()
