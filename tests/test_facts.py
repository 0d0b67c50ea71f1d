"""Per-fact provenance: which source states each property — written in the curated
format, merged when two sources meet, dropped with a source, and stored on both stores."""

from __future__ import annotations

from talentgraph.graph.model import merge_props, stated_by
from talentgraph.graph.provenance import unload_from_graph
from talentgraph.loaders import load_sources, parse_curated

ARTICLE, RECORD = "36kr-2025-07-11", "public-record"


def test_the_article_and_the_public_record_split_a_deals_facts(article_graph):
    musically = article_graph.nodes["bytedance-musically-2017"]
    assert stated_by(musically, "year") == [(RECORD, f"{RECORD}#musically-deal-2017")]
    assert stated_by(musically, "amount") == [(RECORD, f"{RECORD}#musically-deal-2017")]
    assert {s for s, _ in stated_by(musically, "summary")} == {ARTICLE, RECORD}  # unlisted: every source
    character = article_graph.nodes["google-character-ai-2024"]
    assert [s for s, _ in stated_by(character, "year")] == [RECORD]
    assert ARTICLE in {s for s, _ in stated_by(character, "amount")}


def test_full_names_come_from_the_public_record_and_the_first_name_from_the_article(article_graph):
    ilya = article_graph.nodes["ilya-sutskever"]
    assert stated_by(ilya, "name") == [(RECORD, f"{RECORD}#full-name-ilya-sutskever")]
    assert stated_by(ilya, "name_in_article") == [(ARTICLE, f"{ARTICLE}#s01.p5")]


def test_relationship_facts_say_where_years_come_from(article_graph):
    founded = article_graph.edges["noam-shazeer", "character-ai", "FOUNDED|"]
    assert stated_by(founded, "year") == [(RECORD, f"{RECORD}#character-ai-founders")]


def test_a_fact_locator_outside_at_joins_the_records_provenance():
    text = (
        "source: {id: s, name: S, at: [p1]}\nsources: [{id: r, name: R, at: ['r#x']}]\n"
        "people: [{id: ada, name: Ada Lovelace, born: 1815, facts: {born: 'r#born'}, at: [p2]}]\n"
    )
    ada = next(n for n in parse_curated(text).nodes if n.id == "ada")
    assert ada.props["source_ids"] == ["s", "r"] and ada.props["locators"] == ["s#p2", "r#born"]
    assert (ada.props["fact_fields"], ada.props["fact_sources"]) == (["born"], ["r"])


def test_facts_naming_a_field_the_entry_lacks_are_refused():
    text = "source: {id: s, name: S, at: [p1]}\npeople: [{id: ada, name: Ada, facts: {born: p3}, at: [p2]}]\n"
    assert [str(p) for p in parse_curated(text, "f.yaml").problems] == [
        "f.yaml:2: 'facts' names 'born', which this entry does not set — list only its own fields"
    ]


def test_merging_two_sources_lists_what_only_one_of_them_states():
    a = {"name": "Meta", "founded": 2004, "source_ids": ["a"], "locators": ["a#1"]}
    b = {"name": "Meta", "country": "US", "source_ids": ["b"], "locators": ["b#7"]}
    merged = merge_props(a, b)
    assert stated_by(merged, "founded") == [("a", "a#1")]
    assert stated_by(merged, "country") == [("b", "b#7")]
    assert stated_by(merged, "name") == [("a", "a#1"), ("b", "b#7")]  # both: not listed
    assert "name" not in merged["fact_fields"]
    assert merge_props(merged, b) == merged  # a reload changes nothing


def test_a_disputed_figure_is_stated_by_the_source_whose_value_stands():
    a = {"amount": 14.8, "source_ids": ["a"], "locators": ["a#1"]}
    b = {"amount": 14.3, "source_ids": ["b"], "locators": ["b#2"]}
    merged = merge_props(a, b)
    assert merged["amount"] == 14.8 and stated_by(merged, "amount") == [("a", "a#1")]


def test_unloading_a_source_drops_its_facts_and_what_only_it_stated(article_graph):
    graph = article_graph.copy()
    unload_from_graph(graph, RECORD)
    musically = graph.nodes["bytedance-musically-2017"]
    assert "year" not in musically and "amount" not in musically  # only the public record gave them
    assert musically["summary"] and RECORD not in musically.get("fact_sources", [])
    ilya = graph.nodes["ilya-sutskever"]
    assert ilya["name"] == "Ilya Sutskever"  # a name stays, whoever gave it
    character = graph.nodes["google-character-ai-2024"]
    assert character["amount"] == 2_500_000_000 and "year" not in character


def test_fact_lists_survive_a_round_trip_through_both_stores(store_factory):
    store = store_factory()
    load_sources(store, ["article"])
    deal = store.node("bytedance-musically-2017")
    assert "year" in deal.props["fact_fields"] and len(deal.props["fact_fields"]) == len(deal.props["fact_locators"])
    load_sources(store, ["article"])
    assert store.node("bytedance-musically-2017").props == deal.props
