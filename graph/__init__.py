"""The talent graph: model, stores and the pieces every other layer builds on.

This package imports nothing else of talentgraph.

>>> from talentgraph.graph import EmbeddedStore, Label
>>> EmbeddedStore().stats()
{'nodes': {}, 'relationships': {}}
"""

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
from .model import DealKind, DealStatus, Label, Node, OrgKind, Relationship, RelType
from .names import NameIndex, normalize_name
from .nx_store import EmbeddedStore, WriteSummary, default_store_path
from .page_scope import GraphFilter
from .pyvis_render import Page, render_page

__all__ = [
    "AmbiguousNameError",
    "ExportError",
    "DealKind",
    "DealStatus",
    "EmbeddedStore",
    "GraphFilter",
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
    "StoreError",
    "StoreLockedError",
    "TalentGraphError",
    "WriteSummary",
    "default_store_path",
    "normalize_name",
    "render_page",
]
