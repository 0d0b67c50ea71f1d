"""Source-aware removal: what only one source supports goes, shared facts stay — on both stores
(``store_factory`` from tests/store_fixture.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from talentgraph.cli import cli
from talentgraph.graph import EmbeddedStore
from talentgraph.graph.errors import StoreError
from talentgraph.graph.provenance import unload_source
from talentgraph.loaders import load_sources
from talentgraph.queries import disputes
from talentgraph.queries.disputes import disputes_in_graph

DATA = Path(__file__).parent / "data"
SHEET = str(DATA / "deal-sheet-meta-scale.yaml")


def test_unload_removes_only_what_the_source_alone_supports(store_factory):
    store = store_factory()
    load_sources(store, ["article"])
    article = store.stats()
    load_sources(store, [str(DATA / "aiwatch")])
    summary = unload_source(store, "aiwatch-positions")
    assert summary.nodes_removed > 30 and summary.relationships_removed > 40
    assert store.stats() == article


def test_unload_keeps_shared_facts_and_drops_the_sources_dispute_rows(store_factory):
    store = store_factory()
    load_sources(store, ["article"])
    load_sources(store, [SHEET])
    assert disputes(store, "amount")["rows"]
    unload_source(store, "test-deal-sheet")
    g = store.to_networkx()
    deal = g.nodes["meta-scale-ai-2025"]
    assert "test-deal-sheet" not in deal["source_ids"] and deal["amount"] == 14_800_000_000
    assert disputes_in_graph(g, "amount")["rows"] == [] and "test-deal-sheet" not in g


def test_unloading_the_first_source_promotes_the_other_value(store_factory):
    store = store_factory()
    load_sources(store, [SHEET])
    load_sources(store, ["article"])
    assert store.to_networkx().nodes["meta-scale-ai-2025"]["amount"] == 14_300_000_000
    unload_source(store, "test-deal-sheet")
    deal = store.to_networkx().nodes["meta-scale-ai-2025"]
    assert deal["amount"] == 14_800_000_000 and "amount" not in deal.get("disputed_fields", [])


def test_unknown_source_is_one_clear_error(store_factory):
    store = store_factory()
    load_sources(store, ["article"])
    with pytest.raises(
        StoreError,
        match=r"no fact in the store comes from source 'nope' — loaded sources: 36kr-2025-07-11, public-record",
    ):
        unload_source(store, "nope")


def test_cli_unload_and_sources(tmp_path):
    runner = CliRunner()
    store = ["--store", str(tmp_path / "g.json")]
    runner.invoke(cli, [*store, "load", "article", str(DATA / "wikidata" / "sparql-acquisitions.json")])
    assert "sparql-acquisitions" in runner.invoke(cli, [*store, "sources"]).output
    result = runner.invoke(cli, [*store, "unload", "sparql-acquisitions"])
    assert result.exit_code == 0 and result.output.startswith("unloaded sparql-acquisitions: removed")
    g = EmbeddedStore.open(tmp_path / "g.json").graph
    # google stays (the article backs it); its Wikidata id goes: only the unloaded source stated it
    assert "deepmind-q15733006" not in g and "google" in g and "wikidata_qid" not in g.nodes["google"]
    failed = runner.invoke(cli, [*store, "unload", "sparql-acquisitions"])
    assert failed.exit_code == 1 and failed.output.startswith(
        "Error: no fact in the store comes from source 'sparql-acquisitions'"
    )
