"""The store interface: what every talent-graph store offers, declared once.

Two stores implement it: the embedded store (``graph/embedded/``) and the Neo4j store
(``graph/neo4j/``). Library code takes a ``GraphStore`` and asks its ``capabilities``
instead of probing for methods, so a new store says what it can do in one place.

>>> from talentgraph.graph.embedded.nx_store import EmbeddedStore
>>> isinstance(EmbeddedStore(), GraphStore)
True
>>> EmbeddedStore().capabilities.supports_cypher
False
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from .model import Label, Node, Relationship, RelType

if TYPE_CHECKING:
    import networkx as nx

    from .graph_edits import GraphEdits

__all__ = [
    "CypherStore",
    "GraphSlice",
    "GraphStore",
    "IndexedStore",
    "SlicedStore",
    "StoreCapabilities",
    "WriteSummary",
]


@dataclass(frozen=True)
class WriteSummary:
    """What a ``write`` changed: records created and records merged into existing ones."""

    nodes_created: int = 0
    nodes_updated: int = 0
    relationships_created: int = 0
    relationships_updated: int = 0


@dataclass(frozen=True)
class StoreCapabilities:
    """What a store can do beyond the common interface.

    ``supports_cypher``: runs Cypher text (``execute_read`` / ``execute_write``); the
    catalogue then runs each query's ``.cypher`` file instead of its networkx twin.
    ``indexed_names``: answers name and identity look-ups from its own index
    (``IndexedStore``: the SQLite embedded store), so nobody builds a name index over
    the whole graph.
    ``sliced_reads``: builds the part of the graph a whole-graph query reads
    (``SlicedStore.graph_slice``) without reading every row.
    """

    supports_cypher: bool = False
    indexed_names: bool = False
    sliced_reads: bool = False


@dataclass(frozen=True)
class GraphSlice:
    """The part of a graph a whole-graph query reads, declared next to the query.

    ``labels``: every node of these labels (empty: of any label); ``having``: only the
    nodes with this property; ``rel_types``: their outgoing relationships of these types
    and the nodes those reach. ``props``: the only properties read of the first nodes
    (scalars; ``None``: all of them), ``end_props`` of the nodes reached (``None``: as
    ``props``); with ``props``, relationships keep only their type and key. A twin run on
    the slice must give the same rows as on the whole graph (the parity tests check).
    """

    labels: tuple[str, ...] = ()
    rel_types: tuple[str, ...] = ()
    props: tuple[str, ...] | None = None
    having: str | None = None
    end_props: tuple[str, ...] | None = None


@runtime_checkable
class GraphStore(Protocol):
    """A talent graph: merge records in, read them back, apply edit plans, count."""

    @property
    def capabilities(self) -> StoreCapabilities: ...

    def write(self, nodes: Iterable[Node] = (), relationships: Iterable[Relationship] = ()) -> WriteSummary:
        """Merge nodes and relationships; loading the same records twice changes nothing."""
        ...

    def apply_edits(self, edits: GraphEdits) -> None:
        """Apply deletions and exact replacements as one unit: whole or not at all."""
        ...

    def node(self, node_id: str) -> Node | None: ...

    def nodes(self, label: Label | None = None) -> Iterator[Node]: ...

    def relationships(self, rel_type: RelType | None = None) -> Iterator[Relationship]: ...

    def stats(self) -> dict[str, dict[str, int]]:
        """``{"nodes": {label: n}, "relationships": {type: n}}``."""
        ...

    def source_counts(self) -> dict[str, int]:
        """Per source id, how many nodes and relationships cite it."""
        ...

    def to_networkx(self) -> nx.MultiDiGraph:
        """The graph as a networkx ``MultiDiGraph`` (the catalogue's twins run on it)."""
        ...

    def close(self) -> None:
        """Release what the store holds open (a database connection, a driver); nothing for one in memory."""
        ...


@runtime_checkable
class CypherStore(GraphStore, Protocol):
    """A store that runs Cypher text (``capabilities.supports_cypher`` is true)."""

    def execute_read(self, cypher: str, parameters: dict[str, Any] | None = None) -> list[dict[str, Any]]: ...

    def execute_write(self, cypher: str, parameters: dict[str, Any] | None = None) -> list[dict[str, Any]]: ...


@runtime_checkable
class SlicedStore(GraphStore, Protocol):
    """A store that loads a ``GraphSlice`` by itself (``capabilities.sliced_reads`` is true)."""

    def graph_slice(self, part: GraphSlice) -> nx.MultiDiGraph:
        """The nodes and relationships ``part`` declares, as an in-memory ``MultiDiGraph``."""
        ...


@runtime_checkable
class IndexedStore(GraphStore, Protocol):
    """A store that looks names up in an index (``capabilities.indexed_names`` is true)."""

    def resolve_name(self, name: str) -> str:
        """The id of the one entity ``name`` (an id, name or alias) stands for."""
        ...

    def ids_matching(self, label: str, key: str) -> set[str]:
        """Ids of ``label`` entities whose name or alias has the resolution key ``key``."""
        ...

    def id_with_external(self, prop: str, value: str) -> str | None:
        """The id of the node whose external id ``prop`` is ``value``."""
        ...

    def ids_named(self, key: str) -> list[str]:
        """Ids whose id, name or alias folds to ``key``."""
        ...
