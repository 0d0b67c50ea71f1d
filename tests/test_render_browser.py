"""The page in a real headless Chromium, with every request other than the file blocked,
at a desktop (1400×900) and a phone (390×844, touch) size.

Needs the browser_fixture plugin (``pytest_plugins = ["tests.browser_fixture"]``).
Set TALENTGRAPH_SCREENSHOT=1 to refresh the screenshots in tests/artifacts/ that the
README shows.
"""

from __future__ import annotations

import base64
import os
import shutil
import struct
from pathlib import Path

import networkx as nx
import pytest
from talentgraph.graph import EmbeddedStore
from talentgraph.graph.page.pyvis_render import render_page
from talentgraph.graph.page.scope import GraphFilter, drawable_graph, filter_graph, focus_graph
from talentgraph.loaders import load_sources
from talentgraph.queries.paths import shortest_paths_in_graph as shortest_paths

from tests.benchmarks.synthetic import synthetic_graph
from tests.test_render import XSS_NAMES, claim_graph, xss_graph

ARTIFACTS = Path(__file__).parent / "artifacts"
FAILED = ("failed", "rejected", "abandoned")
DESKTOP, PHONE = (1400, 900), (390, 844)
SIZES = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
NOT_YET_IN_2012 = {"ssi", "chatgpt", "doubao", "tiktok", "llama-4"}


@pytest.fixture(scope="module")
def article() -> nx.MultiDiGraph:
    store = EmbeddedStore()
    load_sources(store, ["article"])
    return store.to_networkx()


