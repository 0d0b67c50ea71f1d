"""Wikidata acquisition extracts and SPARQL JSON results."""

from __future__ import annotations

from pathlib import Path

import pytest
from talentgraph.graph import EmbeddedStore
from talentgraph.loaders import load_sources, read_source, validate_sources
from talentgraph.loaders.wikidata import parse_sparql_json

DATA = Path(__file__).parent / "data" / "wikidata"


@pytest.fixture(params=["embedded"])
def store_factory(request):
    return EmbeddedStore


def test_extract_becomes_completed_acquisitions_with_qids(store_factory):
    store = store_factory()
    report = load_sources(store, [str(DATA)])[0]
    assert report.loader == "wikidata"
    assert any("repeated edges" in n for n in report.notes)
    assert any("missing from wikidata_entities.csv" in n for n in report.notes)
    g = store.to_networkx()
    microsoft = next(n for n, a in g.nodes(data=True) if a.get("wikidata_qid") == "Q2283")
    assert "Q2283" in g.nodes[microsoft]["aliases"]
    deals = [u for u, v, a in g.in_edges(microsoft, data=True) if a["type"] == "ACQUIRER"]
    assert deals and all(g.nodes[d]["kind"] == "acquisition" and g.nodes[d]["status"] == "completed" for d in deals)
    dated = [d for d, a in g.nodes(data=True) if a["label"] == "Deal" and "year" in a]
    assert all(g.nodes[d]["date"].startswith(str(g.nodes[d]["year"])) for d in dated) and dated


def test_sparql_json_acquirer_target_date(store_factory):
    store = store_factory()
    load_sources(store, [str(DATA / "sparql-acquisitions.json")])
    g = store.to_networkx()
    deal = next(d for d, a in g.nodes(data=True) if a.get("name", "").startswith("Google / DeepMind"))
    assert g.nodes[deal]["year"] == 2014
    ends = {a["type"]: g.nodes[v]["name"] for _, v, a in g.out_edges(deal, data=True)}
    assert ends == {"TARGET": "DeepMind", "ACQUIRER": "Google"}


def test_wikidata_merges_into_the_article_by_name_and_keeps_the_qid(store_factory):
    store = store_factory()
    load_sources(store, ["article"])
    notes = load_sources(store, [str(DATA / "sparql-acquisitions.json")])[-1].notes
    assert "merged google-q95 into google (same normalised name)" in notes
    google = store.to_networkx().nodes["google"]
    assert google["wikidata_qid"] == "Q95" and "Q95" in google["aliases"]


def test_sparql_without_acquirer_is_a_problem(tmp_path):
    path = tmp_path / "q.json"
    path.write_text('{"head": {"vars": ["company", "target"]}, "results": {"bindings": []}}')
    assert [str(p) for p in validate_sources([str(path)], loader="wikidata")] == [
        f"{path}: the query must bind ?acquirer and ?target (it binds company, target)"
    ]


def test_parse_is_pure():
    batch = parse_sparql_json(
        '{"head": {"vars": ["acquirer", "target"]}, "results": {"bindings": [{"acquirer": '
        '{"value": "Q1"}, "target": {"value": "not a qid"}}]}}',
        "x.json",
    )
    assert [p.message for p in batch.problems] == ["binding 1: ?acquirer and ?target must be Wikidata entities"]


def test_ceo_and_chair_edges_become_leads_and_worked_at(store_factory):
    store = store_factory()
    report = load_sources(store, [str(DATA)])[0]
    g = store.to_networkx()
    google = next(n for n, a in g.nodes(data=True) if a.get("wikidata_qid") == "Q95")
    leaders = {u: a["role"] for u, v, a in g.in_edges(google, data=True) if a["type"] == "LEADS"}
    assert leaders == {
        "q92747": "chief executive officer",
        "q4934": "chief executive officer",
        "q3503829": "chief executive officer",
    }
    assert g.nodes["q3503829"]["wikidata_qid"] == "Q3503829" and g.nodes["q3503829"]["label"] == "Person"
    chairs = [(u, v) for u, v, a in g.edges(data=True) if a["type"] == "WORKED_AT" and a["role"] == "chair"]
    assert len(chairs) == 2  # the edge listed under two countries is one fact
    assert any("20 CEO edges as LEADS and 2 chair edges as WORKED_AT" in n for n in report.notes)
    assert any("not loaded from wikidata_prop_edges.csv: 3 INDUSTRY" in n for n in report.notes)


def test_full_wikidata_extract_loads(shared_path):
    folder = shared_path("data", "wikidata-acquisitions")
    name, batch = read_source(str(folder))
    assert name == "wikidata" and not batch.problems
    assert sum(1 for n in batch.nodes if n.label.value == "Deal") > 4_000
    assert sum(1 for r in batch.relationships if r.type.value == "LEADS") > 1_500
