"""What the cells of one deal-sheet row mean: names, kind and status, date, amounts,
stake and the people who moved. Pure functions.

Required fields (acquirer, target, kind) append to ``errors``: the row is refused.
Optional fields (date, amount, valuation, currency, stake, status, people) append to
``soft`` instead — ``(field, raw text, reason)`` — and stay empty while their raw text
is kept (``amount_text``, ``date_text``, ...), so one unreadable optional cell never
throws away the deal. ``--strict`` turns ``soft`` into errors (``deal_sheet.py``).

>>> soft = []
>>> facts = deal_facts({"kind": "acquisition", "date": "2014", "amount": "7.5 bn EUR?"}, [], soft)
>>> facts["amount_text"], facts.get("amount"), soft[0][0]
('7.5 bn EUR?', None, 'amount')
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

from ..graph.model import DealKind, DealStatus
from .amounts import FOOTNOTE_RE, AmountError, parse_amount
from .dates import DateError, date_status_hint, parse_date
from .usd_rates import to_usd

__all__ = [
    "MAX_CELL",
    "MAX_NAME",
    "ColumnHints",
    "cell_text",
    "deal_facts",
    "entity_name",
    "name_warnings",
    "people_moved",
]

MAX_NAME = 300
MAX_CELL = 10_000
_KIND_SYNONYMS = {
    "acqui_hire": "acquihire",
    "acquihire": "acquihire",
    "license_and_hire": "licence_and_hire",
    "lbo": "acquisition",
    "leveraged_buyout": "acquisition",
    "buyout": "acquisition",
    "management_buyout": "acquisition",
    "takeover": "acquisition",
    "purchase": "acquisition",
    "acquired": "acquisition",
    "acquire": "acquisition",
    "acquisitions": "acquisition",
    "investment": "stake",
    "minority_stake": "stake",
    "majority_stake": "stake",
    "equity_stake": "stake",
    "merge": "merger",
    "mergers": "merger",
    "asset_purchase": "acquisition",
    "asset_acquisition": "acquisition",
    "majority_acquisition": "acquisition",
    "acquihire_(team)": "acquihire",
}
_STATUS_SYNONYMS = {
    "closed": "completed",
    "complete": "completed",
    "done": "completed",
    "rumored": "rumoured",
    "talks": "in_talks",
    "pending": "announced",
    "agreed": "announced",
    "signed": "announced",
    "cancelled": "failed",
    "canceled": "failed",
    "terminated": "failed",
    "blocked": "failed",
    "withdrawn": "abandoned",
    "called_off": "abandoned",
}
_NO_STATUS = {"", "undisclosed", "unknown", "n/a", "-", "—"}
_TRAILING_FOOTNOTES = re.compile(f"(?:{FOOTNOTE_RE.pattern})+$", re.IGNORECASE)
_SLUG_OF_NOTHING = re.compile(r"[^A-Za-z0-9]*")
_SPAM = re.compile(
    r"(?:\+?\d[\d\s().-]{8,}\d)|https?://|www\.|\b(?:support|helpline|customer care|toll[- ]free|"
    r"phone number|call now)\s*(?:number|no\.?|line)?\b",
    re.IGNORECASE,
)
_MARKUP = re.compile(r"\[\[|\]\]|\{\{|\}\}|</?[a-z][^>]*>|&(?:amp|nbsp|quot|lt|gt|#\d+);|\[edit\]|'''", re.IGNORECASE)


@dataclass(frozen=True)
class ColumnHints:
    """What the sheet as a whole says about its amount and date cells: the separator
    convention and slash order found in the column, the unit (exponent) from the header
    or ``--amount-unit``, and the default currency from ``--set currency=``."""

    amount_convention: str | None = None
    valuation_convention: str | None = None
    date_order: str | None = None
    amount_unit: int = 0
    valuation_unit: int = 0
    amount_currency: str | None = None  # a header hint ("Value (US$ m)")
    default_currency: str | None = None


def cell_text(cells: dict[str, Any], name: str, errors: list[str]) -> str:
    """The stripped text of one cell; a list or an oversized cell is an error."""
    value = cells.get(name, "")
    if isinstance(value, list):
        errors.append(f"{name} must be text, not a list")
        return ""
    value = value.strip()
    if len(value) > MAX_CELL:
        errors.append(
            f"{name} is {len(value):,} characters long (at most {MAX_CELL:,}) — is a whole file pasted into one cell?"
        )
        return ""
    return value


def entity_name(value: str, role: str, errors: list[str]) -> str | None:
    """A usable name for an organization or person (footnote markers at its end
    dropped), or ``None`` and an error.

    >>> entity_name("AdMob[12][note 3]", "target", []), entity_name("[24]7", "acquirer", [])
    ('AdMob', '[24]7')
    """
    name, error = _checked_name(value, role)
    if error:
        errors.append(error)
    return name


_CONTROL = re.compile(r"[\x00-\x1f]")


@functools.lru_cache(maxsize=65536)  # a sheet names the same acquirers on thousands of rows
def _checked_name(value: str, role: str) -> tuple[str | None, str | None]:
    errors: list[str] = []
    return _entity_name(value, role, errors), (errors[0] if errors else None)


def _entity_name(value: str, role: str, errors: list[str]) -> str | None:
    if value.endswith("]"):
        value = _TRAILING_FOOTNOTES.sub("", value).strip()
    if not value:
        errors.append(f"{role} is empty — every deal needs one")
    elif len(value) > MAX_NAME:
        errors.append(f"{role} is {len(value):,} characters long (a name has at most {MAX_NAME}) — a shifted column?")
    elif _CONTROL.search(value):
        errors.append(f"{role} {value[:40]!r} contains a line break or control character — put the name on one line")
    elif _SLUG_OF_NOTHING.fullmatch(value) and not value.lower().startswith("x"):
        errors.append(
            f"{role} {value!r} has no Latin letters or digits to make an id from — "
            "add the English or pinyin name, e.g. 'ByteDance (字节跳动)'"
        )
    else:
        return value
    return None


@functools.lru_cache(maxsize=65536)
def name_warnings(role: str, name: str) -> tuple[str, ...]:
    """Hygiene: a name that looks like spam (phone number, URL, "support number") or
    keeps markup from the page it was copied from.

    >>> name_warnings("target", "Call +1 800 555 0100 support number")[0][:60]
    "target 'Call +1 800 555 0100 support number' looks like spam"
    """
    warnings = []
    if _SPAM.search(name):
        warnings.append(f"{role} {name!r} looks like spam (a phone number, URL or 'support number') — check the row")
    if _MARKUP.search(name):
        warnings.append(f"{role} {name!r} has leftover markup (wiki or HTML) — clean the name")
    return tuple(warnings)


def deal_facts(
    text: dict[str, str], errors: list[str], soft: list[tuple[str, str, str]], hints: ColumnHints = ColumnHints()
) -> dict[str, Any]:
    """The Deal properties from one row's cell texts: kind, status, date, amounts in
    their currency and in USD, stake. Required-field problems go to ``errors``,
    optional-field ones to ``soft`` as ``(field, raw text, reason)``.

    >>> deal_facts({"kind": "stake", "date": "2023", "amount": "€500m"}, [], [])["amount_usd"]
    540759767
    """
    get = text.get
    props: dict[str, Any] = {"kind": enum_value(get("kind", ""), DealKind, _KIND_SYNONYMS, "kind", errors)}
    status_text = get("status", "")
    if status_text and status_text.strip().lower() not in _NO_STATUS:
        bad: list[str] = []
        props["status"] = enum_value(status_text, DealStatus, _STATUS_SYNONYMS, "status", bad)
        if bad:
            props["status_text"] = status_text
            soft.append(("status", status_text, bad[0]))
    year = None
    if date_text := get("date", ""):
        props["date_text"] = date_text
        date, problem = _read_date(date_text, hints.date_order)
        if problem:
            soft.append(("date", date_text, problem))
        if date and (precision := get("date_precision", "").strip().lower()):
            date = _truncate(date, precision, soft)
        if date:
            year = date.year
            props.update(year=year, date=date.value, date_precision=date.precision, date_qualifier=date.qualifier)
        elif (hint := date_status_hint(date_text)) and not props.get("status"):
            props["status"] = hint
    explicit_currency = get("currency", "").strip()
    if explicit_currency and not re.fullmatch(r"[A-Za-z]{3}", explicit_currency):
        soft.append(
            (
                "currency",
                explicit_currency,
                f"currency {explicit_currency!r} is not a 3-letter ISO code (USD, EUR, ...)",
            )
        )
        explicit_currency = ""
    for name in ("amount", "valuation"):
        if not (raw := get(name, "")):
            continue
        props[f"{name}_text"] = raw
        amount = _amount(name, raw, explicit_currency or None, hints, soft)
        if amount is None or amount.value is None:
            continue
        currency = amount.currency or hints.amount_currency or hints.default_currency
        usd, note = to_usd(amount.value, currency, year)
        props.update(
            {
                name: amount.value,
                f"{name}_currency": currency,
                f"{name}_qualifier": amount.qualifier,
                f"{name}_usd": usd,
                f"{name}_usd_note": note,
            }
        )
        if amount.high is not None:
            props[f"{name}_high"] = amount.high
            props[f"{name}_high_usd"] = to_usd(amount.high, currency, year)[0]
    if raw_usd := get("amount_usd", ""):
        given = _amount("amount_usd", raw_usd, None, ColumnHints(amount_unit=hints.amount_unit), soft)
        if given is not None and given.value is not None:
            if given.currency not in (None, "USD"):
                soft.append(("amount_usd", raw_usd, f"the USD amount {raw_usd!r} names {given.currency}"))
            else:
                props.update(amount_usd=given.value, amount_usd_note="as given by the sheet")
                props.setdefault("amount", given.value)
                props.setdefault("amount_currency", "USD")
    props["currency"] = props.pop("amount_currency", None)
    if stake := get("stake", ""):
        props["stake_pct"] = _stake(stake, soft)
        if props["stake_pct"] is None:
            props["stake_text"] = stake
    props.update(note=get("note") or None, source_url=get("source_url") or None)
    return props


_PRECISION_LENGTH = {"year": 4, "month": 7, "day": 10}


def _truncate(date: Any, precision: str, soft: list[tuple[str, str, str]]) -> Any:
    """A date cut to the precision a separate column states (Crunchbase's "Announced Date
    Precision": 2014-02-01 with "month" is February 2014)."""
    if precision not in _PRECISION_LENGTH:
        soft.append(("date_precision", precision, f"date precision {precision!r} is not one of: day, month, year"))
        return date
    order = ("year", "quarter", "month", "day")
    if date.precision == "quarter" or order.index(precision) >= order.index(date.precision):
        return date
    return type(date)(date.text, date.value[: _PRECISION_LENGTH[precision]], precision, date.year, date.qualifier)


def _amount(name: str, raw: str, currency: str | None, hints: ColumnHints, soft: list[tuple[str, str, str]]):
    convention = hints.valuation_convention if name == "valuation" else hints.amount_convention
    unit = hints.valuation_unit if name == "valuation" else hints.amount_unit
    hint = currency
    amount, problem = _read_amount(raw, hint, convention, unit)
    if problem is None:
        return amount
    fallback = hints.amount_currency or hints.default_currency
    if hint is None and fallback in ("JPY", "CNY") and "'¥'" in problem:
        amount, again = _read_amount(raw, fallback, convention, unit)
        if again is None:
            return amount
    soft.append((name, raw, problem.replace("amount ", f"{name} ", 1)))
    return None


# Real sheets repeat their cells ("Undisclosed amount", a date shared by a batch of deals):
# the parsers are pure, so each distinct cell is read once.
@functools.lru_cache(maxsize=65536)
def _read_amount(raw: str, hint: str | None, convention: str | None, unit: int) -> tuple[Any, str | None]:
    try:
        return parse_amount(raw, hint, convention, unit), None
    except AmountError as exc:
        return None, str(exc)


@functools.lru_cache(maxsize=65536)
def _read_date(raw: str, order: str | None) -> tuple[Any, str | None]:
    try:
        return parse_date(raw, order=order), None
    except DateError as exc:
        return None, str(exc)


def enum_value(value: str, enum: type[Enum], synonyms: dict[str, str], name: str, errors: list[str]) -> str | None:
    key = _enum_key(value)
    key = synonyms.get(key, key)
    if key in _enum_values(enum):
        return key
    errors.append(
        f"{name} {value!r} is not one of: {', '.join(e.value for e in enum)}"
        if value
        else f"{name} is empty — one of: {', '.join(e.value for e in enum)}"
    )
    return None


def _stake(text: str, soft: list[tuple[str, str, str]]) -> int | float | None:
    match = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*%?", FOOTNOTE_RE.sub("", text).strip())
    value = float(match[1].replace(",", ".")) if match else None
    if value is None or not 0 < value <= 100:
        soft.append(("stake", text, f"stake {text!r} is not a percentage between 0 and 100 — write e.g. 49 or 49%"))
        return None
    return int(value) if value.is_integer() else value


def people_moved(value: Any) -> list[tuple[str, str]]:
    """ "Alexandr Wang: head of MSL; Jane Doe" (or a YAML/JSON list of such strings or of
    {name, role} mappings) -> [(name, role)].

    >>> people_moved("Alexandr Wang: head of MSL; Jane Doe")
    [('Alexandr Wang', 'head of MSL'), ('Jane Doe', '')]
    """
    items = value if isinstance(value, list) else re.split(r"[;\n]", value or "")
    people = []
    for item in items:
        if isinstance(item, dict):
            name, role = str(item.get("name") or ""), str(item.get("role") or "")
        else:
            name, _, role = str(item).partition(":")
        if name.strip() or role.strip():
            people.append((name.strip(), role.strip()))
    return people


@functools.cache
def _enum_values(enum: type[Enum]) -> frozenset[str]:
    return frozenset(e.value for e in enum)


@functools.lru_cache(maxsize=256)
def _enum_key(value: str) -> str:
    return re.sub(r"[\s-]+", "_", FOOTNOTE_RE.sub("", value).strip().lower())
