"""The rendered page without a browser: self-contained, deterministic, escaped, filtered."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest
from click.testing import CliRunner
from talentgraph.cli import cli
from talentgraph.graph import EmbeddedStore
from talentgraph.graph.errors import QueryError
from talentgraph.graph.page.layout import cluster_layout
from talentgraph.graph.page.pyvis_render import render_page
from talentgraph.graph.page.scope import GraphFilter, drawable_graph, filter_graph
from talentgraph.graph.page.style import NODE_CLASSES, OKABE_ITO
from talentgraph.graph.page.timeline import timeline
from talentgraph.loaders import load_sources
from talentgraph.queries.paths import shortest_paths_in_graph as shortest_paths

from tests.benchmarks.synthetic import synthetic_graph

XSS_NAMES = ["<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>", "<!--<script>alert(2)</script>"]


@pytest.fixture(scope="module")
def article() -> nx.MultiDiGraph:
    store = EmbeddedStore()
    load_sources(store, ["article"])
    return store.to_networkx()


def xss_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    prov = {"source_ids": ["s"], "locators": ["s#1"]}
    g.add_node("s", label="Source", name="</script>src", title="<b>t</b>", url="javascript:alert(3)", **prov)
    for i, name in enumerate(XSS_NAMES):
        g.add_node(f"p{i}", label="Person", name=name, aliases=[name], country="<i>", **prov)
    g.add_node("d", label="Deal", name="deal", kind="acquisition", status="failed", summary=XSS_NAMES[1], **prov)
    for i in range(len(XSS_NAMES)):
        g.add_edge("d", f"p{i}", "MOVED|")
        g.edges["d", f"p{i}", "MOVED|"].update(type="MOVED", key="", role=XSS_NAMES[0], **prov)
    return g


def claim_graph() -> nx.MultiDiGraph:
    """A deal with per-fact provenance and a claim about it (labels the page has no special style for)."""
    g = nx.MultiDiGraph()
    g.add_node("sheet", label="Source", name="Deal sheet", title="Deal sheet")
    g.add_node("acme", label="Organization", name="Acme", kind="company")
    g.add_node("beta", label="Organization", name="Beta", kind="company")
    g.add_node(
        "d",
        label="Deal",
        name="Acme / Beta (2024)",
        kind="acquisition",
        status="completed",
        year=2024,
        amount=2_000_000_000,
        currency="USD",
        amount_usd=2_000_000_000,
        fact_fields=["amount", "year"],
        fact_sources=["sheet", "sheet"],
        fact_locators=["sheet#row-7", "sheet#row-7"],
    )
    g.add_node("c", label="Claim", name="Beta was bought for talent", stance="asserted")
    g.add_node("x", label="Rumour", name="Something unheard of")
    for u, v, t in (("d", "beta", "TARGET"), ("d", "acme", "ACQUIRER"), ("c", "d", "ABOUT"), ("x", "c", "ECHOES")):
        g.add_edge(u, v, f"{t}|")
        g.edges[u, v, f"{t}|"].update(type=t, key="")
    return g


def test_page_loads_nothing_from_any_host(article):
    html = render_page(article).html
    tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html)
    assert all("src=" not in t and "href=" not in t for t in tags), tags
    assert "<link" not in html and "cdn." not in html and "sourceMappingURL" not in html
    # no eval, no fonts, no requests: only inline script and style, and data: images (the PNG export)
    assert (
        "content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\"" in html
    )


def test_same_graph_same_bytes(article):
    assert render_page(article).html == render_page(article.copy()).html
    big = synthetic_graph(600)  # above the physics limit: positions come from the layout
    first = render_page(big)
    assert first.html == render_page(synthetic_graph(600)).html
    assert '"x":' in first.html and '"enabled": false' in first.html.replace('"enabled":false', '"enabled": false')


def test_rendering_leaves_the_graph_as_it_was(article):
    """The page graphs share the caller's attribute dicts (no copies); nothing may write to them."""
    before = nx.node_link_data(article, edges="links")
    render_page(article, focus=["meta"], graph_filter=GraphFilter(as_of=2020, statuses=("completed",)), max_nodes=20)
    render_page(synthetic_graph(400), max_nodes=100)
    assert nx.node_link_data(article, edges="links") == before