@pytest.fixture(scope="module")
def article_file(article, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("page") / "article.html"
    render_page(article, title="AI talent flows — 36Kr, 2025-07-11").save(path)
    return path


@pytest.fixture
def opened_article(article_file, open_offline):
    opened = []

    def opener(viewport=DESKTOP, fragment=""):
        opened.append(open_offline(article_file, viewport, fragment))
        return opened[-1]

    yield opener
    for page in opened:
        assert page.requests == [], "the page tried to reach the network"
        assert page.console_errors == []
        assert page.dialogs == []


def connected(graph: nx.MultiDiGraph) -> set[str]:
    """What the page shows by default: isolated nodes are hidden (with a count and a toggle)."""
    return {n for n in graph.nodes if graph.degree(n) > 0}


def overview(graph: nx.MultiDiGraph, full: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """What the page shows of ``graph`` before the reader asks for claims: no Claim nodes, and
    nothing that only claims were about (a node that had relationships in ``full`` and has none left)."""
    kept = graph.subgraph(n for n in graph.nodes if graph.nodes[n].get("label") != "Claim")
    return kept.subgraph(n for n in kept.nodes if kept.degree(n) > 0 or full.degree(n) == 0)


def drawn_extent(opened) -> tuple[float, float]:
    """How much of the canvas's width and height the visible nodes span, as fractions."""
    return tuple(
        opened.js("""() => { const n = talentgraph.network, c = document.getElementById('tg-network');
        const pos = Object.values(n.getPositions(talentgraph.visibleNodeIds())).map(p => n.canvasToDOM(p));
        const xs = pos.map(p => p.x), ys = pos.map(p => p.y);
        return [(Math.max(...xs) - Math.min(...xs)) / c.clientWidth, (Math.max(...ys) - Math.min(...ys)) / c.clientHeight]; }""")
    )


def visible(opened) -> set[str]:
    return set(opened.js("talentgraph.visibleNodeIds()"))


def node_dom(opened, node_id: str) -> tuple[float, float]:
    return tuple(
        opened.js(
            """id => { const n = talentgraph.network, p = n.getPositions([id])[id];
        const a = n.canvasToDOM(p), r = document.getElementById('tg-network').getBoundingClientRect();
        return [a.x + r.left, a.y + r.top]; }""",
            node_id,
        )
    )


def all_inside_canvas(opened) -> bool:
    return opened.js("""() => { const n = talentgraph.network, c = document.getElementById('tg-network');
        const w = c.clientWidth, h = c.clientHeight, pos = n.getPositions(talentgraph.visibleNodeIds());
        return Object.values(pos).every(p => { const d = n.canvasToDOM(p);
            return d.x >= 0 && d.y >= 0 && d.x <= w && d.y <= h; }); }""")


@SIZES
def test_draws_the_graph_offline_and_screenshots_it(article, opened_article, viewport):
    page = opened_article(viewport)
    drawable = drawable_graph(article)
    if os.environ.get("TALENTGRAPH_SCREENSHOT"):
        ARTIFACTS.mkdir(exist_ok=True)
        target = ARTIFACTS / ("article-graph.png" if viewport == DESKTOP else "article-graph-phone.png")
        shot = target.with_suffix(".tmp.png")  # replace the committed image whole
        if viewport == DESKTOP:  # with the details of the node under the pointer
            page.page.mouse.move(*node_dom(page, "alexandr-wang"))
            page.page.wait_for_selector("#tg-tooltip:not([hidden])")
        page.page.screenshot(path=str(shot))
        shutil.move(shot, target)
    assert visible(page) == connected(overview(drawable, drawable))
    isolated = drawable.number_of_nodes() - len(connected(drawable))
    assert f"{isolated} isolated hidden" in page.page.inner_text("#tg-status")
    if viewport == PHONE:
        page.page.click("#tg-open-controls")
    page.page.check("#tg-isolated")
    assert visible(page) == set(overview(drawable, drawable).nodes)
    page.page.uncheck("#tg-isolated")
    if viewport == PHONE:
        page.page.locator("#tg-controls .tg-close").click()
        page.page.wait_for_timeout(300)
    canvas = page.page.locator("#tg-network").bounding_box()
    # the graph takes the screen: the whole width on a phone, most of the height everywhere
    if viewport == PHONE:
        assert canvas["width"] == PHONE[0] and canvas["height"] > 0.7 * PHONE[1]
    else:
        assert canvas["width"] > 700 and canvas["height"] > 750
    assert all_inside_canvas(page)
    # ... and the drawing fills it: on a phone too, no blank bands above and below the graph
    width, height = drawn_extent(page)
    assert width > 0.75 and height > 0.75, (width, height)


@SIZES
def test_the_graph_as_of_2012_shows_only_what_existed(article, opened_article, viewport):
    page = opened_article(viewport)
    if viewport == PHONE:
        page.page.click("#tg-open-controls")
    page.page.fill("#tg-asof", "2012")
    shown = visible(page)
    assert not NOT_YET_IN_2012 & shown
    assert {"meta-instagram-2012", "instagram", "meta", "mark-zuckerberg", "real-madrid-ronaldo-2009"} <= shown
    drawable = drawable_graph(article)
    assert shown == connected(overview(filter_graph(drawable, GraphFilter(as_of=2012)), drawable))
    assert page.page.inner_text("#tg-title").endswith("as of 2012")
    assert "undated items hidden" in page.page.inner_text("#tg-year-note")
    # undated items can be kept, and are marked so
    page.page.check("#tg-undated")
    kept = visible(page)
    assert {"tubar", "tuchong"} <= kept and not NOT_YET_IN_2012 & kept
    assert "undated items kept" in page.page.inner_text("#tg-year-note")
    labels = {lab["id"]: lab["lines"] for lab in page.js("talentgraph.labels()")}
    assert all("(undated)" in lines for nid, lines in labels.items() if nid in {"tubar", "tuchong"})
    page.page.uncheck("#tg-undated")
    # greying instead of hiding: Safe Superintelligence is there, in grey
    page.page.check("#tg-grey")
    assert "ssi" in visible(page)
    assert page.js("talentgraph.nodes.get('ssi').color") == "#e3e5e8"
    assert page.js("talentgraph.nodes.get('meta').color.background") != "#e3e5e8"


def test_play_animates_the_years(opened_article):
    page = opened_article()
    page.page.click("#tg-play")
    first = page.page.inner_text("#tg-title")
    page.page.wait_for_function(
        "year => !document.getElementById('tg-title').textContent.endsWith(year)", arg=first[-4:], timeout=5000
    )
    later = page.page.inner_text("#tg-title")
    assert int(later[-4:]) > int(first[-4:])
    assert page.page.get_attribute("#tg-play", "aria-pressed") == "true"
    page.page.click("#tg-play")
    assert page.page.inner_text("#tg-play") == "Play"


@SIZES
def test_labels_never_cover_a_node_or_each_other(opened_article, viewport):
    page = opened_article(viewport)
    labels = page.js("talentgraph.labels()")
    boxes = page.js("""() => { const n = talentgraph.network, s = n.getScale();
        return talentgraph.visibleNodeIds().map(id => { const b = n.body.nodes[id], p = n.canvasToDOM({x: b.x, y: b.y}),
            r = Math.max(3, b.options.size * s); return [id, p.x - r, p.y - r, p.x + r, p.y + r]; }); }""")

    def overlap(a, b):
        return a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]

    assert labels, "no label drawn"
    assert len(labels) < len(boxes)  # at overview, only the most important ones
    for i, lab in enumerate(labels):
        assert not any(overlap(lab["box"], other["box"]) for other in labels[i + 1 :])
        assert not any(overlap(lab["box"], box[1:]) for box in boxes if box[0] != lab["id"])
    # the best-connected node is labelled, and a deal shows its amount
    assert "meta" in {lab["id"] for lab in labels}
    page.js(
        "talentgraph.network.moveTo({position: talentgraph.network.getPositions(['meta-scale-ai-2025'])"
        "['meta-scale-ai-2025'], scale: 2.5, animation: false})"
    )
    page.page.wait_for_timeout(100)
    zoomed = {lab["id"]: lab["lines"] for lab in page.js("talentgraph.labels()")}
    on_screen = page.js("""() => { const n = talentgraph.network, c = document.getElementById('tg-network');
        return talentgraph.visibleNodeIds().filter(id => { const d = n.canvasToDOM(n.getPositions([id])[id]);
            return d.x >= 0 && d.y >= 0 && d.x <= c.clientWidth && d.y <= c.clientHeight; }); }""")
    assert set(on_screen) <= set(zoomed)  # zoomed in, every label
    assert zoomed["meta-scale-ai-2025"] == ["Meta / Scale AI stake (2025)", "USD 14.8 bn"]


def test_hover_shows_the_full_name(opened_article):
    page = opened_article()
    page.page.mouse.move(*node_dom(page, "meta-ssi-2025"))
    page.page.wait_for_selector("#tg-tooltip:not([hidden])")
    assert page.page.inner_text("#tg-tooltip").startswith(page.js("talentgraph.page.details['meta-ssi-2025'].name"))


def test_arrows_follow_the_talent_story(opened_article):
    page = opened_article()
    drawn = {(e["from"], e["to"]) for e in page.js("talentgraph.edges.get()")}
    # founder -> startup -> deal -> acquirer -> new role
    for step in [
        ("alexandr-wang", "scale-ai"),
        ("scale-ai", "meta-scale-ai-2025"),
        ("meta-scale-ai-2025", "meta"),
        ("meta-scale-ai-2025", "alexandr-wang"),
        ("alexandr-wang", "meta-superintelligence-lab"),
    ]:
        assert step in drawn, step
    legend = page.page.inner_text("#tg-legend")
    assert "Size: a deal by its value in US dollars" in legend and "Failed, rejected or abandoned bid" in legend


@SIZES
def test_double_click_shows_a_neighbourhood_and_back_returns(article, opened_article, viewport):
    page = opened_article(viewport)
    everything = visible(page)
    page.js(
        "talentgraph.network.moveTo({position: talentgraph.network.getPositions(['alexandr-wang'])['alexandr-wang'],"
        " scale: 1.5, animation: false})"
    )
    if viewport == PHONE:  # a double tap, sent straight to the browser so that both taps land in time
        x, y = node_dom(page, "alexandr-wang")
        cdp = page.page.context.new_cdp_session(page.page)
        for _ in range(3):  # a loaded machine can stretch the gap between the taps; the page is not at fault then
            for kind in ("touchStart", "touchEnd", "touchStart", "touchEnd"):
                points = [{"x": x, "y": y}] if kind == "touchStart" else []
                cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})
            if page.js("talentgraph.state.focus") == "alexandr-wang":
                break
    else:
        page.page.mouse.dblclick(*node_dom(page, "alexandr-wang"))
    drawn = overview(drawable_graph(article), drawable_graph(article))
    expected = set(focus_graph(drawn, ["alexandr-wang"], 2).nodes)
    assert visible(page) == expected
    assert "around Alexandr Wang (depth 2)" in page.page.inner_text("#tg-subtitle")
    assert all_inside_canvas(page)  # refitted to the neighbourhood
    assert set(page.js("talentgraph.focus('Alexandr Wang', 1)")) == set(focus_graph(drawn, ["alexandr-wang"], 1).nodes)
    page.js("talentgraph.back()")
    assert visible(page) == expected
    page.js("talentgraph.back()")
    assert visible(page) == everything


