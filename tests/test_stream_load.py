"""Streamed loads: positions in bounded batches, one transaction, same graph as a whole
read, all or nothing on a bad row mid-file, and ``--progress`` on a terminal."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import run_on_terminal
from talentgraph.graph.embedded.sqlite_store import SqliteStore
from talentgraph.graph.errors import SourceError
from talentgraph.graph.model import Label, Node, Relationship, RelType
from talentgraph.loaders import load_sources, positions
from talentgraph.loaders.positions import parse_positions, stream_positions
from talentgraph.loaders.records import Batch, Problem
from talentgraph.loaders.registry import default_registry

DATA = Path(__file__).parent / "data"
HEADER = "person,organization,title,start_date,start_date_precision,end_date,end_date_precision\n"


def messy_positions(rows: int) -> str:
    """Spelling variants, duplicate rows and rows without an organization, in a fixed pattern."""
    people = ["Ada Lovelace", "ada  lovelace", "Charles Babbage", "Mary Somerville"]
    orgs = ["Engines Ltd", "Engines Ltd.", "ENGINES", "Royal Society", ""]
    lines = [
        f"{people[i % 4]} {i % 13},{orgs[i % 5]},{['Engineer', 'engineer', 'Fellow'][i % 3]},{1800 + i % 7},year,,"
        for i in range(rows)
    ]
    return HEADER + "\n".join(lines) + "\n"


def merged(batches) -> Batch:
    whole = Batch()
    for batch in batches:
        whole.extend(batch)
    return whole


@pytest.mark.parametrize("chunk_rows", [1, 7, 1000])
def test_batches_are_bounded_and_add_up_to_the_whole_file(tmp_path, chunk_rows):
    path = tmp_path / "positions.csv"
    path.write_text(messy_positions(600))
    batches = list(stream_positions(path, chunk_rows=chunk_rows))
    assert all(len(b.nodes) + len(b.relationships) <= chunk_rows for b in batches)
    whole, streamed = parse_positions(path.read_text(), str(path)), merged(batches)
    assert streamed.nodes == whole.nodes and streamed.relationships == whole.relationships
    assert streamed.notes == whole.notes
    notes = "\n".join(streamed.notes)
    assert "duplicate rows" in notes and "without an organization" in notes and "spelling variants" in notes


def test_every_problem_comes_in_the_first_batch(tmp_path):
    path = tmp_path / "positions.csv"
    text = messy_positions(300).splitlines(keepends=True)
    text[250] = "Ada Lovelace,Engines Ltd,Engineer,1843-13-01,month,,\n"  # line 251 of the file
    path.write_text("".join(text))
    first, *rest = stream_positions(path, chunk_rows=10)
    assert [str(p) for p in first.problems] == [
        f"{path}:251: start date '1843-13-01' is not a date — write YYYY-MM-DD, YYYY-MM or YYYY"
    ]
    assert not any(b.problems for b in rest)


def store_records(path: Path) -> tuple[list, list]:
    store = SqliteStore.open(path)
    try:
        return sorted(store.nodes(), key=lambda n: n.id), sorted(
            store.relationships(), key=lambda r: (r.start, r.end, r.key)
        )
    finally:
        store.close()


@pytest.mark.parametrize("first_source", [None, "article"])
def test_a_load_in_small_batches_writes_what_a_whole_load_writes(tmp_path, monkeypatch, first_source):
    """Identity resolution included: on top of the article, the AI Watch people it names
    are merged into the article's entities, however the positions are cut."""
    sources = [str(DATA / "aiwatch"), str(tmp_path / "more.csv")]
    (tmp_path / "more.csv").write_text(messy_positions(200))
    results = []
    for chunk_rows in (positions.CHUNK_ROWS, 3):
        monkeypatch.setattr(positions, "CHUNK_ROWS", chunk_rows)
        store_path = tmp_path / f"graph-{chunk_rows}.db"
        with SqliteStore.writing(store_path) as store:
            if first_source:
                load_sources(store, [first_source])
            reports = load_sources(store, sources)
        results.append((store_records(store_path), [r.notes for r in reports], reports[-1].written))
    assert results[0] == results[1]
    if first_source:
        assert any("merged" in note for notes in results[0][1] for note in notes)


