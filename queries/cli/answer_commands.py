"""``talentgraph show``, ``deals``, ``list`` and ``search``: one entity in full, the deal
listing with totals, the people or organizations, and text search. Each command calls
one library function (``describe``, ``deals``, ``list_entities``, ``search``)."""

from __future__ import annotations

import click

from .answer_text import format_deals, format_entities, format_search, format_show
from .app import StoreOptions, reading_store
from .graph.model import DealKind, DealStatus, OrgKind
from .options import emit, json_option

source_option = click.option(
    "--source", metavar="ID", help="Only what this source states (a source id; see `talentgraph sources`)."
)


@click.command("show")
@click.argument("name")
@source_option
@click.option("--primary", metavar="ID", help="Mark facts this source does not state (default: the most cited source).")
@json_option
@click.pass_obj
def show(opts: StoreOptions, name: str, source: str | None, primary: str | None, as_json: bool) -> None:
    """Everything about NAME: properties with their sources, disputes, connections.
    Facts the primary source does not state carry a dagger (†)."""
    from .queries.describe import describe

    doc = describe(reading_store(opts), name, source=source, primary=primary)
    emit(as_json, doc, lambda: format_show(doc))


ORG_KINDS = tuple(k.value for k in OrgKind)
KINDS = tuple(k.value for k in DealKind)
STATUSES = tuple(s.value for s in DealStatus)


@click.command("deals")
@click.option("--acquirer", metavar="NAME", help="Only deals with this buyer.")
@click.option("--target", metavar="NAME", help="Only deals with this target.")
@click.option("--person", metavar="NAME", help="Only deals that moved this person.")
@click.option("--kind", multiple=True, type=click.Choice(KINDS), help="Only deals of this kind (repeatable).")
@click.option("--status", multiple=True, type=click.Choice(STATUSES), help="Only deals with this status (repeatable).")
@click.option("--country", metavar="CODE", help="Only deals where either party is in this country (e.g. CN).")
@click.option("--from-year", type=int, help="Only deals of this year or later.")
@click.option("--to-year", type=int, help="Only deals of this year or earlier.")
@click.option("--as-of", type=int, help="Only deals known by this year.")
@source_option
@click.option(
    "--sort",
    type=click.Choice(("amount", "valuation", "pay", "year", "name")),
    default="year",
    show_default=True,
    help="Order of the rows (amount and valuation in US dollars).",
)
@click.option("--desc/--asc", "descending", default=False, help="Largest or latest first (missing values stay last).")
@click.option("--limit", type=click.IntRange(1), help="Show at most this many rows (the totals count all).")
@click.option(
    "--by",
    type=click.Choice(("acquirer", "target", "kind", "status", "year")),
    help="Also total the deals per acquirer, target, kind, status or year, largest spend first.",
)
@click.option("--primary", metavar="ID", help="Mark facts this source does not state (default: the most cited source).")
@json_option
@click.pass_obj
def deals_command(
    opts: StoreOptions,
    acquirer: str | None,
    target: str | None,
    person: str | None,
    kind: tuple[str, ...],
    status: tuple[str, ...],
    country: str | None,
    from_year: int | None,
    to_year: int | None,
    as_of: int | None,
    source: str | None,
    sort: str,
    descending: bool,
    limit: int | None,
    by: str | None,
    primary: str | None,
    as_json: bool,
) -> None:
    """One row per deal, filtered and sorted, with totals per currency: completed vs
    attempted, and what was paid for people (pay x headcount), included in the total."""
    from .queries.deals import deals

    table = deals(
        reading_store(opts),
        acquirer=acquirer,
        target=target,
        person=person,
        kind=list(kind),
        status=list(status),
        country=country,
        from_year=from_year,
        to_year=to_year,
        as_of=as_of,
        source=source,
        sort=sort,
        descending=descending,
        limit=limit,
        primary=primary,
        by=by,
    )
    emit(as_json, table, lambda: format_deals(table))


@click.command("list")
@click.argument("what", type=click.Choice(("people", "organizations")))
@click.option("--country", metavar="CODE", help="Only entities in this country (e.g. CN).")
@click.option("--kind", type=click.Choice(ORG_KINDS), help="Only organizations of this kind.")
@source_option
@click.option("--search", metavar="TEXT", help="Only entities whose name or an alias contains TEXT.")
@json_option
@click.pass_obj
def list_command(
    opts: StoreOptions,
    what: str,
    country: str | None,
    kind: str | None,
    source: str | None,
    search: str | None,
    as_json: bool,
) -> None:
    """The people or the organizations, with country, kind, aliases and deal counts."""
    from .queries.listing import list_entities

    table = list_entities(reading_store(opts), what, country=country, kind=kind, source=source, search=search)
    emit(as_json, table, lambda: format_entities(table, what))


@click.command("search")
@click.argument("text")
@click.option(
    "--label",
    metavar="LABEL",
    help="Only hits of this label (Person, Organization, Deal, Source, Claim) or relationship type (e.g. LEADS).",
)
@source_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000), help="Most hits to show.")
@json_option
@click.pass_obj
def search_command(
    opts: StoreOptions, text: str, label: str | None, source: str | None, limit: int, as_json: bool
) -> None:
    """Ranked matches for TEXT over names, aliases, summaries, notes, evidence and claims
    (case and accents ignored; Chinese script works)."""
    from .queries.search import search

    result = search(reading_store(opts), text, label=label, source=source, limit=limit)
    emit(as_json, result, lambda: format_search(result))
