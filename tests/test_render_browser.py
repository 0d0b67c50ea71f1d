"""The page in a real headless Chromium, with every request other than the file blocked.

Needs the browser_fixture plugin (``pytest_plugins = ["tests.browser_fixture"]``).
Set TALENTGRAPH_SCREENSHOT=1 to refresh tests/artifacts/article-graph.png.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import networkx as nx
import pytest

from talentgraph.graph import EmbeddedStore
from talentgraph.graph.page.scope import GraphFilter, drawable_graph, filter_graph
from talentgraph.graph.page.pyvis_render import render_page
from talentgraph.loaders import load_sources
from talentgraph.queries import shortest_paths
from tests.test_render import XSS_NAMES, xss_graph

ARTIFACT = Path(__file__).parent / "artifacts" / "article-graph.png"
FAILED = ("failed", "rejected", "abandoned")


@pytest.fixture(scope="module")
def article() -> nx.MultiDiGraph:
    store = EmbeddedStore()
    load_sources(store, ["article"])
    return store.to_networkx()


@pytest.fixture
def article_page(article, tmp_path, open_offline):
    path = tmp_path / "article.html"
    render_page(article, title="AI talent flows — 36Kr, 2025-07-11").save(path)
    opened = open_offline(path)
    yield opened
    assert opened.requests == [], "the page tried to reach the network"
    assert opened.console_errors == []
    assert opened.dialogs == []


def visible_ids(opened) -> set[str]:
    return set(opened.js("""() => { const b = talentgraph.network.body;
        return b.nodeIndices.filter(id => !b.nodes[id].options.hidden); }"""))


def test_draws_every_node_and_relationship_offline(article, article_page):
    drawable = drawable_graph(article)
    assert article_page.js("talentgraph.drawnCounts()") == {
        "nodes": drawable.number_of_nodes(), "edges": drawable.number_of_edges()}
    legend = article_page.page.inner_text("#tg-legend")
    assert "Failed, rejected or abandoned bid" in legend and "moved with the deal" in legend
    if os.environ.get("TALENTGRAPH_SCREENSHOT"):
        ARTIFACT.parent.mkdir(exist_ok=True)
        shot = ARTIFACT.with_suffix(".tmp.png")  # replace the committed image whole
        article_page.page.screenshot(path=str(shot))
        shutil.move(shot, ARTIFACT)


def test_search_by_alias_focuses_the_person(article_page):
    page = article_page.page
    page.fill("#tg-search", "alex wang")
    page.press("#tg-search", "Enter")
    assert article_page.js("talentgraph.network.getSelectedNodes()") == ["alexandr-wang"]
    assert page.inner_text("#tg-details h2") == "Alexandr Wang"
    assert "Alex Wang" in page.inner_text("#tg-details")
    assert "36kr-2025-07-11#s01.p3" in page.inner_text("#tg-details")


def test_status_filter_hides_the_failed_bids(article, article_page):
    page = article_page.page
    for status in FAILED:
        page.uncheck(f'#tg-status-filter input[value="{status}"]')
    shown = visible_ids(article_page)
    failed = {n for n, a in article.nodes(data=True) if a.get("status") in FAILED}
    assert len(failed) == 3 and not failed & shown
    # the page's controls and `render --status ...` apply the same rules
    assert shown == set(filter_graph(drawable_graph(article), GraphFilter(statuses=("completed",))).nodes)
    page.click("#tg-reset")
    assert len(visible_ids(article_page)) == drawable_graph(article).number_of_nodes()


def test_failed_bids_only(article, article_page):
    page = article_page.page
    page.uncheck('#tg-status-filter input[value="completed"]')
    expected = filter_graph(drawable_graph(article), GraphFilter(statuses=FAILED))
    assert visible_ids(article_page) == set(expected.nodes)
    assert article_page.js("talentgraph.drawnCounts()")["edges"] == expected.number_of_edges()


def test_year_slider_shows_the_graph_as_of_a_year(article, article_page):
    article_page.page.fill("#tg-asof", "2014")
    shown = visible_ids(article_page)
    assert shown == set(filter_graph(drawable_graph(article), GraphFilter(as_of=2014)).nodes)
    assert "meta-whatsapp-2014" in shown and "meta-scale-ai-2025" not in shown


def test_path_mode_highlights_exactly_the_path(article, tmp_path, open_offline):
    paths = shortest_paths(article, "musically", "doubao")
    path = tmp_path / "path.html"
    render_page(article, paths=paths).save(path)
    opened = open_offline(path)
    bright = opened.js("""() => { const b = talentgraph.network.body;
        return b.nodeIndices.filter(id => b.nodes[id].options.opacity === 1); }""")
    wide = opened.js("""() => { const b = talentgraph.network.body;
        return b.edgeIndices.filter(id => b.edges[id].options.width === 5)
                            .map(id => [b.edges[id].fromId, b.edges[id].toId]); }""")
    on_path = {n["id"] for p in paths for n in p["nodes"]}
    assert set(bright) == on_path and {"musically", "doubao"} <= on_path
    assert set(map(tuple, wide)) == {(r["start"], r["end"]) for p in paths for r in p["relationships"]}
    opened.page.fill("#tg-search", "Doubao")
    opened.page.press("#tg-search", "Enter")
    assert "Highlighted path" in opened.page.inner_text("#tg-details")
    assert opened.requests == [] and opened.console_errors == []


def test_hostile_names_stay_text(tmp_path, open_offline):
    path = tmp_path / "xss.html"
    render_page(xss_graph()).save(path)
    opened = open_offline(path)
    for name in XSS_NAMES:
        opened.page.fill("#tg-search", name)
        opened.page.press("#tg-search", "Enter")
        assert opened.page.inner_text("#tg-details h2") == name
    opened.page.fill("#tg-search", "deal")
    opened.page.press("#tg-search", "Enter")
    details = opened.page.inner_text("#tg-details")
    assert XSS_NAMES[1] in details  # the summary, shown as text
    assert opened.page.locator("#tg-details a").count() == 0  # a javascript: url is no link
    assert opened.page.locator("img").count() == 0
    assert opened.dialogs == [] and opened.console_errors == [] and opened.requests == []


def test_deal_details_show_figures_disputes_and_sources(article_page):
    page = article_page.page
    page.fill("#tg-search", "Google / Character.ai licence and hire (2024)")
    page.press("#tg-search", "Enter")
    details = page.inner_text("#tg-details")
    assert "Deal · licence and hire" in details
    assert "USD 2.5 bn" in details and "2024" in details
    # every disputed value with its source
    assert "amount usd: USD 2.7 bn" in details and "kind: acquisition" in details
    assert "Widely reported facts outside the article" in details and "public-record#character-ai-licence-2024" in details
    assert "The end of AI anxiety is the shopping cart (36Kr, 2025-07-11)" in details


def test_clicking_a_relationship_shows_it(article, article_page):
    edge_id = article_page.js("""() => talentgraph.edges.get({filter: e => e.from === 'alexandr-wang'
                                     && e.to === 'meta-superintelligence-lab'})[0].id""")
    pos = article_page.js("""id => { const n = talentgraph.network, e = n.body.edges[id];
        const a = n.canvasToDOM(e.edgeType.getPoint(0.5));  // the middle of the drawn curve
        const r = document.getElementById('tg-network').getBoundingClientRect();
        return [a.x + r.left, a.y + r.top]; }""", edge_id)
    article_page.page.mouse.click(*pos)
    details = article_page.page.inner_text("#tg-details")
    assert "Alexandr Wang → Meta Superintelligence Lab" in details and "leads" in details