@SIZES
def test_path_finder_lists_each_shortest_path(article, opened_article, viewport):
    page = opened_article(viewport)
    if viewport == PHONE:
        page.page.click("#tg-open-controls")
    page.page.fill("#tg-from", "Musical.ly")
    page.page.fill("#tg-to", "ByteDance")
    page.page.click("#tg-find")
    expected = sorted([n["id"] for n in p["nodes"]] for p in shortest_paths(article, "musically", "bytedance"))
    assert len(expected) == 4
    assert page.js("talentgraph.findPaths('Musical.ly', 'bytedance')") == expected
    items = page.page.locator("#tg-paths li")
    assert items.count() == 4
    texts = [items.nth(i).inner_text() for i in range(4)]
    assert all(t.startswith("Musical.ly") and t.endswith("ByteDance") for t in texts)
    assert any("merged into" in t for t in texts) and any("part of" in t for t in texts)
    items.nth(2).locator("button").click()
    assert page.js("talentgraph.network.getSelectedNodes()") == expected[2]
    assert items.nth(2).get_attribute("aria-current") == "true"


@SIZES
def test_legend_and_filters_filter_and_refit(article, opened_article, viewport):
    page = opened_article(viewport)
    if viewport == PHONE:
        page.page.click("#tg-open-controls")
    page.page.uncheck('#tg-legend-nodes input[value="person"]')
    shown = visible(page)
    assert shown and not {n for n in shown if article.nodes[n]["label"] == "Person"}
    assert "without person" in page.page.inner_text("#tg-subtitle")
    page.page.click("#tg-reset")
    # "only this": failed bids only, the same rule as `render --status failed`
    page.page.locator("#tg-status-filter .tg-check", has_text="failed").locator(".tg-only").click(force=True)
    drawable = drawable_graph(article)
    assert visible(page) == connected(overview(filter_graph(drawable, GraphFilter(statuses=("failed",))), drawable))
    assert all_inside_canvas(page)
    page.page.click("#tg-reset")
    for status in FAILED:
        page.page.uncheck(f'#tg-status-filter input[value="{status}"]')
    shown = visible(page)
    assert shown == connected(overview(filter_graph(drawable, GraphFilter(statuses=("completed",))), drawable))
    page.page.uncheck('#tg-legend-edges input[value="MOVED"]')
    moved = "() => talentgraph.network.body.edgeIndices.filter(id => talentgraph.page.edgeFacts[id][0] === 'MOVED')"
    assert page.js(moved) == []


