"""From sources to a store: read with the right loader, check the whole batch, write it.

Loading is all or nothing: a source with any problem writes nothing and raises a
``SourceError`` that names the first problems (``validate`` lists them all). With
``skip_invalid=True`` the valid records are written and each report lists the problems
of what was left out (loaders drop a bad row's records whole, so nothing half-written).
A ``progress(done, total)`` callback reaches loaders that accept one.

>>> from talentgraph.graph import EmbeddedStore
>>> store = EmbeddedStore()
>>> [r.source for r in load_sources(store, ["article"])]
['article']
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import networkx as nx

from ..graph.embedded.nx_bulk import gc_paused
from ..graph.errors import ModelError, SourceError
from ..graph.graph_store import WriteSummary
from ..graph.identity.resolution import (
    EXTERNAL_IDS,
    AliasDecisions,
    IndexedLookup,
    Resolution,
    resolve_batch,
)
from ..graph.model import Label, check_id, check_props
from .deal_identity import unify_deals
from .deal_sheet import sheet_flags
from .records import Batch, Problem
from .registry import LoaderRegistry, default_registry
from .source_files import check_source_path

__all__ = ["LoadReport", "check_records", "load_sources", "read_source", "resolve_batches", "validate_sources"]

_SHOWN_PROBLEMS = 5


@dataclass
class LoadReport:
    source: str
    loader: str
    nodes: int
    relationships: int
    written: WriteSummary = field(default_factory=WriteSummary)
    skipped: list[Problem] = field(default_factory=list)  # with skip_invalid: what was left out
    # what the loader repaired or skipped, and which records identity resolution merged
    notes: list[str] = field(default_factory=list)


Progress = Callable[[int, int], None]


def read_source(
    source: str,
    loader: str | None = None,
    registry: LoaderRegistry | None = None,
    progress: Progress | None = None,
    check: bool = True,
) -> tuple[str, Batch]:
    """Read ``source`` with ``loader`` (or the one that recognises it): ``(loader name, batch)``.

    With ``check``, records the graph model refuses become problems and leave the batch;
    a plain load skips that, because the store checks every record before writing.
    """
    registry = registry or default_registry()
    check_source_path(source)  # FIFOs, devices, sockets: refused before any loader opens them
    chosen = registry.get(loader) if loader else registry.find(source)
    takes_progress = progress is not None and "progress" in inspect.signature(chosen.load).parameters
    batch = chosen.load(source, progress=progress) if takes_progress else chosen.load(source)
    if check:
        check_records(batch, source)
    return chosen.name, batch


def check_records(batch: Batch, source: str) -> None:
    """Move every record of ``batch`` the graph model refuses into ``batch.problems``
    (with the relationships of refused nodes)."""
    bad_nodes = set()
    for node in batch.nodes:
        try:
            check_id(node.id, node)
            check_props(node.props, node)
        except ModelError as exc:
            batch.problems.append(Problem(source, None, str(exc)))
            bad_nodes.add(node.id)
    kept = []
    for rel in batch.relationships:
        if rel.start in bad_nodes or rel.end in bad_nodes:
            continue
        try:
            check_props(rel.props, rel)
            kept.append(rel)
        except ModelError as exc:
            batch.problems.append(Problem(source, None, str(exc)))
    batch.nodes = [n for n in batch.nodes if n.id not in bad_nodes]
    batch.relationships = kept


def validate_sources(
    sources: Sequence[str], loader: str | None = None, registry: LoaderRegistry | None = None
) -> list[Problem]:
    """Every problem in ``sources``, without writing anything."""
    problems: list[Problem] = []
    for source in sources:
        problems += read_source(source, loader, registry)[1].problems
    return problems


def load_sources(
    store,
    sources: Sequence[str],
    loader: str | None = None,
    registry: LoaderRegistry | None = None,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    aliases: AliasDecisions | None = None,
) -> list[LoadReport]:
    """Read every source, then write them all to ``store`` — or nothing, if any has a problem
    (unless ``skip_invalid``: then the valid records, and ``report.skipped`` lists the rest).

    People and organizations the store already holds under another id or spelling are
    written onto that entity (see ``talentgraph.graph.identity.resolution``), following the
    ``aliases`` decisions."""
    with gc_paused():
        return _load_sources(store, sources, loader, registry, skip_invalid, progress, aliases)


def _load_sources(store, sources, loader, registry, skip_invalid, progress, aliases) -> list[LoadReport]:
    batches = []
    for source in sources:
        name, batch = read_source(source, loader, registry, progress, check=skip_invalid)
        if batch.problems and not skip_invalid:
            shown = "; ".join(str(p) for p in batch.problems[:_SHOWN_PROBLEMS])
            more = len(batch.problems) - _SHOWN_PROBLEMS
            extra = (
                f" (and {more} more — run `talentgraph validate {sheet_flags(registry)}{source}`)" if more > 0 else ""
            )
            raise SourceError(f"{shown}{extra} — nothing was loaded")
        if skip_invalid and batch.problems and all(n.label is Label.SOURCE for n in batch.nodes):
            raise SourceError(
                f"{batch.problems[0]} — every record of {source} has a problem, so --skip-invalid "
                f"loaded nothing; run `talentgraph validate {sheet_flags(registry)}{source}`"
            )
        batches.append((source, name, batch))
    # a store with its own name index (SQLite) is matched through it: nothing read whole
    lookup = IndexedLookup(store) if store.capabilities.indexed_names else None
    nodes, relationships, resolution = resolve_batches(store.to_networkx(), [b for _, _, b in batches], aliases, lookup)
    nodes, relationships, deal_notes = unify_deals(
        store.to_networkx(), nodes, relationships
    )  # deal ids from resolved parties
    try:
        written = store.write(nodes, relationships)
    except ModelError as exc:
        # the store refused a record before writing anything: name the source it came from
        for source, _, batch in batches:
            check_records(batch, source)
            if batch.problems:
                raise SourceError(f"{batch.problems[0]} — nothing was loaded") from None
        raise SourceError(f"{exc} — nothing was loaded") from None
    reports = [
        LoadReport(source, name, len(b.nodes), len(b.relationships), skipped=b.problems, notes=list(b.notes))
        for source, name, b in batches
    ]
    if reports:
        reports[-1].written = written
        reports[-1].notes += resolution_notes(resolution) + deal_notes
    return reports


def resolve_batches(graph, batches: list[Batch], aliases: AliasDecisions | None, lookup: IndexedLookup | None = None):
    """Identity resolution for several batches loaded together: each one is matched
    against the store and the batches before it, so two new sources naming one entity
    differently still give one node. With ``lookup`` (a store's own index) ``graph`` is
    not read whole."""
    if lookup is not None:
        return _resolve_with_lookup(lookup, batches, aliases)
    if len(batches) > 1:
        seen = nx.MultiDiGraph()
        seen.add_nodes_from(graph.nodes(data=True))
        graph = seen
    nodes, relationships, resolution = [], [], Resolution()
    for batch in batches:
        done = resolve_batch(graph, batch.nodes, batch.relationships, aliases)
        nodes += done[0]
        relationships += done[1]
        resolution.matches += done[2].matches
        resolution.conflicts += done[2].conflicts
        if len(batches) > 1:
            for node in done[0]:
                if node.id not in graph:
                    graph.add_node(
                        node.id,
                        label=node.label.value,
                        **{k: v for k, v in node.props.items() if k in ("name", "aliases", *EXTERNAL_IDS)},
                    )
    return nodes, relationships, resolution


def _resolve_with_lookup(lookup: IndexedLookup, batches: list[Batch], aliases: AliasDecisions | None):
    nodes, relationships, resolution = [], [], Resolution()
    for batch in batches:
        done = resolve_batch(None, batch.nodes, batch.relationships, aliases, lookup)
        nodes += done[0]
        relationships += done[1]
        resolution.matches += done[2].matches
        resolution.conflicts += done[2].conflicts
        if len(batches) > 1:
            for node in done[0]:
                if lookup.attrs(node.id) is None:
                    lookup.add(
                        node.id,
                        {
                            "label": node.label.value,
                            **{k: v for k, v in node.props.items() if k in ("name", "aliases", *EXTERNAL_IDS)},
                        },
                    )
    return nodes, relationships, resolution


def resolution_notes(resolution: Resolution, limit: int = 20) -> list[str]:
    """One line per merge and per conflict identity resolution found (the first ``limit`` of each)."""
    lines = [
        f"{'renamed' if m.reason.startswith('id ') else 'merged'} {m.incoming} {'to' if m.reason.startswith('id ') else 'into'} {m.existing} ({m.reason})"
        for m in resolution.matches[:limit]
    ]
    if len(resolution.matches) > limit:
        lines.append(f"... and {len(resolution.matches) - limit} more merges (see `talentgraph resolve --dry-run`)")
    lines += [f"not merged: {c.name!r} ({', '.join(c.ids)}): {c.reason}" for c in resolution.conflicts[:limit]]
    return lines
