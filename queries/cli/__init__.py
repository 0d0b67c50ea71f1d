"""talentgraph: a knowledge graph of AI talent flows.

The library lives in three sub-packages — ``talentgraph.graph`` (model and stores),
``talentgraph.loaders`` (sources -> records) and ``talentgraph.queries`` (named queries)
— and this top-level package holds the click CLI on top of them (``app.py`` the root
group and store opening, ``options.py`` shared options, one module per command family,
``cli.py`` assembling them).

>>> import talentgraph
>>> talentgraph.__version__
'0.1.0'
"""

# The folder queries/cli/ is installed as the top-level package `talentgraph`; reached as
# `talentgraph.queries.cli` it would be a second copy of the CLI with its own state.
if __name__ != "talentgraph":
    raise ImportError(f"{__name__} is talentgraph's top-level package in its folder — import talentgraph instead")

__version__ = "0.1.0"