@SIZES
def test_details_link_and_reset_clears_them(opened_article, viewport):
    page = opened_article(viewport)
    p = page.page
    p.fill("#tg-search", "alex wang")
    p.press("#tg-search", "Enter")
    assert page.js("talentgraph.network.getSelectedNodes()") == ["alexandr-wang"]
    details = p.inner_text("#tg-details")
    assert p.inner_text("#tg-details h2") == "Alexandr Wang" and "Alex Wang" in details
    assert "36kr-2025-07-11#s01.p3" in details
    # the talent path, in time order
    path = p.inner_text("#tg-details ol")
    assert path.index("2016: founded Scale AI") < path.index("2025: leads (head) Meta Superintelligence Lab")
    p.locator("#tg-details .tg-link", has_text="Meta / Scale AI stake (2025)").first.click()
    assert p.inner_text("#tg-details h2") == "Meta / Scale AI stake (2025)"
    deal = p.inner_text("#tg-details")
    for heading, who in (("Target", "Scale AI"), ("Acquirer", "Meta"), ("People who moved", "Alexandr Wang")):
        assert f"{heading}\n{who}" in deal
    fields = p.inner_text("#tg-details dl")
    assert "USD 14.8 bn" in fields and "amount usd" not in fields  # each figure once, not again in dollars
    p.keyboard.press("Escape")
    assert "Hover over or click" in p.inner_text("#tg-details")
    assert page.js("talentgraph.network.getSelectedNodes()") == []


