"""Plain text for ``show``, ``deals``, ``list`` and ``search`` (``--json`` skips all of this).

Facts that the primary source does not state carry a dagger and a footnote naming
where they come from; every amount goes through the one money formatter.
"""

from __future__ import annotations

from typing import Any

from .graph.money import format_money
from .text_output import format_table, marked_footnote

__all__ = ["format_deals", "format_entities", "format_search", "format_show", "value_text"]

DAGGER = "†"
DISPUTED = "‡"
# the cell of the deals table that shows a disputed field (any other: the deal's name)
DISPUTED_CELL = {
    "amount": "amount",
    "currency": "amount",
    "amount_usd": "amount_usd",
    "kind": "kind",
    "status": "status",
    "year": "year",
    "date": "year",
    "stake_pct": "stake_pct",
    "valuation_usd": "valuation_usd",
    "pay": "pay_usd",
    "pay_usd": "pay_usd",
    "headcount": "headcount",
}
# (property, currency property or fixed currency, qualifier property)
MONEY = {
    "amount": ("currency", "amount_qualifier"),
    "amount_usd": ("=USD", "amount_qualifier"),
    "valuation": ("valuation_currency", "valuation_qualifier"),
    "valuation_usd": ("=USD", "valuation_qualifier"),
    "pay": ("pay_currency", "pay_qualifier"),
    "pay_usd": ("=USD", "pay_qualifier"),
}
# what a group of connections is called, by relationship type and direction
GROUPS = {
    ("FOUNDED", "out"): "founded",
    ("FOUNDED", "in"): "founded by",
    ("WORKED_AT", "out"): "worked at",
    ("WORKED_AT", "in"): "people who worked here",
    ("LEADS", "out"): "leads",
    ("LEADS", "in"): "led by",
    ("PART_OF", "out"): "part of",
    ("PART_OF", "in"): "parts",
    ("MERGED_INTO", "out"): "merged into",
    ("MERGED_INTO", "in"): "merged in",
    ("TARGET", "out"): "target",
    ("TARGET", "in"): "deals targeting it",
    ("ACQUIRER", "out"): "acquirer",
    ("ACQUIRER", "in"): "deals as acquirer",
    ("MOVED", "out"): "people moved",
    ("MOVED", "in"): "moved by",
    ("ABOUT", "out"): "about",
    ("ABOUT", "in"): "claims about it",
}


def value_text(field: str, value: Any, facts: dict[str, Any]) -> str:
    """One property as a reader reads it: money with its currency and qualifier, a stake
    in per cent, kinds and statuses in words."""
    if field in MONEY and isinstance(value, (int, float)) and not isinstance(value, bool):
        currency_field, qualifier_field = MONEY[field]
        currency = currency_field[1:] if currency_field.startswith("=") else facts.get(currency_field)
        return format_money(value, currency, facts.get(qualifier_field))
    if field == "stake_pct":
        return f"{value} %"
    if field in ("kind", "status") and isinstance(value, str):
        return value.replace("_", " ")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _locators(locators: list[str], primary: str | None) -> str:
    """Locators without their source's prefix where the source goes without saying: the
    primary one, or the only one."""
    prefixes = {loc.split("#", 1)[0] for loc in locators if "#" in loc}
    plain = primary if primary else (next(iter(prefixes)) if len(prefixes) == 1 else None)
    return ", ".join(loc.split("#", 1)[1] if plain and loc.startswith(plain + "#") else loc for loc in locators)


def _footnote(primary: str | None, others: set[str]) -> list[str]:
    if not others or primary is None:
        return []
    return ["", marked_footnote(primary, others)]


