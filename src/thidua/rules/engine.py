"""The engine: pick the plan in force, resolve its parameters once, run its rules.

``Engine.evaluate(dossier, year)`` returns a :class:`Report` of findings, sorted so
that the same dossier always gives the same output whatever the order of its lists,
plus an optional :class:`Trace` of the plan, plugins, parameter values and rules used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import attrs

from thidua.calendar import WorkingCalendar
from thidua.errors import PlanError, RuleError
from thidua.model.dossier import Dossier
from thidua.model.findings import Finding, Severity
from thidua.parameters import ResolvedValue
from thidua.plan import IN_FORCE_UNTIL, Plan
from thidua.rules.base import RuleContext

__all__ = ["NO_PLAN_RULE", "Engine", "PluginInfo", "Report", "Trace", "TracedRule"]

NO_PLAN_RULE = "plan.in_force"
"""Rule id of the finding reported when no plan is in force for the year."""


@attrs.frozen(kw_only=True)
class PluginInfo:
    """A loaded plugin: its name, version and what it contributes."""

    name: str
    version: str = ""
    contributes: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class TracedRule:
    """A rule that ran, and the plugin that supplied it."""

    id: str
    clause: str
    source: str


@attrs.frozen(kw_only=True)
class Trace:
    """Why a report says what it says: plan, plugins, parameter values and rules used."""

    plan: str | None
    plan_source: str | None
    year: int
    as_of: dt.date | None
    plugins: tuple[PluginInfo, ...]
    parameters: tuple[ResolvedValue, ...]
    rules: tuple[TracedRule, ...]


@attrs.frozen(kw_only=True)
class Report:
    """The findings of one evaluation, and the trace when asked for."""

    plan: str | None
    """Id of the plan that judged the dossier (None if no plan was in force)."""
    year: int
    findings: tuple[Finding, ...]
    trace: Trace | None = None

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Findings of severity error."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    def by_subject(self) -> Mapping[str, tuple[Finding, ...]]:
        """Findings grouped by subject, subjects in sorted order."""
        out: dict[str, list[Finding]] = {}
        for f in self.findings:
            out.setdefault(f.subject, []).append(f)
        return {k: tuple(out[k]) for k in sorted(out)}


class Engine:
    """Evaluates dossiers against the plans a plugin host supplied."""

    def __init__(self, plans: Iterable[Plan], *, calendar: WorkingCalendar | None = None,
                 plugins: Iterable[PluginInfo] = ()) -> None:
        self._plans: dict[str, Plan] = {}
        for p in plans:
            if p.id in self._plans:
                raise PlanError(f"two plans have the id {p.id!r} (from "
                                f"{self._plans[p.id].source!r} and {p.source!r})")
            self._plans[p.id] = p
        self.calendar = calendar or WorkingCalendar()
        self.plugins = tuple(plugins)

    @property
    def plans(self) -> Mapping[str, Plan]:
        """The known plans by id."""
        return dict(self._plans)

    def plan(self, plan_id: str) -> Plan:
        """The plan with id ``plan_id``, or a PlanError listing the known ones."""
        try:
            return self._plans[plan_id]
        except KeyError:
            raise PlanError(
                f"unknown plan {plan_id!r}; known plans: "
                + (", ".join(sorted(self._plans)) or "(none: is a plan plugin installed?)")
            ) from None

    def plan_for(self, plan_id: str, year: int) -> Plan | None:
        """The plan in force for ``year`` in the chain of ``plan_id``: the plan itself,
        a plan it succeeds, or a plan that succeeds it (supplied by a plugin)."""
        chain = self._chain(self.plan(plan_id))
        in_force = [p for p in chain if p.in_force(year)]
        return in_force[-1] if in_force else None

    def _chain(self, plan: Plan) -> list[Plan]:
        """Every plan linked to ``plan`` by ``succeeds``, oldest first."""
        first = plan
        seen = {first.id}
        while first.succeeds is not None and first.succeeds in self._plans \
                and first.succeeds not in seen:
            first = self._plans[first.succeeds]
            seen.add(first.id)
        chain = [first]
        while True:
            nxt = [p for p in self._plans.values()
                   if p.succeeds == chain[-1].id and p.id not in {c.id for c in chain}]
            if not nxt:
                return chain
            if len(nxt) > 1:
                raise PlanError(f"plans {sorted(p.id for p in nxt)} all claim to succeed "
                                f"{chain[-1].id!r}; only one successor is allowed")
            chain.append(nxt[0])

    def context(self, dossier: Dossier, year: int, *,
                as_of: dt.date | None = None) -> RuleContext | None:
        """The context rules see for ``dossier`` in ``year`` (the plan in force, its
        parameters resolved once, the calendar), or None if no plan is in force.

        Views that are not findings (the obligations schedule, the calendar) use it to
        share the rules' computations."""
        plan = self.plan_for(dossier.plan, year)
        if plan is None:
            return None
        return RuleContext(dossier=dossier, year=year, plan=plan,
                           params=plan.parameters.for_year(year), calendar=self.calendar,
                           as_of=as_of)

    def no_plan_finding(self, dossier: Dossier, year: int) -> Finding:
        """The one finding of a year no plan of the dossier's chain is in force for."""
        return _no_plan_finding(self.plan(dossier.plan), dossier, year)

    def evaluate(self, dossier: Dossier, year: int, *, as_of: dt.date | None = None,
                 trace: bool = False) -> Report:
        """Run every rule of the plan in force for ``year`` over ``dossier``."""
        named = self.plan(dossier.plan)
        ctx = self.context(dossier, year, as_of=as_of)
        if ctx is None:
            finding = _no_plan_finding(named, dossier, year)
            tr = (Trace(plan=None, plan_source=None, year=year, as_of=as_of,
                        plugins=self.plugins, parameters=(), rules=())
                  if trace else None)
            return Report(plan=None, year=year, findings=(finding,), trace=tr)
        plan, params = ctx.plan, ctx.params
        findings: list[Finding] = []
        for rule in plan.rules:
            try:
                findings.extend(rule(ctx))
            except RuleError:
                raise
            except Exception as exc:
                raise RuleError(f"rule {rule.id!r} (from {rule.source!r}) failed on plan "
                                f"{plan.id!r}, year {year}: {type(exc).__name__}: {exc}") from exc
        findings.sort(key=Finding.sort_key)
        tr = None
        if trace:
            tr = Trace(
                plan=plan.id, plan_source=plan.source, year=year, as_of=as_of,
                plugins=self.plugins,
                parameters=tuple(params[k] for k in sorted(params)),
                rules=tuple(TracedRule(id=r.id, clause=r.clause, source=r.source)
                            for r in plan.rules),
            )
        return Report(plan=plan.id, year=year, findings=tuple(findings), trace=tr)


def _no_plan_finding(plan: Plan, dossier: Dossier, year: int) -> Finding:
    until = plan.parameters[IN_FORCE_UNTIL]
    end = until.timeline[-1].value
    return Finding(
        rule=NO_PLAN_RULE,
        severity=Severity.WARNING,
        subject=dossier.plan,
        clause=until.citation.clause,
        document=until.citation.document,
        message_vi=(f"Không có kế hoạch nào có hiệu lực cho năm {year} tại địa bàn này: "
                    f"kế hoạch {plan.id} chỉ áp dụng đến {_vi_date(end)}, và chưa có kế "
                    f"hoạch kế tiếp."),
        message_en=(f"No plan in force for {year} in this jurisdiction: plan {plan.id} "
                    f"applies only until {end}, and no successor plan is installed."),
        evidence={"plan": plan.id, "year": year, "in_force_until": str(end)},
    )


def _vi_date(value: object) -> str:
    return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else str(value)