def test_names_from_sources_cannot_break_out_of_the_page():
    html = render_page(xss_graph()).html
    for name in XSS_NAMES:
        assert name not in html
    # four data blocks, vis-network and our script: nothing from a source closes a block
    assert html.count("</script") == 6
    assert "<!--<script" not in html


def test_draws_every_node_but_sources(article):
    page = render_page(article)
    drawable = drawable_graph(article)
    assert (page.shown_nodes, page.shown_edges) == (drawable.number_of_nodes(), drawable.number_of_edges())
    assert page.notice is None


def test_status_filter_keeps_the_failed_bids_and_their_parties(article):
    view = filter_graph(drawable_graph(article), GraphFilter(statuses=("failed", "rejected", "abandoned")))
    deals = {n for n, a in view.nodes(data=True) if a["label"] == "Deal"}
    assert deals == {"meta-ssi-2025", "meta-perplexity-2025", "meta-runway-2025"}
    assert {"meta", "ssi", "perplexity", "runway"} <= set(view.nodes)
    assert "alexandr-wang" not in view  # no part in any failed bid


def test_as_of_hides_what_came_later(article):
    view = filter_graph(drawable_graph(article), GraphFilter(as_of=2014))
    years = [a["year"] for _, a in view.nodes(data=True) if a["label"] == "Deal" and "year" in a]
    assert years and max(years) <= 2014
    assert "meta-scale-ai-2025" not in view and "meta-whatsapp-2014" in view


def test_max_nodes_keeps_the_best_connected_and_says_so(article):
    page = render_page(article, max_nodes=10)
    assert page.shown_nodes == 10 and page.omitted_nodes == 87
    assert "10 most relevant of 97" in page.notice and page.notice in page.html


def test_focus_keeps_the_neighbourhood(article):
    page = render_page(article, focus=["alexandr-wang"], depth=1)
    neighbours = set(article.successors("alexandr-wang")) | set(article.predecessors("alexandr-wang"))
    assert page.shown_nodes == len(neighbours) + 1


def test_unknown_ids_are_refused(article):
    with pytest.raises(QueryError, match="no node with id 'nobody'"):
        render_page(article, focus=["nobody"])


def test_cli_writes_the_path_page(tmp_path):
    store = tmp_path / "s.json"
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", str(store), "load", "article"]).exit_code == 0
    out = tmp_path / "f.html"
    result = runner.invoke(cli, ["--store", str(store), "render", "-o", str(out), "--path", "Musical.ly", "Doubao"])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and out.read_text().startswith("<!DOCTYPE html>")
    graph = EmbeddedStore.open(store).to_networkx()
    expected = render_page(graph, paths=shortest_paths(graph, "musically", "doubao")).html
    assert out.read_text() == expected


