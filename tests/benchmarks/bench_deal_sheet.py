"""Time reading and loading a generated deal sheet: python tests/benchmarks/bench_deal_sheet.py ROWS

Rows cycle through amount and date spellings and share acquirers, so the sheet looks
like a real one; prints seconds for parse and for the write to an embedded store.
"""

import sys
import tempfile
import time
from pathlib import Path

from talentgraph.graph import EmbeddedStore
from talentgraph.loaders import load_sources, read_deals

AMOUNTS = ["$14.8 billion", "14,8 Mrd. US-Dollar", "US$650M", "€500m", "£80 million", "400,000,000", "undisclosed"]
DATES = ["2018-09-13", "2019-7-01", "September 13, 2018", "Sept. 2018", "2021", "Q3 2022"]


def sheet(rows: int) -> str:
    lines = ["acquirer,target,kind,status,date,amount,currency,people,note"]
    for i in range(rows):
        amount = AMOUNTS[i % 7]
        currency = "USD" if amount[0].isdigit() else ""
        lines.append(f'Buyer {i % 200},Target {i},acquisition,completed,"{DATES[i % 6]}","{amount}",{currency},'
                     f'"Founder {i}: CTO; Engineer {i}",row {i}')
    return "\n".join(lines) + "\n"


def main(rows: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.csv"
        path.write_text(sheet(rows))
        start = time.perf_counter()
        batch = read_deals(path)
        parsed = time.perf_counter()
        assert not batch.problems, batch.problems[:3]
        store = EmbeddedStore(path=Path(tmp) / "graph.json")
        load_sources(store, [str(path)])
        loaded = time.perf_counter()
        store.save()
        saved = time.perf_counter()
    print(f"{rows} rows: parse {parsed - start:.2f}s, parse+write {loaded - parsed:.2f}s, save {saved - loaded:.2f}s, "
          f"{len(batch.nodes)} nodes, {len(batch.relationships)} relationships")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
