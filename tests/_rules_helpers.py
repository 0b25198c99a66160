"""Builders for the plan-rule tests: a small district dossier under the seed plan, and
engines with the seed plan (optionally with parameters or routes changed)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence

import attrs

from thidua.calendar import WorkingCalendar
from thidua.model import Citation, Dossier, Exemplar, Finding, Honour, Movement, Submission, Unit
from thidua.parameters import DatedValue, ParameterOverride, ParameterValue
from thidua.plan import Plan
from thidua.plugins.host import Host
from thidua.rules.engine import Engine, Report

PLAN = "vn-hy-district-exemplars-2022"
COMMUNES = ("xa-a", "xa-b", "xa-c")
KINDS = ("mo_hinh", "tap_the", "ca_nhan")
PER_UNIT = 9


@functools.cache
def host() -> Host:
    """The built-in plugins only (no installed plugin changes the seed)."""
    return Host(autoload=False)


def seed_plan() -> Plan:
    return host().plans[PLAN]


def engine(plan: Plan | None = None) -> Engine:
    """An engine over the seed plan (or ``plan``) on the default calendar."""
    return Engine([plan or seed_plan()], calendar=WorkingCalendar())


def with_params(**values: ParameterValue) -> Plan:
    """The seed plan with parameters set from 2022 on (``deadline__roll`` for
    ``deadline.roll``: double underscores stand for dots)."""
    plan = seed_plan()
    store = plan.parameters
    for key, value in values.items():
        pid = key.replace("__", ".")
        store = store.with_override(ParameterOverride(
            parameter=pid, source="test",
            citation=Citation(clause="test", document="test"),
            values=(DatedValue(value=value, effective_from=dt.date(2022, 4, 21)),)))
    return plan.with_parameters(store)


def without_route(route_id: str) -> Plan:
    """The seed plan without one of its routes (and the obligation that uses it)."""
    plan = seed_plan()
    sections = dict(plan.sections)
    sections["route"] = tuple(r for r in sections["route"] if r.id != route_id)
    sections["obligation"] = tuple(o for o in sections["obligation"] if o.route != route_id)
    return attrs.evolve(plan, sections=sections)


def exemplar_ids(unit: str, n: int = PER_UNIT) -> list[str]:
    return [f"e-{unit}-{i}" for i in range(1, n + 1)]


def base_units() -> list[Unit]:
    return [
        Unit(id="huyen", name="UBND huyện Thử Nghiệm", level="huyen"),
        *(Unit(id=c, name=f"UBND xã {c[-1].upper()}", level="xa", parent="huyen")
          for c in COMMUNES),
        Unit(id="phong-vhtt", name="Phòng Văn hóa và Thông tin", level="phong_ban",
             parent="huyen"),
        Unit(id="phong-ld", name="Phòng Lao động - Thương binh và Xã hội", level="phong_ban",
             parent="huyen"),
        Unit(id="so-noi-vu", name="Sở Nội vụ tỉnh", level="so"),
    ]


def base_movements() -> list[Movement]:
    return [Movement(id="pt-van-hoa", name="Xây dựng đời sống văn hóa", lead="phong-vhtt"),
            Movement(id="pt-ngheo", name="Vì người nghèo", lead="phong-ld")]


def base_exemplars(*, honoured_movements: Iterable[str] = ("pt-van-hoa",)) -> list[Exemplar]:
    honoured = list(honoured_movements)
    out = []
    for unit in (*COMMUNES, "phong-vhtt", "phong-ld"):
        for i, ex in enumerate(exemplar_ids(unit)):
            hon: list[Honour] = []
            if unit == "phong-vhtt" and i == 0 and "pt-van-hoa" in honoured:
                hon = [Honour(year=2020, movement="pt-van-hoa")]
            if unit == "phong-ld" and i == 0 and "pt-ngheo" in honoured:
                hon = [Honour(year=2021, movement="pt-ngheo")]
            out.append(Exemplar(id=ex, name=f"Điển hình {ex}", kind=KINDS[i % 3], unit=unit,
                                honoured=hon))
    return out


def sub(sid: str, frm: str, to: str, on: dt.date | None, exemplars: Sequence[str], *,
        year: int = 2024, attachments: Sequence[str] = ()) -> Submission:
    return Submission(id=sid, year=year, from_unit=frm, to_unit=to, submitted_on=on,
                      exemplars=list(exemplars), attachments=list(attachments))


def clean_submissions(year: int = 2024) -> list[Submission]:
    """A year in which everyone sends an in-quota list on time: 6 per commune, 4 per
    lead office, and a district list of 12 with the fostering plan attached."""
    commune_day = dt.date(year, 1, 9)
    subs = [sub(f"s-{c}", c, "huyen", commune_day, exemplar_ids(c, 6), year=year)
            for c in COMMUNES]
    subs.append(sub("s-phong-vhtt", "phong-vhtt", "huyen", commune_day,
                    exemplar_ids("phong-vhtt", 4), year=year))
    picks = [*exemplar_ids("xa-a", 4), *exemplar_ids("xa-b", 4), *exemplar_ids("xa-c", 2),
             *exemplar_ids("phong-vhtt", 2)]
    subs.append(sub("s-huyen", "huyen", "so-noi-vu", dt.date(year, 2, 5), picks, year=year,
                    attachments=["ke_hoach_boi_duong"]))
    return subs


def dossier(submissions: Iterable[Submission] | None = None, **kw: object) -> Dossier:
    """The test district with ``submissions`` (default: :func:`clean_submissions`)."""
    honoured = kw.pop("honoured_movements", ("pt-van-hoa",))
    assert not kw, kw
    return Dossier(plan=PLAN, units=base_units(), movements=base_movements(),
                   exemplars=base_exemplars(honoured_movements=honoured),  # type: ignore[arg-type]
                   submissions=list(clean_submissions() if submissions is None else submissions))


def replace_sub(subs: list[Submission], sid: str, **changes: object) -> list[Submission]:
    return [attrs.evolve(s, **changes) if s.id == sid else s for s in subs]


def problems(report: Report) -> list[Finding]:
    """The findings that are not ``info``."""
    return [f for f in report.findings if f.severity.value != "info"]


def keys(findings: Iterable[Finding]) -> set[tuple[str, str, str]]:
    return {(f.rule, f.subject, f.severity.value) for f in findings}
