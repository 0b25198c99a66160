"""iCalendar (.ics, RFC 5545, icalendar): a year's deadlines and obligations.

One all-day event per due item (``DTSTART;VALUE=DATE`` on the due date after any
working-day roll), with the clause it rests on in the description and one display
reminder (VALARM) per configured lead time, at the configured hour of the day. UIDs
are derived from the obligation, the unit and the date, so importing the file again
updates the events instead of duplicating them. Every calendar carries ``VERSION``,
``PRODID``, ``CALSCALE`` and ``METHOD:PUBLISH``, and every event ``UID`` and
``DTSTAMP``, as common calendar programs require.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, BinaryIO

from thidua.export.base import Exporter, ExportKind

if TYPE_CHECKING:
    from thidua.export.data import DueItem, ExportData

__all__ = ["EXPORTER", "PRODID", "alarm_offsets", "event_uid"]

PRODID = "-//thidua//thidua exporter//VI"
"""The product identifier written in every calendar."""
_UID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def event_uid(item: DueItem) -> str:
    """A stable, globally unique id for the event of ``item``."""
    parts = (item.id, item.unit or "all", item.due.isoformat())
    return "-".join(_UID_UNSAFE.sub("_", p) for p in parts) + "@thidua"


def alarm_offsets(reminder_days: tuple[int, ...]) -> tuple[dt.timedelta, ...]:
    """The VALARM triggers (relative to the start of an all-day event) for reminders
    ``reminder_days`` days ahead, each at the configured hour of that day."""
    from thidua.export.data import templates


    hour = templates().section("calendar").get("reminder_hour", 0)
    if isinstance(hour, bool) or not isinstance(hour, int) or not 0 <= hour <= 23:
        hour = 0
    return tuple(dt.timedelta(days=-d, hours=hour)
                 for d in sorted(set(reminder_days), reverse=True))


def _description(data: ExportData, item: DueItem) -> str:
    vi = data.lang == "vi"
    lines = [item.title_vi if vi else item.title_en]
    if item.unit:
        lines.append(("Đơn vị thực hiện: " if vi else "Unit: ") + data.unit_name(item.unit))
    if item.recipient:
        lines.append(("Gửi đến: " if vi else "To: ") + data.unit_name(item.recipient))
    citation = item.clause + (f" ({item.document})" if item.document else "")
    lines.append(("Căn cứ: " if vi else "Clause: ") + citation)
    if item.nominal is not None and item.nominal != item.due:
        lines.append(("Hạn theo văn bản: " if vi else "Nominal date: ")
                     + item.nominal.strftime("%d/%m/%Y"))
    if item.status:
        lines.append(("Tình trạng: " if vi else "Status: ") + item.status)
    note = item.note_vi if vi else item.note_en
    if note:
        lines.append(note)
    return "\n".join(lines)


def write_ics(data: ExportData, stream: BinaryIO) -> None:
    """Write the due items of ``data`` as an iCalendar file."""
    from icalendar import Alarm, Calendar, Event

    from thidua.export.data import templates


    cal_texts = templates().section("calendar")
    key = "name" if data.lang == "vi" else "name_en"
    name = str(cal_texts.get(key, "thidua {year}")).format(year=data.year)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("name", name)
    offsets = alarm_offsets(data.reminder_days)
    seen: dict[str, int] = {}
    for item in data.due_items():
        uid = event_uid(item)
        seen[uid] = seen.get(uid, 0) + 1
        if seen[uid] > 1:
            uid = uid.replace("@", f"-{seen[uid]}@", 1)
        title = item.title_vi if data.lang == "vi" else item.title_en
        summary = f"{title} — {data.unit_name(item.unit)}" if item.unit else title
        ev = Event()
        ev.add("uid", uid)
        ev.add("dtstamp", data.created.astimezone(dt.UTC))
        ev.add("dtstart", item.due)
        ev.add("dtend", item.due + dt.timedelta(days=1))
        ev.add("summary", summary)
        ev.add("description", _description(data, item))
        ev.add("transp", "TRANSPARENT")
        category = cal_texts.get("category")
        if isinstance(category, str) and category:
            ev.add("categories", [category])
        for offset in offsets:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            alarm.add("trigger", offset)
            ev.add_component(alarm)
        cal.add_component(ev)
    stream.write(cal.to_ical())


EXPORTER = Exporter(
    name="ics",
    media_type="text/calendar; charset=utf-8",
    extension="ics",
    kinds=[ExportKind.OBLIGATIONS],
    write=write_ics,
    description_vi="Lịch iCalendar: hạn và nghĩa vụ trong năm, có nhắc việc trước hạn",
    description_en="iCalendar: the year's deadlines and obligations, with reminders",
    requires=("icalendar",),
    install_hint="thidua[export]",
    binary=False,
)
"""The built-in iCalendar exporter."""
