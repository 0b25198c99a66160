"""iCalendar export read back with icalendar: one event per obligation, on its date,
with its clause, and reminders ahead of the due date."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from _export_helpers import host_with_findings, small_dossier
from thidua.errors import ExportError
from thidua.export import DueItem, ExportData, find_exporter
from thidua.export.ics import alarm_offsets, event_uid

STAMP = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
ITEMS = (
    DueItem(id="registration.commune", unit="xa-lac-dao", due=dt.date(2024, 1, 15),
            title_vi="Gửi danh sách đăng ký điển hình tiên tiến lên UBND huyện",
            title_en="Send the exemplar registration list to the district",
            clause="IV.1.d.1", document="KH huyện", recipient="huyen", status="done"),
    DueItem(id="registration.commune", unit="xa-dinh-du", due=dt.date(2024, 1, 15),
            title_vi="Gửi danh sách đăng ký điển hình tiên tiến lên UBND huyện",
            title_en="Send the exemplar registration list to the district",
            clause="IV.1.d.1", recipient="huyen"),
    DueItem(id="registration.province", unit="huyen", due=dt.date(2024, 2, 15),
            title_vi="Gửi danh sách và kế hoạch bồi dưỡng lên Sở Nội vụ",
            title_en="Send the list and the fostering plan to the Department of Home Affairs",
            clause="IV.1.d.4", recipient="so-noi-vu",
            nominal=dt.date(2024, 2, 15)),
    DueItem(id="commendation.day", unit=None, due=dt.date(2024, 6, 11),
            title_vi="Khen thưởng nhân Ngày Truyền thống thi đua yêu nước",
            title_en="Commendations on the Traditional Day of Patriotic Emulation",
            clause="IV.1.đ"),
)


def _data(unit: str | None = None, reminders: tuple[int, ...] = (7, 1),
          items: tuple[DueItem, ...] = ITEMS, lang: str = "vi") -> ExportData:
    return ExportData(what="obligations", dossier=small_dossier(), year=2024, unit=unit,
                      obligations=items, created=STAMP, reminder_days=reminders, lang=lang)


def _ics(data: ExportData) -> tuple[bytes, Any]:
    buf = io.BytesIO()
    find_exporter(host_with_findings(), "ics").write(data, buf)
    raw = buf.getvalue()
    return raw, icalendar.Calendar.from_ical(raw)


def test_calendar_header_is_valid_for_calendar_programs() -> None:
    raw, cal = _ics(_data())
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    assert raw.rstrip().endswith(b"END:VCALENDAR")
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]).startswith("-//thidua//")
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded lines (RFC 5545)


def test_one_event_per_obligation_with_date_clause_and_alarms() -> None:
    data = _data()
    _, cal = _ics(data)
    events = list(cal.walk("VEVENT"))
    # every item, by due date (then obligation and unit)
    expected = sorted(ITEMS, key=lambda i: (i.due, i.id, i.unit or ""))
    assert list(data.due_items()) == expected
    assert len(events) == len(ITEMS)
    for ev, item in zip(events, expected, strict=True):
        assert ev.decoded("DTSTART") == item.due
        assert ev.decoded("DTEND") == item.due + dt.timedelta(days=1)
        assert ev.decoded("DTSTAMP") == STAMP
        assert str(ev["UID"]) == event_uid(item)
        description = str(ev["DESCRIPTION"])
        assert f"Căn cứ: {item.clause}" in description
        assert str(ev["SUMMARY"]).startswith(item.title_vi)
        alarms = list(ev.walk("VALARM"))
        assert [str(a["ACTION"]) for a in alarms] == ["DISPLAY", "DISPLAY"]
        # each reminder fires the given number of days ahead of the due date
        fire = [dt.datetime.combine(item.due, dt.time()) + a.decoded("TRIGGER")
                for a in alarms]
        assert [(item.due - f.date()).days for f in fire] == [7, 1]
        assert all(f < dt.datetime.combine(item.due, dt.time()) for f in fire)
    uids = [str(ev["UID"]) for ev in events]
    assert len(set(uids)) == len(uids)


def test_a_units_calendar_keeps_its_own_and_plan_wide_dates() -> None:
    _, cal = _ics(_data(unit="huyen"))
    events = list(cal.walk("VEVENT"))
    assert [ev.decoded("DTSTART") for ev in events] == [dt.date(2024, 2, 15),
                                                       dt.date(2024, 6, 11)]
    assert "Sở Nội vụ tỉnh Hưng Yên" in str(events[0]["DESCRIPTION"])


def test_english_calendar() -> None:
    _, cal = _ics(_data(lang="en"))
    ev = next(iter(cal.walk("VEVENT")))
    assert str(ev["SUMMARY"]).startswith("Send the exemplar registration list")
    assert "Clause: IV.1.d.1" in str(ev["DESCRIPTION"])


def test_no_reminders_when_none_asked() -> None:
    _, cal = _ics(_data(reminders=()))
    assert all(not list(ev.walk("VALARM")) for ev in cal.walk("VEVENT"))


def test_negative_reminders_are_refused() -> None:
    with pytest.raises(ExportError, match="reminder_days"):
        _data(reminders=(-1,))


def test_uids_are_stable_across_exports() -> None:
    _, a = _ics(_data())
    _, b = _ics(_data())
    assert [str(e["UID"]) for e in a.walk("VEVENT")] == [str(e["UID"]) for e in b.walk("VEVENT")]


@given(st.lists(st.dates(dt.date(2024, 1, 1), dt.date(2024, 12, 31)), max_size=6),
       st.sets(st.integers(0, 30), max_size=3))
def test_any_set_of_due_dates_round_trips(dates: list[dt.date], reminders: set[int]) -> None:
    items = tuple(DueItem(id="x", unit="huyen", due=d, title_vi="Việc", title_en="Task",
                          clause="IV.5.d") for d in dates)
    _, cal = _ics(_data(items=items, reminders=tuple(reminders)))
    events = list(cal.walk("VEVENT"))
    assert sorted(ev.decoded("DTSTART") for ev in events) == sorted(dates)
    assert len({str(ev["UID"]) for ev in events}) == len(dates)
    for ev in events:
        assert sorted(a.decoded("TRIGGER") for a in ev.walk("VALARM")) == \
            sorted(alarm_offsets(tuple(reminders)))
