"""The talent graph: model, stores and the pieces every other layer builds on.

This package imports nothing else of talentgraph.

>>> from talentgraph.graph import EmbeddedStore, Label
>>> EmbeddedStore().stats()
{'nodes': {}, 'relationships': {}}
"""

from .errors import (
    AmbiguousNameError,
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

__all__ = [
    "AmbiguousNameError",
    "DealKind",
    "DealStatus",
    "EmbeddedStore",
    "Label",
    "ModelError",
    "NameIndex",
    "NameNotFoundError",
    "Node",
    "OrgKind",
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
]
