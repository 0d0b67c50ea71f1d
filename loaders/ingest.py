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

from talentgraph.graph.errors import ModelError, SourceError
from talentgraph.graph.model import check_id, check_props
from talentgraph.graph.nx_store import WriteSummary

from .records import Batch, Problem
from .registry import LoaderRegistry, default_registry

__all__ = ["LoadReport", "load_sources", "read_source", "validate_sources"]

_SHOWN_PROBLEMS = 5


@dataclass
class LoadReport:
    source: str
    loader: str
    nodes: int
    relationships: int
    written: WriteSummary = field(default_factory=WriteSummary)
    skipped: list[Problem] = field(default_factory=list)  # with skip_invalid: what was left out


Progress = Callable[[int, int], None]


def read_source(source: str, loader: str | None = None, registry: LoaderRegistry | None = None,
                progress: Progress | None = None) -> tuple[str, Batch]:
    """Read ``source`` with ``loader`` (or the one that recognises it): ``(loader name, batch)``.

    Records that break the graph model become problems and leave the batch.
    """
    registry = registry or default_registry()
    chosen = registry.get(loader) if loader else registry.find(source)
    takes_progress = progress is not None and "progress" in inspect.signature(chosen.load).parameters
    batch = chosen.load(source, progress=progress) if takes_progress else chosen.load(source)
    bad_nodes = set()
    for node in batch.nodes:
        where = f"{node.label.value} {node.id!r}"
        if _model_problem(batch, source, lambda: (check_id(node.id, where), check_props(node.props, where))):
            bad_nodes.add(node.id)
    batch.nodes = [n for n in batch.nodes if n.id not in bad_nodes]
    batch.relationships = [
        rel for rel in batch.relationships
        if rel.start not in bad_nodes and rel.end not in bad_nodes
        and not _model_problem(batch, source, lambda: check_props(rel.props, f"{rel.type.value} {rel.start!r} -> {rel.end!r}"))
    ]
    return chosen.name, batch


def _model_problem(batch: Batch, source: str, check) -> bool:
    try:
        check()
        return False
    except ModelError as exc:
        batch.problems.append(Problem(source, None, str(exc)))
        return True


def validate_sources(sources: Sequence[str], loader: str | None = None, registry: LoaderRegistry | None = None) -> list[Problem]:
    """Every problem in ``sources``, without writing anything."""
    problems: list[Problem] = []
    for source in sources:
        problems += read_source(source, loader, registry)[1].problems
    return problems


def load_sources(store, sources: Sequence[str], loader: str | None = None, registry: LoaderRegistry | None = None,
                 skip_invalid: bool = False, progress: Progress | None = None) -> list[LoadReport]:
    """Read every source, then write them all to ``store`` — or nothing, if any has a problem
    (unless ``skip_invalid``: then the valid records, and ``report.skipped`` lists the rest)."""
    batches = []
    for source in sources:
        name, batch = read_source(source, loader, registry, progress)
        if batch.problems and not skip_invalid:
            shown = "; ".join(str(p) for p in batch.problems[:_SHOWN_PROBLEMS])
            more = len(batch.problems) - _SHOWN_PROBLEMS
            extra = f" (and {more} more — run `talentgraph validate {source}`)" if more > 0 else ""
            raise SourceError(f"{shown}{extra} — nothing was loaded")
        batches.append((source, name, batch))
    combined = Batch()
    for _, _, batch in batches:
        combined.extend(batch)
    written = store.write(combined.nodes, combined.relationships)
    reports = [LoadReport(source, name, len(b.nodes), len(b.relationships), skipped=b.problems) for source, name, b in batches]
    if reports:
        reports[-1].written = written
    return reports