def test_deal_details_show_figures_disputes_and_sources(opened_article):
    page = opened_article()
    page.js("talentgraph.search('Google / Character.ai licence and hire (2024)')")
    details = page.page.inner_text("#tg-details")
    assert "Deal · licence and hire" in details
    assert "USD 2.5 bn" in details and "2024" in details
    assert "amount usd: USD 2.7 bn" in details and "kind: acquisition" in details
    assert (
        "Widely reported facts outside the article" in details and "public-record#character-ai-licence-2024" in details
    )


def test_clicking_a_relationship_shows_it(opened_article):
    page = opened_article()
    edge_id = page.js("""() => talentgraph.edges.get({filter: e => e.from === 'alexandr-wang'
                                     && e.to === 'meta-superintelligence-lab'})[0].id""")
    page.js(
        "talentgraph.network.moveTo({position: talentgraph.network.getPositions(['alexandr-wang'])['alexandr-wang'],"
        " scale: 1.5, animation: false})"
    )
    pos = page.js(
        """id => { const n = talentgraph.network, e = n.body.edges[id];
        const a = n.canvasToDOM(e.edgeType.getPoint(0.5));  // the middle of the drawn curve
        const r = document.getElementById('tg-network').getBoundingClientRect();
        return [a.x + r.left, a.y + r.top]; }""",
        edge_id,
    )
    page.page.mouse.click(*pos)
    details = page.page.inner_text("#tg-details")
    assert "Alexandr Wang → Meta Superintelligence Lab" in details and "leads" in details


def test_phone_drawers_touch_and_tap(opened_article):
    page = opened_article(PHONE)
    p = page.page
    assert not p.locator("#tg-controls").is_visible()  # a closed drawer
    p.click("#tg-open-controls")
    p.wait_for_timeout(300)
    assert p.locator("#tg-controls").bounding_box()["x"] == 0
    assert p.get_attribute("#tg-open-controls", "aria-expanded") == "true"
    p.locator("#tg-controls .tg-close").click()
    p.wait_for_timeout(300)
    # a one-finger drag pans the view
    before = page.js("talentgraph.network.getViewPosition()")
    cdp = p.context.new_cdp_session(p)
    points = [(200, 500), (230, 520), (260, 540), (290, 560)]
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": 200, "y": 500}]})
    for x, y in points[1:]:
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
        p.wait_for_timeout(30)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    after = page.js("talentgraph.network.getViewPosition()")
    assert abs(after["x"] - before["x"]) > 20
    # a tap on a node opens its details in the right-hand drawer
    page.js(
        "talentgraph.network.moveTo({position: talentgraph.network.getPositions(['meta'])['meta'], scale: 1.5,"
        " animation: false})"
    )
    p.touchscreen.tap(*node_dom(page, "meta"))
    p.wait_for_selector("#tg-details.tg-open")
    assert p.inner_text("#tg-details h2") == "Meta"
    box = p.locator("#tg-details").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE[0] + 1


def test_keyboard_search_results_enter_and_escape(opened_article):
    page = opened_article()
    p = page.page
    p.click("#tg-search")
    p.keyboard.type("meta")
    results = p.locator("#tg-results button")
    assert results.count() >= 3 and results.first.inner_text().startswith("Meta")
    p.keyboard.press("Tab")
    p.keyboard.press("Tab")
    chosen = page.js("document.activeElement.textContent")
    p.keyboard.press("Enter")
    assert p.inner_text("#tg-details h2") == chosen.split(" · ")[0]
    assert len(page.js("talentgraph.network.getSelectedNodes()")) == 1
    p.keyboard.press("Escape")
    assert page.js("talentgraph.network.getSelectedNodes()") == []
    assert "Hover over or click" in p.inner_text("#tg-details")


