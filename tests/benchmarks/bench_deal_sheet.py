"""Deal-sheet benchmark: speed on a generated sheet, accuracy and speed on a real one.

python tests/benchmarks/bench_deal_sheet.py [ROWS]
    time reading and loading a generated sheet of ROWS rows (default 10,000); rows
    cycle through amount and date spellings and share acquirers, so the sheet looks
    like a real one. Runs on older versions of talentgraph too (for a baseline).

python tests/benchmarks/bench_deal_sheet.py --real SHEET EXPECTED [FLAG ...]
    load a real third-party SHEET as it is, with only deal-sheet FLAGs (--map,
    --set, ...), and compare each row with EXPECTED (a CSV of line, amount_usd,
    date): the share of rows with the right USD amount and the right date at the
    cell's precision, and the load time per 10,000 rows. With no SHEET, the shipped
    tests/data/tech-giants-acquisitions/ list (CC BY-SA 4.0) and --set kind=acquisition.
"""

import csv
import sys
import tempfile
import time
from pathlib import Path

from talentgraph.graph import EmbeddedStore
from talentgraph.loaders import load_sources, read_deals

AMOUNTS = ["$14.8 billion", "14,8 Mrd. US-Dollar", "US$650M", "€500m", "£80 million", "400,000,000", "undisclosed"]
DATES = ["2018-09-13", "2019-7-01", "September 13, 2018", "Sept. 2018", "2021", "Q3 2022"]
SHIPPED = Path(__file__).parent.parent / "data" / "tech-giants-acquisitions"


def sheet(rows: int) -> str:
    lines = ["acquirer,target,kind,status,date,amount,currency,people,note"]
    for i in range(rows):
        amount = AMOUNTS[i % 7]
        currency = "USD" if amount[0].isdigit() else ""
        lines.append(
            f'Buyer {i % 200},Target {i},acquisition,completed,"{DATES[i % 6]}","{amount}",{currency},'
            f'"Founder {i}: CTO; Engineer {i}",row {i}'
        )
    return "\n".join(lines) + "\n"


def synthetic(rows: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.csv"
        path.write_text(sheet(rows))
        start, cpu = time.perf_counter(), time.process_time()
        batch = read_deals(path)
        parsed, parse_cpu = time.perf_counter(), time.process_time() - cpu
        assert not batch.problems, batch.problems[:3]
        store = EmbeddedStore(path=Path(tmp) / "graph.json")
        cpu = time.process_time()
        load_sources(store, [str(path)])
        loaded, load_cpu = time.perf_counter(), time.process_time() - cpu
        store.save()
        saved = time.perf_counter()
    # CPU seconds as well as wall-clock ones: on a shared machine the wall clock mostly
    # measures the neighbours
    print(
        f"{rows} rows: parse {parsed - start:.2f}s ({parse_cpu:.2f}s CPU), parse+write {loaded - parsed:.2f}s "
        f"({load_cpu:.2f}s CPU), save {saved - loaded:.2f}s, {len(batch.nodes)} nodes, "
        f"{len(batch.relationships)} relationships"
    )


def real_sheet(path: Path, expected_path: Path, flags: list[str]) -> None:
    """Load ``path`` with ``flags`` into a fresh store and score every expected row."""
    from talentgraph.loaders import SheetOptions

    options = SheetOptions.from_flags(**_flag_values(flags))
    expected = list(csv.DictReader(expected_path.open(newline="", encoding="utf-8")))
    with tempfile.TemporaryDirectory() as tmp:
        store = EmbeddedStore(path=Path(tmp) / "graph.json")
        from talentgraph.loaders import DealSheetLoader, LoaderRegistry

        registry = LoaderRegistry()
        registry.register(DealSheetLoader(options))
        start, cpu = time.perf_counter(), time.process_time()
        load_sources(store, [str(path)], registry=registry, skip_invalid=True)
        loaded, load_cpu = time.perf_counter(), time.process_time() - cpu
        deals = {n.id: n.props for n in store.nodes() if n.label.value == "Deal"}
    batch = read_deals(path, options)  # again, untimed: which deal each line made
    by_line = _deals_by_line(batch, path, options)
    right = wrong_amount = wrong_date = missing = 0
    examples: list[str] = []
    for row in expected:
        line = int(row["line"])
        deal_id = by_line.get(line)
        deal = deals.get(deal_id) if deal_id else None
        if deal is None:
            missing += 1
            examples.append(f"line {line}: not loaded")
            continue
        amount_ok = str(deal.get("amount_usd", "")) == row["amount_usd"]
        date_ok = str(deal.get("date", "")) == row["date"]
        right += amount_ok and date_ok
        wrong_amount += not amount_ok
        wrong_date += not date_ok
        if not (amount_ok and date_ok) and len(examples) < 10:
            examples.append(
                f"line {line}: amount {deal.get('amount_usd')!r} (expected {row['amount_usd']!r}), "
                f"date {deal.get('date')!r} (expected {row['date']!r})"
            )
    rows = len(expected)
    per_10k, cpu_per_10k = (loaded - start) / rows * 10_000, load_cpu / rows * 10_000
    print(
        f"{path.name}: {right}/{rows} rows right ({100 * right / rows:.1f} %): {wrong_amount} wrong amount, "
        f"{wrong_date} wrong date, {missing} not loaded; {len(batch.problems)} problems, "
        f"{len(batch.notes)} note lines"
    )
    print(
        f"  load (read + write) {loaded - start:.2f}s for {rows} rows = {per_10k:.2f}s per 10k rows "
        f"({cpu_per_10k:.2f}s CPU per 10k rows)"
    )
    for example in examples:
        print(f"  {example}")


def _flag_values(flags: list[str]) -> dict:
    names = {"--map": "map_pairs", "--set": "set_pairs", "--ignore": "ignore"}
    values: dict = {"map_pairs": [], "set_pairs": [], "ignore": []}
    pairs = iter(flags)
    for flag in pairs:
        if flag == "--strict":
            values["strict"] = True
        elif flag in names:
            values[names[flag]].append(next(pairs))
        else:
            values[flag.lstrip("-").replace("-", "_")] = next(pairs)
    return values


def _deals_by_line(batch, path: Path, options) -> dict[int, str]:
    """Data row N (the locator "FILE#row N") -> the line it starts on, through the table."""
    from talentgraph.loaders.sheet_tables import read_table

    table = read_table(path, options.delimiter, options.encoding)
    line_of = {row.number: row.line for row in table.rows}
    found = {}
    for node in batch.nodes:
        if node.label.value == "Deal":
            for locator in node.props["locators"]:
                found[line_of[int(locator.rsplit(" ", 1)[1])]] = node.id
    return found


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "--real":
        if len(args) >= 3:
            real_sheet(Path(args[1]), Path(args[2]), args[3:])
        else:
            real_sheet(SHIPPED / "Acquisitions.csv", SHIPPED / "expected.csv", ["--set", "kind=acquisition"])
    else:
        synthetic(int(args[0]) if args else 10_000)
