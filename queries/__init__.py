"""Named queries over the talent graph: the catalogue, talent paths, shortest connections.

Each catalogue query has an embedded implementation on networkx and a ``.cypher`` twin
in this folder for Neo4j; ``run_query`` picks the one that fits the store.

>>> from talentgraph.queries import deals, describe, describe_queries, list_entities, run_query, search, trace
"""

from .catalogue import describe_queries, run_query
from .claims import claims
from .deals import deals
from .describe import describe
from .disputes import disputes
from .listing import list_entities
from .moves import moves
from .paths import shortest_paths
from .raw_cypher import run_cypher
from .search import search
from .trace import trace

__all__ = [
    "claims",
    "deals",
    "describe",
    "describe_queries",
    "disputes",
    "list_entities",
    "moves",
    "run_cypher",
    "run_query",
    "search",
    "shortest_paths",
    "trace",
]
