"""Every catalogue query gives the same table on the embedded store and on Neo4j, over
the article graph and over a seeded synthetic graph, for several parameter sets each."""

from __future__ import annotations

import networkx as nx
import pytest
from helpers import GRAPHS, embedded_store
from talentgraph.queries.catalogue import CATALOGUE, get_query, run_query

get_query("trace")  # fills CATALOGUE
QUERIES = sorted(CATALOGUE)

ARTICLE_CASES = {
    "talent_paths": [{}, {"person": "Zhu Jun"}, {"acquirer": "Meta", "kind": "stake"}, {"as_of": 2014}],
    "acquired_leaders": [{}, {"acquirer": "ByteDance"}, {"as_of": 2013}],
    "boomerangs": [{}, {"person": "Noam Shazeer"}, {"as_of": 2023}],
    "co_movers": [{}, {"person": "Yang Luyu"}, {"as_of": 2016}],
    "failed_bids": [{}, {"acquirer": "Meta"}, {"as_of": 2024}],
    "shopping_cart": [{"acquirer": "Meta"}, {"acquirer": "ByteDance", "as_of": 2017}],
    "deals_by_year": [{}, {"kind": "licence_and_hire"}, {"as_of": 2014}],
    "flows": [{}, {"level": "country"}, {"as_of": 2013}],
    "timeline": [{}, {"entity": "Meta"}, {"as_of": 2014}],
    "disputes": [{}, {"field": "amount_usd"}, {"field": "kind"}, {"field": "no_such_field"}],
    "moves": [{}, {"entity": "Meta"}, {"entity": "Yu Jiahui"}, {"as_of": 2010}, {"as_of": 2008}],
    "neighbourhood": [{"entity": "Scale AI"}, {"entity": "Meta", "depth": 2}, {"entity": "Zhu Jun", "depth": 3}],
    "trace": [{"person": "Alexandr Wang"}, {"person": "Noam Shazeer"}, {"person": "Zhu Jun"}],
    "path": [
        {"from": "Meta", "to": "Scale AI"},
        {"from": "Zhu Jun", "to": "Douyin"},
        {"from": "Alexandr Wang", "to": "Yu Jiahui", "types": "MOVED,ACQUIRER,TARGET,LEADS,WORKED_AT,PART_OF"},
        {"from": "Meta", "to": "Meta"},
        {"from": "Meta", "to": "Tencent", "max_hops": 2},
    ],
    "describe": [
        {"entity": "Meta"},
        {"entity": "Alexandr Wang"},
        {"entity": "Lovart"},
        {"entity": "meta-openai-researchers-2025"},
        {"entity": "Meta", "source": "public-record"},
        {"entity": "36kr-2025-07-11"},
    ],
    "deals": [
        {},
        {"acquirer": "Meta", "sort": "amount", "order": "desc"},
        {"country": "CN"},
        {"person": "Zhu Jun"},
        {"target": "SSI"},
        {"kind": "hire,stake", "status": "completed"},
        {"from_year": 2014, "to_year": 2024, "sort": "name", "order": "desc"},
        {"source": "public-record", "sort": "valuation"},
        {"sort": "pay", "order": "desc", "as_of": 2025},
    ],
    "entities": [
        {},
        {"label": "Organization", "country": "CN"},
        {"label": "Organization", "kind": "lab"},
        {"label": "Person", "search": "zhang"},
        {"label": "Person", "source": "public-record"},
    ],
    "search": [
        {"text": "google"},
        {"text": "founder mode"},
        {"text": "字节"},
        {"text": "ZHANG"},
        {"text": "meta", "label": "Deal", "limit": 3},
        {"text": "antitrust", "source": "36kr-2025-07-11"},
        # index-backed on Neo4j: fragments, Chinese, stop words; the scan: x.ai
        {"text": "zucker"},
        {"text": "张小龙"},
        {"text": "the acquisition"},
        {"text": "ai"},
        {"text": "x.ai"},
    ],
    "claims": [
        {},
        {"about": "Pinduoduo"},
        {"about": "Meta / Instagram (2012)"},
        {"about": "Mark Zuckerberg"},
        # through their deals: Meta as acquirer, OpenAI as target, Ronaldo moved
        {"about": "Meta"},
        {"about": "OpenAI", "kind": "prediction"},
        {"about": "Ronaldo"},
        {"kind": "market_split"},
    ],
    "all_paths": [
        {"from": "OpenAI", "to": "Meta"},
        {"from": "OpenAI", "to": "Meta", "max_hops": 6, "limit": 1001},
        {"from": "OpenAI", "to": "Meta", "max_hops": 5, "via": "Yu Jiahui"},
        {"from": "Musical.ly", "to": "Doubao", "max_hops": 8, "via": "Zhu Jun", "mode": "shortest"},
        {"from": "Meituan", "to": "Pinduoduo", "max_hops": 2, "types": "ABOUT"},
        {"from": "Meta", "to": "Tencent", "max_hops": 7, "types": "TARGET,ACQUIRER,PART_OF"},
    ],
}


