"""From sources to a store: read with the right loader, check each batch, write it.

Loading is all or nothing: a source with any problem writes nothing and raises a
``SourceError`` that names the first problems (``validate`` lists them all). With
``skip_invalid=True`` the valid records are written and each report lists the problems
of what was left out (loaders drop a bad row's records whole, so nothing half-written).

Loads stream. A loader with a ``stream(source, progress=None)`` method (positions) hands
over its records in batches of a bounded size, every problem in the first one; the others
hand over one batch. The first batch of every source is read and checked before anything
is written, so a problem anywhere writes nothing on every store. Then each batch is
resolved (see ``talentgraph.graph.identity.resolution``: against the store's name index
and what earlier batches wrote, never against its own source), its deals unified, and
written — inside the caller's one transaction on the SQLite store, so memory holds a
batch, not the file. A ``progress(LoadProgress)`` callback hears rows read and records
written for the whole load.

>>> from talentgraph.graph import EmbeddedStore
>>> store = EmbeddedStore()
>>> [r.source for r in load_sources(store, ["article"])]
['article']
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from ..graph.embedded.nx_bulk import gc_paused
from ..graph.errors import ModelError, SourceError
from ..graph.graph_store import GraphStore, WriteSummary
from ..graph.identity.resolution import (
    EXTERNAL_IDS,
    RESOLVED_LABELS,
    AliasDecisions,
    GraphLookup,
    IndexedLookup,
    Resolution,
    resolve_batch,
)
from ..graph.model import Label, Node, Relationship, check_id, check_props
from .deal_identity import DealIndex, unify_deals
from .deal_sheet import sheet_flags
from .records import Batch, Problem
from .registry import LoaderRegistry, default_registry
from .source_files import check_source_path

__all__ = [
    "LoadProgress",
    "LoadReport",
    "check_records",
    "load_sources",
    "read_source",
    "resolve_batches",
    "stream_source",
    "validate_sources",
]

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


@dataclass
class LoadProgress:
    """Where a load is: the source being read, its rows read so far (of ``rows_total``;
    0 while a loader does not know the total yet) and the records (nodes and
    relationships) the whole load has written."""

    source: str = ""
    rows_read: int = 0
    rows_total: int = 0
    written: int = 0


Progress = Callable[[int, int], None]  # what a loader calls: (rows done, rows in total)


def stream_source(
    source: str, loader: str | None = None, registry: LoaderRegistry | None = None, progress: Progress | None = None
) -> tuple[str, Iterator[Batch]]:
    """``(loader name, batches)`` of ``source``, read with ``loader`` (or the one that
    recognises it): several bounded batches from a loader that streams, else one.

    >>> name, batches = stream_source("article")
    >>> name, len(next(batches).nodes) > 10
    ('article', True)
    """
    registry = registry or default_registry()
    check_source_path(source)  # FIFOs, devices, sockets: refused before any loader opens them
    chosen = registry.get(loader) if loader else registry.find(source)
    streams = getattr(chosen, "stream", None)
    if callable(streams):
        return chosen.name, _with_progress(streams, source, progress)
    return chosen.name, iter([_with_progress(chosen.load, source, progress)])


def _with_progress(read: Callable[..., Any], source: str, progress: Progress | None) -> Any:
    takes_progress = progress is not None and "progress" in inspect.signature(read).parameters
    return read(source, progress=progress) if takes_progress else read(source)


def read_source(
    source: str,
    loader: str | None = None,
    registry: LoaderRegistry | None = None,
    progress: Progress | None = None,
    check: bool = True,
) -> tuple[str, Batch]:
    """Read ``source`` with ``loader`` (or the one that recognises it) whole: ``(loader name, batch)``.

    With ``check``, records the graph model refuses become problems and leave the batch;
    a plain load skips that, because the store checks every record before writing.
    """
    name, batches = stream_source(source, loader, registry, progress)
    batch = Batch()
    for part in batches:
        batch.extend(part)
    if check:
        check_records(batch, source)
    return name, batch


def check_records(batch: Batch, source: str, bad_nodes: set[str] | None = None) -> None:
    """Move every record of ``batch`` the graph model refuses into ``batch.problems``
    (with the relationships of refused nodes; ``bad_nodes`` carries the refused ids from
    one batch of a source to the next)."""
    bad_nodes = set() if bad_nodes is None else bad_nodes
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
    """Every problem in ``sources``, without writing anything (streamed: one batch held at a time).

    >>> validate_sources(["article"])
    []
    """
    problems: list[Problem] = []
    for source in sources:
        bad_nodes: set[str] = set()
        for batch in stream_source(source, loader, registry)[1]:
            check_records(batch, source, bad_nodes)
            problems += batch.problems
    return problems


def load_sources(
    store: GraphStore,
    sources: Sequence[str],
    loader: str | None = None,
    registry: LoaderRegistry | None = None,
    skip_invalid: bool = False,
    progress: Callable[[LoadProgress], None] | None = None,
    aliases: AliasDecisions | None = None,
) -> list[LoadReport]:
    """Read every source and write it to ``store`` — or nothing, if any has a problem
    (unless ``skip_invalid``: then the valid records, and ``report.skipped`` lists the rest).

    People and organizations the store already holds under another id or spelling are
    written onto that entity (see ``talentgraph.graph.identity.resolution``), following the
    ``aliases`` decisions. ``progress`` is called with a ``LoadProgress`` as rows are read
    and batches written."""
    with gc_paused():
        return _Load(store, registry or default_registry(), skip_invalid, progress, aliases).run(sources, loader)


class _Load:
    """One call of ``load_sources``: the sources' batches, resolved and written in turn."""

    def __init__(
        self,
        store: GraphStore,
        registry: LoaderRegistry,
        skip_invalid: bool,
        progress: Callable[[LoadProgress], None] | None,
        aliases: AliasDecisions | None,
    ) -> None:
        self.store, self.registry, self.skip_invalid, self.progress = store, registry, skip_invalid, progress
        self.state = LoadProgress()
        self.resolver = _Resolver(store, aliases)
        self.deals: DealIndex | None = None  # read from the store when the first deal arrives
        self.deal_notes: list[str] = []

    def run(self, sources: Sequence[str], loader: str | None) -> list[LoadReport]:
        opened = []
        for source in sources:
            name, batches = stream_source(source, loader, self.registry, self._rows_read(source))
            bad_nodes: set[str] = set()
            first = next(batches, Batch())
            if self.skip_invalid:
                check_records(first, source, bad_nodes)
            self._refuse_problems(first, source)
            if self.skip_invalid and first.problems and all(n.label is Label.SOURCE for n in first.nodes):
                raise SourceError(
                    f"{first.problems[0]} — every record of {source} has a problem, so --skip-invalid "
                    f"loaded nothing; run `talentgraph validate {sheet_flags(self.registry)}{source}`"
                )
            opened.append((source, name, first, batches, bad_nodes))
        reports = []
        written = WriteSummary()
        for source, name, first, batches, bad_nodes in opened:
            report = LoadReport(source, name, 0, 0)
            self.resolver.start_source()
            for batch in chain([first], batches):
                if batch is not first:
                    if self.skip_invalid:
                        check_records(batch, source, bad_nodes)
                    self._refuse_problems(batch, source)  # the caller's transaction rolls back
                report.nodes += len(batch.nodes)
                report.relationships += len(batch.relationships)
                report.skipped += batch.problems
                report.notes += batch.notes
                written = _add_summary(written, self._write(batch, source))
            self.resolver.end_source()
            reports.append(report)
        if reports:
            reports[-1].written = written
            reports[-1].notes += resolution_notes(self.resolver.resolution) + self.deal_notes
        return reports

    def _rows_read(self, source: str) -> Progress | None:
        if self.progress is None:
            return None
        progress, state = self.progress, self.state

        def rows(done: int, total: int) -> None:
            state.source, state.rows_read, state.rows_total = source, done, total
            progress(state)

        return rows

    def _refuse_problems(self, batch: Batch, source: str) -> None:
        if not batch.problems or self.skip_invalid:
            return
        shown = "; ".join(str(p) for p in batch.problems[:_SHOWN_PROBLEMS])
        more = len(batch.problems) - _SHOWN_PROBLEMS
        hint = f"talentgraph validate {sheet_flags(self.registry)}{source}"
        extra = f" (and {more} more — run `{hint}`)" if more > 0 else ""
        raise SourceError(f"{shown}{extra} — nothing was loaded")

    def _write(self, batch: Batch, source: str) -> WriteSummary:
        nodes, relationships = self.resolver.resolve(batch)
        if any(n.label is Label.DEAL for n in nodes):
            if self.deals is None:
                self.deals = DealIndex.from_store(self.store)
            nodes, relationships, notes = unify_deals(None, nodes, relationships, self.deals)
            self.deal_notes += notes  # deal ids from resolved parties
        self.resolver.remember(nodes)
        try:
            done = self.store.write(nodes, relationships)
        except ModelError as exc:
            # the store refused a record before writing anything: name the source it came from
            check_records(batch, source)
            if batch.problems:
                raise SourceError(f"{batch.problems[0]} — nothing was loaded") from None
            raise SourceError(f"{exc} — nothing was loaded") from None
        if self.progress is not None:
            self.state.written += len(nodes) + len(relationships)
            self.progress(self.state)
        return done


