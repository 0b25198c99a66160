"""Shared builders for the award-ladder tests: the built-in ladder, records, grants."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

from thidua import Host
from thidua.model.records import Assessment, AwardGrant, MemberStats, YearRecord
from thidua.rules.ladder import History, Ladder

EXCELLENT = Assessment.EXCELLENT
GOOD = Assessment.GOOD
COMPLETED = Assessment.COMPLETED
NOT_COMPLETED = Assessment.NOT_COMPLETED
CSTDCS = "chien_si_thi_dua_co_so"
LDTT = "lao_dong_tien_tien"
CSTDT = "chien_si_thi_dua_tinh"
SUBJECT = "p-1"


@functools.cache
def ladder() -> Ladder:
    """The ladder over the built-in catalogue (no third-party plugins)."""
    return Ladder.from_host(Host(autoload=False))


def rec(year: int, grade: Assessment = GOOD, *titles: str, initiatives: int = 0,
        scope: str | None = None, members: MemberStats | None = None,
        subject: str = SUBJECT) -> YearRecord:
    """A yearly record."""
    return YearRecord(subject=subject, year=year, assessment=grade, titles=titles,
                      initiatives=initiatives, initiative_scope=scope, members=members)


def grant(award: str, decided_on: dt.date | str, *years: int, proposed: bool = False,
          subject: str = SUBJECT) -> AwardGrant:
    """An award grant."""
    day = dt.date.fromisoformat(decided_on) if isinstance(decided_on, str) else decided_on
    return AwardGrant(subject=subject, award=award, decided_on=day, achievement_years=years,
                      proposed=proposed)


def history(records: Iterable[YearRecord], grants: Iterable[AwardGrant] = (),
            recipient: str = "individual", subject: str = SUBJECT) -> History:
    """A history built by the ladder (titles of grants count)."""
    return ladder().history_of(subject, recipient, records, grants)


def pm_certificate_case(*, bang_khen: bool = True, weak_year: int | None = None,
                        titles_in: tuple[int, ...] = (2021, 2022, 2024)) -> History:
    """Điều 73 khoản 1 điểm b: a provincial certificate (2021) + 2020–2024 at least
    good + grassroots fighter in ``titles_in``; ``weak_year`` is only "completed"."""
    records = [rec(y, COMPLETED if y == weak_year else (EXCELLENT if y in titles_in else GOOD),
                   *((CSTDCS,) if y in titles_in else ()))
               for y in range(2020, 2025)]
    grants = [grant("bang_khen_tinh", "2021-06-10", 2020)] if bang_khen else []
    return history(records, grants)