class TwoBatches:
    """A streaming loader whose second batch has a problem (as a plugin's could)."""

    name = "two-batches"
    description = "test loader: a good batch, then a bad one"
    formats = (".two",)

    def can_load(self, source: str) -> bool:
        return source.endswith(".two")

    def load(self, source: str) -> Batch:
        return merged(self.stream(source))

    def stream(self, source: str):
        props = {"name": "Ada Lovelace", "source_ids": ["two"], "locators": ["two#1"]}
        yield Batch(nodes=[Node("two", Label.SOURCE, {"name": "two", "source_ids": ["two"], "locators": ["two#1"]})])
        yield Batch(nodes=[Node("ada-lovelace", Label.PERSON, props)])
        yield Batch(problems=[Problem(source, 9, "a bad row found late — fix it")])


def test_a_problem_in_a_later_batch_rolls_the_whole_load_back(tmp_path):
    store_path = tmp_path / "graph.db"
    with SqliteStore.writing(store_path) as store:
        load_sources(store, ["article"])
    before = store_records(store_path)
    registry = default_registry()
    registry.register(TwoBatches())
    with pytest.raises(SourceError, match=r"x\.two:9: a bad row found late — fix it — nothing was loaded"):
        with SqliteStore.writing(store_path) as store:
            load_sources(store, ["article", "x.two"], registry=registry)
    assert store_records(store_path) == before


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "talentgraph", *args], capture_output=True, text=True, check=False, cwd=cwd
    )


def test_bad_row_late_in_a_file_is_one_line_and_leaves_the_store_unchanged(tmp_path):
    store = tmp_path / "graph.db"
    assert run_cli("--store", str(store), "load", "article", cwd=tmp_path).returncode == 0
    before = store_records(store)
    lines = messy_positions(10_000).splitlines(keepends=True)
    lines[7000] = "Ada Lovelace,Engines Ltd,Engineer,1850,year,1849,year\n"  # row 7,000 of 10,000
    big = tmp_path / "big.csv"
    big.write_text("".join(lines))
    run = run_cli("--store", str(store), "load", str(big), cwd=tmp_path)
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert run.stderr.strip().splitlines() == [
        f"Error: {big}:7001: end 1849 is before start 1850 — swap or fix the dates — nothing was loaded"
    ]
    assert store_records(store) == before


def test_progress_shows_rows_read_and_records_written_on_a_terminal(tmp_path):
    big = tmp_path / "positions.csv"
    big.write_text(messy_positions(5000))
    code, shown = run_on_terminal(["--store", str(tmp_path / "a.db"), "load", str(big)], tmp_path)
    assert code == 0
    last = shown.split("\r\n")[0].split("\r")[-1]  # the line as last redrawn, before the report
    written = json.loads(run_cli("--store", str(tmp_path / "a.db"), "stats", "--json", cwd=tmp_path).stdout)
    total = sum(written["nodes"].values()) + sum(written["relationships"].values())
    assert last.strip() == f"reading rows: positions.csv 5,000/5,000 (100%) · {total:,} records written"
    for args in (["--no-progress"], ["--json"]):
        code, shown = run_on_terminal(["--store", str(tmp_path / "b.db"), "load", *args, str(big)], tmp_path)
        assert code == 0 and "reading rows" not in shown


def test_progress_is_off_when_piped_unless_asked_for(tmp_path):
    big = tmp_path / "positions.csv"
    big.write_text(messy_positions(3000))
    piped = run_cli("--store", str(tmp_path / "a.db"), "load", str(big), cwd=tmp_path)
    assert piped.returncode == 0 and "reading rows" not in piped.stderr + piped.stdout
    forced = run_cli("--store", str(tmp_path / "b.db"), "load", "--progress", str(big), cwd=tmp_path)
    assert forced.returncode == 0 and "records written" in forced.stderr and "reading rows" not in forced.stdout


def test_relationship_batches_name_nodes_written_by_earlier_batches(tmp_path):
    """A stint's person and organization are written in an earlier batch of the same
    transaction; the store finds them there."""
    path = tmp_path / "positions.csv"
    path.write_text(HEADER + "Ada Lovelace,Engines Ltd,Engineer,1843,year,,\n")
    with SqliteStore.writing(tmp_path / "graph.db") as store:
        load_sources(store, [str(path)])
        (stint,) = store.relationships(RelType.WORKED_AT)
    assert stint == Relationship(RelType.WORKED_AT, "ada-lovelace", "engines-ltd", stint.props, stint.key)