def _add_summary(total: WriteSummary, part: WriteSummary) -> WriteSummary:
    return WriteSummary(
        total.nodes_created + part.nodes_created,
        total.nodes_updated + part.nodes_updated,
        total.relationships_created + part.relationships_created,
        total.relationships_updated + part.relationships_updated,
    )


class _Resolver:
    """Identity resolution for a streamed load. Each source is matched against the store
    as it was before the source (plus the sources before it in this load), never against
    its own earlier batches: those are hidden from the name index while the source lasts."""

    def __init__(self, store: GraphStore, aliases: AliasDecisions | None) -> None:
        self.store, self.aliases = store, aliases
        self.lookup: IndexedLookup | GraphLookup | None = None
        self.resolution = Resolution()
        self.mapping: dict[str, str] = {}  # incoming id -> stored id, for the source's later batches
        self.active = False  # the store held people or organizations when the source began
        self.new_nodes: list[Node] = []  # for a GraphLookup: the source's new entities, indexed at its end

    def start_source(self) -> None:
        if self.lookup is None:
            # a store with its own name index (SQLite) is matched through it: nothing read whole
            store: Any = self.store
            indexed = store.capabilities.indexed_names
            self.lookup = IndexedLookup(store) if indexed else GraphLookup(store.to_networkx())
        self.active = self.lookup.has_entities()
        self.mapping = {}

    def resolve(self, batch: Batch) -> tuple[list[Node], list[Relationship]]:
        if not self.active or self.lookup is None:
            return batch.nodes, batch.relationships
        nodes, _, found = resolve_batch(None, batch.nodes, [], self.aliases, self.lookup)
        self.resolution.matches += found.matches
        self.resolution.conflicts += found.conflicts
        self.mapping.update(found.mapping)
        mapping = self.mapping
        if not mapping:
            return nodes, batch.relationships
        relationships = [
            Relationship(r.type, mapping.get(r.start, r.start), mapping.get(r.end, r.end), r.props, r.key)
            for r in batch.relationships
        ]
        return nodes, relationships

    def remember(self, nodes: list[Node]) -> None:
        """``nodes`` are about to be written: hide them from the source's later batches,
        and keep them for the sources after it."""
        lookup = self.lookup
        if isinstance(lookup, IndexedLookup):
            if self.active:
                lookup.hidden.update(n.id for n in nodes if n.label.value in RESOLVED_LABELS)
        elif lookup is not None:
            self.new_nodes += [n for n in nodes if lookup.attrs(n.id) is None]

    def end_source(self) -> None:
        lookup = self.lookup
        if isinstance(lookup, IndexedLookup):
            lookup.hidden.clear()  # the store's index holds the source now
        elif lookup is not None:
            for node in self.new_nodes:
                if lookup.attrs(node.id) is None:
                    lookup.add(node.id, _lookup_attrs(node))
        self.new_nodes = []