def synthetic_cases(graph: nx.MultiDiGraph) -> dict[str, list[dict]]:
    """Parameter sets that hit non-empty answers on the synthetic graph."""
    moved = sorted({v for _, v, a in graph.edges(data=True) if a["type"] == "MOVED"})
    buyers = sorted({v for _, v, a in graph.edges(data=True) if a["type"] == "ACQUIRER"})
    undirected = nx.Graph(graph)
    pairs = [(a, b) for a, b in zip(moved[::7], buyers[::3], strict=False) if nx.has_path(undirected, a, b)][:3]
    stints = [(u, v) for u, v, a in graph.edges(data=True) if a["type"] == "WORKED_AT"]
    careers = sorted({u for u, _ in stints if sum(1 for w, _ in stints if w == u) >= 3})
    employers = sorted({v for _, v in stints}, key=lambda o: (-sum(1 for _, w in stints if w == o), o))
    many = max(
        ((a, b) for a in moved[:15] for b in moved[15:30]),
        key=lambda ab: len(list(nx.all_shortest_paths(undirected, *ab))) if nx.has_path(undirected, *ab) else 0,
    )
    deal_ids = sorted(n for n, a in graph.nodes(data=True) if a["label"] == "Deal")
    fragment = str(graph.nodes[moved[0]].get("name", moved[0])).split()[-1][:4]
    answers = {
        "describe": [{"entity": buyers[0]}, {"entity": moved[0]}, {"entity": deal_ids[0]}, {"entity": employers[0]}],
        "deals": [
            {},
            {"acquirer": buyers[0]},
            {"person": moved[1]},
            {"sort": "amount", "order": "desc"},
            {"status": "failed,rejected", "sort": "valuation"},
            {"target": employers[0], "as_of": 2015},
        ],
        "entities": [{}, {"label": "Organization"}, {"label": "Person", "search": fragment}],
        "search": [{"text": fragment}, {"text": fragment, "label": "Person", "limit": 5}],
    }
    return answers | {
        "talent_paths": [{}, {"person": moved[3]}, {"acquirer": buyers[2], "as_of": 2015}, {"kind": "acquihire"}],
        "acquired_leaders": [{}, {"as_of": 2012}],
        "boomerangs": [{}, {"as_of": 2018}],
        "co_movers": [{}, {"person": moved[5]}, {"as_of": 2010}],
        "failed_bids": [{}, {"acquirer": buyers[1]}, {"as_of": 2015}],
        "shopping_cart": [{"acquirer": b} for b in buyers[:4]] + [{"acquirer": buyers[4], "as_of": 2012}],
        "deals_by_year": [{}, {"kind": "stake"}, {"as_of": 2010}],
        "flows": [{}, {"level": "country"}, {"level": "country", "as_of": 2012}],
        "timeline": [{}, {"entity": buyers[0]}, {"entity": moved[0], "as_of": 2015}],
        "disputes": [{}, {"field": "amount"}, {"field": "year"}],
        "moves": [
            {},
            {"entity": careers[0]},
            {"entity": careers[1], "as_of": 2005},
            {"entity": employers[0]},
            {"entity": employers[1], "as_of": 2008},
            {"as_of": 2003},
        ],
        "neighbourhood": [{"entity": buyers[0]}, {"entity": moved[1], "depth": 2}, {"entity": moved[2], "depth": 3}],
        "trace": [{"person": p} for p in moved[:6]],
        "path": [{"from": a, "to": b} for a, b in pairs]
        + [
            {"from": many[0], "to": many[1], "limit": 3},
            {"from": many[0], "to": many[1], "limit": 1000},
            {"from": pairs[0][0], "to": pairs[0][1], "types": "WORKED_AT,TARGET,ACQUIRER,MOVED"},
            {"from": pairs[1][0], "to": pairs[1][1], "max_hops": 2},
        ],
        "claims": [{}, {"about": buyers[0]}, {"about": "d-000011"}],
        "all_paths": [{"from": a, "to": b, "max_hops": 5, "limit": 50} for a, b in pairs]
        + [
            {"from": pairs[0][0], "to": pairs[0][1], "max_hops": 6, "via": buyers[0]},
            {"from": many[0], "to": many[1], "mode": "shortest", "max_hops": 8, "limit": 1001},
            {"from": pairs[2][0], "to": pairs[2][1], "max_hops": 4, "types": "WORKED_AT,TARGET,ACQUIRER,MOVED"},
        ],
    }


CASES = [(graph, query) for graph in GRAPHS for query in QUERIES]


@pytest.mark.parametrize(("graph_name", "query"), CASES, ids=[f"{g}-{q}" for g, q in CASES])
def test_embedded_and_neo4j_give_the_same_rows(graph_name, query, records, neo4j_graphs):
    embedded = embedded_store(records[graph_name])
    neo4j = neo4j_graphs.load(graph_name)
    cases = ARTICLE_CASES if graph_name == "article" else synthetic_cases(embedded.graph)
    answered = 0
    for params in cases[query]:
        expected = run_query(embedded, query, params)
        assert run_query(neo4j, query, params) == expected, params
        answered += bool(expected["rows"])
    assert answered, f"every parameter set of {query} gave no rows on {graph_name}: the comparison proves nothing"


