"""Plain-text renderings of query results for the terminal (``--json`` skips all of this)."""

from __future__ import annotations

from typing import Any

from wcwidth import wcswidth

from .graph.money import format_money

__all__ = [
    "display_width",
    "format_load",
    "format_money",
    "format_path",
    "format_rows",
    "format_table",
    "format_trace",
    "load_document",
    "marked_footnote",
]


def deal_facts(node: dict[str, Any]) -> str:
    facts = [node.get("kind"), node.get("status"), node.get("year")]
    if "amount" in node:
        facts.append(format_money(node["amount"], node.get("currency", "USD")))
    if "pay_usd" in node:
        facts.append(f"pay {format_money(node['pay_usd'])} {node.get('pay_basis', '')}".strip())
    if "stake_pct" in node:
        facts.append(f"{node['stake_pct']} %")
    if "valuation_usd" in node:
        facts.append(f"valued at {format_money(node['valuation_usd'])}")
    return ", ".join(str(f) for f in facts if f is not None)


def disputes(node: dict[str, Any]) -> list[str]:
    rows = zip(
        *(node.get(k, []) for k in ("disputed_fields", "disputed_values", "disputed_sources", "disputed_locators")),
        strict=False,
    )
    return [
        f"disputed {field}: {_money_text(node, field, value)} per {locator}" for field, value, _source, locator in rows
    ]


def _money_text(node: dict[str, Any], field: str, value: Any) -> Any:
    """A disputed amount (kept as text) written like every other amount."""
    if field in ("amount", "amount_usd", "valuation_usd", "pay_usd") and str(value).isdigit():
        return format_money(int(value), "USD" if field.endswith("_usd") else node.get("currency"))
    return value


def _role(rel: dict[str, Any]) -> tuple[str, str]:
    verb = {"FOUNDED": "founded", "LEADS": "leads", "WORKED_AT": "works at"}.get(rel["type"], rel["type"])
    extra = [str(rel[k]) for k in ("role",) if rel.get(k)]
    if rel.get("from"):
        extra.append(f"from {rel['from']}")
    return verb, f" ({', '.join(extra)})" if extra else ""


def _dagger(record: dict[str, Any]) -> str:
    return " †" if record.get("marked") else ""


def marked_footnote(primary: str | None, others: set[str] | list[str]) -> str:
    """The line under a text that marks facts with a dagger: which source does not state
    them, and which other source(s) do (every reading command words it the same).

    >>> marked_footnote("36kr-2025-07-11", {"public-record"})
    '† not stated by 36kr-2025-07-11 (the primary source); from public-record'
    """
    elsewhere = sorted(set(others) - {primary})
    return f"† not stated by {primary} (the primary source)" + (f"; from {', '.join(elsewhere)}" if elsewhere else "")


def format_trace(name: str, paths: list[dict[str, Any]], primary: str | None = None) -> str:
    """Talent paths as numbered lines; a step the primary source does not state ends in
    a dagger, explained below the paths."""
    if not paths:
        return f"{name}: no talent path — no deal in the graph moved this person"
    lines = [f"{name}: {len(paths)} talent path{'s' if len(paths) != 1 else ''}"]
    for i, path in enumerate(paths, 1):
        nodes = {n["id"]: n for n in path["nodes"]}
        person, target, deal, acquirer = path["nodes"][:4]
        steps = [person["name"]]
        for rel in path["relationships"]:
            if rel["start"] == person["id"] and rel["end"] == target["id"]:
                verb, extra = _role(rel)
                steps.append(f"{verb} {target['name']}{extra}{_dagger(rel)}")
        if len(steps) == 1:
            steps.append(target["name"])
        steps.append(f"{deal['name']} [{deal_facts(deal)}]{_dagger(deal)}")
        steps.append(acquirer["name"])
        for rel in path["relationships"]:
            if rel["start"] == person["id"] and rel["end"] not in (target["id"],) and rel["type"] != "MOVED":
                verb, extra = _role(rel)
                steps.append(f"{verb} {nodes[rel['end']]['name']}{extra}{_dagger(rel)}")
        lines.append(f"{i}. " + " -> ".join(steps))
        for note in disputes(deal):
            lines.append(f"   {note}")
    marked = [r for p in paths for r in [*p["nodes"], *p["relationships"]] if r.get("marked")]
    if primary and marked:
        lines.append(marked_footnote(primary, {s for r in marked for s in r.get("source_ids") or []}))
    return "\n".join(lines)