@SIZES
def test_every_control_has_a_name(opened_article, viewport):
    page = opened_article(viewport)
    unnamed = page.js("""() => Array.from(document.querySelectorAll('button, input, select')).filter(c =>
        !(c.getAttribute('aria-label') || (c.labels && c.labels.length && c.labels[0].textContent.trim())
          || c.textContent.trim() || c.title)).map(c => c.outerHTML)""")
    assert unnamed == []


def test_a_copied_link_reopens_the_same_view(opened_article):
    page = opened_article()
    p = page.page
    p.fill("#tg-asof", "2018")
    p.uncheck('#tg-status-filter input[value="failed"]')
    page.js("talentgraph.focus('ByteDance', 2)")
    p.fill("#tg-from", "Musical.ly")
    p.fill("#tg-to", "Douyin")
    p.click("#tg-find")
    p.locator("#tg-paths li").last.locator("button").click()
    fragment = page.js("location.hash")
    view = (
        visible(page),
        p.inner_text("#tg-title"),
        p.inner_text("#tg-subtitle"),
        page.js("talentgraph.network.getSelectedNodes()"),
    )
    assert "year=2018" in fragment and "focus=bytedance" in fragment
    again = opened_article(DESKTOP, fragment)
    assert (
        visible(again),
        again.page.inner_text("#tg-title"),
        again.page.inner_text("#tg-subtitle"),
        again.js("talentgraph.network.getSelectedNodes()"),
    ) == view
    assert not again.page.is_checked('#tg-status-filter input[value="failed"]')


def test_save_png_exports_the_current_view(opened_article):
    page = opened_article()
    url = page.js("talentgraph.exportPNG()")
    assert url.startswith("data:image/png;base64,")
    png = base64.b64decode(url.split(",", 1)[1])
    width, height = struct.unpack(">II", png[16:24])
    canvas = page.page.locator("#tg-network").bounding_box()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and width == round(canvas["width"]) and height > canvas["height"]
    with page.page.expect_download() as download:
        page.page.click("#tg-png")
    assert download.value.suggested_filename.endswith(".png")


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
    page_title = opened.js("document.title")
    assert "<" not in page_title or page_title == "talentgraph"
    assert opened.dialogs == [] and opened.console_errors == [] and opened.requests == []


def test_claims_and_per_fact_sources(tmp_path, open_offline):
    path = tmp_path / "claims.html"
    render_page(claim_graph()).save(path)
    opened = open_offline(path)
    assert "Claim" in opened.page.inner_text("#tg-legend") and "claim about" in opened.page.inner_text("#tg-legend")
    opened.js("talentgraph.search('Acme / Beta (2024)')")
    details = opened.page.inner_text("#tg-details")
    assert "USD 2 bn\nsource: Deal sheet — sheet#row-7" in details
    claim = opened.js("talentgraph.search('Beta was bought for talent')")
    assert "Claim" in opened.page.inner_text("#tg-details .tg-type")
    assert claim in visible(opened)  # found, so shown, though claims start hidden
    assert opened.console_errors == [] and opened.requests == []


