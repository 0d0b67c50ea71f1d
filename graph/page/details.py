"""What a reader sees about a node or relationship: readable fields, every disputed
value with its source, and the provenance of each fact.

Values stay plain text; the page puts them into the DOM as text, never as HTML. Each
figure is shown once (an amount in US dollars is not repeated as "amount usd"), and
where a record carries per-fact provenance (the parallel lists ``fact_fields``,
``fact_sources``, ``fact_locators``) each field lists its own sources.

Amounts are written by ``graph/money.py``'s ``format_money``, the one money formatter
of the terminal and the page.

>>> node_details({"label": "Deal", "name": "X", "kind": "stake", "amount": 14300000000, "currency": "USD",
...               "amount_usd": 14300000000, "source_ids": ["s"], "locators": ["s#p1"]}, "x")["fields"][:3]
[['kind', 'stake', []], ['amount', 'USD 14.3 bn', []], ['existed from', 'undated — the sources give no year', []]]
"""

from __future__ import annotations

from functools import cache
from typing import Any

import networkx as nx

from ..model import DISPUTE, PROVENANCE
from ..money import format_money

__all__ = ["edge_details", "format_money", "node_details", "source_table"]

# shown first, in this order; other properties follow alphabetically
FIELD_ORDER = (
    "kind",
    "status",
    "country",
    "founded",
    "year",
    "date",
    "amount",
    "amount_usd",
    "stake_pct",
    "valuation_usd",
    "pay",
    "pay_usd",
    "pay_basis",
    "headcount",
    "group",
    "role",
    "from",
    "to",
    "summary",
    "evidence",
    "note",
)
FIELD_SET = frozenset(FIELD_ORDER)
FACT_PROVENANCE = ("fact_fields", "fact_sources", "fact_locators")
HIDDEN = frozenset(
    {
        "label",
        "name",
        "aliases",
        "type",
        "key",
        "currency",
        "pay_currency",
        "date_precision",
        *PROVENANCE,
        *DISPUTE,
        *FACT_PROVENANCE,
    }
)
MONEY = {"amount": "currency", "pay": "pay_currency", "amount_usd": None, "valuation_usd": None, "pay_usd": None}


def _fact_sources(attrs: dict[str, Any]) -> dict[str, list[list[str]]]:
    if "fact_fields" not in attrs:
        return {}
    lists = [attrs.get(k) for k in FACT_PROVENANCE]
    if not all(isinstance(v, list) for v in lists):
        return {}
    out: dict[str, list[list[str]]] = {}
    for field_name, source, locator in zip(*lists, strict=False):
        out.setdefault(str(field_name), []).append([str(source), str(locator)])
    return out


def _repeats_amount(key: str, attrs: dict[str, Any]) -> bool:
    # amount_usd of a deal priced in dollars is the same figure twice
    return key == "amount_usd" and attrs.get("currency") == "USD" and attrs.get("amount") == attrs.get("amount_usd")


@cache
def _shown_keys(keys: frozenset[str]) -> tuple[str, ...]:
    # records of one kind share their keys: the order is worked out once per key set
    return tuple(k for k in FIELD_ORDER if k in keys) + tuple(
        sorted(k for k in keys if k not in FIELD_SET and k not in HIDDEN)
    )


def _fields(attrs: dict[str, Any]) -> list[list[Any]]:
    keys = _shown_keys(frozenset(attrs))
    per_fact = _fact_sources(attrs)
    rows: list[list[Any]] = []
    for key in keys:
        value = attrs[key]
        if value is None or value == [] or value == "" or _repeats_amount(key, attrs):
            continue
        if key in MONEY:
            money_key = MONEY[key]
            currency = attrs.get(money_key) if money_key else "USD"
            text = format_money(value, currency)
        elif key == "stake_pct":
            text = f"{value} %"
        elif isinstance(value, list):
            text = ", ".join(str(v) for v in value)
        else:
            text = str(value).replace("_", " ") if key in ("kind", "status") else str(value)
        rows.append([key.replace("_", " "), text, per_fact.get(key, [])])
    return rows


def _provenance(attrs: dict[str, Any]) -> list[list[str]]:
    return [[s, loc] for s, loc in zip(attrs.get("source_ids", []), attrs.get("locators", []), strict=False)]


def node_details(attrs: dict[str, Any], node_id: str, existed: tuple[int | None, str] = (None, "")) -> dict[str, Any]:
    """Name, aliases, type line, fields, disputes and sources of one node; ``existed`` is
    its first year and how that is known (timeline.py)."""
    kind = attrs.get("kind")
    label = attrs.get("label", "")
    disputes = (
        [list(row) for row in zip(*(attrs.get(k, []) for k in DISPUTE), strict=False)] if DISPUTE[0] in attrs else []
    )
    for row in disputes:
        # a disputed money figure reads like the undisputed one
        if row[0] in MONEY and str(row[1]).isdigit():
            money_key = MONEY[row[0]]
            row[1] = format_money(int(row[1]), attrs.get(money_key) if money_key else "USD")
        row[0] = row[0].replace("_", " ")
    return {
        "name": str(attrs.get("name", node_id)),
        "aliases": [str(a) for a in attrs.get("aliases", [])],
        "type": f"{label} · {str(kind).replace('_', ' ')}" if kind else label,
        "fields": _fields(attrs) + [_existed_row(existed)],
        "disputes": disputes,
        "sources": _provenance(attrs),
    }


def _existed_row(existed: tuple[int | None, str]) -> list[Any]:
    year, why = existed
    if year is None:
        return ["existed from", "undated — the sources give no year", []]
    return ["existed from", str(year) if why.startswith(("founded", "dated")) else f"{year} ({why})", []]


def edge_details(attrs: dict[str, Any], start_name: str, end_name: str) -> dict[str, Any]:
    """The same for a relationship, named after its two ends."""
    rel_type = str(attrs.get("type", ""))
    return {
        "name": f"{start_name} → {end_name}",
        "aliases": [],
        "type": rel_type.replace("_", " ").lower(),
        "fields": _fields(attrs),
        "disputes": [],
        "sources": _provenance(attrs),
    }


def source_table(graph: nx.MultiDiGraph) -> dict[str, dict[str, str]]:
    """Source id -> what a citation needs (title, publisher, date, url), from Source nodes."""
    table = {}
    for node_id, attrs in sorted(graph.nodes(data=True)):
        if attrs.get("label") == "Source":
            table[node_id] = {
                k: str(attrs[k]) for k in ("name", "title", "publisher", "published", "url") if attrs.get(k)
            }
    return table
