"""One identity per real entity: normalised names, external ids, the alias file, resolve."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from talentgraph.cli import cli
from talentgraph.graph import EmbeddedStore, Label, Node
from talentgraph.graph.errors import SourceError
from talentgraph.graph.identity.entity_merge import find_duplicates, merge_duplicates
from talentgraph.graph.identity.resolution import org_key, parse_alias_decisions, resolve_batch
from talentgraph.loaders import load_sources

DATA = Path(__file__).parent / "data"


def org(node_id: str, name: str, source: str = "s", **props) -> Node:
    return Node(
        node_id,
        Label.ORGANIZATION,
        {"name": name, "aliases": [], "source_ids": [source], "locators": [f"{source}#1"], **props},
    )


@pytest.mark.parametrize(
    "a, b",
    [
        ("Google LLC", "google"),
        ("Scale AI, Inc.", "Scale AI"),
        ("Siemens AG", "SIEMENS"),
        ("Acme Corp.", "acme corporation"),
        ("DeepL GmbH", "DeepL"),
        ("Arm Ltd", "ARM Limited"),
    ],
)
def test_corporate_suffixes_case_and_punctuation_fold_away(a, b):
    assert org_key(a) == org_key(b)


def test_same_name_different_qid_is_reported_not_merged(store_factory):
    store = store_factory()
    store.write([org("apple-q312", "Apple Inc.", wikidata_qid="Q312")])
    nodes, _, resolution = resolve_batch(
        store.to_networkx(), [org("apple-q213710", "Apple", "t", wikidata_qid="Q213710")], []
    )
    assert [n.id for n in nodes] == ["apple-q213710"]
    assert resolution.matches == [] and "different wikidata_qid (Q213710 vs Q312)" in resolution.conflicts[0].reason


def test_equal_external_id_merges_whatever_the_name(store_factory):
    store = store_factory()
    store.write([org("meta", "Meta", wikidata_qid="Q380")])
    nodes, _, resolution = resolve_batch(
        store.to_networkx(), [org("facebook-inc", "Facebook, Inc.", "t", wikidata_qid="Q380")], []
    )
    assert [n.id for n in nodes] == ["meta"] and resolution.matches[0].reason == "same wikidata_qid Q380"


def test_alias_file_same_and_different_are_applied_on_every_load(tmp_path, store_factory):
    store = store_factory()
    store.write([org("meta", "Meta"), org("deepmind", "DeepMind")])
    decisions = parse_alias_decisions("same: [[Meta, The Facebook Company]]\ndifferent: [[deepmind, DeepMind Labs]]")
    incoming = [
        org("fb", "The Facebook Company", "t"),
        org("deepmind-labs", "DeepMind", "t", aliases=["DeepMind Labs"]),
    ]
    nodes, _, _ = resolve_batch(store.to_networkx(), incoming, [], decisions)
    assert [n.id for n in nodes] == ["meta", "deepmind-labs"]


def test_ambiguous_name_is_a_conflict(store_factory):
    store = store_factory()
    store.write([org("mercury-1", "Mercury"), org("mercury-2", "Mercury Inc")])
    _, _, resolution = resolve_batch(store.to_networkx(), [org("mercury-x", "MERCURY", "t")], [])
    assert resolution.conflicts and resolution.conflicts[0].ids == ("mercury-1", "mercury-2", "mercury-x")


def test_bad_alias_file_is_one_clear_line():
    with pytest.raises(SourceError, match=r"aliases.yaml: 'same' must be a list of groups of two or more names"):
        parse_alias_decisions("same: [[onlyone]]")


def test_find_and_merge_duplicates_moves_relationships(store_factory):
    store = store_factory()
    store.write(
        [
            org("openai", "OpenAI", "a"),
            org("openai-inc", "OpenAI, Inc.", "b"),
            Node("ada", Label.PERSON, {"name": "Ada", "source_ids": ["b"], "locators": ["b#2"]}),
        ]
    )
    from talentgraph.graph.model import Relationship, RelType

    store.write([], [Relationship(RelType.WORKED_AT, "ada", "openai-inc", {"source_ids": ["b"], "locators": ["b#3"]})])
    resolution = find_duplicates(store.to_networkx())
    assert merge_duplicates(store, resolution) == 1
    g = store.to_networkx()
    # the better connected entity is kept; the other's name and id become aliases
    assert "openai" not in g and g.has_edge("ada", "openai-inc")
    assert set(g.nodes["openai-inc"]["source_ids"]) == {"a", "b"} and "OpenAI" in g.nodes["openai-inc"]["aliases"]


def test_cli_resolve_dry_run_shows_reason_and_changes_nothing(tmp_path):
    runner = CliRunner()
    store = ["--store", str(tmp_path / "g.json")]
    assert runner.invoke(cli, [*store, "load", "article"]).exit_code == 0
    path = tmp_path / "g.json"
    g = EmbeddedStore.open(path).graph
    with EmbeddedStore.writing(path) as s:  # a duplicate written around identity resolution
        s.write([org("openai-llc", "OpenAI LLC", "manual")])
    result = runner.invoke(cli, [*store, "resolve", "--dry-run"])
    assert result.exit_code == 0
    assert "openai-llc" in result.output and "same normalised name" in result.output
    assert (
        "openai-llc" in EmbeddedStore.open(path).graph
        and g.number_of_nodes() + 1 == EmbeddedStore.open(path).graph.number_of_nodes()
    )
    assert runner.invoke(cli, [*store, "resolve"]).exit_code == 0
    assert "openai-llc" not in EmbeddedStore.open(path).graph


def test_load_reads_aliases_yaml_next_to_the_store(tmp_path):
    (tmp_path / "aliases.yaml").write_text("different: [[meta, Meta Platforms Inc]]\n")
    runner = CliRunner()
    store = ["--store", str(tmp_path / "g.json")]
    runner.invoke(cli, [*store, "load", "article"])
    result = runner.invoke(cli, [*store, "load", str(DATA / "deal-sheet-meta-scale.yaml")])
    assert result.exit_code == 0, result.output
    assert "merged meta-platforms into meta" not in result.output
    assert "meta-platforms" in EmbeddedStore.open(tmp_path / "g.json").graph


def test_missing_alias_file_is_an_error(tmp_path):
    result = CliRunner().invoke(
        cli, ["--store", str(tmp_path / "g.json"), "load", "article", "--aliases", str(tmp_path / "nope.yaml")]
    )
    assert result.exit_code == 1
    assert (
        result.output.strip() == f"Error: no alias file at {tmp_path / 'nope.yaml'} — check the path, or omit --aliases"
    )


def test_person_matching_only_an_alias_is_reported_not_merged(store_factory):
    store = store_factory()
    load_sources(store, ["article"])  # Zhu Jun, alias "Alex Zhu"
    person = Node("alex-zhu", Label.PERSON, {"name": "Alex Zhu", "source_ids": ["cv"], "locators": ["cv#1"]})
    nodes, _, resolution = resolve_batch(store.to_networkx(), [person], [])
    assert [n.id for n in nodes] == ["alex-zhu"] and not resolution.matches
    assert "add same: [zhu-jun, alex-zhu] to the alias file" in resolution.conflicts[0].reason


def test_resolve_does_not_merge_people_by_alias_only(store_factory):
    store = store_factory()
    load_sources(store, ["article"])
    store.write(
        [
            Node("alex-zhu", Label.PERSON, {"name": "Alex Zhu", "source_ids": ["cv"], "locators": ["cv#1"]}),
            Node("zhu-jun-2", Label.PERSON, {"name": "Zhu  Jun", "source_ids": ["cv"], "locators": ["cv#2"]}),
        ]
    )
    pairs = [(m.incoming, m.existing) for m in find_duplicates(store.to_networkx()).matches]
    assert ("zhu-jun-2", "zhu-jun") in pairs and not any("alex-zhu" in pair for pair in pairs)
