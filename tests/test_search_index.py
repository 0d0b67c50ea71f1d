"""`search` through the stores' text indexes: the SQLite FTS5 tables give exactly the hits
the scan gives, stay right after writes and edits, and an older store file without them is
still searchable; on Neo4j the index-backed statement is chosen whenever it is exact."""

from __future__ import annotations

import sqlite3

import pytest
from helpers import embedded_store
from talentgraph.graph.embedded import text_index
from talentgraph.graph.embedded.sqlite_store import SqliteStore
from talentgraph.graph.graph_edits import GraphEdits
from talentgraph.graph.model import Label, Node
from talentgraph.queries import search
from talentgraph.queries.search import lucene_query

# plain words, fragments, accents, Chinese of 1, 2 and 3+ characters, stop words, short
# words, punctuation inside a word, several words with a phrase
TEXTS = [
    "google",
    "Zuckerberg",
    "zucker",
    "founder mode",
    "字节",
    "张小龙",
    "龙",
    "ZHANG",
    "müller",
    "the",
    "ai",
    "a",
    "x.ai",
    "bn",
    "2025",
    "meta ai lab",
    "antitrust",
    "Scale AI",
    "o",
    "acquisition talks",
]


@pytest.fixture(autouse=True)
def index_every_store(monkeypatch):
    """The small test graphs get the index that big stores get (see text_index.MIN_NODES)."""
    monkeypatch.setattr(text_index, "MIN_NODES", 0)


def test_a_small_store_is_scanned_and_stays_small(records, monkeypatch):
    monkeypatch.setattr(text_index, "MIN_NODES", 10_000)
    store = sqlite_store(records["article"])
    assert store.text_matches(["meta"]) is None
    assert search(store, "zucker")["rows"][0]["name"] == "Mark Zuckerberg"


def sqlite_store(records_pair) -> SqliteStore:
    store = SqliteStore.in_memory()
    store.write(*records_pair)
    return store


@pytest.mark.parametrize("graph_name", ["article", "synthetic"])
def test_the_index_gives_the_hits_of_the_scan(graph_name, records):
    scanned, indexed = embedded_store(records[graph_name]), sqlite_store(records[graph_name])
    texts = TEXTS + [str(n.props.get("name", ""))[-5:] for n in records[graph_name][0][:20:4]]
    found = 0
    for text in texts:
        expected = search(scanned, text, limit=1000)
        assert search(indexed, text, limit=1000) == expected, text
        found += bool(expected["rows"])
    assert found >= 5  # texts that find something: the comparison means something


def test_the_index_answers_without_reading_the_graph(records):
    store = sqlite_store(records["article"])
    nodes, _ = store.text_matches(["zucker"])
    assert [n[0] for n in nodes] == ["mark-zuckerberg"]
    assert search(store, "zucker")["rows"][0]["name"] == "Mark Zuckerberg"
    assert not store.to_networkx()._rows.nodes  # the lazy graph read no node for it


def test_writes_and_edits_keep_the_index_right(tmp_path):
    path = tmp_path / "graph.db"
    node = Node("jose", Label.PERSON, {"name": "José Müller", "source_ids": ["s"], "locators": ["p1"]})
    with SqliteStore.writing(path) as store:
        store.write([node])
    with SqliteStore.writing(path) as store:
        store.write(
            [Node("jose", Label.PERSON, {"summary": "moved to Zürich", "source_ids": ["s"], "locators": ["p2"]})]
        )
        assert [h["field"] for h in search(store, "zurich")["rows"]] == ["summary"]
        store.apply_edits(GraphEdits(delete_nodes={"jose": Label.PERSON}))
        assert search(store, "muller")["rows"] == []
        store.apply_edits(
            GraphEdits(
                put_nodes=[Node("ana", Label.PERSON, {"name": "Ana Lúcia", "source_ids": ["s"], "locators": ["p"]})]
            )
        )
        assert [h["id"] for h in search(store, "lucia")["rows"]] == ["ana"]


def test_a_store_made_before_the_index_is_searched_then_indexed_on_its_first_write(tmp_path, records):
    path = tmp_path / "graph.db"
    with SqliteStore.writing(path) as store:
        store.write(*records["article"])
    with sqlite3.connect(path) as conn:  # what a store file of the previous version holds
        conn.execute("DROP TABLE text_nodes")
        conn.execute("DROP TABLE text_rels")
        conn.execute("DROP TABLE text_rel_ids")
    expected = search(embedded_store(records["article"]), "zhang", limit=100)
    reader = SqliteStore.open(path)
    assert reader.text_matches(["zhang"]) is None  # read-only: no index, a scan
    assert search(reader, "zhang", limit=100) == expected
    reader.close()
    with SqliteStore.writing(path) as store:
        store.write([Node("zhang-san", Label.PERSON, {"name": "Zhang San", "source_ids": ["s"], "locators": ["p"]})])
    reader = SqliteStore.open(path)
    assert reader.text_matches(["zhang"]) is not None
    hits = search(reader, "zhang", limit=100)["rows"]
    assert [h["id"] for h in hits if h["id"] != "zhang-san"] == [h["id"] for h in expected["rows"]]
    assert "zhang-san" in [h["id"] for h in hits]
    reader.close()


def test_text_is_folded_into_the_index():
    assert text_index.fold("Zürich ÉCOLE") == "zurich ecole"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zuckerberg", "*zuckerberg*"),
        ("Zürich Meta", "*zurich* AND *meta*"),
        ("字节 跳动", '"字节" AND "跳动"'),
        ("the meta", "*meta*"),  # a stop word, dropped by Neo4j's analyzer, is left to the scorer
        ("the", None),  # nothing left: scan
        ("x.ai", None),  # punctuation inside a word: tokens differ, scan
        ("Ålesund 首尔 서울", None),  # Hangul: scan
    ],
)
def test_the_neo4j_statement_is_index_backed_when_exact(text, expected):
    assert lucene_query(text) == expected
