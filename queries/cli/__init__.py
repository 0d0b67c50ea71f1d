"""talentgraph: a knowledge graph of AI talent flows.

The library lives in three sub-packages — ``talentgraph.graph`` (model and stores),
``talentgraph.loaders`` (sources -> records) and ``talentgraph.queries`` (named queries)
— and this top-level package holds the click CLI on top of them.

>>> import talentgraph
>>> talentgraph.__version__
'0.1.0'
"""

__version__ = "0.1.0"
