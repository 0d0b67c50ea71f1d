"""What the cells of one deal-sheet row mean: names, kind and status, date, amounts,
stake and the people who moved. Pure functions; each appends its problems to
``errors`` (one line each, saying what is wrong and how to write it) instead of raising,
so one row reports all its problems at once.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from talentgraph.graph.model import DealKind, DealStatus

from .amounts import AmountError, parse_amount
from .dates import DateError, parse_date
from .usd_rates import to_usd

__all__ = ["MAX_CELL", "MAX_NAME", "cell_text", "deal_facts", "entity_name", "people_moved"]

MAX_NAME = 300
MAX_CELL = 10_000
_KIND_SYNONYMS = {"acqui_hire": "acquihire", "license_and_hire": "licence_and_hire"}
_STATUS_SYNONYMS = {"closed": "completed", "complete": "completed", "rumored": "rumoured", "talks": "in_talks"}
_SLUG_OF_NOTHING = re.compile(r"[^A-Za-z0-9]*")


def cell_text(cells: dict[str, Any], name: str, errors: list[str]) -> str:
    """The stripped text of one cell; a list or an oversized cell is an error."""
    value = cells.get(name, "")
    if isinstance(value, list):
        errors.append(f"{name} must be text, not a list")
        return ""
    value = value.strip()
    if len(value) > MAX_CELL:
        errors.append(f"{name} is {len(value):,} characters long (at most {MAX_CELL:,}) — is a whole file pasted into one cell?")
        return ""
    return value

def entity_name(value: str, role: str, errors: list[str]) -> str | None:
    """A usable name for an organization or person, or ``None`` and an error."""
    if not value:
        errors.append(f"{role} is empty — every deal needs one")
    elif len(value) > MAX_NAME:
        errors.append(f"{role} is {len(value):,} characters long (a name has at most {MAX_NAME}) — a shifted column?")
    elif any(ord(ch) < 32 for ch in value):
        errors.append(f"{role} {value[:40]!r} contains a line break or control character — put the name on one line")
    elif _SLUG_OF_NOTHING.fullmatch(value) and not value.lower().startswith("x"):
        errors.append(f"{role} {value!r} has no Latin letters or digits to make an id from — "
                      "add the English or pinyin name, e.g. 'ByteDance (字节跳动)'")
    else:
        return value
    return None

def deal_facts(text: dict[str, str], errors: list[str]) -> dict[str, Any]:
    """The Deal properties from one row's cell texts: kind, status, date, amounts in
    their currency and in USD, stake; every problem goes to ``errors``.

    >>> deal_facts({"kind": "stake", "status": "", "date": "2023", "amount": "€500m", "currency": "",
    ...             "valuation": "", "stake": "", "note": "", "source_url": ""}, [])["amount_usd"]
    540850000
    """
    props: dict[str, Any] = {"kind": enum_value(text["kind"], DealKind, _KIND_SYNONYMS, "kind", errors),
                             "status": enum_value(text["status"], DealStatus, _STATUS_SYNONYMS, "status", errors) if text["status"] else None}
    year = None
    try:
        date = parse_date(text["date"])
        if date:
            year = date.year
            props.update(year=year, date=date.value, date_precision=date.precision, date_text=date.text)
    except DateError as exc:
        errors.append(str(exc))
    for name, prefix in (("amount", "amount"), ("valuation", "valuation")):
        if not text[name]:
            continue
        props[f"{prefix}_text"] = text[name]
        try:
            amount = parse_amount(text[name], text["currency"] or None)
        except AmountError as exc:
            errors.append(str(exc).replace("amount ", f"{name} ", 1))
            continue
        usd, note = to_usd(amount.value, amount.currency, year)
        props.update({prefix: amount.value, f"{prefix}_currency": amount.currency,
                      f"{prefix}_qualifier": amount.qualifier, f"{prefix}_usd": usd, f"{prefix}_usd_note": note})
    props["currency"] = props.pop("amount_currency", None)
    if text["stake"]:
        props["stake_pct"] = _stake(text["stake"], errors)
    props.update(note=text["note"] or None, source_url=text["source_url"] or None)
    return props

def enum_value(value: str, enum: type, synonyms: dict[str, str], name: str, errors: list[str]) -> str | None:
    key = _enum_key(value)
    key = synonyms.get(key, key)
    if key in {e.value for e in enum}:
        return key
    errors.append(f"{name} {value!r} is not one of: {', '.join(e.value for e in enum)}" if value else f"{name} is empty — one of: {', '.join(e.value for e in enum)}")
    return None


def _stake(text: str, errors: list[str]) -> int | float | None:
    match = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*%?", text)
    value = float(match[1].replace(",", ".")) if match else None
    if value is None or not 0 < value <= 100:
        errors.append(f"stake {text!r} is not a percentage between 0 and 100 — write e.g. 49 or 49%")
        return None
    return int(value) if value.is_integer() else value


def people_moved(value: Any) -> list[tuple[str, str]]:
    """"Alexandr Wang: head of MSL; Jane Doe" (or a YAML/JSON list of such strings or of
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


@functools.lru_cache(maxsize=256)
def _enum_key(value: str) -> str:
    return re.sub(r"[\s-]+", "_", value.strip().lower())