def test_cli_errors_are_one_line(tmp_path):
    runner = CliRunner()
    store = tmp_path / "s.json"
    runner.invoke(cli, ["--store", str(store), "load", "article"])
    result = runner.invoke(cli, ["--store", str(store), "render", "-o", str(tmp_path / "x.html"), "--focus", "Nobody"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith("Error: no entity named 'Nobody'")
    result = runner.invoke(cli, ["--store", str(store), "render", "-o", str(tmp_path / "no" / "x.html")])
    assert result.exit_code == 1 and "does not exist — create it" in result.output
    assert not (tmp_path / "x.html").exists()


def test_cli_reports_truncation_on_stderr(tmp_path):
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()
    store = tmp_path / "s.json"
    runner.invoke(cli, ["--store", str(store), "load", "article"])
    result = runner.invoke(cli, ["--store", str(store), "render", "-o", str(tmp_path / "x.html"), "--max-nodes", "5"])
    assert result.exit_code == 0
    assert "Showing the 5 most relevant of 97 nodes" in result.stderr


def test_jupyter_shows_the_page_in_an_iframe(article):
    page = render_page(article, max_nodes=5)
    shown = page._repr_html_()
    assert shown.startswith("<iframe ") and "width:100%" in shown and "<script" not in shown
    assert repr(page) == "<Page 5 nodes, 5 relationships, 0.7 MB, 79 left out>" or len(repr(page)) < 80


def test_country_filter_keeps_the_foreign_party_of_a_deal(article):
    view = filter_graph(drawable_graph(article), GraphFilter(countries=("CN",)))
    people = {a.get("country") for _, a in view.nodes(data=True) if a["label"] == "Person"}
    assert people == {"CN"}
    deals = [n for n, a in view.nodes(data=True) if a["label"] == "Deal"]
    assert deals and all(any(view.nodes[p].get("country") == "CN" for p in view.successors(d)) for d in deals)


def test_kind_filter_in_the_cli_draws_only_those_deals(tmp_path):
    store = tmp_path / "s.json"
    runner = CliRunner()
    runner.invoke(cli, ["--store", str(store), "load", "article"])
    result = runner.invoke(
        cli, ["--store", str(store), "render", "-o", str(tmp_path / "k.html"), "--kind", "licence_and_hire"]
    )
    assert result.exit_code == 0, result.output
    html = (tmp_path / "k.html").read_text()
    assert "Google / Character.ai" in html and "Meta / WhatsApp (2014)" not in html
    result = runner.invoke(cli, ["--store", str(store), "render", "-o", str(tmp_path / "k.html"), "--kind", "buyout"])
    assert result.exit_code == 2 and "'buyout' is not one of" in result.output


def test_as_of_2012_hides_what_did_not_exist_yet(article):
    view = filter_graph(drawable_graph(article), GraphFilter(as_of=2012))
    assert not {"ssi", "chatgpt", "doubao", "tiktok", "llama-4"} & set(view.nodes)
    assert {"meta", "instagram", "meta-instagram-2012", "mark-zuckerberg", "tencent"} <= set(view.nodes)
    kept = filter_graph(drawable_graph(article), GraphFilter(as_of=2012, keep_undated=True))
    # undated TuChong is kept on request; Llama 4 (2025) and SSI stay out
    assert "tuchong" in kept and "llama-4" not in kept and "ssi" not in kept


def test_years_are_derived_from_the_dated_facts(article):
    years = timeline(drawable_graph(article))
    assert years.nodes["scale-ai"] == (2016, "founded 2016")
    assert years.nodes["instagram"][0] == 2012 and "Meta / Instagram" in years.nodes["instagram"][1]
    assert years.nodes["tiktok"][0] == 2018 and years.nodes["ssi"][0] == 2025
    assert years.nodes["chatgpt"] == (2022, "founded 2022") and years.nodes["tuchong"] == (None, "undated")
    details = render_page(article).html
    assert "the sources give no year" in details


def test_arrows_are_drawn_along_the_story_but_the_graph_keeps_its_directions(article):
    page = render_page(article)
    edges = json.loads(re.search(r'id="tg-edges">(.*?)</script>', page.html).group(1))
    drawn = {(e["from"], e["to"]) for e in edges}
    assert ("scale-ai", "meta-scale-ai-2025") in drawn and ("meta-scale-ai-2025", "meta") in drawn
    assert article.has_edge("meta-scale-ai-2025", "scale-ai")  # the model's TARGET direction is unchanged


def test_palette_is_colour_blind_safe_with_shapes_as_a_second_channel():
    okabe_ito = set(OKABE_ITO.values())
    classes = [c for c in NODE_CLASSES if c not in ("company", "other")]
    assert all(NODE_CLASSES[c][1] in okabe_ito for c in classes)
    shapes = [NODE_CLASSES[c][2] for c in NODE_CLASSES if c != "other"]
    assert len(set(shapes)) == len(shapes)  # no two classes told apart by colour alone


def test_unknown_labels_and_types_render(tmp_path):
    page = render_page(claim_graph())
    assert page.shown_nodes == 5 and "Something unheard of" in page.html and "echoes" in page.html


def test_large_graphs_are_laid_out_in_clusters_deterministically():
    graph = synthetic_graph(2000)
    positions = cluster_layout(graph)
    assert positions == cluster_layout(synthetic_graph(2000)) and len(positions) == graph.number_of_nodes()
    assert len(set(positions.values())) > 1990  # nodes do not sit on one another


def test_repr_is_short(article):
    page = render_page(article)
    drawn = sum(1 for _, attrs in article.nodes(data=True) if attrs.get("label") != "Source")
    assert repr(page).startswith(f"<Page {drawn} nodes, ") and len(repr(page)) < 80
