"""Claims: the article's statements beyond deals and roles, as Claim nodes with ABOUT
relationships — curated, queried on both stores, listed by `talentgraph claims`,
exported and drawn, and never taken for a connection between entities."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from talentgraph.cli import cli
from talentgraph.graph.export.cypher_script import graph_to_cypher
from talentgraph.graph.export.neo4j_admin import graph_to_neo4j_admin
from talentgraph.graph.model import ClaimKind
from talentgraph.graph.page.style import node_style
from talentgraph.loaders import load_sources, parse_curated, read_source
from talentgraph.queries import claims, shortest_paths
from talentgraph.queries.simple_paths import all_paths

ARTICLE = "36kr-2025-07-11"
SOURCE = "source: {id: s, name: S, at: [p1]}\norganizations: [{id: acme, name: Acme, kind: company, at: [p1]}]\n"


def test_every_claim_of_the_article_has_a_kind_text_and_article_locator(article_graph):
    found = {n: a for n, a in article_graph.nodes(data=True) if a["label"] == "Claim"}
    assert len(found) >= 10
    kinds = {a["kind"] for a in found.values()}
    assert {"market_split", "threshold", "pattern", "prediction"} <= kinds <= {k.value for k in ClaimKind}
    for claim, attrs in found.items():
        assert attrs["text"] and attrs["name"], claim
        assert any(re.fullmatch(rf"{ARTICLE}#s0[0-3]\.p\d+", loc) for loc in attrs["locators"]), claim
        assert article_graph.out_degree(claim) >= 1, f"{claim} is about nothing"


def test_market_splits_and_thresholds_keep_their_figures(article_graph):
    us, china = article_graph.nodes["claim-us-mobile-split"], article_graph.nodes["claim-china-mobile-split"]
    assert (us["values"], us["unit"], china["values"]) == ([92, 8], "percent", [60, 40])
    three = article_graph.nodes["claim-three-startups-100bn"]
    assert (three["values"], three["unit"], three["values_qualifier"]) == ([100_000_000_000], "USD", "more than")


def test_claims_about_an_entity_list_subjects_and_examples(article_store):
    table = claims(article_store, about="pinduoduo")
    assert [row[0] for row in table["rows"]] == ["claim-china-mobile-split", "claim-three-startups-100bn"]
    row = dict(zip(table["columns"], table["rows"][1], strict=True))
    assert row["about"] == ["Alibaba", "Baidu", "ByteDance", "Meituan", "Pinduoduo", "Tencent"]
    pattern = dict(zip(table["columns"], claims(article_store, about="heygen")["rows"][0], strict=True))
    assert pattern["id"] == "claim-china-ai-financing-path" and pattern["about"] == []
    assert pattern["examples"] == ["Genspark", "HeyGen", "Lovart", "Manus"]
    # a deal can be what a claim cites
    cited = claims(article_store, about="meta-instagram-2012")["rows"]
    assert [r[0] for r in cited] == ["claim-meta-mobile-asset-purchases"]


def test_claims_command_text_and_json(tmp_path):
    store = ["--store", str(tmp_path / "g.json")]
    CliRunner().invoke(cli, [*store, "load", "article"])
    text = CliRunner().invoke(cli, [*store, "claims", "--about", "Meta / Instagram (2012)"])
    assert text.exit_code == 0
    assert text.output == (
        "Meta's mobile-era purchases bought assets, not people [assessment] (claim-meta-mobile-asset-purchases)\n"
        "  Instagram, WhatsApp and Oculus VR were pure asset purchases; their founders cashed out and left after "
        "three to four years while the products kept growing\n"
        "  figures: 3 years / 4 years\n"
        "  about: Meta\n"
        "  examples: Meta / Instagram (2012), Meta / Oculus VR (2014), Meta / WhatsApp (2014)\n"
        f"  stated at: {ARTICLE}#s02.p6\n"
    )
    # the company is neither subject nor example of any claim, its purchase is: found through it
    bought = CliRunner().invoke(cli, [*store, "claims", "--about", "Instagram"]).output
    assert bought.splitlines()[0].endswith("(claim-meta-mobile-asset-purchases)")
    assert CliRunner().invoke(cli, [*store, "claims", "--about", "Chen Lin"]).output == "no claims about Chen Lin\n"
    doc = json.loads(CliRunner().invoke(cli, [*store, "claims", "--json"]).output)
    assert doc["columns"][:3] == ["id", "name", "kind"] and len(doc["rows"]) >= 10
    money = CliRunner().invoke(cli, [*store, "claims", "--about", "Meituan"]).output
    assert "  figures: more than USD 100 bn\n" in money and "  figures: 60 % / 40 %\n" in money
    wrong = CliRunner().invoke(cli, [*store, "claims", "--about", "Nobody at all"])
    assert wrong.exit_code == 1 and wrong.output.startswith("Error: no entity named 'Nobody at all'")


@pytest.mark.parametrize(
    "claims_yaml, message",
    [
        (
            "claims: [{id: c, name: C, kind: rumour, about: [acme], at: [p2]}]",
            "kind 'rumour' is not one of: market_split, threshold, pattern, prediction, comparison, assessment, trend",
        ),
        (
            "claims: [{id: c, name: C, kind: threshold, about: [nobody], at: [p2]}]",
            "ABOUT end 'nobody' is not defined in this file — expected the id of a Organization or Person or Deal",
        ),
        (
            "claims: [{id: c, name: C, kind: threshold, values: [1, many], about: [acme], at: [p2]}]",
            "'values' must be a list of numbers, e.g. values: [60, 40]",
        ),
        (
            "claims: [{id: c, name: C, kind: threshold, at: [p2]}]",
            "claim 'c' needs 'about': the ids of what it is about",
        ),
    ],
)
def test_bad_claims_are_reported_with_file_and_line(claims_yaml, message):
    problems = [str(p) for p in parse_curated(SOURCE + claims_yaml + "\n", "mine.yaml").problems]
    assert problems == [f"mine.yaml:3: {message}"]


def test_mixed_figures_become_one_number_type_for_neo4j():
    claim_yaml = "claims: [{id: c, name: C, kind: comparison, values: [1, 2.5], about: [acme], at: [p2]}]\n"
    batch = parse_curated(SOURCE + claim_yaml)
    claim = next(n for n in batch.nodes if n.id == "c")
    assert claim.props["values"] == [1.0, 2.5] and batch.problems == []


def test_claims_are_no_connection_between_entities(article_store):
    # Meituan and Pinduoduo are only linked by the claims about them
    assert shortest_paths(article_store, "meituan", "pinduoduo") == []
    assert all_paths(article_store, "meituan", "pinduoduo", max_hops=4)["paths"] == []
    through = all_paths(article_store, "meituan", "pinduoduo", max_hops=2, types=["ABOUT"])["paths"]
    assert [[n["id"] for n in p["nodes"]] for p in through] == [
        ["meituan", "claim-china-mobile-split", "pinduoduo"],
        ["meituan", "claim-three-startups-100bn", "pinduoduo"],
    ]


def test_exports_and_page_carry_claims(article_graph):
    files = graph_to_neo4j_admin(article_graph).files
    assert "nodes_Claim.csv" in files and "relationships_ABOUT.csv" in files
    assert files["nodes_Claim.csv"].splitlines()[0].startswith("id:ID,:LABEL")
    assert "MATCH (b:Organization|Person|Deal {id: row.end})" in graph_to_cypher(article_graph)
    style = node_style(article_graph.nodes["claim-us-mobile-split"], degree=3)
    assert style["shape"] == "triangleDown"


def test_claims_load_and_read_back_on_both_stores(store_factory):
    store = store_factory()
    load_sources(store, ["article"])
    _, batch = read_source("article")
    expected = sorted(n.id for n in batch.nodes if n.label.value == "Claim")
    assert [row[0] for row in claims(store)["rows"]] == expected
    assert store.stats()["relationships"]["ABOUT"] == sum(1 for r in batch.relationships if r.type.value == "ABOUT")


def test_a_claim_about_a_source_is_refused_before_anything_is_written():
    from talentgraph.graph import EmbeddedStore, Label, Node, Relationship, RelType
    from talentgraph.graph.errors import ModelError

    prov = {"source_ids": ["s"], "locators": ["s#1"]}
    nodes = [Node("s", Label.SOURCE, {"name": "S", **prov}), Node("c", Label.CLAIM, {"name": "C", **prov})]
    store = EmbeddedStore()
    with pytest.raises(
        ModelError, match=r"ABOUT 'c' -> 's': 's' is a Source, expected a Deal or Organization or Person"
    ):
        store.write(nodes, [Relationship(RelType.ABOUT, "c", "s", dict(prov))])
    assert store.stats()["nodes"] == {}
