"""Deal sheets: a messy hand-written sheet, each file format, hostile input, and
all-or-nothing versus --skip-invalid on every store (tests/store_fixture.py)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import run_on_terminal
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
    assert sorted(got) == [
        "acme-gmbh-beispiel-ki-2018",
        "examplecorp-tiny-lab-2019",
        "google-windsurf-2025",
        "meta-scale-ai-2025",
        "microsoft-inflection-ai-2024",
        "softbank-example-robotics-2018",
    ]
    meta = got["meta-scale-ai-2025"]
    assert (meta["amount"], meta["currency"], meta["amount_usd"], meta["stake_pct"], meta["valuation_usd"]) == (
        14_300_000_000,
        "USD",
        14_300_000_000,
        49,
        29_000_000_000,
    )
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
    assert any(
        n.startswith("  messy.csv:11: amount '¥1bn' not read — kept as text (amount '¥1bn': '¥' stands for both")
        for n in batch.notes
    )


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
JSON = json.dumps(
    {
        "sheet": {"id": "my-deals"},
        "deals": [
            {
                "acquirer": "Meta",
                "target": "Scale AI",
                "kind": "stake",
                "date": "2025-06-12",
                "amount": "$14.3 billion",
                "people": [{"name": "Alexandr Wang", "role": "head of the lab"}],
            },
            {
                "acquirer": "Google",
                "target": "Windsurf",
                "kind": "licence_and_hire",
                "date": "2025",
                "amount": 2400000000,
                "currency": "USD",
                "people": "Varun Mohan: DeepMind; Douglas Chen",
            },
        ],
    },
    indent=1,
)
CSV = """acquirer,target,kind,date,amount,currency,people,source
Meta,Scale AI,stake,2025-06-12,$14.3 billion,,Alexandr Wang: head of the lab,my-deals
Google,Windsurf,licence_and_hire,2025,2400000000,USD,Varun Mohan: DeepMind; Douglas Chen,my-deals
"""


@pytest.mark.parametrize("fmt, text", [("yaml", YAML), ("json", JSON), ("csv", CSV), ("tsv", CSV.replace(",", "\t"))])
def test_each_format_gives_the_same_deals(fmt, text):
    batch = parse_deals(text, fmt, f"deals.{fmt}")
    assert batch.problems == []
    got = deals(batch)
    assert (
        got["meta-scale-ai-2025"]["date"] == "2025-06-12" and got["meta-scale-ai-2025"]["amount_usd"] == 14_300_000_000
    )
    assert (
        got["google-windsurf-2025"]["amount"] == 2_400_000_000
        and got["google-windsurf-2025"]["date_precision"] == "year"
    )
    assert got["meta-scale-ai-2025"]["source_ids"] == ["my-deals"]
    people = {n.id for n in batch.nodes if n.label is Label.PERSON}
    assert people == {"alexandr-wang", "varun-mohan", "douglas-chen"}


@pytest.mark.parametrize(
    "fmt, text, line",
    [
        ("yaml", YAML.replace("kind: stake", "kind: swap"), 3),
        (
            "json",
            JSON.replace('"kind": "stake"', '"kind": "swap"'),
            JSON[: JSON.index('"acquirer": "Meta"')].count("\n"),
        ),
    ],
)
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
    assert [str(p) for p in batch.problems] == [
        (
            "x.csv:3: a quoted cell opens on line 3 and never closes: it swallowed the 2 lines to the end of the file "
            "(unbalanced '\"') — close the quote or remove it"
        )
    ]


def test_unbalanced_quote_that_closes_later_names_both_lines_and_the_lines_swallowed():
    text = (
        'acquirer,target,kind,note\nMeta,Scale AI,stake,"fine"\nGoogle,Windsurf,acquisition,"opens here\n'
        'Apple,Other,acquisition,x\nIBM,Red Hat,acquisition,closes" here\nAmazon,Zoox,acquisition,\n'
    )
    batch = parse_deals(text, "csv", "x.csv")
    assert [str(p) for p in batch.problems] == [
        (
            "x.csv:3: a quoted cell opens on line 3 and closes on line 5, swallowing 2 lines (unbalanced '\"') — "
            "close the quote where the cell ends"
        )
    ]
    assert sorted(deals(batch)) == ["amazon-zoox", "meta-scale-ai"]


def test_stray_quotes_are_a_syntax_error_at_their_line():
    text = 'acquirer,target,kind\nGoogle,"Windsurf,licence_and_hire\nApple,"Other,acquisition\n'
    batch = parse_deals(text, "csv", "x.csv")
    assert [p.line for p in batch.problems] == [2] and deals(batch) == {}
    assert batch.problems[0].message.startswith("a quoted cell opens on line 2 and closes on line 3, swallowing 1 line")


def test_an_unquoted_comma_does_not_shift_the_row():
    text = "acquirer,target,kind\nAcme, Inc.,Target,acquisition\nGoogle,Windsurf,acquisition\n"
    batch = parse_deals(text, "csv", "x.csv")
    assert [str(p) for p in batch.problems] == [
        (
            "x.csv:2: row has 4 cells but the header has 3 — a comma inside an unquoted "
            "cell, or a missing one? quote cells that contain a comma"
        )
    ]
    assert list(deals(batch)) == ["google-windsurf"]


def test_ten_megabyte_cell_is_a_clear_error_and_the_next_row_still_reads():
    text = f'acquirer,target,kind,note\nMeta,Scale AI,stake,"{"x" * 10_000_000}"\nGoogle,Windsurf,acquisition,\n'
    batch = parse_deals(text, "csv", "x.csv")
    assert [p.line for p in batch.problems] == [2] and "10,000,000 characters" in batch.problems[0].message
    assert "google-windsurf" in deals(batch)


def test_missing_required_column_points_to_map_and_lists_the_other_columns():
    batch = parse_deals("firma,target,kind\nMeta,Scale AI,stake\n", "csv", "x.csv")
    assert [str(p) for p in batch.problems] == [
        "x.csv:1: no acquirer column — map a column onto it with --map COLUMN=acquirer "
        "(columns that are no field: 'firma')"
    ]


def test_same_parties_same_year_other_kind_is_another_deal():
    batch = parse_deals(
        "acquirer,target,kind,date\nMeta,Scale AI,stake,2025\nMeta,Scale AI,hire,2025\n", "csv", "x.csv"
    )
    assert batch.problems == [] and sorted(deals(batch)) == ["meta-scale-ai-2025", "meta-scale-ai-2025-hire"]


def test_a_repeated_row_collapses_and_a_differing_one_becomes_disputes():
    text = (
        "acquirer,target,kind,date,amount\nMeta,Scale AI,stake,2025,$14.3bn\nMeta,Scale AI,stake,2025,$14.3bn\n"
        "Meta,Scale AI,stake,2025,$15bn\n"
    )
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
    run = subprocess.run(
        [*cli, "validate", "--map", "buyer=acquirer", str(sheet)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 1 and run.stdout.startswith(f"{sheet}:4: target is empty")
    run = subprocess.run(
        [*cli, "load", "--map", "buyer=acquirer", str(sheet)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 1 and "nothing was loaded" in run.stderr and "Traceback" not in run.stderr
    assert not store.exists()
    run = subprocess.run(
        [*cli, "load", "--skip-invalid", "--map", "buyer=acquirer", str(sheet)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0 and f"skipped: {sheet}:4: target is empty" in run.stderr
    assert "loaded" in run.stdout and store.exists()


# -- progress --------------------------------------------------------------------------------


def big_sheet(rows: int) -> str:
    return "acquirer,target,kind,date\n" + "".join(f"Buyer {i % 50},Target {i},acquisition,2020\n" for i in range(rows))


def test_loaders_report_progress_through_the_callback():
    calls = []
    batch = parse_deals(big_sheet(1200), "csv", "big.csv", progress=lambda done, total: calls.append((done, total)))
    assert not batch.problems and calls == [(500, 1200), (1000, 1200), (1200, 1200)]


def test_progress_bar_on_a_terminal_only(tmp_path):
    sheet = tmp_path / "big.csv"
    sheet.write_text(big_sheet(2500))
    code, shown = run_on_terminal(["--store", str(tmp_path / "a.json"), "load", str(sheet)], tmp_path)
    assert code == 0 and "reading rows" in shown and "100%" in shown
    code, shown = run_on_terminal(["--store", str(tmp_path / "b.json"), "load", "--json", str(sheet)], tmp_path)
    assert code == 0 and "reading rows" not in shown
    piped = subprocess.run(
        [sys.executable, "-m", "talentgraph", "--store", str(tmp_path / "c.json"), "load", str(sheet)],
        capture_output=True,
        text=True,
        check=False,
    )
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


# -- real sheets as they are: sniffing, --set, extra columns, conventions ----------------------

WIKI = (
    "No.\tAcquisition date\tCompany\tBusiness\tCountry\tValue (USD)\tRefs\n"
    "1\tFebruary 12, 2001\tDeja[1]\tUsenet\tUSA\t—\t[2]\n"
    "2\tMay, 2nd 2016\tExample Labs, Inc.\tSearch\tUSA\t$750,000,000[note 3]\t[3]\n"
    "3\tQ4 2000\tSample Co\tAds\tUSA\t7.5×109\t[4]\n"
    "4\tEarly 2005\tThird Thing\tMaps\tUK\t$1.352×1010\t\n"
    "5\tPending\tFourth\tAI\tFR\t€264 million (estimated)\t\n"
    "6\t2014-01-13 00:00:00\tFifth\tHome\tUSA\t----\t\n"
)
WIKI_FLAGS = ["--map", "Company=target", "--set", "acquirer=Google", "--set", "kind=acquisition"]


def cli_run(tmp_path, *args):
    cli = [sys.executable, "-m", "talentgraph", "--store", str(tmp_path / "graph.json")]
    return subprocess.run([*cli, *args], capture_output=True, text=True, check=False)


def test_a_raw_tab_separated_wikipedia_list_loads_in_one_command(tmp_path):
    sheet = tmp_path / "acquisitions.csv"  # tab-separated, whatever the name says
    sheet.write_text(WIKI)
    run = cli_run(tmp_path, "load", str(sheet), *WIKI_FLAGS)
    assert run.returncode == 0, run.stderr
    assert "read as tab-separated (sniffed)" in run.stdout
    assert (
        "columns kept as deal properties: 'No.' -> no, 'Business' -> business, 'Country' -> country, 'Refs' -> refs"
        in run.stdout
    )
    from talentgraph.graph import EmbeddedStore

    got = {n.id: n.props for n in EmbeddedStore.open(tmp_path / "graph.json").nodes() if n.label is Label.DEAL}
    facts = {
        k: (v.get("amount_usd"), v.get("currency"), v.get("date"), v.get("date_precision")) for k, v in got.items()
    }
    assert facts == {
        "google-deja-2001": (None, None, "2001-02-12", "day"),
        "google-example-labs-inc.-2016": (750_000_000, "USD", "2016-05-02", "day"),
        "google-sample-co-2000": (7_500_000_000, "USD", "2000-Q4", "quarter"),  # the header says USD
        "google-third-thing-2005": (13_520_000_000, "USD", "2005", "year"),
        "google-fourth": (None, "EUR", None, None),
        "google-fifth-2014": (None, None, "2014-01-13", "day"),
    }
    assert got["google-third-thing-2005"]["date_qualifier"] == "early"
    assert got["google-fourth"]["status"] == "announced" and got["google-fourth"]["amount_qualifier"] == "approximately"
    assert got["google-deja-2001"]["business"] == "Usenet" and got["google-deja-2001"]["amount_text"] == "—"
    orgs = {n.id: n.props for n in EmbeddedStore.open(tmp_path / "graph.json").nodes() if n.label is Label.ORGANIZATION}
    assert orgs["deja"]["name"] == "Deja" and orgs["google"]["kind"] == "company"


def test_set_currency_is_a_default_an_amount_naming_its_currency_keeps_it():
    from talentgraph.loaders import SheetOptions

    text = (
        "acquirer,target,kind,date,amount\nA,B,acquisition,2020,€264m\nA,C,acquisition,2020,264m\n"
        "A,D,acquisition,2020,$5m\n"
    )
    got = deals(parse_deals(text, "csv", "x.csv", SheetOptions.from_flags(set_pairs=["currency=EUR"])))
    assert [(d["amount"], d["currency"]) for d in got.values()] == [(264e6, "EUR"), (264e6, "EUR"), (5e6, "USD")]
    assert got["a-b-2020"]["amount_usd"] == got["a-c-2020"]["amount_usd"] > 264e6  # EUR above USD in 2020
    assert "2020 yearly average" in got["a-b-2020"]["amount_usd_note"]


def test_forced_delimiter_that_leaves_one_column_is_one_header_problem():
    from talentgraph.loaders import SheetOptions

    batch = parse_deals(WIKI, "csv", "w.csv", SheetOptions.from_flags(["Company=target"], delimiter="comma"))
    assert [str(p) for p in batch.problems] == [
        "w.csv:1: the header has 1 column; the file looks tab-separated — pass --delimiter tab"
    ]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_encodings_are_detected(tmp_path, encoding):
    sheet = tmp_path / "d.csv"
    sheet.write_bytes("acquirer;target;kind;amount\nNestlé;Société Générale Lab;acquisition;€5m\n".encode(encoding))
    batch = read_deals(sheet)
    assert batch.problems == [] and {n.name for n in batch.nodes} >= {"Nestlé", "Société Générale Lab"}
    [deal] = deals(batch).values()
    assert deal["currency"] == "EUR" and deal["amount"] == 5_000_000


def test_ignore_two_columns_for_one_field_and_a_map_naming_no_column():
    from talentgraph.loaders import SheetOptions

    text = "Acquirer,Target,Kind,Price,Value,Junk\nA,B,acquisition,$1m,$2m,x\n"
    batch = parse_deals(text, "csv", "x.csv")
    assert [str(p) for p in batch.problems] == [
        "x.csv:1: columns 'Price' and 'Value' both give amount — keep one with --ignore value, "
        "or --map it to another field"
    ]
    batch = parse_deals(text, "csv", "x.csv", SheetOptions.from_flags(["Buyer=acquirer"], ignore=["Value", "Junk"]))
    assert [str(p) for p in batch.problems] == [
        "x.csv:1: --map buyer=acquirer: the file has no column 'buyer' "
        "(columns: Acquirer, Target, Kind, Price, Value, Junk)"
    ]
    got = deals(parse_deals(text, "csv", "x.csv", SheetOptions.from_flags(ignore=["Value", "Junk"])))
    assert got["a-b"]["amount"] == 1_000_000 and "junk" not in got["a-b"] and "value" not in got["a-b"]


def test_extra_columns_get_neo4j_safe_names_that_never_overwrite_deal_fields():
    got = deals(parse_deals("acquirer,target,kind,Name,2nd round (%),Amount text\nA,B,stake,x,y,z\n", "csv", "x.csv"))
    deal = got["a-b"]
    assert (deal["sheet_name"], deal["col_2nd_round"], deal["sheet_amount_text"]) == ("x", "y", "z")
    assert deal["name"] == "A / B stake"


def test_units_from_the_header_or_the_flag_scale_bare_figures_only():
    from talentgraph.loaders import SheetOptions

    got = deals(
        parse_deals(
            "acquirer,target,kind,Value (US$ m)\nA,B,acquisition,370\nA,C,acquisition,$1.4 billion\n", "csv", "x.csv"
        )
    )
    assert (got["a-b"]["amount_usd"], got["a-c"]["amount_usd"]) == (370_000_000, 1_400_000_000)
    got = deals(parse_deals('acquirer,target,kind,"Value (billions USD)"\nA,B,acquisition,2.5\n', "csv", "x.csv"))
    assert (got["a-b"]["amount"], got["a-b"]["currency"]) == (2_500_000_000, "USD")
    got = deals(
        parse_deals(
            "acquirer,target,kind,amount\nA,B,acquisition,2.5\n",
            "csv",
            "x.csv",
            SheetOptions.from_flags(amount_unit="billion"),
        )
    )
    assert got["a-b"]["amount"] == 2_500_000_000


def test_implausibly_small_and_zero_amounts_are_reported_not_rescaled():
    rows = "".join(f"A,T{i},acquisition,2015,$1.{i} billion\n" for i in range(6))
    batch = parse_deals(
        "acquirer,target,kind,date,amount\n" + rows + "A,Small,acquisition,2015,$370\nA,Zero,acquisition,2015,$0\n",
        "csv",
        "x.csv",
    )
    assert deals(batch)["a-small-2015"]["amount_usd"] == 370
    assert any(n.startswith("  x.csv:8: amount '$370' is 370 USD, far below the sheet's median") for n in batch.notes)
    assert "  x.csv:9: amount '$0' is zero — undisclosed? leave the cell empty" in batch.notes


def test_column_conventions_settle_lone_separators_and_slashed_dates():
    text = (
        'acquirer,target,kind,date,amount\nA,B,acquisition,1/02/2012,"$1,500"\n'
        'A,C,acquisition,15/04/2002,"$2,300,000"\n'
    )
    got = deals(parse_deals(text, "csv", "x.csv"))
    assert (got["a-b-2012"]["date"], got["a-b-2012"]["amount"]) == ("2012-02-01", 1500)


def test_hygiene_warnings_name_the_line():
    text = (
        "acquirer,target,kind\nAcme,Acme Inc.,acquisition\nA,Call +1 800 555 0100 support number,acquisition\n"
        "A,[[Linked]] Co,acquisition\n"
    )
    batch = parse_deals(text, "csv", "x.csv")
    notes = "\n".join(batch.notes)
    assert "x.csv:2: acquirer and target are both 'Acme'" in notes
    assert "x.csv:3: target 'Call +1 800 555 0100 support number' looks like spam" in notes
    assert "x.csv:4: target '[[Linked]] Co' has leftover markup" in notes


def test_a_hundred_thousand_column_header_is_one_quick_problem():
    import time

    header = ",".join(f"c{i}" for i in range(100_000))
    start = time.process_time()
    batch = parse_deals(header + "\n" + ",".join("x" * 100_000) + "\n", "csv", "x.csv")
    assert time.process_time() - start < 5
    assert [str(p) for p in batch.problems] == [
        "x.csv:1: the header has 100,000 columns (at most 1,000) — "
        "is this a deal sheet? check the delimiter (--delimiter)"
    ]


def test_crunchbase_export_keeps_permalinks_and_date_precision():
    text = (
        "Acquiree Name,Acquiree Name URL,Acquirer Name,Acquirer Name URL,Announced Date,Announced Date Precision,"
        "Price,Price Currency,Price Currency (in USD),Acquisition Type\n"
        "AdMob,https://www.crunchbase.com/organization/admob,Google,https://www.crunchbase.com/organization/google,"
        '2009-11-09,month,"€500,000,000",EUR,"$750,000,000",Acquisition\n'
    )
    batch = parse_deals(text, "csv", "cb.csv")
    assert batch.problems == []
    [deal] = deals(batch).values()
    assert (deal["date"], deal["date_precision"], deal["amount"], deal["currency"], deal["amount_usd"]) == (
        "2009-11",
        "month",
        500_000_000,
        "EUR",
        750_000_000,
    )
    orgs = {n.id: n.props for n in batch.nodes if n.label is Label.ORGANIZATION}
    assert orgs["admob"]["crunchbase_permalink"] == "admob" and orgs["google"]["crunchbase_permalink"] == "google"


def test_the_shipped_real_list_loads_with_one_flag_and_98_percent_right():
    import csv as csv_module

    from talentgraph.loaders import SheetOptions

    folder = DATA / "tech-giants-acquisitions"
    batch = read_deals(folder / "Acquisitions.csv", SheetOptions.from_flags(set_pairs=["kind=acquisition"]))
    assert batch.problems == []
    by_row = {
        int(loc.rsplit(" ", 1)[1]) + 1: n.props
        for n in batch.nodes
        if n.label is Label.DEAL
        for loc in n.props["locators"]
    }  # no multi-line cells: line = row + 1
    expected = list(csv_module.DictReader((folder / "expected.csv").open(newline="")))
    right = sum(
        str(by_row[int(e["line"])].get("amount_usd", "")) == e["amount_usd"]
        and by_row[int(e["line"])].get("date") == e["date"]
        for e in expected
    )
    assert right / len(expected) >= 0.98


# -- the CLI: one decorator, flags repeated in suggestions, --skip-invalid ---------------------


def test_suggested_validate_command_repeats_the_flags(tmp_path):
    sheet = tmp_path / "w.csv"
    sheet.write_text(WIKI + "".join(f"{i}\t2001\t\t\t\t\t\n" for i in range(7, 14)))
    run = cli_run(tmp_path, "load", str(sheet), *WIKI_FLAGS)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert (
        f"run `talentgraph validate --map Company=target --set acquirer=Google --set kind=acquisition {sheet}`"
        in run.stderr
    )


def test_skip_invalid_that_loads_nothing_fails_and_skipped_counts_rows(tmp_path):
    sheet = tmp_path / "d.csv"
    sheet.write_text("acquirer,target,kind\nA,,\nB,,\n")
    run = cli_run(tmp_path, "load", "--skip-invalid", str(sheet))
    assert run.returncode == 1 and "--skip-invalid loaded nothing" in run.stderr and "Traceback" not in run.stderr
    sheet.write_text("acquirer,target,kind\nA,,\nB,C,acquisition\n")
    run = cli_run(tmp_path, "load", "--skip-invalid", str(sheet))
    assert run.returncode == 0 and "skipped 1 invalid row(s) or record(s)" in run.stdout  # one row, two problems


def test_validate_takes_the_sheet_flags(tmp_path):
    sheet = tmp_path / "w.csv"
    sheet.write_text(WIKI)
    sheet.write_text(WIKI + "7\t2001\tSeventh\tX\tUSA\t$1.2bn plus $300m earnout\t\n")
    assert cli_run(tmp_path, "validate", str(sheet), *WIKI_FLAGS).returncode == 0  # lenient: the deal loads
    run = cli_run(tmp_path, "validate", str(sheet), *WIKI_FLAGS, "--strict")
    assert run.returncode == 1 and run.stdout.startswith(
        f"{sheet}:8: amount '$1.2bn plus $300m earnout' is not an amount"
    )
    run = cli_run(tmp_path, "validate", str(sheet), *WIKI_FLAGS, "--amount-unit", "trillion")
    assert run.returncode == 2 and "trillion" in run.stderr


# -- one deal per deal across sources ---------------------------------------------------------


def test_same_deal_from_two_sources_is_one_node_citing_both(store_factory, tmp_path):
    from talentgraph.graph.identity.resolution import parse_alias_decisions

    (tmp_path / "wiki.csv").write_text(
        "acquirer,target,kind,date,amount\nAlphabet,AdMob,acquisition,2009-11-09,$750 million\n"
    )
    (tmp_path / "cb.csv").write_text(
        'acquirer,target,kind,date,amount\nGoogle,AdMob,acquisition,2009-11,"750,000,000 USD"\n'
    )
    (tmp_path / "other.csv").write_text(
        "acquirer,target,kind,date,amount\nGoogle,AdMob,acquisition,2009,$800 million\n"
    )
    store = store_factory()
    aliases = parse_alias_decisions("same: [[google, Alphabet]]")
    load_sources(store, [str(tmp_path / "wiki.csv")], aliases=aliases)
    [report] = load_sources(store, [str(tmp_path / "cb.csv")], aliases=aliases)
    assert "deal google-admob-2009 is alphabet-admob-2009 (same acquirer, target, year and kind)" in report.notes
    deals_now = [n for n in store.nodes() if n.label is Label.DEAL]
    assert len(deals_now) == 1 and deals_now[0].props["source_ids"] == ["wiki", "cb"]
    assert "disputed_fields" not in deals_now[0].props or deals_now[0].props["disputed_fields"] == []
    load_sources(store, [str(tmp_path / "other.csv")], aliases=aliases)
    [deal] = [n for n in store.nodes() if n.label is Label.DEAL]
    assert deal.props["amount"] == 750_000_000 and "amount" in deal.props["disputed_fields"]
    assert "800000000" in deal.props["disputed_values"]


def test_same_external_id_merges_and_same_name_other_id_is_a_candidate(store_factory, tmp_path):
    head = "acquirer,acquirer_url,target,kind\n"
    (tmp_path / "a.csv").write_text(head + "Mercury,https://www.crunchbase.com/organization/mercury-1,X,acquisition\n")
    (tmp_path / "b.csv").write_text(
        head + "Mercury Inc.,https://www.crunchbase.com/organization/mercury-1,Y,acquisition\n"
    )
    (tmp_path / "c.csv").write_text(head + "Mercury,https://www.crunchbase.com/organization/mercury-2,Z,acquisition\n")
    store = store_factory()
    load_sources(store, [str(tmp_path / "a.csv")])
    [report] = load_sources(store, [str(tmp_path / "b.csv")])
    assert "merged mercury-inc into mercury (same crunchbase_permalink mercury-1)" in report.notes
    [report] = load_sources(store, [str(tmp_path / "c.csv")])
    assert any(n.startswith("not merged: 'Mercury'") and "different crunchbase_permalink" in n for n in report.notes)


def test_set_fills_cells_that_state_nothing_and_real_world_kinds_and_statuses_are_read():
    from talentgraph.loaders import SheetOptions

    text = (
        "acquirer,target,kind,status\nA,B,Not Applicable,Complete\nA,C,,Pending\nA,D,Lbo,\n"
        "A,E,Asset Purchase,Cancelled\n"
    )
    got = deals(parse_deals(text, "csv", "x.csv", SheetOptions.from_flags(set_pairs=["kind=acquisition"])))
    assert {k: (v["kind"], v.get("status")) for k, v in got.items()} == {
        "a-b": ("acquisition", "completed"),
        "a-c": ("acquisition", "announced"),
        "a-d": ("acquisition", None),
        "a-e": ("acquisition", "failed"),
    }


def test_a_tab_file_that_quotes_nothing_reads_its_quotes_as_text_and_says_so():
    text = (
        'acquirer\ttarget\tkind\tnote\nA\t"Weird" Labs\tacquisition\tx\n'
        'B\tC\tacquisition\tsays "hi\nD\tE\tacquisition\t\n'
    )
    batch = parse_deals(text, "csv", "x.csv")
    assert batch.problems == [] and sorted(deals(batch)) == ["a-weird-labs", "b-c", "d-e"]
    assert "x.csv: quotes read as plain text — the file quotes no cells, and reading quotes broke line 2" in batch.notes
    comma = 'acquirer,target,kind\nMeta,Scale AI,stake\nGoogle,"Windsurf,licence_and_hire\nApple,Other,acquisition\n'
    assert [p.line for p in parse_deals(comma, "csv", "y.csv").problems] == [3]  # quoting stays strict otherwise


def test_a_workbook_saved_with_a_csv_name_is_one_clear_problem(tmp_path):
    sheet = tmp_path / "deals.csv"
    sheet.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 8)
    assert [p.message for p in read_deals(sheet).problems] == [
        "not a text table (binary data: a spreadsheet workbook such as .xlsx?) — save it as CSV (UTF-8) and load that"
    ]


def test_party_kinds_are_the_models_kinds_with_synonyms_name_cues_and_a_warning_for_others():
    text = (
        "acquirer,acquirer_kind,target,target_kind,kind\n"
        "Stanford University,University,Acme Labs,Division,acquisition\n"
        "Seed Fund,VC,Tsinghua University,,acquisition\n"
        "Big Co,Private,Other Co,media,acquisition\n"
    )
    batch = parse_deals(text, "csv", "x.csv")
    assert batch.problems == []
    kinds = {n.props["name"]: n.props["kind"] for n in batch.nodes if n.label is Label.ORGANIZATION}
    assert kinds == {
        "Stanford University": "lab",
        "Acme Labs": "unit",
        "Seed Fund": "investor",
        "Tsinghua University": "lab",
        "Big Co": "company",
        "Other Co": "media",
    }
    assert batch.notes == [
        "x.csv: unknown organization kinds in 1 row:",
        "  x.csv:4: 'Private' is not an organization kind (company, lab, unit, product, investor, club, media); "
        "'Big Co' kept as company",
    ]
