"""Dates as people write them, each kept with its precision.

``parse_date`` is pure: "2018-09-13", "2019-7-01", "13.09.2018", "September 13, 2018",
"13 Sept. 2018" are days; "2018-09", "Sept. 2018", "September 2018" months; "Q3 2018",
"2018 Q3", "2018-Q3" quarters; "2018" a year. The result carries an ISO-style value
("2018-09-13", "2018-09", "2018-Q3", "2018"), its precision (day, month, quarter, year)
and the year. Slashed dates are read only when unambiguous ("13/09/2018"); "09/10/2018"
is an error that asks for ISO — unless the caller passes the column's ``order``
("dmy" or "mdy"), which ``slash_order`` finds from the other cells ("15/04/2002" says
day first). Years outside 1900 .. next year are errors (a year 3201 is a typo, not a
deal), and so are impossible days (2018-02-30).

Also read: "2018-09-13 00:00:00" (a spreadsheet's midnight), "2018/09/13",
"13-Sep-2018", "May, 2nd 2016", "Monday, September 13, 2018"; quarters "2000 (Q4)",
"4Q 2000", "Q1 fiscal 2010" (qualifier "fiscal"); "Early 2001", "mid-2001", "late
2001", "c. 2001" (the year, with the qualifier); words in parentheses after a date
("(announced)"; "(est.)" makes it approximate), footnote markers ("[12]") and a
sortable Wikipedia table's hidden sort key ("000000002006-10-09-0000") are dropped.
"Pending", "TBD", "rumoured" are no date: ``parse_date`` gives ``None`` and
``date_status_hint`` names the status they imply.

Why not ``dateparser``: it reads "Q4 2000" as 2000-12-01 and "2018" as 2018-12-01
(the precision is lost), guesses "09/10/2018", and took 7.4 s per 10,000 cells here
(the whole deal-sheet budget is 1.75 s per 10,000 rows).

>>> parse_date("Sept. 2018")
PartialDate(text='Sept. 2018', value='2018-09', precision='month', year=2018, qualifier=None)
>>> parse_date("Q3 2018").value
'2018-Q3'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..graph.errors import SourceError

__all__ = ["DateError", "PartialDate", "date_status_hint", "parse_date", "slash_order"]


class DateError(SourceError, ValueError):
    """The text is not a date talentgraph can read without guessing."""


@dataclass(frozen=True)
class PartialDate:
    text: str  # as written
    value: str  # 2018-09-13 | 2018-09 | 2018-Q3 | 2018
    precision: str  # day | month | quarter | year
    year: int
    qualifier: str | None = None  # early | mid | late | approximately | fiscal


_MONTHS = {
    "jan": 1,
    "january": 1,
    "januar": 1,
    "jän": 1,
    "feb": 2,
    "february": 2,
    "februar": 2,
    "mar": 3,
    "march": 3,
    "mär": 3,
    "märz": 3,
    "maerz": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "mai": 5,
    "jun": 6,
    "june": 6,
    "juni": 6,
    "jul": 7,
    "july": 7,
    "juli": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "okt": 10,
    "oktober": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
    "dez": 12,
    "dezember": 12,
}
_MONTH = r"(?P<month>[A-Za-zäÄ]+)\.?"
_ORD = r"(?:st|nd|rd|th)?"
_PATTERNS = [
    ("day", re.compile(r"(?P<year>\d{4})[-/](?P<m>\d{1,2})[-/](?P<day>\d{1,2})")),
    ("month", re.compile(r"(?P<year>\d{4})-(?P<m>\d{1,2})")),
    (
        "quarter",
        re.compile(
            r"(?:Q(?P<q1>[1-4])|(?P<q3>[1-4])Q)\s*[-/ ,]?\s*(?:(?P<fiscal>fiscal|FY)\s*)?(?P<year>\d{4})"
            r"|(?P<year2>\d{4})\s*[-/ ]?\s*\(?\s*Q(?P<q2>[1-4])\s*\)?",
            re.IGNORECASE,
        ),
    ),
    ("year", re.compile(r"(?P<year>\d{1,5})")),
    ("day", re.compile(r"(?P<day>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<year>\d{4})")),
    ("day", re.compile(_MONTH + r",?\s+(?P<day>\d{1,2})" + _ORD + r",?\s+(?P<year>\d{4})")),
    (
        "day",
        re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th|\.)?(?:\s+|-)(?:of\s+)?" + _MONTH + r",?(?:\s+|-)(?P<year>\d{4})"),
    ),
    ("month", re.compile(_MONTH + r"(?:,?\s+|-)(?P<year>\d{4})")),
    ("slashed", re.compile(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})")),
]


_FOOTNOTE = re.compile(r"\s*\[(?:\d{1,3}|[a-z]{1,2}|(?:note|nb|n)\s*\d+|[a-z][a-z ]{2,30}[a-z])\]", re.IGNORECASE)
_SORT_KEY = re.compile(r"^\s*(?:\d{10,}\s*♠|0{4,}(?=\d{4}-\d\d-\d\d-0{4})\d{4}-\d\d-\d\d-0{4}\s*)")
_MIDNIGHT = re.compile(r"(?<=\d)(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?)$")
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_DATE_QUALIFIER = re.compile(
    r"^(?:(?P<early>early|beginning of|start of|anfang)|(?P<mid>mid|middle of|mitte)|(?P<late>late|end of|ende)"
    r"|(?P<approximately>c\.|ca\.|circa|about|around|approx\.?|~))[\s-]*",
    re.IGNORECASE,
)
_TRAILING_WORDS = re.compile(r"\s*\(([^()\d]*)\)$")
_ESTIMATE = re.compile(r"\s*(?:est|estimated|approx|approximately|circa|c\.|ca\.)", re.IGNORECASE)
_NO_DATE = re.compile(
    r"[-–—‒―_.?\s]*|n/?a|unknown|undated|not (?:known|disclosed)|undisclosed|none|null", re.IGNORECASE
)
_STATUS_WORDS = {
    "pending": "announced",
    "tbd": "announced",
    "tba": "announced",
    "announced": "announced",
    "expected": "announced",
    "in progress": "announced",
    "rumored": "rumoured",
    "rumoured": "rumoured",
    "in talks": "in_talks",
    "cancelled": "failed",
    "canceled": "failed",
    "terminated": "failed",
    "withdrawn": "abandoned",
    "abandoned": "abandoned",
    "blocked": "failed",
}


def date_status_hint(text: str) -> str | None:
    """The deal status a non-date in a date cell implies ("Pending" -> announced), or ``None``.

    >>> date_status_hint("Pending"), date_status_hint("2018")
    ('announced', None)
    """
    return _STATUS_WORDS.get(" ".join(_FOOTNOTE.sub("", str(text)).split()).strip(" .()").lower())


def slash_order(cells: list[str]) -> str | None:
    """``"dmy"`` or ``"mdy"`` when some slashed date of a column can only be read one
    way ("15/04/2002" is day first), ``None`` when none settles it or they disagree.

    >>> slash_order(["1/02/2012", "15/04/2002"]), slash_order(["12/25/2019"]), slash_order(["1/2/2012"])
    ('dmy', 'mdy', None)
    """
    orders = set()
    for cell in cells:
        match = re.search(r"\b(\d{1,2})/(\d{1,2})/\d{4}\b", str(cell))
        if match:
            a, b = int(match[1]), int(match[2])
            if a > 12 >= b:
                orders.add("dmy")
            elif b > 12 >= a:
                orders.add("mdy")
    return orders.pop() if len(orders) == 1 else None


def parse_date(text: str, latest_year: int | None = None, order: str | None = None) -> PartialDate | None:
    """Read one date; empty text (or "—", "N/A", "unknown", "Pending") gives ``None``.

    ``latest_year`` bounds plausible years (default: next year); ``order`` ("dmy" or
    "mdy") reads slashed dates that would otherwise be ambiguous.

    >>> parse_date("September 13, 2018").value, parse_date("2019-7-01").value
    ('2018-09-13', '2019-07-01')
    >>> parse_date("Early 2001")
    PartialDate(text='Early 2001', value='2001', precision='year', year=2001, qualifier='early')
    """
    original = text
    text = " ".join(_FOOTNOTE.sub("", _SORT_KEY.sub("", str(text))).split())
    text = _MIDNIGHT.sub("", _WEEKDAY.sub("", text)).strip(" ,")
    if _NO_DATE.fullmatch(text) or date_status_hint(text):
        return None
    qualifier = None
    if (paren := _TRAILING_WORDS.search(text)) and text[: paren.start()].strip():
        # "February 12, 2001 (announced)", "2001 (est.)": words about the date, not part of it
        qualifier = "approximately" if _ESTIMATE.match(paren[1]) else None
        text = text[: paren.start()].strip()
    if match := _DATE_QUALIFIER.match(text):
        qualifier = next(k for k, v in match.groupdict().items() if v)
        text = text[match.end() :]
    latest = latest_year if latest_year is not None else dt.date.today().year + 1
    for precision, pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            parts = match.groupdict()
            parts["order"] = order
            date = _build(original, precision, parts, latest)
            if parts.get("fiscal"):
                qualifier = "fiscal"
            return PartialDate(date.text, date.value, date.precision, date.year, qualifier) if qualifier else date
    raise DateError(
        f"date {original!r} is not a date talentgraph can read — write 2018-09-13, 2018-09, Q3 2018 or 2018"
    )


def _build(original: str, precision: str, parts: dict, latest: int) -> PartialDate:
    year = int(parts.get("year") or parts.get("year2") or 0)
    if not 1900 <= year <= latest:
        raise DateError(
            f"date {original!r}: year {year} is not plausible for a deal (1900 to {latest}) — check for a typo"
        )
    if precision == "slashed":
        a, b = int(parts["a"]), int(parts["b"])
        if a <= 12 and b <= 12 and a != b and parts.get("order") in ("dmy", "mdy"):
            a, b = (a, b) if parts["order"] == "mdy" else (b, a)
        elif a <= 12 and b <= 12 and a != b:
            raise DateError(
                f"date {original!r} reads as day/month and as month/day — write it as ISO, e.g. {year}-{b:02d}-{a:02d}"
            )
        parts["m"], parts["day"] = (b, a) if a > 12 or a == b else (a, b)
        precision = "day"
    if precision == "year":
        return PartialDate(original, f"{year:04d}", "year", year)
    if precision == "quarter":
        return PartialDate(
            original, f"{year}-Q{parts.get('q1') or parts.get('q2') or parts.get('q3')}", "quarter", year
        )
    month = _month(original, parts)
    if precision == "month":
        return PartialDate(original, f"{year}-{month:02d}", "month", year)
    try:
        day = dt.date(year, month, int(parts["day"]))
    except ValueError:
        raise DateError(
            f"date {original!r} does not exist (day {parts['day']} of month {month}) — check the day"
        ) from None
    return PartialDate(original, day.isoformat(), "day", year)


def _month(original: str, parts: dict) -> int:
    if parts.get("m") is not None:
        month = int(parts["m"])
    else:
        month = _MONTHS.get(parts["month"].lower(), 0)
        if not month:
            raise DateError(
                f"date {original!r}: {parts['month']!r} is not a month name — write e.g. 'Sept. 2018' or 2018-09"
            )
    if not 1 <= month <= 12:
        raise DateError(f"date {original!r}: month {month} does not exist — write e.g. 2018-09-13")
    return month