@SIZES
def test_claims_start_hidden_and_are_a_toggle_away(article, opened_article, viewport):
    page = opened_article(viewport)
    p = page.page
    claims = {n for n, a in article.nodes(data=True) if a.get("label") == "Claim"}
    assert len(claims) == 13 and not claims & visible(page)
    assert "13 claims hidden" in p.inner_text("#tg-status")
    assert "without" not in p.inner_text("#tg-subtitle")  # the overview is not "filtered"
    if viewport == PHONE:
        p.click("#tg-open-controls")
    toggle = '#tg-legend-nodes input[value="claim"]'
    assert not p.is_checked(toggle)
    p.check(toggle)
    assert claims <= visible(page) and "manus" in visible(page)
    assert "claims=1" in page.js("location.hash")
    assert visible(opened_article(viewport, page.js("location.hash"))) == visible(page)  # a copied link keeps them
    p.click("#tg-reset")
    assert not claims & visible(page) and not p.is_checked(toggle)
    # a search or a link in the details reaches a claim, and what only claims are about (Manus)
    page.js("talentgraph.search('Manus')")
    assert "manus" in visible(page) and claims & visible(page)
    page.js("talentgraph.reset()")
    page.js("talentgraph.search('Meta / Scale AI stake (2025)')")
    assert "claim-deals-avoid-antitrust" not in visible(page)
    p.locator("#tg-details .tg-link", has_text="talent deals structured to avoid antitrust").first.click()
    assert p.inner_text("#tg-details h2").startswith("talent deals structured to avoid antitrust")
    assert "claim-deals-avoid-antitrust" in visible(page)


INK = """() => { const c = talentgraph.network.canvas.frame.canvas, d = c.getContext('2d')
    .getImageData(0, 0, c.width, c.height).data; let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 230 || d[i + 1] < 230 || d[i + 2] < 230)) n++;
    return n; }"""


def test_a_large_page_draws_in_batches_and_stays_clickable(tmp_path, open_offline):
    path = tmp_path / "large.html"
    render_page(synthetic_graph(1500), max_nodes=None).save(path)
    opened = open_offline(path)
    assert opened.js("talentgraph.network.getScale()") * 8 < 3  # tiny nodes: drawn in one path per colour
    everything = opened.js(INK)
    assert everything > 10_000  # the canvas shows the graph
    # a filter click draws what is left: much less ink
    opened.page.locator("#tg-status-filter .tg-check", has_text="failed").locator(".tg-only").click(force=True)
    opened.page.wait_for_timeout(200)
    assert 0 < opened.js(INK) < everything / 2
    opened.page.click("#tg-reset")
    # the node under the pointer is found as on a small page: its details open
    hub = opened.js("Object.keys(talentgraph.page.facts).find(id => talentgraph.page.facts[id][9] === 0)")
    opened.page.mouse.click(*node_dom(opened, hub))
    assert opened.page.inner_text("#tg-details h2") == opened.js(f"talentgraph.page.details[{hub!r}].name")
    assert opened.js("talentgraph.network.getSelectedNodes()") == [hub]
    assert opened.console_errors == [] and opened.requests == []


def test_jupyter_iframe_fits_the_cell(article, tmp_path, open_offline):
    path = tmp_path / "cell.html"
    cell = render_page(article)._repr_html_()
    path.write_text(
        "<!DOCTYPE html><html><body style='margin:0' data-ready='true' data-drawn='true'>"
        f"<div style='width:700px'>{cell}</div></body></html>"
    )
    opened = open_offline(path)  # waits for the outer page only
    frame = opened.page.frame_locator("iframe")
    frame.locator("body[data-ready=true][data-drawn=true]").wait_for(state="attached", timeout=60_000)
    assert opened.page.locator("iframe").bounding_box()["width"] == 700
    inner = opened.page.frames[1]
    assert inner.evaluate("talentgraph.labels().length") > 5
    assert inner.evaluate("document.getElementById('tg-network').clientWidth") > 300


def test_render_path_opens_with_each_path_listed_and_the_first_highlighted(article, tmp_path, open_offline):
    paths = shortest_paths(article, "musically", "bytedance")
    path = tmp_path / "path.html"
    render_page(article, paths=paths).save(path)
    opened = open_offline(path)
    on_path = {n["id"] for p in paths for n in p["nodes"]}
    bright = opened.js("""() => { const b = talentgraph.network.body;
        return b.nodeIndices.filter(id => b.nodes[id].options.opacity === 1); }""")
    assert set(bright) == on_path  # the rest is dimmed
    assert opened.page.locator("#tg-paths li").count() == len(paths) == 4
    assert opened.js("talentgraph.network.getSelectedNodes()") == [n["id"] for n in paths[0]["nodes"]]
    assert "paths from Musical.ly to ByteDance" in opened.page.inner_text("#tg-subtitle")
    assert opened.requests == [] and opened.console_errors == []
