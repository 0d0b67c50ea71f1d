"""Parameters are bound, never pasted into Cypher: hostile names and values leave both
stores unchanged and come back as data or as a clear error."""

from __future__ import annotations

import pytest
from helpers import embedded_store
from talentgraph.graph import Label, Node
from talentgraph.graph.errors import NameNotFoundError, QueryError
from talentgraph.queries.catalogue import run_query
from talentgraph.queries.raw_cypher import run_cypher

HOSTILE = [
    "'}) DETACH DELETE n //",
    '"}) DETACH DELETE m //',
    "`) MATCH (n) DETACH DELETE n //",
    "x` {id: 'y'}) DETACH DELETE n //",
    "$acquirer",
    "名字 Ünïcødé 🚀 \u202e",
]
PROV = {"source_ids": ["test"], "locators": ["test#hostile"]}


def hostile_nodes():
    return [
        Node(f"hostile-{i}", Label.ORGANIZATION, {"name": text, "kind": "company", **PROV})
        for i, text in enumerate(HOSTILE)
    ]


def snapshot(store) -> tuple:
    graph = store.to_networkx()
    return (
        sorted(graph.nodes),
        sorted((u, v, k) for u, v, k in graph.edges(keys=True)),
        sorted(str(sorted(a.items())) for _, a in graph.nodes(data=True)),
    )


def hostile_calls(store) -> None:
    for text in HOSTILE:
        with pytest.raises(QueryError):
            run_query(store, "deals_by_year", {"kind": text})
        with pytest.raises(QueryError):
            run_query(store, "path", {"from": "meta", "to": "google", "types": text})
        # a hostile name that names no entity: resolved to nothing, never sent as text
        with pytest.raises(NameNotFoundError):
            run_query(store, "shopping_cart", {"acquirer": text + " (unknown)"})
    for i, text in enumerate(HOSTILE):
        # a hostile name that does name an entity: found, and passed as a bound id
        rows = run_query(store, "timeline", {"entity": text})["rows"]
        assert rows == []
        assert run_query(store, "neighbourhood", {"entity": text})["rows"] == []
        assert run_query(store, "shopping_cart", {"acquirer": f"hostile-{i}"})["rows"] == []


def test_embedded_store_is_unchanged_by_hostile_input(records):
    store = embedded_store(records["article"])
    store.write(hostile_nodes())
    before = snapshot(store)
    hostile_calls(store)
    assert snapshot(store) == before


def test_neo4j_store_is_unchanged_by_hostile_input(records, neo4j_graphs):
    store = neo4j_graphs.load("article")
    neo4j_graphs.dirty()  # the hostile nodes below are not part of the article graph
    store.write(hostile_nodes(), [])
    before = snapshot(store)
    hostile_calls(store)
    for text in HOSTILE:
        found = run_cypher(store, "MATCH (n {name: $name}) RETURN n.id AS id", {"name": text})
        assert found["rows"] == [[f"hostile-{HOSTILE.index(text)}"]]
    with pytest.raises(Exception, match="(?i)write"):
        run_cypher(store, "MATCH (n) DETACH DELETE n", {})  # read-only unless write=True
    assert snapshot(store) == before