def format_path(paths: list[dict[str, Any]]) -> str:
    if not paths:
        return "no path"
    lines = []
    for i, path in enumerate(paths, 1):
        names = {n["id"]: n["name"] for n in path["nodes"]}
        hops = len(path["relationships"])
        lines.append(f"{i}. ({hops} hop{'s' if hops != 1 else ''}) " + " ".join(_steps(path, names)))
    return "\n".join(lines)


def _steps(path: dict[str, Any], names: dict[str, str]) -> list[str]:
    order = [n["id"] for n in path["nodes"]]
    out = [names[order[0]]]
    for rel, (u, v) in zip(path["relationships"], zip(order, order[1:], strict=False), strict=False):
        arrow = f"-[{rel['type']}]->" if rel["start"] == u else f"<-[{rel['type']}]-"
        out += [arrow, names[v]]
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: Chinese and other wide characters count two
    (``wcwidth``, the library terminals' own tables come from); a control character,
    which has no width, counts one.

    >>> display_width("张一鸣"), display_width("Zhang")
    (6, 5)
    """
    width = wcswidth(text)
    return width if width >= 0 else len(text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def format_table(columns: list[str], rows: list[list[Any]]) -> str:
    """Columns padded to their widest cell, in terminal columns (so Chinese names line up);
    list cells joined with commas; a number in a column named ``*_usd`` through the one
    money formatter (``USD 14.8 bn``), as every other command prints amounts.

    >>> format_table(["year", "completed_usd"], [[2025, 14800000000], [2026, None]]).splitlines()[2:]
    ['2025  USD 14.8 bn', '2026']

    >>> format_table(["deal", "people"], [["Musical.ly", ["Yang Luyu", "Zhu Jun"]]]).splitlines()[2]
    'Musical.ly  Yang Luyu, Zhu Jun'
    >>> print(format_table(["name", "label"], [["张一鸣", "Person"], ["ByteDance", "Organization"]]))
    name       label
    ---------  ------------
    张一鸣     Person
    ByteDance  Organization
    """
    money = [c.endswith("_usd") for c in columns]
    cells = [
        [format_money(v) if m and isinstance(v, (int, float)) else _cell(v) for v, m in zip(row, money, strict=False)]
        for row in rows
    ]
    widths = [max([display_width(c)] + [display_width(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(_pad(c, w) for c, w in zip(columns, widths, strict=False)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_pad(v, w) for v, w in zip(r, widths, strict=False)).rstrip() for r in cells]
    return "\n".join(lines)


def format_rows(columns: list[str], rows: list[list[Any]]) -> str:
    """``format_table``, and under the header an explicit line when there are no rows
    (an empty table must not read as a cut-off one).

    >>> print(format_rows(["person", "year"], []))
    person  year
    ------  ----
    (no rows)
    """
    return format_table(columns, rows) + ("" if rows else "\n(no rows)")


def load_document(target: str, reports: list) -> dict[str, Any]:
    """The ``load --json`` document: per source what was read, noted and skipped; what was written."""
    return {
        "store": target,
        "sources": [
            {
                "source": r.source,
                "loader": r.loader,
                "nodes": r.nodes,
                "relationships": r.relationships,
                "notes": r.notes,
                "skipped": [{"file": p.file, "line": p.line, "message": p.message} for p in r.skipped],
            }
            for r in reports
        ],
        "written": reports[-1].written.__dict__,
    }


def format_load(target: str, reports: list) -> str:
    written = reports[-1].written
    lines = []
    for r in reports:
        lines.append(f"loaded {r.source} ({r.loader}): {r.nodes} nodes, {r.relationships} relationships")
        lines += [f"  {n}" for n in r.notes]
    lines.append(
        f"store {target}: {written.nodes_created} nodes and {written.relationships_created} relationships new, "
        f"{written.nodes_updated} nodes and {written.relationships_updated} relationships already there"
    )
    skipped = len({(p.file, p.line) for r in reports for p in r.skipped})  # rows, not problems
    if skipped:
        lines.append(f"skipped {skipped} invalid row(s) or record(s) — listed on stderr")
    return "\n".join(lines)
