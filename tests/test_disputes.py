"""Conflicting claims side by side: two sources, one deal, both figures with their sources."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from talentgraph.cli import cli
from talentgraph.graph import EmbeddedStore
from talentgraph.graph.model import merge_props
from talentgraph.loaders import load_sources
from talentgraph.queries.disputes import disputes_in_graph as disputes

SHEET = str(Path(__file__).parent / "data" / "deal-sheet-meta-scale.yaml")


@pytest.fixture(params=["embedded"])
def store_factory(request):
    return EmbeddedStore


def test_article_and_deal_sheet_merge_into_one_deal_with_both_amounts(store_factory):
    store = store_factory()
    load_sources(store, ["article"])
    load_sources(store, [SHEET])
    g = store.to_networkx()
    deals = [d for d, a in g.nodes(data=True) if a["label"] == "Deal" and "Scale AI" in a["name"]]
    assert deals == ["meta-scale-ai-2025"]
    assert g.nodes["meta-scale-ai-2025"]["amount"] == 14_800_000_000  # the first source's value stays shown
    rows = disputes(g, "amount")["rows"]
    assert [(r[5], r[6]) for r in rows] == [("14800000000", "36kr-2025-07-11"), ("14300000000", "test-deal-sheet")]
    # the sheet's "Meta Platforms, Inc." is the article's Meta: no second Meta
    assert [a["name"] for _, a in g.nodes(data=True) if a.get("name", "").startswith("Meta Platforms")] == []


def test_reloading_either_source_keeps_the_dispute_as_it_is(store_factory):
    store = store_factory()
    load_sources(store, ["article"])
    load_sources(store, [SHEET])
    before = dict(store.to_networkx().nodes["meta-scale-ai-2025"])
    load_sources(store, [SHEET])
    load_sources(store, ["article"])
    assert dict(store.to_networkx().nodes["meta-scale-ai-2025"]) == before


def test_same_source_reload_updates_its_value_without_a_dispute():
    old = {"year": 2024, "source_ids": ["a"], "locators": ["a#1"]}
    merged = merge_props(old, {"year": 2025, "source_ids": ["a"], "locators": ["a#1"]})
    assert merged["year"] == 2025 and "disputed_fields" not in merged


def test_trace_and_disputes_command_show_the_disagreement(tmp_path):
    store = ["--store", str(tmp_path / "g.json")]
    runner = CliRunner()
    assert runner.invoke(cli, [*store, "load", "article", SHEET]).exit_code == 0
    traced = runner.invoke(cli, [*store, "trace", "Alexandr Wang"])
    assert "disputed amount: USD 14.3 bn per test-deal-sheet#row1" in traced.output
    listed = runner.invoke(cli, [*store, "disputes", "--field", "amount", "--json"])
    assert listed.exit_code == 0
    assert '"test-deal-sheet"' in listed.output and '"columns"' in listed.output
