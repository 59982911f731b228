"""Reads iCalendar files with the icalendar package and prints, as JSON
keyed by path, each event's UID, summary, start and end, or the error the
reader raised.

Usage: python3 ical_read.py FILE...   (needs the PyPI package icalendar)."""

import json
import sys

import icalendar

out = {}
for path in sys.argv[1:]:
    try:
        with open(path, "rb") as f:
            calendar = icalendar.Calendar.from_ical(f.read())
        events = []
        for e in calendar.walk("VEVENT"):
            events.append({
                "uid": str(e.get("UID", "")),
                "summary": str(e.get("SUMMARY", "")),
                "start": str(e.decoded("DTSTART")) if e.get("DTSTART") else None,
                "end": str(e.decoded("DTEND")) if e.get("DTEND") else None,
            })
        out[path] = {"version": str(calendar.get("VERSION", "")), "events": events}
    except Exception as e:  # a file the reader refuses is reported
        out[path] = {"error": f"{type(e).__name__}: {e}"}
print(json.dumps(out))