def _connection(item: dict[str, Any]) -> str:
    parts = [item["name"]]
    details = []
    if item.get("role"):
        details.append(str(item["role"]))
    span = [
        f"from {item['from']}" if item.get("from") is not None else "",
        f"to {item['to']}" if item.get("to") is not None else "",
    ]
    details += [s for s in span if s]
    if item.get("year") is not None:
        details.append(str(item["year"]))
    if item["label"] == "Deal":
        facts = {
            "amount": item.get("deal_amount"),
            "currency": item.get("deal_currency"),
            "amount_qualifier": item.get("deal_amount_qualifier"),
        }
        deal = [
            value_text("kind", item.get("deal_kind"), {}) if item.get("deal_kind") else "",
            value_text("status", item.get("deal_status"), {}) if item.get("deal_status") else "",
            str(item["deal_year"]) if item.get("deal_year") is not None else "",
            value_text("amount", item["deal_amount"], facts) if item.get("deal_amount") is not None else "",
        ]
        details.append(", ".join(d for d in deal if d))
    elif item["label"] != "Organization":
        details.insert(0, item["label"])
    text = parts[0] + (f" ({'; '.join(d for d in details if d)})" if any(details) else "")
    return text + (f" {DAGGER}" if item.get("marked") else "")


def format_show(doc: dict[str, Any]) -> str:
    """``talentgraph show`` as text."""
    primary = doc.get("primary_source")
    kind = f", {str(doc['kind']).replace('_', ' ')}" if doc.get("kind") else ""
    lines = [f"{doc['name']} — {doc['label']}{kind} ({doc['id']})"]
    if doc["aliases"]:
        lines.append(f"also known as: {', '.join(doc['aliases'])}")
    facts = {p["field"]: p["value"] for p in doc["properties"]}
    elsewhere: set[str] = set()
    props = doc["properties"]
    if props:
        width = max(len(p["field"]) for p in props)
        lines.append("")
        for p in props:
            mark = f" {DAGGER}" if p.get("marked") else ""
            if p.get("marked"):
                elsewhere.update(p["sources"])
            where = f"  [{_locators(p['locators'], primary)}]" if p["locators"] else ""
            lines.append(
                f"{p['field'].replace('_', ' '):<{width}}  {value_text(p['field'], p['value'], facts)}{mark}{where}"
            )
    if doc["disputes"]:
        lines += ["", "disputed"]
        for d in doc["disputes"]:
            current = value_text(d["field"], d["current"], facts) if d["current"] is not None else "(none)"
            value = d["value"]
            if d["field"] in MONEY and str(value).replace(".", "", 1).isdigit():
                value = value_text(d["field"], float(value) if "." in str(value) else int(value), facts)
            note = f" — {d['note']}" if d["note"] else ""
            lines.append(
                f"  {d['field'].replace('_', ' ')}: {current} (shown) | {value} per {d['locator'] or d['source']}{note}"
            )
    if doc["connections"]:
        lines += ["", "connections"]
        for group in doc["connections"]:
            heading = GROUPS.get((group["type"], group["direction"]), f"{group['type']} ({group['direction']})")
            lines.append(f"  {heading} ({len(group['items'])})")
            for item in group["items"]:
                if item.get("marked"):
                    elsewhere.update(item["sources"])
                lines.append(f"    {_connection(item)}")
    else:
        lines += ["", "connections: none in the graph"]
    if doc["sources"]:
        by_source: dict[str, list[str]] = {}
        for s in doc["sources"]:
            by_source.setdefault(s["source"], []).append(s["locator"])
        lines += ["", "sources: " + "; ".join(f"{s} ({_locators(locs, s)})" for s, locs in by_source.items())]
    return "\n".join(lines + _footnote(primary, elsewhere - ({primary} if primary else set())))


def _money_cell(row: dict[str, Any], field: str) -> str:
    value = row.get(field)
    return value_text(field, value, row) if value is not None else ""