def _lookup_attrs(node: Node) -> dict[str, Any]:
    return {
        "label": node.label.value,
        **{k: v for k, v in node.props.items() if k in ("name", "aliases", *EXTERNAL_IDS)},
    }


def resolve_batches(
    graph: Any, batches: list[Batch], aliases: AliasDecisions | None, lookup: IndexedLookup | None = None
) -> tuple[list[Node], list[Relationship], Resolution]:
    """Identity resolution for several batches loaded together: each one is matched
    against the store and the batches before it, so two new sources naming one entity
    differently still give one node. With ``lookup`` (a store's own index) ``graph`` is
    not read whole.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(); g.add_node("google", label="Organization", name="Google")
    >>> nodes, _, _ = resolve_batches(g, [Batch(nodes=[Node("google-llc", Label.ORGANIZATION, {"name": "Google LLC"})])], None)
    >>> [n.id for n in nodes]
    ['google']
    """
    index: IndexedLookup | GraphLookup = lookup if lookup is not None else GraphLookup(graph)
    nodes: list[Node] = []
    relationships: list[Relationship] = []
    resolution = Resolution()
    for batch in batches:
        done = resolve_batch(None, batch.nodes, batch.relationships, aliases, index)
        nodes += done[0]
        relationships += done[1]
        resolution.matches += done[2].matches
        resolution.conflicts += done[2].conflicts
        if len(batches) > 1:
            for node in done[0]:
                if index.attrs(node.id) is None:
                    index.add(node.id, _lookup_attrs(node))
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
