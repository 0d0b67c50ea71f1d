"""Groups of people: a deal that moves more people than it names counts its headcount in
flows, co_movers and deals_by_year — on both stores — and the curated format checks it."""

from __future__ import annotations

import pytest
from talentgraph.graph.model import heads
from talentgraph.loaders import parse_curated
from talentgraph.queries.catalogue import run_query

HIRES = "meta-openai-researchers-2025"
HEAD = (
    "source: {id: s, name: S, at: [p1]}\n"
    "organizations: [{id: a, name: A, kind: company, at: [p1]}, {id: b, name: B, kind: company, at: [p1]}]\n"
    "people: [{id: x, name: X, at: [p1]}, {id: y, name: Y, at: [p1]}]\n"
)


def test_heads_is_the_headcount_or_the_named_people_whichever_is_larger():
    assert heads({"headcount": 8}, 1) == 8
    assert heads({"headcount": 2}, 3) == 3
    assert heads({}, 2) == 2
    assert heads({"headcount": None}, 0) == 0


def test_the_eight_researchers_are_eight_people_four_of_them_chinese(article_graph):
    deal = article_graph.nodes[HIRES]
    assert (deal["headcount"], deal["group_countries"], deal["group_country_counts"]) == (8, ["CN"], [4])
    assert "4 of them Chinese" in deal["group"]
    named = [v for _, v, a in article_graph.out_edges(HIRES, data=True) if a["type"] == "MOVED"]
    assert named == ["yu-jiahui"]


def test_queries_count_heads_on_both_stores(store_factory):
    from talentgraph.loaders import load_sources

    store = store_factory()
    load_sources(store, ["article"])
    flows = run_query(store, "flows")["rows"]
    assert flows[0] == ["OpenAI", "Meta", 8, 1]
    movers = {row[0]: row for row in run_query(store, "co_movers")["rows"]}
    assert movers["Meta hires eight OpenAI researchers (2025)"][3:] == [8, ["Yu Jiahui"]]
    by_year = {(r[0], r[1]): r for r in run_query(store, "deals_by_year")["rows"]}
    # 2025 hires: the eight researchers and SSI's CEO
    assert by_year[(2025, "hire")][-1] == 9
    us = {(r[0], r[1]): r[2] for r in run_query(store, "flows", {"level": "country"})["rows"]}
    assert us[("US", "US")] == 13


def test_a_group_without_named_people_still_flows():
    text = HEAD + (
        "deals: [{id: d, name: D, kind: hire, status: completed, acquirer: a, target: b, headcount: 5, at: [p2]}]\n"
    )
    batch = parse_curated(text)
    assert batch.problems == []
    from talentgraph.graph import EmbeddedStore

    store = EmbeddedStore()
    store.write(batch.nodes, batch.relationships)
    assert run_query(store, "flows")["rows"] == [["B", "A", 5, 1]]
    assert run_query(store, "co_movers")["rows"] == [["D", None, "A", 5, []]]


@pytest.mark.parametrize(
    "deal, message",
    [
        (
            "headcount: 1, moved: [{person: x, at: [p2]}, {person: y, at: [p2]}]",
            "headcount 1 must be a whole number of people, at least the 2 named under 'moved'",
        ),
        ("headcount: eight", "headcount 'eight' must be a whole number of people, at least the 0 named under 'moved'"),
        (
            "headcount: 3, group_countries: {CN: 4}",
            "'group_countries' needs a 'headcount' at least as large as its counts",
        ),
        (
            "headcount: 3, group_countries: [CN]",
            "'group_countries' must map a country code to how many of the group come from it, e.g. {CN: 4}",
        ),
    ],
)
def test_bad_groups_are_reported(deal, message):
    text = HEAD + (
        f"deals: [{{id: d, name: D, kind: hire, status: completed, acquirer: a, target: b, {deal}, at: [p2]}}]\n"
    )
    assert [str(p) for p in parse_curated(text, "g.yaml").problems] == [f"g.yaml:4: {message}"]
