"""Benchmark `render_page`: Python time and time to first draw in headless Chromium.

    python tests/benchmarks/bench_render.py 500 5000 20000

Targets: 5,000 nodes rendered in <= 2 s of Python and drawn in <= 3 s in the browser.
Graphs come from the seeded generator in synthetic.py; --max-nodes is lifted so every
node is drawn. Browser timing is from navigation start to vis-network's first
`afterDrawing`, with the network blocked (Debian's /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from synthetic import synthetic_graph

from talentgraph.graph.page.pyvis_render import render_page

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


def first_draw_ms(browser, path: Path) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    url = path.as_uri()
    page.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
    page.goto(url, timeout=120_000)
    page.wait_for_selector("body[data-drawn=true]", state="attached", timeout=120_000)
    ms = page.evaluate("talentgraph.state.firstDraw")
    page.close()
    return ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 5000])
    parser.add_argument("--no-browser", action="store_true", help="Python timing only.")
    args = parser.parse_args()
    browser = None
    if not args.no_browser:
        from playwright.sync_api import sync_playwright

        pw = sync_playwright().start()
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    print(f"{'nodes':>7} {'edges':>7} {'python s':>9} {'MB':>6} {'first draw s':>13}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            graph = synthetic_graph(n)
            start = time.perf_counter()
            page = render_page(graph, max_nodes=None)
            python_s = time.perf_counter() - start
            path = Path(tmp) / f"bench-{n}.html"
            page.save(path)
            draw = f"{first_draw_ms(browser, path) / 1000:13.2f}" if browser else f"{'-':>13}"
            print(f"{page.shown_nodes:>7} {page.shown_edges:>7} {python_s:>9.2f} {len(page.html) / 1e6:>6.1f} {draw}")
            sys.stdout.flush()
    if browser:
        browser.close()
        pw.stop()


if __name__ == "__main__":
    main()
