"""Deal sheets: a messy hand-written sheet, each file format, hostile input, and
all-or-nothing versus --skip-invalid on every store (tests/store_fixture.py)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from talentgraph.graph import Label
from talentgraph.graph.errors import SourceError
from talentgraph.loaders import load_sources, parse_deals, read_deals, validate_sources

DATA = Path(__file__).parent / "data"
MAP = {"buyer": "acquirer"}


def deals(batch):
    return {n.id: n.props for n in batch.nodes if n.label is Label.DEAL}


def test_messy_sheet_parses_correctly():
    batch = read_deals(DATA / "messy_deals.csv", MAP)
    assert batch.problems == []
    got = deals(batch)
    assert sorted(got) == ["acme-gmbh-beispiel-ki-2018", "examplecorp-tiny-lab-2019", "google-windsurf-2025",
                           "meta-scale-ai-2025", "microsoft-inflection-ai-2024", "softbank-example-robotics-2018"]
    meta = got["meta-scale-ai-2025"]
    assert (meta["amount"], meta["currency"], meta["amount_usd"], meta["stake_pct"], meta["valuation_usd"]) == (
        14_300_000_000, "USD", 14_300_000_000, 49, 29_000_000_000)
    assert (meta["date"], meta["date_precision"], meta["date_text"]) == ("2025-06", "month", "June 2025")
    assert meta["locators"] == ["messy_deals.csv#row 1"] and meta["source_ids"] == ["messy-deals"]
    google = got["google-windsurf-2025"]
    assert google["kind"] == "licence_and_hire" and google["note"] == "the note spans\ntwo physical lines"
    assert got["microsoft-inflection-ai-2024"]["date"] == "2024-Q1"
    softbank = got["softbank-example-robotics-2018"]
    assert softbank["currency"] == "JPY" and softbank["amount_usd"] == round(120e9 / 110.430842)
    assert "amount" not in got["examplecorp-tiny-lab-2019"] and got["examplecorp-tiny-lab-2019"]["amount_text"] == "—"
    assert got["acme-gmbh-beispiel-ki-2018"]["amount"] == 14_800_000_000
    moved = {(r.start, r.end): r.props.get("role") for r in batch.relationships if r.type.value == "MOVED"}
    assert moved[("meta-scale-ai-2025", "alexandr-wang")] == "head of the superintelligence lab"
    assert moved[("meta-scale-ai-2025", "jane-doe")] is None
    assert ("google-windsurf-2025", "douglas-chen") in moved
    names = {n.id: n.name for n in batch.nodes}
    assert names["microsoft"] == "Microsoft" and names["messy-deals"] == "Deal sheet messy_deals.csv"


def test_problems_carry_physical_csv_lines():
    text = (DATA / "messy_deals.csv").read_text() + "Meta,,stake,completed,2020,$1bn,,,,,,\n"
    batch = parse_deals(text, "csv", "messy.csv", MAP)
    assert [str(p) for p in batch.problems] == ["messy.csv:11: target is empty — every deal needs one"]
    assert "meta-2020" not in str(batch.nodes)


def test_unreadable_optional_cells_keep_the_deal_and_their_text_and_are_reported_by_line():
    text = (DATA / "messy_deals.csv").read_text() + "Meta,Nowhere,stake,completed,3201,¥1bn,,,,,,\n"
    batch = parse_deals(text, "csv", "messy.csv", MAP)
    assert batch.problems == []
    deal = deals(batch)["meta-nowhere"]
    assert (deal["date_text"], deal["amount_text"]) == ("3201", "¥1bn") and "date" not in deal and "amount" not in deal
    assert "messy.csv: date not read in 1 row — kept as text (date_text), the field left empty:" in batch.notes
    assert any(n.startswith("  messy.csv:11: amount '¥1bn' not read — kept as text (amount '¥1bn': '¥' stands for both")
               for n in batch.notes)


def test_strict_makes_an_unreadable_optional_cell_refuse_the_row():
    from talentgraph.loaders import SheetOptions

    text = "buyer,target,kind,date\nMeta,Nowhere,stake,3201\nMeta,Scale AI,stake,2025\n"
    batch = parse_deals(text, "csv", "x.csv", SheetOptions.from_flags(strict=True))
    assert [p.line for p in batch.problems] == [2] and "year 3201 is not plausible" in batch.problems[0].message
    assert list(deals(batch)) == ["meta-scale-ai-2025"]


YAML = """\
sheet: {id: my-deals, name: My deal notes, url: https://example.org/notes}
deals:
  - acquirer: Meta
    target: Scale AI
    kind: stake
    date: 2025-06-12
    amount: $14.3 billion
    people:
      - {name: Alexandr Wang, role: head of the lab}
  - acquirer: Google
    target: Windsurf
    kind: licence_and_hire
    date: 2025
    amount: 2400000000
    currency: USD
    people: "Varun Mohan: DeepMind; Douglas Chen"
"""
JSON = json.dumps({"sheet": {"id": "my-deals"}, "deals": [
    {"acquirer": "Meta", "target": "Scale AI", "kind": "stake", "date": "2025-06-12", "amount": "$14.3 billion",
     "people": [{"name": "Alexandr Wang", "role": "head of the lab"}]},
    {"acquirer": "Google", "target": "Windsurf", "kind": "licence_and_hire", "date": "2025", "amount": 2400000000,
     "currency": "USD", "people": "Varun Mohan: DeepMind; Douglas Chen"}]}, indent=1)
CSV = """acquirer,target,kind,date,amount,currency,people,source
Meta,Scale AI,stake,2025-06-12,$14.3 billion,,Alexandr Wang: head of the lab,my-deals
Google,Windsurf,licence_and_hire,2025,2400000000,USD,Varun Mohan: DeepMind; Douglas Chen,my-deals
"""


@pytest.mark.parametrize("fmt, text", [("yaml", YAML), ("json", JSON), ("csv", CSV), ("tsv", CSV.replace(",", "\t"))])
def test_each_format_gives_the_same_deals(fmt, text):
    batch = parse_deals(text, fmt, f"deals.{fmt}")
    assert batch.problems == []
    got = deals(batch)
    assert got["meta-scale-ai-2025"]["date"] == "2025-06-12" and got["meta-scale-ai-2025"]["amount_usd"] == 14_300_000_000
    assert got["google-windsurf-2025"]["amount"] == 2_400_000_000 and got["google-windsurf-2025"]["date_precision"] == "year"
    assert got["meta-scale-ai-2025"]["source_ids"] == ["my-deals"]
    people = {n.id for n in batch.nodes if n.label is Label.PERSON}
    assert people == {"alexandr-wang", "varun-mohan", "douglas-chen"}


@pytest.mark.parametrize("fmt, text, line", [
    ("yaml", YAML.replace("kind: stake", "kind: swap"), 3),
    ("json", JSON.replace('"kind": "stake"', '"kind": "swap"'), JSON[:JSON.index('"acquirer": "Meta"')].count("\n")),
])
def test_yaml_and_json_problems_point_at_the_deal(fmt, text, line):
    batch = parse_deals(text, fmt, f"d.{fmt}")
    assert [(p.line, p.message.split(" is not")[0]) for p in batch.problems] == [(line, "kind 'swap'")]


# -- hostile input ----------------------------------------------------------------------------


def test_html_in_names_is_kept_as_inert_text():
    batch = parse_deals('acquirer,target,kind\n"<script>alert(1)</script>",<b>Lab</b>,acquisition\n', "csv", "x.csv")
    assert batch.problems == []
    org = {n.id: n.name for n in batch.nodes if n.label is Label.ORGANIZATION}
    assert org == {"script-alert-1-script": "<script>alert(1)</script>", "b-lab-b": "<b>Lab</b>"}


def test_unbalanced_quote_is_an_error_at_its_line_not_a_swallowed_file():
    text = 'acquirer,target,kind\nMeta,Scale AI,stake\nGoogle,"Windsurf,licence_and_hire\nApple,Other,acquisition\n'
    batch = parse_deals(text, "csv", "x.csv")
    assert [str(p) for p in batch.problems] == [(
        "x.csv:3: a quoted cell opens on line 3 and never closes: it swallowed the 2 lines to the end of the file "
        "(unbalanced '\"') — close the quote or remove it")]


def test_unbalanced_quote_that_closes_later_names_both_lines_and_the_lines_swallowed():
    text = ('acquirer,target,kind,note\nMeta,Scale AI,stake,"fine"\nGoogle,Windsurf,acquisition,"opens here\n'
            'Apple,Other,acquisition,x\nIBM,Red Hat,acquisition,closes" here\nAmazon,Zoox,acquisition,\n')
    batch = parse_deals(text, "csv", "x.csv")
    assert [str(p) for p in batch.problems] == [(
        "x.csv:3: a quoted cell opens on line 3 and closes on line 5, swallowing 2 lines (unbalanced '\"') — "
        "close the quote where the cell ends")]
    assert sorted(deals(batch)) == ["amazon-zoox", "meta-scale-ai"]


def test_stray_quotes_are_a_syntax_error_at_their_line():
    text = 'acquirer,target,kind\nGoogle,"Windsurf,licence_and_hire\nApple,"Other,acquisition\n'
    batch = parse_deals(text, "csv", "x.csv")
    assert [p.line for p in batch.problems] == [2] and deals(batch) == {}
    assert batch.problems[0].message.startswith("a quoted cell opens on line 2 and closes on line 3, swallowing 1 line")


def test_an_unquoted_comma_does_not_shift_the_row():
    text = 'acquirer,target,kind\nAcme, Inc.,Target,acquisition\nGoogle,Windsurf,acquisition\n'
    batch = parse_deals(text, "csv", "x.csv")
    assert [str(p) for p in batch.problems] == [("x.csv:2: row has 4 cells but the header has 3 — a comma inside an unquoted "
                                                 "cell, or a missing one? quote cells that contain a comma")]
    assert list(deals(batch)) == ["google-windsurf"]


def test_ten_megabyte_cell_is_a_clear_error_and_the_next_row_still_reads():
    text = f'acquirer,target,kind,note\nMeta,Scale AI,stake,"{"x" * 10_000_000}"\nGoogle,Windsurf,acquisition,\n'
    batch = parse_deals(text, "csv", "x.csv")
    assert [p.line for p in batch.problems] == [2] and "10,000,000 characters" in batch.problems[0].message
    assert "google-windsurf" in deals(batch)


def test_missing_required_column_points_to_map_and_lists_the_other_columns():
    batch = parse_deals("firma,target,kind\nMeta,Scale AI,stake\n", "csv", "x.csv")
    assert [str(p) for p in batch.problems] == [
        "x.csv:1: no acquirer column — map a column onto it with --map COLUMN=acquirer (columns that are no field: 'firma')"]


def test_same_parties_same_year_other_kind_is_another_deal():
    batch = parse_deals("acquirer,target,kind,date\nMeta,Scale AI,stake,2025\nMeta,Scale AI,hire,2025\n", "csv", "x.csv")
    assert batch.problems == [] and sorted(deals(batch)) == ["meta-scale-ai-2025", "meta-scale-ai-2025-hire"]


def test_a_repeated_row_collapses_and_a_differing_one_becomes_disputes():
    text = ("acquirer,target,kind,date,amount\nMeta,Scale AI,stake,2025,$14.3bn\nMeta,Scale AI,stake,2025,$14.3bn\n"
            "Meta,Scale AI,stake,2025,$15bn\n")
    batch = parse_deals(text, "csv", "x.csv")
    [deal] = deals(batch).values()
    assert deal["amount"] == 14_300_000_000 and deal["locators"] == ["x.csv#row 1", "x.csv#row 2", "x.csv#row 3"]
    assert deal["disputed_fields"] == ["amount", "amount", "amount_usd", "amount_usd"]
    assert deal["disputed_values"] == ["14300000000", "15000000000", "14300000000", "15000000000"]
    assert "  x.csv:3: line 3 is the deal of line 2 and repeats it" in batch.notes
    assert "  x.csv:4: line 4 is the deal of line 2 and differs in amount, amount_usd (kept as disputes)" in batch.notes


# -- loading: all or nothing, --skip-invalid, idempotence --------------------------------------

BAD = CSV + "Meta,,stake,2020,$1bn,,,\n"


def test_load_is_all_or_nothing(store_factory, tmp_path):
    sheet = tmp_path / "deals.csv"
    sheet.write_text(BAD)
    store = store_factory()
    with pytest.raises(SourceError, match=r"deals.csv:4: target is empty.* — nothing was loaded"):
        load_sources(store, [str(sheet)])
    assert store.stats() == {"nodes": {}, "relationships": {}}


def test_skip_invalid_loads_the_valid_rows_and_reports_the_rest(store_factory, tmp_path):
    sheet = tmp_path / "deals.csv"
    sheet.write_text(BAD)
    store = store_factory()
    [report] = load_sources(store, [str(sheet)], skip_invalid=True)
    assert [p.line for p in report.skipped] == [4]
    assert store.stats()["nodes"] == {"Deal": 2, "Organization": 4, "Person": 3, "Source": 2}
    assert store.node("nowhere") is None


def test_reloading_is_idempotent(store_factory, tmp_path):
    sheet = tmp_path / "deals.csv"
    sheet.write_text(CSV)
    store = store_factory()
    load_sources(store, [str(sheet)])
    before = {n.id: n.props for n in store.nodes()}
    [report] = load_sources(store, [str(sheet)])
    assert report.written.nodes_created == 0 and report.written.relationships_created == 0
    assert {n.id: n.props for n in store.nodes()} == before


def test_cli_validate_and_skip_invalid(tmp_path):
    sheet = tmp_path / "deals.csv"
    sheet.write_text(BAD.replace("acquirer", "buyer", 1))
    store = tmp_path / "graph.json"
    cli = [sys.executable, "-m", "talentgraph", "--store", str(store)]
    run = subprocess.run([*cli, "validate", "--map", "buyer=acquirer", str(sheet)], capture_output=True, text=True, check=False)
    assert run.returncode == 1 and run.stdout.startswith(f"{sheet}:4: target is empty")
    run = subprocess.run([*cli, "load", "--map", "buyer=acquirer", str(sheet)], capture_output=True, text=True, check=False)
    assert run.returncode == 1 and "nothing was loaded" in run.stderr and "Traceback" not in run.stderr
    assert not store.exists()
    run = subprocess.run([*cli, "load", "--skip-invalid", "--map", "buyer=acquirer", str(sheet)], capture_output=True, text=True, check=False)
    assert run.returncode == 0 and f"skipped: {sheet}:4: target is empty" in run.stderr
    assert "loaded" in run.stdout and store.exists()


# -- progress --------------------------------------------------------------------------------


def big_sheet(rows: int) -> str:
    return "acquirer,target,kind,date\n" + "".join(f"Buyer {i % 50},Target {i},acquisition,2020\n" for i in range(rows))


def test_loaders_report_progress_through_the_callback():
    calls = []
    batch = parse_deals(big_sheet(1200), "csv", "big.csv", progress=lambda done, total: calls.append((done, total)))
    assert not batch.problems and calls == [(500, 1200), (1000, 1200), (1200, 1200)]


def run_on_terminal(args, cwd):
    """Run the CLI with stdout and stderr on a pseudo-terminal, as a user's shell would."""
    import os
    import pty

    main, secondary = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "talentgraph", *args], stdout=secondary, stderr=secondary, cwd=cwd)
    os.close(secondary)
    output = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    os.close(main)
    return proc.wait(), output.decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_only(tmp_path):
    sheet = tmp_path / "big.csv"
    sheet.write_text(big_sheet(2500))
    code, shown = run_on_terminal(["--store", str(tmp_path / "a.json"), "load", str(sheet)], tmp_path)
    assert code == 0 and "reading rows" in shown and "100%" in shown
    code, shown = run_on_terminal(["--store", str(tmp_path / "b.json"), "load", "--json", str(sheet)], tmp_path)
    assert code == 0 and "reading rows" not in shown
    piped = subprocess.run([sys.executable, "-m", "talentgraph", "--store", str(tmp_path / "c.json"), "load", str(sheet)],
                           capture_output=True, text=True, check=False)
    assert piped.returncode == 0 and "reading rows" not in piped.stderr + piped.stdout


def test_loader_detection_by_file(tmp_path):
    from talentgraph.loaders import default_registry

    registry = default_registry()
    for name, text in (("d.yaml", YAML), ("d.json", JSON), ("d.csv", CSV)):
        (tmp_path / name).write_text(text)
        assert registry.find(str(tmp_path / name)).name == "deals"
    curated = tmp_path / "notes.yaml"
    curated.write_text("source: {id: notes, name: Notes, at: [p1]}\n")
    assert registry.find(str(curated)).name == "curated"


def test_cp1252_sheet_is_detected_and_said(tmp_path):
    sheet = tmp_path / "latin1.csv"
    sheet.write_bytes("acquirer,target,kind\nSoci\xe9t\xe9,Cible,acquisition\n".encode("latin-1"))
    assert validate_sources([str(sheet)], loader="deals") == []
    batch = read_deals(sheet)
    assert {n.name for n in batch.nodes} >= {"Société"} and "latin1.csv: read as cp1252 text (not UTF-8)" in batch.notes