def format_deals(table: dict[str, Any]) -> str:
    """``talentgraph deals`` as text: the table, then the totals per currency."""
    columns = table["columns"]
    if not table["rows"]:
        return "no deals match these filters"
    marked = table.get("marked") or [[] for _ in table["rows"]]
    shown = []
    for values, marks in zip(table["rows"], marked, strict=True):
        row = dict(zip(columns, values, strict=True))
        disputed = {DISPUTED_CELL.get(f, "deal") for f in row.get("disputed") or []}

        def cell(field: str, text: str, marks: list[str] = marks, disputed: set[str] = disputed) -> str:
            text = f"{text} {DAGGER}" if text and field in marks else text
            return f"{text} {DISPUTED}" if text and field in disputed else text

        shown.append(
            [
                cell("deal", row["deal"]),
                cell("kind", value_text("kind", row["kind"], row) if row["kind"] else ""),
                cell("status", value_text("status", row["status"], row) if row["status"] else ""),
                cell("year", "" if row["year"] is None else str(row["year"])),
                cell("amount", _money_cell(row, "amount")),
                cell("amount_usd", _money_cell(row, "amount_usd")),
                cell("stake_pct", _money_cell(row, "stake_pct") if row["stake_pct"] is not None else ""),
                cell("valuation_usd", _money_cell(row, "valuation_usd")),
                cell("pay_usd", _money_cell(row, "pay_usd")),
                cell("headcount", "" if row["headcount"] is None else str(row["headcount"])),
                row["people"],
            ]
        )
    lines = [
        format_table(
            [
                "deal",
                "kind",
                "status",
                "year",
                "amount",
                "in USD",
                "stake",
                "valuation",
                "pay/person",
                "heads",
                "people named",
            ],
            shown,
        )
    ]
    if table["matched"] > len(table["rows"]):
        lines.append(
            f"(showing {len(table['rows'])} of {table['matched']} deals; the totals count all {table['matched']})"
        )
    counts = table["counts"]
    lines += [
        "",
        f"totals of {table['matched']} deal{'s' if table['matched'] != 1 else ''} "
        f"({counts['completed']} completed, {counts['attempted']} attempted); "
        "people = pay per person x headcount, included in the total",
    ]
    for t in table["totals"]:
        bounds = f"; {t['lower_bounds']} of the amounts are lower bounds" if t["lower_bounds"] else ""
        people = f" + people {format_money(t['people_pay'], t['currency'])}" if t["people_pay"] else ""
        lines.append(
            f"  {t['outcome']:<9}  {t['deals']} with an amount in {t['currency'] or '(no currency)'}: "
            f"deals {format_money(t['amount'], t['currency'])}{people} = "
            f"{format_money(t['total'], t['currency'])}{bounds}"
        )
    if not table["totals"]:
        lines.append("  no amounts stated for these deals")
    if table.get("groups") is not None:
        lines += ["", f"by {table['by']}: completed deals in USD, people = pay per person x headcount"]
        lines.append(format_table(_group_headers(table["by"]), [_group_row(g) for g in table["groups"]]))
    if any(marked):
        primary = table.get("primary_source")
        others: set[str] = set()
        for values, marks in zip(table["rows"], marked, strict=True):
            row = dict(zip(columns, values, strict=True))
            if "deal" in marks:
                others.update(row.get("sources") or [])
            for pair in row.get("fact_sources") or []:
                field, _, source = pair.partition(":")
                others.update([source] if field in marks else [])
        lines += ["", marked_footnote(primary, others)]
    if "disputed" in columns and any(row[columns.index("disputed")] for row in table["rows"]):
        if not any(marked):
            lines.append("")
        lines.append(f"{DISPUTED} disputed: another value is stated elsewhere — `talentgraph disputes` shows both")
    return "\n".join(lines)


def _group_headers(by: str) -> list[str]:
    return [by, "deals", "completed", "deals USD", "people USD", "total USD"]


def _group_row(group: dict[str, Any]) -> list[str]:
    def usd(value: int | float) -> str:
        return format_money(value, "USD") if value else ""

    bound = " (lower bound)" if group["lower_bounds"] else ""
    name = "(none)" if group["group"] is None else str(group["group"]).replace("_", " ")
    return [
        name,
        str(group["deals"]),
        str(group["completed"]),
        usd(group["amount_usd"]) + (bound if group["amount_usd"] else ""),
        usd(group["people_pay_usd"]),
        usd(group["total_usd"]),
    ]


def format_entities(table: dict[str, Any], what: str) -> str:
    """``talentgraph list`` as text."""
    if not table["rows"]:
        return f"no {what} match these filters"
    return format_table(table["columns"], table["rows"])


def format_search(result: dict[str, Any]) -> str:
    """``talentgraph search`` as text: rank, what matched, where, the snippet."""
    if not result["rows"]:
        return f"no matches for {result['query']!r}"
    rows = [[i, h["name"], h["label"], h["field"], h["snippet"], h["score"]] for i, h in enumerate(result["rows"], 1)]
    return format_table(["#", "name", "label", "field", "snippet", "score"], rows)
