"""Benchmark the page: Python render time, time to first draw and time per filter click
in headless Chromium.

    python tests/benchmarks/bench_render.py 500 5000 20000

Targets at 5,000 nodes: <= 0.5 s of Python, first draw <= 2 s, a filter click <= 0.3 s.
Graphs come from the seeded generator in synthetic.py; --max-nodes is lifted so every
node is drawn. Python render is the best of 3 renders (wall clock, and CPU time beside
it: on a shared machine the CPU time shows what the render itself costs). First draw is from navigation start to vis-network's first
`afterDrawing`; a filter click is from the click on a deal-status checkbox to the end
of the redraw that shows its result (the view refits too), the mean of 4 clicks. The
network is blocked; the browser is Debian's /usr/bin/chromium.
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
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
CLICK = """async () => {
    const box = document.querySelector('#tg-status-filter input[value="completed"]');
    const times = [];
    for (let i = 0; i < 4; i++) {
        const drawn = new Promise(done => talentgraph.network.once('afterDrawing', done));
        const start = performance.now();
        box.click();
        await drawn;
        times.push(performance.now() - start);
    }
    return times.reduce((a, b) => a + b, 0) / times.length;
}"""


def browser_ms(browser, path: Path) -> tuple[float, float]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    url = path.as_uri()
    page.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
    page.goto(url, timeout=120_000)
    page.wait_for_selector("body[data-drawn=true][data-ready=true]", state="attached", timeout=120_000)
    first = page.evaluate("talentgraph.state.firstDraw")
    click = page.evaluate(CLICK)
    page.close()
    return first, click


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
    print(
        f"{'nodes':>7} {'edges':>7} {'python s':>9} {'cpu s':>6} {'MB':>6} {'first draw s':>13} {'filter click s':>15}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            graph = synthetic_graph(n)
            python_s = cpu_s = float("inf")
            for _ in range(3):
                start, cpu = time.perf_counter(), time.process_time()
                page = render_page(graph, max_nodes=None)
                python_s = min(python_s, time.perf_counter() - start)
                cpu_s = min(cpu_s, time.process_time() - cpu)
            path = Path(tmp) / f"bench-{n}.html"
            page.save(path)
            if browser:
                first, click = browser_ms(browser, path)
                timing = f"{first / 1000:13.2f} {click / 1000:15.3f}"
            else:
                timing = f"{'-':>13} {'-':>15}"
            size = len(page.html) / 1e6
            print(f"{page.shown_nodes:>7} {page.shown_edges:>7} {python_s:>9.2f} {cpu_s:>6.2f} {size:>6.1f} {timing}")
            sys.stdout.flush()
    if browser:
        browser.close()
        pw.stop()


if __name__ == "__main__":
    main()
