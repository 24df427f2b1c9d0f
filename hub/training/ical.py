"""An iCalendar feed (RFC 5545) of training sessions, written by hand: CRLF line ends, text escaping,
lines folded at 75 octets, UTC times."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

PRODID = "-//AMUCH//Hub Local Formacion//ES"


def escape(text: str) -> str:
    """TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped."""
    return (
        (text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets (never inside a UTF-8 character), continuation lines start with a space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines lose one octet to the leading space
    return "\r\n ".join(parts)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(sessions, *, name: str, now: dt.datetime) -> str:
    host = settings.HUB_SITE_URL.split("//", 1)[-1].split("/", 1)[0] or "hub.local"
    site = settings.HUB_SITE_URL.rstrip("/")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escape(name)}"]
    for session in sessions:
        cohort = session.cohort
        demo = " (Demo)" if cohort.is_demo else ""
        lines += [
            "BEGIN:VEVENT",
            f"UID:training-session-{session.pk}@{host}",
            f"DTSTAMP:{_utc(now)}",
            f"DTSTART:{_utc(session.starts_at)}",
            f"DTEND:{_utc(session.ends_at)}",
            f"SUMMARY:{escape(f'{cohort.programme.title}: {session.title}{demo}')}",
            f"LOCATION:{escape(session.place or cohort.place)}",
            f"DESCRIPTION:{escape(f'{cohort.name} · {cohort.get_modality_display()}')}",
            f"URL:{site}{cohort.get_absolute_url()}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
