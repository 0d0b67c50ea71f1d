"""Named queries over the talent graph: the catalogue, talent paths, shortest connections.

Each catalogue query has an embedded implementation on networkx and a ``.cypher`` twin
in this folder for Neo4j; ``run_query`` picks the one that fits the store.

>>> from talentgraph.queries import describe_queries, run_query, shortest_paths, trace
"""

from .catalogue import describe_queries, run_query
from .claims import claims
from .disputes import disputes
from .moves import moves
from .paths import shortest_paths
from .raw_cypher import run_cypher
from .trace import trace

__all__ = ["claims", "describe_queries", "disputes", "moves", "run_cypher", "run_query", "shortest_paths", "trace"]
