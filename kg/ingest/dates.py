"""Dates as Dutch papers write them ("8 februari 2013"), read into ISO dates."""
from __future__ import annotations

import datetime as dt
import re

MONTHS = {m: i for i, m in enumerate(
    ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
     "september", "oktober", "november", "december"], start=1)}
DATE = r"\d{1,2} (?:" + "|".join(MONTHS) + r") \d{4}"


def parse_date(text: str) -> str | None:
    """'8 februari 2013' → '2013-02-08'; None for what is no date ('31 februari 2023': a typing
    error in a paper is not stated as a date, and the shapes would refuse it)."""
    match = re.fullmatch(r"(\d{1,2}) (\w+) (\d{4})", text.strip())
    if not match or match[2] not in MONTHS:
        return None
    try:
        return dt.date(int(match[3]), MONTHS[match[2]], int(match[1])).isoformat()
    except ValueError:
        return None
