"""The yearly registration cycle as a Hypothesis state machine.

Units register, days pass, communes and district offices send their lists to the
district, the district selects from what was sent up and sends its list to the
province, awards are decided. After every step the engine judges the dossier *as of
that day*, and its findings are compared with a deliberately naive model written here:
a few lines per clause, reading only the plan's data (quotas, dates, attachments) —
never the engine's routing, deadline or quota code. Invariants: every finding cites a
clause and has both messages; an on-time, in-quota list is never flagged; every
deadline that rolls falls on a working day; every award decided is priced once in the
year's budget.

Run time is bounded: at most 60 examples of 25 steps (fewer under the ``dev`` profile).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from thidua.calendar import Roll
from thidua.model import AwardGrant, Dossier, Exemplar, Submission, Unit, YearRecord
from thidua.parameters import MonthDay, Range
from thidua.plan import Plan
from thidua.rules.deadlines import spec_by_id, year_deadlines
from thidua.rules.engine import Engine
from thidua.rules.ladder import Ladder
from thidua.rules.routes import Route, plan_routes
from thidua.testing import vietnamese_names
from thidua.testing.fixtures import make_host

HOST = make_host()
PLAN: Plan = next(p for p in HOST.plans.values() if p.source == "thidua.seed")
ENGINE: Engine = HOST.engine()
LADDER = Ladder.from_host(HOST)
CALENDAR = HOST.calendar
ROUTES: dict[str, Route] = {r.id: r for r in plan_routes(PLAN)}
COMMUNE, OFFICE, DISTRICT = ROUTES["commune"], ROUTES["district_office"], ROUTES["district"]


def _years() -> list[int]:
    return [y for y in range(2020, 2030) if PLAN.in_force(y)]


def _level(role: str) -> str:
    return PLAN.role(role).levels[0]


# -- the naive model ---------------------------------------------------------------------------

def naive_due(route: Route, year: int) -> dt.date:
    """The route's due day: the plan's date for the year, moved forward day by day
    while it is not a working day ("trước ngày" read as "on or before")."""
    assert route.deadline is not None
    spec = spec_by_id(PLAN, route.deadline)
    assert spec is not None
    value = PLAN.parameters[spec.parameter].value_for_year(year).value
    assert isinstance(value, MonthDay)
    day = dt.date(year, value.month, value.day)
    while not CALENDAR.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def naive_quota(route: Route, year: int) -> Range:
    assert route.quota is not None
    value = PLAN.parameters[route.quota].value_for_year(year).value
    assert isinstance(value, Range)
    return value


class YearlyCycle(RuleBasedStateMachine):
    """One district's registration year, step by step."""

    def __init__(self) -> None:
        super().__init__()
        self.year = 0
        self.today = dt.date.min
        self.units: list[Unit] = []
        self.communes: list[str] = []
        self.offices: list[str] = []
        self.exemplars: list[Exemplar] = []
        self.lists: dict[str, Submission] = {}
        """Each sender's list, keyed by the sender's unit id."""
        self.records: list[YearRecord] = []
        self.awards: list[AwardGrant] = []
        self.names: set[str] = set()

    # -- steps -------------------------------------------------------------------------
    @initialize(year=st.sampled_from(_years()), communes=st.integers(1, 3))
    def start(self, year: int, communes: int) -> None:
        params = PLAN.parameters.for_year(year)
        # the naive model knows one reading of each open question: the plan's defaults
        assert params.bool("deadline.inclusive") is True
        assert params.text("deadline.roll") == Roll.NEXT_WORKING_DAY.value
        assert params.bool("registration.count_kinds_together") is True
        self.year = year
        self.today = dt.date(year, 1, 1)
        self.units = [Unit(id="huyen", name="UBND huyện Thử Nghiệm", level=_level("district")),
                      Unit(id="so-noi-vu", name="Sở Nội vụ tỉnh",
                           level=_level("province_home_affairs"))]
        for i in range(communes):
            self._add("xa", f"UBND xã số {i + 1}", "commune", self.communes)

    def _add(self, prefix: str, name: str, role: str, into: list[str]) -> None:
        uid = f"{prefix}-{len(self.units)}"
        self.units.append(Unit(id=uid, name=name, level=_level(role), parent="huyen"))
        into.append(uid)

    @rule(name=vietnamese_names(kind="place"))
    def a_commune_registers(self, name: str) -> None:
        self._add("xa", f"UBND xã {name}", "commune", self.communes)

    @rule(name=vietnamese_names(kind="office"))
    def an_office_registers(self, name: str) -> None:
        self._add("phong", name, "district_office", self.offices)

    @rule(days=st.integers(1, 45))
    def days_pass(self, days: int) -> None:
        self.today = min(self.today + dt.timedelta(days=days), dt.date(self.year, 12, 31))

    def _send(self, sender: str, to: str, listed: list[str], attachments: tuple[str, ...] = (),
              ) -> None:
        self.lists[sender] = Submission(
            id=f"s-{sender}", year=self.year, from_unit=sender, to_unit=to,
            submitted_on=self.today, exemplars=listed, attachments=attachments)

    def _new_exemplars(self, unit: str, n: int, kinds: list[str]) -> list[str]:
        out = []
        for i in range(n):
            eid = f"e-{unit}-{sum(1 for e in self.exemplars if e.unit == unit) + 1}"
            self.exemplars.append(Exemplar(id=eid, name=f"Điển hình {eid}",
                                           kind=kinds[i % len(kinds)], unit=unit))
            out.append(eid)
        return out

    @precondition(lambda self: any(c not in self.lists for c in self.communes))
    @rule(data=st.data())
    def a_commune_sends_its_list(self, data: st.DataObject) -> None:
        commune = data.draw(st.sampled_from([c for c in self.communes if c not in self.lists]))
        q = naive_quota(COMMUNE, self.year)
        size = data.draw(st.integers(max(q.min - 2, 0), (q.max or q.min) + 2), label="size")
        kinds = data.draw(st.lists(st.sampled_from(["mo_hinh", "tap_the", "ca_nhan"]),
                                   min_size=1, max_size=3))
        self._send(commune, "huyen", self._new_exemplars(commune, size, kinds))

    @precondition(lambda self: any(o not in self.lists for o in self.offices))
    @rule(data=st.data())
    def an_office_sends_exemplars_up(self, data: st.DataObject) -> None:
        office = data.draw(st.sampled_from([o for o in self.offices if o not in self.lists]))
        size = data.draw(st.integers(0, 4), label="size")
        self._send(office, "huyen", self._new_exemplars(office, size, ["ca_nhan"]))

    @precondition(lambda self: "huyen" not in self.lists)
    @rule(data=st.data(), attach=st.booleans(), stray=st.booleans())
    def the_district_selects_and_sends(self, data: st.DataObject, attach: bool,
                                       stray: bool) -> None:
        pool = [e for s in self.lists.values() for e in s.exemplars]
        listed = data.draw(st.lists(st.sampled_from(pool), unique=True, max_size=len(pool))
                           if pool else st.just([]), label="selected")
        if stray:  # one exemplar nobody sent up: the district's own
            listed += self._new_exemplars("huyen", 1, ["tap_the"])
        self._send("huyen", "so-noi-vu", listed,
                   DISTRICT.attachments if attach else ())

    @precondition(lambda self: "huyen" in self.lists and self.lists["huyen"].exemplars)
    @rule(data=st.data())
    def awards_are_decided(self, data: st.DataObject) -> None:
        chosen = data.draw(st.sampled_from(self.lists["huyen"].exemplars))
        if any(a.subject == chosen for a in self.awards):
            return
        self.records.append(YearRecord(subject=chosen, year=self.year,
                                       assessment="hoan_thanh_xuat_sac"))
        self.awards.append(AwardGrant(subject=chosen, award="giay_khen",
                                      decided_on=self.today, decision="12/QĐ-UBND",
                                      achievement_years=[self.year]))

    # -- judging -----------------------------------------------------------------------
    def dossier(self) -> Dossier:
        return Dossier(plan=PLAN.id, units=self.units, exemplars=self.exemplars,
                       submissions=list(self.lists.values()), records=self.records,
                       awards=self.awards)

    def naive(self) -> Counter[tuple[str, str, str]]:
        """What the plan says about the lists so far, as (rule, subject, severity)."""
        out: Counter[tuple[str, str, str]] = Counter()
        year, today = self.year, self.today
        sent_up = {e for sender, s in self.lists.items() if sender != "huyen"
                   for e in s.exemplars}
        for senders, route in ((self.communes, COMMUNE), (self.offices, OFFICE),
                               (["huyen"], DISTRICT)):
            due = naive_due(route, year)
            quota = naive_quota(route, year)
            for unit in senders:
                s = self.lists.get(unit)
                if s is None:
                    if route.required and today > due:
                        out["registration.deadline", unit, "error"] += 1
                    continue
                assert s.submitted_on is not None
                if s.submitted_on > due:
                    out["registration.deadline", s.id, "error"] += 1
                n = len(s.exemplars)
                if n < quota.min:
                    out["registration.quota", s.id, "error"] += 1
                elif quota.max is not None and n > quota.max:
                    severity = (PLAN.parameters.for_year(year).text(route.above_max_severity)
                                if route.above_max_severity else "error")
                    out["registration.quota", s.id, severity] += 1
                for slug in route.attachments:
                    if slug not in s.attachments:
                        out["registration.attachment", s.id, "error"] += 1
                if route.select_from:
                    for e in s.exemplars:
                        if e not in sent_up:
                            out["registration.selection", s.id, "error"] += 1
        return out

    @invariant()
    def the_engine_agrees_with_the_naive_model(self) -> None:
        report = ENGINE.evaluate(self.dossier(), self.year, as_of=self.today)
        assert report.plan == PLAN.id
        got = Counter((f.rule, f.subject, f.severity.value) for f in report.findings
                      if f.rule.startswith("registration."))
        assert got == self.naive(), (self.today, report.findings)
        others = [f for f in report.findings
                  if not f.rule.startswith("registration.") and f.severity.value != "info"]
        assert others == []
        # every finding cites a clause, in both languages
        for f in report.findings:
            assert f.clause.strip(), f
            assert f.message_vi.strip(), f
            assert f.message_en.strip(), f
        # an on-time list within its quota is never flagged
        flagged = {f.subject for f in report.findings if f.severity.value == "error"}
        sent_up = {e for sender, s in self.lists.items() if sender != "huyen"
                   for e in s.exemplars}
        for sender, s in self.lists.items():
            route = DISTRICT if sender == "huyen" else \
                OFFICE if sender in self.offices else COMMUNE
            assert s.submitted_on is not None
            on_time = s.submitted_on <= naive_due(route, self.year)
            in_quota = naive_quota(route, self.year).contains(len(s.exemplars))
            complete = set(route.attachments) <= set(s.attachments)
            chosen_well = not route.select_from or set(s.exemplars) <= sent_up
            if on_time and in_quota and complete and chosen_well:
                assert s.id not in flagged, (s, report.findings)

    @invariant()
    def every_decided_award_is_priced_once(self) -> None:
        if not self.year:
            return
        budget = LADDER.budget(self.dossier(), self.year, decided=True)
        assert sorted((ln.subject, ln.award) for ln in budget.lines) == \
            sorted((a.subject, a.award) for a in self.awards)
        assert budget.total == sum(f.total for f in budget.funds)
        assert sum(f.awards for f in budget.funds) == len(self.awards)
        assert budget.clause

    @invariant()
    def deadlines_that_roll_fall_on_working_days(self) -> None:
        ctx = ENGINE.context(self.dossier(), self.year, as_of=self.today)
        assert ctx is not None
        for d in year_deadlines(ctx).values():
            if d.roll is Roll.NEXT_WORKING_DAY:
                assert CALENDAR.is_working_day(d.due), d
                assert d.due >= d.last_day
            else:
                assert d.due == d.last_day


YearlyCycle.TestCase.settings = settings(
    max_examples=min(settings.default.max_examples, 60), stateful_step_count=25,
    deadline=None)
TestYearlyCycle = YearlyCycle.TestCase
