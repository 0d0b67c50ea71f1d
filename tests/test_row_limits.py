"""--max-rows: a source with more rows than the limit is refused whole, in one line, by every reader."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from talentgraph.cli import cli
from talentgraph.graph import EmbeddedStore
from talentgraph.graph.errors import SourceError
from talentgraph.loaders import MAX_ROWS, load_sources, row_limit, validate_sources

POSITIONS = "person,organization,title,start_date,start_date_precision,end_date,end_date_precision\n" + "".join(
    f"Person {i},Acme,Engineer,2020,year,,\n" for i in range(3)
)
DEALS_CSV = "acquirer,target,kind,date\n" + "".join(f"Buyer {i},Target {i},acquisition,2020\n" for i in range(3))
DEALS_YAML = "deals:\n" + "".join(
    f"  - {{acquirer: Buyer {i}, target: Target {i}, kind: acquisition}}\n" for i in range(3)
)
DEALS_JSON = json.dumps([{"acquirer": f"Buyer {i}", "target": f"Target {i}", "kind": "acquisition"} for i in range(3)])
SPARQL = json.dumps(
    {
        "head": {"vars": ["acquirer", "target"]},
        "results": {
            "bindings": [
                {
                    "acquirer": {"type": "uri", "value": f"http://www.wikidata.org/entity/Q{i}"},
                    "target": {"type": "uri", "value": f"http://www.wikidata.org/entity/Q{i + 100}"},
                }
                for i in range(1, 4)
            ]
        },
    }
)
# (file name, text, where the refusal points: the line of the first row over a limit of 2)
SOURCES = [
    ("positions.csv", POSITIONS, "positions.csv:4"),
    ("deals.csv", DEALS_CSV, "deals.csv:4"),
    ("deals.yaml", DEALS_YAML, "deals.yaml:4"),
    ("deals.json", DEALS_JSON, "deals.json:1"),
    ("results.json", SPARQL, "results.json"),
]


def _message(where: str) -> str:
    return (
        f"{where}: more than 2 rows, the row limit for one source — pass --max-rows N "
        "(Python: loaders.row_limit(N)) to allow more, or split the file"
    )


@pytest.mark.parametrize("name, text, where", SOURCES, ids=[s[0] for s in SOURCES])
def test_cli_load_over_the_limit_is_one_line_and_writes_nothing(tmp_path, name, text, where):
    path = tmp_path / name
    path.write_text(text)
    store = tmp_path / "g.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", str(store), "load", "article"]).exit_code == 0
    before = EmbeddedStore.open(store).stats()
    result = runner.invoke(cli, ["--store", str(store), "load", str(path), "--max-rows", "2"])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {_message(str(tmp_path / where))}"
    assert EmbeddedStore.open(store).stats() == before
    # at the limit, or with the default, the same file loads
    assert runner.invoke(cli, ["--store", str(store), "load", str(path), "--max-rows", "3"]).exit_code == 0
    assert EmbeddedStore.open(store).stats() != before


@pytest.mark.parametrize("name, text, where", SOURCES[:2], ids=[s[0] for s in SOURCES[:2]])
def test_validate_applies_the_same_limit(tmp_path, name, text, where):
    path = tmp_path / name
    path.write_text(text)
    result = CliRunner().invoke(cli, ["validate", str(path), "--max-rows", "2"])
    assert result.exit_code == 1 and result.output.strip() == f"Error: {_message(str(tmp_path / where))}"
    assert CliRunner().invoke(cli, ["validate", str(path)]).exit_code == 0


def test_node_link_json_counts_nodes_and_links(tmp_path):
    exported = tmp_path / "graph.json"
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", str(tmp_path / "g.db"), "load", "article"]).exit_code == 0
    assert (
        runner.invoke(
            cli, ["--store", str(tmp_path / "g.db"), "export", "--format", "json", "-o", str(exported)]
        ).exit_code
        == 0
    )
    with row_limit(2), pytest.raises(SourceError, match=r"graph\.json \(nodes\): more than 2 rows"):
        load_sources(EmbeddedStore(), [str(exported)])


def test_python_api_limit_and_bad_values(tmp_path):
    path = tmp_path / "positions.csv"
    path.write_text(POSITIONS)
    store = EmbeddedStore()
    with row_limit(2), pytest.raises(SourceError, match="positions.csv:4: more than 2 rows"):
        load_sources(store, [str(path)])
    assert store.stats()["nodes"] == {}
    with row_limit(2), pytest.raises(SourceError, match="more than 2 rows"):
        validate_sources([str(path)])
    with row_limit(3):
        assert validate_sources([str(path)]) == []
    with pytest.raises(SourceError, match="row limit 0 is not a whole number of rows of 1 or more"):
        with row_limit(0):
            pass
    assert MAX_ROWS == 50_000_000
    assert "(default 50,000,000)" in " ".join(CliRunner().invoke(cli, ["load", "--help"]).output.split())


def test_bad_max_rows_option_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["validate", "article", "--max-rows", "0"])
    assert result.exit_code == 2 and "Invalid value for '--max-rows': 0 is not in the range x>=1." in result.output
