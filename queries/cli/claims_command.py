"""``talentgraph claims``: what the sources state beyond deals and roles — market splits,
thresholds, patterns, predictions — with their figures, subjects, examples and locators."""

from __future__ import annotations

from typing import Any

import click

from .app import StoreOptions, reading_store, resolve
from .graph.model import ClaimKind
from .options import emit, json_option
from .text_output import format_money

CLAIM_KINDS = tuple(k.value for k in ClaimKind)


@click.command("claims")
@click.option(
    "--about",
    "about_name",
    metavar="NAME",
    help="Only claims about this organization, person or deal, or about its deals.",
)
@click.option("--kind", type=click.Choice(CLAIM_KINDS), help="Only claims of this kind.")
@json_option
@click.pass_obj
def claims_command(opts: StoreOptions, about_name: str | None, kind: str | None, as_json: bool) -> None:
    """Claims of the sources (splits, thresholds, patterns, predictions) and what they are about."""
    from .queries.claims import claims

    store = reading_store(opts)
    about = resolve(store, about_name) if about_name else None
    table = claims(store, about=about, kind=kind)
    emit(as_json, table, lambda: format_claims(table, about_name, kind))


def format_claims(table: dict[str, Any], about_name: str | None = None, kind: str | None = None) -> str:
    """One block per claim: kind and name, its text, figures, subjects, examples, locators."""
    rows = [dict(zip(table["columns"], row, strict=True)) for row in table["rows"]]
    if not rows:
        what = f"no {kind.replace('_', ' ')} claims" if kind else "no claims"
        return f"{what} about {about_name}" if about_name else f"{what} in the store"
    lines = []
    for claim in rows:
        lines.append(f"{claim['name']} [{claim['kind']}] ({claim['id']})")
        if claim["text"]:
            lines.append(f"  {claim['text']}")
        if claim["values"]:
            lines.append(f"  figures: {_figures(claim['values'], claim['unit'], claim['qualifier'])}")
        for label, key in (("about", "about"), ("examples", "examples")):
            if claim[key]:
                lines.append(f"  {label}: {', '.join(claim[key])}")
        lines.append(f"  stated at: {', '.join(claim['locators'] or [])}")
    return "\n".join(lines)


def _figures(values: list[Any], unit: str | None, qualifier: str | None) -> str:
    if unit in ("USD", "EUR", "GBP", "CNY"):
        shown = [format_money(v, unit) for v in values]
    else:
        shown = [f"{v:g}" if isinstance(v, float) else str(v) for v in values]
        if unit == "percent":
            shown = [f"{v} %" for v in shown]
        elif unit:
            shown = [f"{v} {unit}" for v in shown]
    text = " / ".join(shown)
    return f"{qualifier} {text}" if qualifier else text
