"""``talentgraph sources``: the sources the facts in a store come from — what each is
(title, publisher, author, date, language, from its ``Source`` node where one is loaded)
and how many nodes and relationships cite it.

>>> from talentgraph.graph import EmbeddedStore
>>> from talentgraph.loaders import load_sources
>>> store = EmbeddedStore(); _ = load_sources(store, ["article"])
>>> [row[:3] for row in list_sources(store)["rows"]]
[['36kr-2025-07-11', 'The end of AI anxiety is the shopping cart', '36Kr'], ['public-record', 'Widely reported facts outside the article, noted by the talentgraph curators', 'talentgraph curators']]
"""

from __future__ import annotations

from typing import Any

from ..graph.graph_store import GraphStore
from ..graph.model import Label

__all__ = ["SOURCE_COLUMNS", "list_sources"]

SOURCE_COLUMNS = ("source", "title", "publisher", "author", "published", "language", "cited_by")


def list_sources(store: GraphStore) -> dict[str, Any]:
    """One row per source id that some node or relationship cites, sorted by id: what
    the ``Source`` node says of it (blank where no such node is loaded) and ``cited_by``,
    how many nodes and relationships cite it. Both stores count the citations themselves
    and fetch one node per source, so the table costs the same on a large store.

    >>> from talentgraph.graph import EmbeddedStore
    >>> list_sources(EmbeddedStore())["rows"]
    []
    """
    rows = []
    for source, cited_by in sorted(store.source_counts().items()):
        node = store.node(source)
        props = node.props if node is not None and node.label is Label.SOURCE else {}
        title = props.get("title") or props.get("name")
        rows.append(
            [
                source,
                title,
                props.get("publisher"),
                props.get("author"),
                props.get("published"),
                props.get("language"),
                cited_by,
            ]
        )
    return {"columns": list(SOURCE_COLUMNS), "rows": rows}
