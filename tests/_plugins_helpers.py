"""Small plugins for the plugin-host tests: a test plan with its own parameters and one
rule whose findings depend on a parameter, plus override plugins built from TOML."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping

from thidua import (
    Dossier,
    Exemplar,
    Finding,
    Level,
    Plan,
    Role,
    Rule,
    RuleContext,
    Submission,
    Unit,
    hookimpl,
)
from thidua.parameters import ParameterOverride, parse_overrides, parse_parameters
from thidua.plugins import RuleChange

PLAN_ID = "test-plan"
PARAMS = """
document = "Kế hoạch thử"

[[parameter]]
id = "plan.in_force_from"
description = "first day"
unit = "date"
kind = "date"
clause = "I"
status = "verified"
values = [{ from = 2020-01-01, value = 2020-01-01 }]

[[parameter]]
id = "plan.in_force_until"
description = "last day"
unit = "date"
kind = "date"
clause = "I"
status = "verified"
values = [{ from = 2020-01-01, value = 2030-12-31 }]

[[parameter]]
id = "quota"
description = "exemplars per commune"
unit = "exemplars"
kind = "range"
clause = "IV.1.d.1"
status = "verified"
values = [{ from = 2020-01-01, value = { min = 5, max = 6 } }]
exceptions = [{ year = 2021, value = { min = 1, max = 2 } }]

[[parameter]]
id = "deadline"
description = "send before"
unit = "day of year"
kind = "month_day"
clause = "IV.1.d.1"
status = "unconfirmed"
values = [{ from = 2020-01-01, value = "01-15" }]
"""


def _quota_check(ctx: RuleContext) -> Iterable[Finding]:
    quota = ctx.params.range("quota")
    for s in ctx.dossier.submissions_for(ctx.year):
        n = len(s.exemplars)
        if not quota.contains(n):
            yield Finding(rule="test.quota", severity="error", subject=s.id,
                          clause=ctx.params["quota"].citation.clause,
                          message_vi=f"{n} điển hình, ngoài khoảng {quota}",
                          message_en=f"{n} exemplars, outside {quota}",
                          evidence={"count": n, "source": ctx.params["quota"].source})


def _deadline_check(ctx: RuleContext) -> Iterable[Finding]:
    due = ctx.params.month_day("deadline").in_year(ctx.year)
    for s in ctx.dossier.submissions_for(ctx.year):
        if s.submitted_on is not None and s.submitted_on > due:
            yield Finding(rule="test.deadline", severity="warning", subject=s.id,
                          clause="IV.1.d.1", message_vi="Nộp muộn", message_en="Late",
                          evidence={"due": due.isoformat()})


QUOTA_RULE = Rule(id="test.quota", clause="IV.1.d.1", check=_quota_check)
DEADLINE_RULE = Rule(id="test.deadline", clause="IV.1.d.1", check=_deadline_check)


def _strict_quota(ctx: RuleContext) -> Iterable[Finding]:
    for s in ctx.dossier.submissions_for(ctx.year):
        yield Finding(rule="test.quota", severity="info", subject=s.id, clause="X",
                      message_vi="thay thế", message_en="replaced")


REPLACEMENT_RULE = Rule(id="test.quota", clause="X", check=_strict_quota)


class PlanPlugin:
    """Provides the rules and the test plan."""

    __name__ = "test-plan-plugin"

    @hookimpl
    def thidua_rules(self) -> list[Rule]:
        return [QUOTA_RULE, DEADLINE_RULE]

    @hookimpl
    def thidua_plans(self, rules: Mapping[str, Rule]) -> list[Plan]:
        return [Plan(id=PLAN_ID, name_vi="Kế hoạch thử", name_en="Test plan",
                     jurisdiction="UBND thử", document="Kế hoạch thử",
                     levels=[Level(id="xa", name_vi="Xã", name_en="commune"),
                             Level(id="huyen", name_vi="Huyện", name_en="district")],
                     roles=[Role(id="commune", name_vi="Xã", name_en="commune",
                                 levels=["xa"])],
                     parameters=parse_parameters(tomllib.loads(PARAMS), origin="test.toml",
                                                 source=self.__name__),
                     rules=[rules["test.quota"], rules["test.deadline"]])]


class OverridePlugin:
    """Overrides parameters of the test plan from TOML text (an override file)."""

    def __init__(self, name: str, toml: str) -> None:
        self.__name__ = name
        self.toml = toml

    @hookimpl
    def thidua_parameter_overrides(self, plan: Plan) -> list[ParameterOverride] | None:
        if plan.id != PLAN_ID:
            return None
        return list(parse_overrides(tomllib.loads(self.toml), plan.parameters,
                                    origin=f"{self.__name__}.toml", source=self.__name__))


class RuleChangePlugin:
    """Makes the given rule changes to the test plan."""

    def __init__(self, name: str, *changes: RuleChange) -> None:
        self.__name__ = name
        self.changes = list(changes)

    @hookimpl
    def thidua_rule_changes(self, plan: Plan) -> list[RuleChange] | None:
        return self.changes if plan.id == PLAN_ID else None


def quota_override(value: str, *, overrides: str = "", year: int = 2024) -> str:
    """Override-file text setting ``quota`` from 1 January of ``year``."""
    extra = f"overrides = [{overrides}]\n" if overrides else ""
    return (f'document = "QĐ thử"\n[[override]]\nparameter = "quota"\nclause = "Điều 1"\n'
            f"{extra}values = [{{ from = {year}-01-01, value = {value} }}]\n")


def dossier(*counts: int, year: int = 2024, day: dt.date | None = None) -> Dossier:
    """One commune submission per count, each with that many exemplars."""
    units = [Unit(id="huyen", name="UBND huyện", level="huyen")]
    exemplars, subs = [], []
    for i, n in enumerate(counts):
        units.append(Unit(id=f"xa-{i}", name=f"UBND xã {i}", level="xa", parent="huyen"))
        ids = [f"e-{i}-{j}" for j in range(n)]
        exemplars += [Exemplar(id=e, name=f"Điển hình {e}", kind="ca_nhan", unit=f"xa-{i}")
                      for e in ids]
        subs.append(Submission(id=f"s-{i}", year=year, from_unit=f"xa-{i}", to_unit="huyen",
                               submitted_on=day or dt.date(year, 1, 10), exemplars=ids))
    return Dossier(plan=PLAN_ID, units=units, exemplars=exemplars, submissions=subs)