def test_every_query_has_cases_on_both_graphs(records):
    synthetic = synthetic_cases(embedded_store(records["synthetic"]).graph)
    assert set(ARTICLE_CASES) == set(synthetic) == set(QUERIES)


class IndexedServer:
    """Stands for a Neo4j store whose full-text indexes are online (only the statement
    choice is checked here; the parity tests run the statements on a real server)."""

    def fulltext_ready(self) -> bool:
        return True


# inputs that make a query choose another statement file (see QueryDef.statement)
OTHER_STATEMENTS = {
    "search": [{"text": "meta"}],
    "deals": [{"acquirer": "meta"}],
    "claims": [{"about": "meta"}],
    "neighbourhood": [{"entity": "meta", "depth": 2}, {"entity": "meta", "depth": 3}],
}


@pytest.mark.parametrize("query", QUERIES)
def test_cypher_file_uses_exactly_the_declared_parameters(query):
    import re

    from talentgraph.queries.catalogue import statement_text

    entry = get_query(query)
    declared = {p.name for p in entry.params}
    # path's $limit, all_paths' $limit, $via and $mode are applied by talentgraph to the
    # subgraph the Cypher fetches (see path.cypher, all_paths.cypher); the answer queries
    # read candidates in Cypher and filter them with their twin's code
    applied_after = {"path": {"limit"}, "all_paths": {"limit", "via", "mode"}}
    after = set(entry.applied_after) | applied_after.get(query, set())
    defaults = {p.name: p.default for p in entry.params}
    # each statement binds only declared parameters (or its own extras), and together
    # the statements a query chooses from use every parameter not applied in Python
    every: set[str] = set()
    for bound in [defaults, *({**defaults, **b} for b in OTHER_STATEMENTS.get(query, []))]:
        file, extra = entry.statement(bound, IndexedServer()) if entry.statement else (entry.cypher_path, {})
        text = "\n".join(line for line in statement_text(file).splitlines() if not line.lstrip().startswith("//"))
        used = set(re.findall(r"\$(\w+)", text))
        assert used <= (declared - after) | set(extra), file
        every |= used - set(extra)
    assert every == declared - after


SEEDED = [
    ("deals", {"acquirer": "meta"}),
    ("deals", {"person": "zhu-jun"}),
    ("deals", {"target": "scale-ai"}),
    ("shopping_cart", {"acquirer": "meta"}),
    ("claims", {"about": "pinduoduo"}),
    ("describe", {"entity": "meta"}),
    ("trace", {"person": "alexandr-wang"}),
    ("neighbourhood", {"entity": "meta", "depth": 2}),
]


def _spy(store, monkeypatch) -> list[str]:
    sent: list[str] = []
    real = store.execute_read
    monkeypatch.setattr(
        store, "execute_read", lambda text, parameters=None: sent.append(text) or real(text, parameters)
    )
    return sent


@pytest.mark.parametrize(("query", "params"), SEEDED, ids=[f"{q}-{list(p)[0]}" for q, p in SEEDED])
def test_a_seeded_query_starts_from_its_entity_in_two_round_trips(query, params, neo4j_graphs, monkeypatch):
    from talentgraph.queries.catalogue import bind_params, entity_resolver, statement_text

    store = neo4j_graphs.load("article")
    sent = _spy(store, monkeypatch)
    assert run_query(store, query, params)["rows"]
    assert len(sent) == 2  # the entity (id, label, properties together), then the query itself
    entry = get_query(query)
    bound = bind_params(entry, params, entity_resolver(store))
    file, extra = entry.statement(bound, store) if entry.statement else (entry.cypher_path, {})
    plan = store.driver.execute_query(
        "EXPLAIN " + statement_text(file), {**bound, **extra}, database_=store.database
    ).summary.plan

    def operators(step: dict) -> list[str]:
        return [step["operatorType"].split("@")[0]] + [
            o for child in step.get("children", []) for o in operators(child)
        ]

    assert not [o for o in operators(plan) if o in ("NodeByLabelScan", "AllNodesScan")], file


def test_a_name_is_found_through_the_full_text_index_not_by_reading_every_name(neo4j_graphs, monkeypatch):
    from talentgraph.queries.catalogue import _NAME_ENTRIES

    store = neo4j_graphs.load("article")
    store.ensure_schema()
    sent = _spy(store, monkeypatch)
    by_name = run_query(store, "deals", {"acquirer": "Meta", "person": "ALEXANDR WANG"})
    assert by_name == run_query(store, "deals", {"acquirer": "meta", "person": "alexandr-wang"})
    assert by_name["rows"] and _NAME_ENTRIES not in sent
    # the normalised spelling of a name or alias resolves too
    assert [row[0] for row in run_query(store, "deals", {"target": "musically"})["rows"]] == [
        "ByteDance / Musical.ly (2017)",
        "Musical.ly and Douyin merge into TikTok (2018)",
    ]
