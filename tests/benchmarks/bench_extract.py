"""Benchmark `extract_article`: extraction time per 1,000 words, cold and warm, with an
empty store and with a store of many names to link against.

    python tests/benchmarks/bench_extract.py
    python tests/benchmarks/bench_extract.py ../shared/seed/36kr-ai-talent-acquisitions-2025-07-11.de.txt \\
        --store-names 100000

Articles default to the invented English and German fixtures of tests/data/extract/.
"Cold" is the first article of the process (word lists and the sentence splitter load);
"warm" is the median of --repeat runs after it.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from talentgraph.graph import Label, Node
from talentgraph.loaders.extract import extract_article
from talentgraph.loaders.extract.names import StoreIndex

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "extract"


def fake_store(n: int) -> StoreIndex:
    return StoreIndex(
        Node(f"org-{i}", Label.ORGANIZATION, {"name": f"Company {i} Holdings", "aliases": [f"Co{i}"]}) for i in range(n)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", nargs="*", type=Path, default=[FIXTURES / "deals-en.md", FIXTURES / "deals-de.txt"])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--store-names", type=int, default=0, help="Also link against a store of this many organizations."
    )
    args = parser.parse_args()
    stores = [("empty", None)] + (
        [(f"{args.store_names:,} names", fake_store(args.store_names))] if args.store_names else []
    )
    print(f"{'article':40} {'words':>6} {'store':>14} {'cold ms':>8} {'warm ms':>8} {'ms / 1,000 words':>17}")
    first = True
    for article in args.articles:
        for label, store in stores:
            start = time.perf_counter()
            draft = extract_article(article, store=store)
            cold = (time.perf_counter() - start) * 1000
            runs = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                extract_article(article, store=store)
                runs.append((time.perf_counter() - start) * 1000)
            warm = statistics.median(runs)
            cold_text = f"{cold:8.0f}" if first else f"{'-':>8}"
            first = False
            print(
                f"{article.name[:40]:40} {draft.words:>6} {label:>14} {cold_text} {warm:8.1f} "
                f"{warm / draft.words * 1000:17.1f}"
            )


if __name__ == "__main__":
    main()
