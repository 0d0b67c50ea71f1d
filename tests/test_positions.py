"""Employment histories: the AI Watch extract, messy rows, stints, moves, CLI report."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from talentgraph.cli import cli
from talentgraph.graph import EmbeddedStore
from talentgraph.loaders import load_sources, validate_sources
from talentgraph.loaders.positions import parse_positions
from talentgraph.queries import moves

DATA = Path(__file__).parent / "data"
HEADER = "person,organization,title,start_date,start_date_precision,end_date,end_date_precision\n"


@pytest.fixture(params=["embedded"])
def store_factory(request):
    return EmbeddedStore


def test_extract_repairs_mess_and_reports_it(store_factory):
    store = store_factory()
    report = load_sources(store, [str(DATA / "aiwatch")])[0]
    notes = "\n".join(report.notes)
    assert "duplicate rows" in notes and "without an organization" in notes and "2019-7-01" in notes
    g = store.to_networkx()
    # "Cullen O'Keefe" is written with three quote styles: one person, the others aliases
    cullen = [n for n, a in g.nodes(data=True) if a.get("name", "").startswith("Cullen O")]
    assert len(cullen) == 1
    assert len(g.nodes[cullen[0]]["aliases"]) == 2
    # "Epoch" and "Epoch " are one organization
    assert [a["name"] for _, a in g.nodes(data=True) if a.get("name", "").strip() == "Epoch"] == ["Epoch"]


def test_stint_props_dates_cut_to_precision():
    batch = parse_positions(HEADER + "Ada Lovelace,Engines Ltd,Engineer,1843-7-01,month,1845-01-01,year\n", "x/p.csv")
    (rel,) = batch.relationships
    assert rel.props["role"] == "Engineer"
    assert (rel.props["from"], rel.props["to"]) == (1843, 1845)
    assert (rel.props["start_date"], rel.props["start_precision"]) == ("1843-07", "month")
    assert (rel.props["end_date"], rel.props["end_precision"]) == ("1845", "year")


def test_merged_spellings_note_counts_the_variants_kept_as_aliases():
    batch = parse_positions(
        HEADER + "Ada Lovelace,Engines Ltd,Engineer,1843,year,,\n"
        "ada  lovelace,Engines Ltd.,Engineer,1844,year,,\n"
        "Charles Babbage,Engines Ltd,Inventor,1840,year,,\n",
        "x/p.csv",
    )
    # one person variant and one organization variant; people and organizations without one add nothing
    assert [n for n in batch.notes if "spelling variants" in n] == [
        "x/p.csv: merged 2 spelling variants of names (case, spacing, punctuation, corporate suffixes) — kept as aliases"
    ]


def test_bad_rows_are_problems_with_lines_and_nothing_is_written(tmp_path, store_factory):
    path = tmp_path / "positions.csv"
    path.write_text(
        HEADER + "Ada,Engines,Eng,2019-13-01,month,,\n,Engines,Eng,2019,year,,\nBob,X,Y,2020-05-01,day,2019-01-01,day\n"
    )
    problems = [str(p) for p in validate_sources([str(path)])]
    assert problems == [
        f"{path}:2: start date '2019-13-01' is not a date — write YYYY-MM-DD, YYYY-MM or YYYY",
        f"{path}:3: no person named — fill in the person column or delete the row",
        f"{path}:4: end 2019-01-01 is before start 2020-05-01 — swap or fix the dates",
    ]
    store = store_factory()
    with pytest.raises(Exception, match="nothing was loaded"):
        load_sources(store, [str(path)])
    assert store.stats() == {"nodes": {}, "relationships": {}}


def test_moves_follow_consecutive_stints_not_concurrent_ones(store_factory):
    text = HEADER + (
        "Ada,Alpha,Engineer,2015-01-01,month,2018-06-01,month\n"
        "Ada,Beta,Lead,2018-07-01,month,,\n"
        "Ada,Board Co,Board member,2016-01-01,year,,\n"  # held alongside: no move
        "Ada,Beta,Head,2020-01-01,year,,\n"  # a promotion at Beta: no move
    )
    store = store_factory()
    store.write(*(lambda b: (b.nodes, b.relationships))(parse_positions(text, "t/p.csv")))
    rows = moves(store)["rows"]
    assert rows == [["ada", "Ada", "Alpha", "Engineer", "Beta", "Lead", 2018]]


def test_loading_twice_changes_nothing(store_factory):
    store = store_factory()
    load_sources(store, [str(DATA / "aiwatch" / "positions.csv")])
    before = store.stats()
    written = load_sources(store, [str(DATA / "aiwatch" / "positions.csv")])[-1].written
    assert written.nodes_created == written.relationships_created == 0
    assert store.stats() == before


def test_cli_load_prints_report(tmp_path):
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "g.json"), "load", str(DATA / "aiwatch")])
    assert result.exit_code == 0, result.output
    assert "(positions)" in result.output and "skipped 1 duplicate rows" in result.output
    assert EmbeddedStore.open(tmp_path / "g.json").stats()["relationships"]["WORKED_AT"] > 40


def test_full_aiwatch_export_loads(shared_path):
    folder = shared_path("data", "aiwatch")
    store = EmbeddedStore()
    load_sources(store, [str(folder)])
    counts = store.stats()
    assert counts["nodes"]["Person"] > 10_000 and counts["relationships"]["WORKED_AT"] > 15_000
    assert len(moves(store)["rows"]) > 500


def test_person_whose_slug_is_an_organization_id_gets_its_own_id(tmp_path, store_factory):
    store = store_factory()
    load_sources(store, ["article"])
    path = tmp_path / "positions.csv"
    path.write_text(HEADER + "Meta,Scale AI,Engineer,2020-01-01,day,,\n")
    report = load_sources(store, [str(path)])[-1]
    assert "renamed meta to meta-person (id 'meta' is taken by a Organization)" in report.notes
    g = store.to_networkx()
    assert g.nodes["meta-person"]["label"] == "Person" and g.has_edge("meta-person", "scale-ai")


def test_cli_moves_of_a_person_and_validate_errors(tmp_path):
    runner = CliRunner()
    store = ["--store", str(tmp_path / "g.json")]
    assert runner.invoke(cli, [*store, "load", str(DATA / "aiwatch")]).exit_code == 0
    result = runner.invoke(cli, [*store, "moves", "Jeremy Schlatter", "--json"])
    assert result.exit_code == 0
    import json

    rows = json.loads(result.output)["rows"]
    assert rows and all(r[0] == "jeremy-schlatter" for r in rows) and rows == sorted(rows, key=lambda r: r[6])
    bad = tmp_path / "positions.csv"
    bad.write_text(HEADER + "Ada,Engines,Eng,2019-02-30,day,,\n")
    checked = runner.invoke(cli, ["validate", str(bad)])
    assert checked.exit_code == 1
    assert checked.output == f"{bad}:2: start date '2019-02-30' is not a date — write YYYY-MM-DD, YYYY-MM or YYYY\n"


def test_fast_checks_still_refuse_bad_values_in_a_known_shape(store_factory):
    from talentgraph.graph import Label, ModelError, Node

    good = {"name": "Ada", "aliases": ["A"], "source_ids": ["s"], "locators": ["s#1"]}
    store = store_factory()
    store.write([Node("ada", Label.PERSON, good)])
    bad = {**good, "aliases": ["A", 7]}  # same keys and types as a valid record, mixed list
    with pytest.raises(ModelError, match=r"Person 'bob': property 'aliases' must be a list of one primitive type"):
        store.write([Node("bob", Label.PERSON, bad)])
    assert "bob" not in store.to_networkx()


def test_a_new_role_elsewhere_while_still_at_the_old_organization_is_no_move(store_factory):
    text = HEADER + (
        "Ada,Alpha,Engineer,2015-01-01,month,2018-01-01,month\n"
        "Ada,Alpha,Manager,2018-02-01,month,,\n"  # stays at Alpha
        "Ada,Gamma,Board member,2018-01-15,day,,\n"
    )
    store = store_factory()
    batch = parse_positions(text, "t/p.csv")
    store.write(batch.nodes, batch.relationships)
    assert moves(store)["rows"] == []
