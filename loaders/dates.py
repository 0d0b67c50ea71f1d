"""Dates as people write them, each kept with its precision.

``parse_date`` is pure: "2018-09-13", "2019-7-01", "13.09.2018", "September 13, 2018",
"13 Sept. 2018" are days; "2018-09", "Sept. 2018", "September 2018" months; "Q3 2018",
"2018 Q3", "2018-Q3" quarters; "2018" a year. The result carries an ISO-style value
("2018-09-13", "2018-09", "2018-Q3", "2018"), its precision (day, month, quarter, year)
and the year. Slashed dates are read only when unambiguous ("13/09/2018"); "09/10/2018"
is an error that asks for ISO. Years outside 1900 .. next year are errors (a year 3201
is a typo, not a deal), and so are impossible days (2018-02-30).

>>> parse_date("Sept. 2018")
PartialDate(text='Sept. 2018', value='2018-09', precision='month', year=2018)
>>> parse_date("Q3 2018").value
'2018-Q3'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..graph.errors import SourceError

__all__ = ["DateError", "PartialDate", "parse_date"]


class DateError(SourceError, ValueError):
    """The text is not a date talentgraph can read without guessing."""


@dataclass(frozen=True)
class PartialDate:
    text: str  # as written
    value: str  # 2018-09-13 | 2018-09 | 2018-Q3 | 2018
    precision: str  # day | month | quarter | year
    year: int


_MONTHS = {
    "jan": 1, "january": 1, "januar": 1, "jän": 1, "feb": 2, "february": 2, "februar": 2,
    "mar": 3, "march": 3, "mär": 3, "märz": 3, "maerz": 3, "apr": 4, "april": 4,
    "may": 5, "mai": 5, "jun": 6, "june": 6, "juni": 6, "jul": 7, "july": 7, "juli": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "okt": 10, "oktober": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    "dez": 12, "dezember": 12,
}
_MONTH = r"(?P<month>[A-Za-zäÄ]+)\.?"
_PATTERNS = [
    ("day", re.compile(r"(?P<year>\d{4})-(?P<m>\d{1,2})-(?P<day>\d{1,2})")),
    ("month", re.compile(r"(?P<year>\d{4})-(?P<m>\d{1,2})")),
    ("quarter", re.compile(r"(?:Q(?P<q1>[1-4])\s*[-/ ]?\s*(?P<year>\d{4})|(?P<year2>\d{4})\s*[-/ ]?\s*Q(?P<q2>[1-4]))", re.I)),
    ("year", re.compile(r"(?P<year>\d{1,5})")),
    ("day", re.compile(r"(?P<day>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<year>\d{4})")),
    ("day", re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})")),
    ("day", re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th|\.)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})")),
    ("month", re.compile(_MONTH + r",?\s+(?P<year>\d{4})")),
    ("slashed", re.compile(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})")),
]


def parse_date(text: str, latest_year: int | None = None) -> PartialDate | None:
    """Read one date; empty text (or "—", "N/A", "unknown") gives ``None``.

    ``latest_year`` bounds plausible years (default: next year).

    >>> parse_date("September 13, 2018").value, parse_date("2019-7-01").value
    ('2018-09-13', '2019-07-01')
    """
    original = text
    text = " ".join(str(text).split())
    if text.lower() in {"", "-", "—", "–", "?", "n/a", "na", "unknown", "undated"}:
        return None
    latest = latest_year if latest_year is not None else dt.date.today().year + 1
    for precision, pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _build(original, precision, match.groupdict(), latest)
    raise DateError(
        f"date {original!r} is not a date talentgraph can read — write 2018-09-13, 2018-09, Q3 2018 or 2018"
    )


def _build(original: str, precision: str, parts: dict, latest: int) -> PartialDate:
    year = int(parts.get("year") or parts.get("year2"))
    if not 1900 <= year <= latest:
        raise DateError(f"date {original!r}: year {year} is not plausible for a deal (1900 to {latest}) — check for a typo")
    if precision == "slashed":
        a, b = int(parts["a"]), int(parts["b"])
        if a <= 12 and b <= 12 and a != b:
            raise DateError(f"date {original!r} reads as day/month and as month/day — write it as ISO, e.g. {year}-{b:02d}-{a:02d}")
        parts["m"], parts["day"] = (b, a) if a > 12 or a == b else (a, b)
        precision = "day"
    if precision == "year":
        return PartialDate(original, f"{year:04d}", "year", year)
    if precision == "quarter":
        return PartialDate(original, f"{year}-Q{parts.get('q1') or parts.get('q2')}", "quarter", year)
    month = _month(original, parts)
    if precision == "month":
        return PartialDate(original, f"{year}-{month:02d}", "month", year)
    try:
        day = dt.date(year, month, int(parts["day"]))
    except ValueError:
        raise DateError(f"date {original!r} does not exist (day {parts['day']} of month {month}) — check the day") from None
    return PartialDate(original, day.isoformat(), "day", year)


def _month(original: str, parts: dict) -> int:
    if parts.get("m") is not None:
        month = int(parts["m"])
    else:
        month = _MONTHS.get(parts["month"].lower(), 0)
        if not month:
            raise DateError(f"date {original!r}: {parts['month']!r} is not a month name — write e.g. 'Sept. 2018' or 2018-09")
    if not 1 <= month <= 12:
        raise DateError(f"date {original!r}: month {month} does not exist — write e.g. 2018-09-13")
    return month
