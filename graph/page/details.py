"""What a reader sees about a node or relationship: readable fields, every disputed
value with its source, and the provenance of each fact.

Values stay plain text; the page puts them into the DOM as text, never as HTML.

>>> node_details({"label": "Deal", "name": "X", "kind": "stake", "amount": 14300000000, "currency": "USD",
...               "source_ids": ["s"], "locators": ["s#p1"]}, "x")["fields"][:2]
[['kind', 'stake'], ['amount', 'USD 14.3 bn']]
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..model import DISPUTE, PROVENANCE

__all__ = ["edge_details", "format_money", "node_details", "source_table"]

# shown first, in this order; other properties follow alphabetically
FIELD_ORDER = ("kind", "status", "country", "founded", "year", "date", "amount", "amount_usd", "stake_pct",
               "valuation_usd", "pay", "pay_usd", "pay_basis", "people_count", "role", "from", "to",
               "summary", "evidence", "note")
HIDDEN = frozenset({"label", "name", "aliases", "type", "key", "currency", "pay_currency", "date_precision",
                    *PROVENANCE, *DISPUTE})
MONEY = {"amount": "currency", "pay": "pay_currency", "amount_usd": None, "valuation_usd": None, "pay_usd": None}


def format_money(value: Any, currency: str | None) -> str:
    """``14300000000, "USD"`` -> ``"USD 14.3 bn"``.

    >>> format_money(650000000, "USD"), format_money(80000000, None)
    ('USD 650 m', '80 m')
    """
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return str(value)
    for scale, word in ((1e9, "bn"), (1e6, "m")):
        if abs(value) >= scale:
            text = f"{value / scale:.2f}".rstrip("0").rstrip(".") + f" {word}"
            break
    else:
        text = f"{value:,}"
    return f"{currency} {text}" if currency else text


def _fields(attrs: dict[str, Any]) -> list[list[str]]:
    keys = [k for k in FIELD_ORDER if k in attrs] + sorted(k for k in attrs if k not in FIELD_ORDER)
    rows = []
    for key in keys:
        value = attrs[key]
        if key in HIDDEN or value is None or value == [] or value == "":
            continue
        if key in MONEY:
            currency = attrs.get(MONEY[key]) if MONEY[key] else "USD"
            text = format_money(value, currency)
        elif key == "stake_pct":
            text = f"{value} %"
        elif isinstance(value, list):
            text = ", ".join(str(v) for v in value)
        else:
            text = str(value).replace("_", " ") if key in ("kind", "status") else str(value)
        rows.append([key.replace("_", " "), text])
    return rows


def _provenance(attrs: dict[str, Any]) -> list[list[str]]:
    return [[s, loc] for s, loc in zip(attrs.get("source_ids", []), attrs.get("locators", []))]


def node_details(attrs: dict[str, Any], node_id: str) -> dict[str, Any]:
    """Name, aliases, type line, fields, disputes and sources of one node."""
    kind = attrs.get("kind")
    label = attrs.get("label", "")
    disputes = [list(row) for row in zip(*(attrs.get(k, []) for k in DISPUTE))]
    for row in disputes:
        # a disputed money figure reads like the undisputed one
        if row[0] in MONEY and str(row[1]).isdigit():
            row[1] = format_money(int(row[1]), attrs.get(MONEY[row[0]]) if MONEY[row[0]] else "USD")
        row[0] = row[0].replace("_", " ")
    return {
        "name": str(attrs.get("name", node_id)),
        "aliases": [str(a) for a in attrs.get("aliases", [])],
        "type": f"{label} · {str(kind).replace('_', ' ')}" if kind else label,
        "fields": _fields(attrs),
        "disputes": disputes,
        "sources": _provenance(attrs),
    }


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
            table[node_id] = {k: str(attrs[k]) for k in ("name", "title", "publisher", "published", "url") if attrs.get(k)}
    return table
