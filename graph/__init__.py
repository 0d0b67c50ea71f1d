"""The talent graph: model, stores and the pieces every other layer builds on.

This package imports nothing else of talentgraph. Its rooms:

- ``model.py``, ``errors.py``, ``graph_store.py`` — labels, records, the exception tree,
  the store interface (``GraphStore``); ``graph_edits.py``, ``provenance.py``,
  ``synthetic.py`` — edit plans, unloading a source, seeded synthetic graphs.
- ``embedded/`` — the embedded store; ``neo4j/`` — the Neo4j store, its edits and the
  local launcher; ``identity/`` — names, one identity per entity, merges;
  ``export/`` — the export formats and their registry; ``page/`` — the offline page.

Names below are imported on first use, so ``import talentgraph.graph`` stays cheap
(networkx and pyvis load only when a store or a page is used).

>>> from talentgraph.graph import EmbeddedStore, Label
>>> EmbeddedStore().stats()
{'nodes': {}, 'relationships': {}}
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import (
    AmbiguousNameError,
    ExportError,
    ModelError,
    NameNotFoundError,
    QueryError,
    SourceError,
    StoreError,
    StoreLockedError,
    TalentGraphError,
)
from .graph_store import GraphStore, StoreCapabilities, WriteSummary
from .model import DealKind, DealStatus, Label, Node, OrgKind, Relationship, RelType

if TYPE_CHECKING:
    from .embedded.nx_store import EmbeddedStore, default_store_path
    from .identity.names import NameIndex, normalize_name
    from .page.pyvis_render import Page, render_page
    from .page.scope import GraphFilter

# name -> module that defines it, imported when the name is first asked for
_LAZY = {
    "EmbeddedStore": ".embedded.nx_store",
    "default_store_path": ".embedded.nx_store",
    "NameIndex": ".identity.names",
    "normalize_name": ".identity.names",
    "GraphFilter": ".page.scope",
    "Page": ".page.pyvis_render",
    "render_page": ".page.pyvis_render",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "AmbiguousNameError",
    "DealKind",
    "DealStatus",
    "EmbeddedStore",
    "ExportError",
    "GraphFilter",
    "GraphStore",
    "Label",
    "ModelError",
    "NameIndex",
    "NameNotFoundError",
    "Node",
    "OrgKind",
    "Page",
    "QueryError",
    "RelType",
    "Relationship",
    "SourceError",
    "StoreCapabilities",
    "StoreError",
    "StoreLockedError",
    "TalentGraphError",
    "WriteSummary",
    "default_store_path",
    "normalize_name",
    "render_page",
]
