"""Named queries over the talent graph: talent paths, shortest connections and the catalogue.

Each query has an embedded implementation on networkx and a ``.cypher`` twin in this
folder for Neo4j.

>>> from talentgraph.queries import shortest_paths, trace
"""

from .disputes import disputes
from .moves import moves
from .paths import shortest_paths
from .trace import trace

__all__ = ["disputes", "moves", "shortest_paths", "trace"]
