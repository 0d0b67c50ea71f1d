"""`talentgraph queries`, `query` and `cypher` as a user sees them: exit codes and exact text."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from talentgraph.cli import cli
from talentgraph.graph import EmbeddedStore


def run(article_store_file, *args):
    return CliRunner().invoke(cli, ["--store", str(article_store_file), *args])


def test_queries_lists_every_query_with_its_parameters(article_store_file):
    result = run(article_store_file, "queries", "--json")
    assert result.exit_code == 0
    table = json.loads(result.output)
    rows = {row[0]: row[1] for row in table["rows"]}
    assert rows["shopping_cart"] == ["acquirer*: entity", "as_of: year"]
    assert rows["path"] == ["from*: entity", "to*: entity", "max_hops: int = 8", "limit: int = 10", "types: types"]
    assert {"talent_paths", "boomerangs", "co_movers", "flows", "timeline", "trace"} <= rows.keys()


def test_query_prints_a_table_and_json(article_store_file):
    text = run(article_store_file, "query", "boomerangs")
    assert text.exit_code == 0
    assert text.output.splitlines()[2].split("  ")[0] == "Noam Shazeer"
    as_json = json.loads(run(article_store_file, "query", "shopping_cart", "-p", "acquirer=Facebook", "--json").output)
    assert as_json["columns"] == ["deal", "kind", "status", "year", "amount", "currency", "stake_pct", "people"]
    assert as_json["rows"][-1] == ["total completed", None, "completed", None, 36800000000, "USD", None, []]
    assert [r[0] for r in as_json["rows"][:3]] == [
        "Meta / Instagram (2012)",
        "Meta / Oculus VR (2014)",
        "Meta / WhatsApp (2014)",
    ]


def test_as_of_turns_back_the_clock(article_store_file):
    rows = json.loads(
        run(article_store_file, "query", "shopping_cart", "-p", "acquirer=Meta", "-p", "as_of=2012", "--json").output
    )["rows"]
    assert rows == [
        ["Meta / Instagram (2012)", "acquisition", "completed", 2012, 1000000000, "USD", None, []],
        ["total completed", None, "completed", None, 1000000000, "USD", None, []],
    ]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["query", "nosuch"],
            1,
            "Error: no query named 'nosuch' — known queries: acquired_leaders, all_paths, boomerangs, claims, co_movers, deals, "
            "deals_by_year, describe, disputes, entities, failed_bids, flows, moves, neighbourhood, path, search, shopping_cart, "
            "talent_paths, timeline, trace\n",
        ),
        (
            ["query", "shopping_cart"],
            1,
            "Error: query 'shopping_cart' needs parameter 'acquirer' (the name, alias or id of an entity) — "
            "pass -p acquirer=VALUE\n",
        ),
        (
            ["query", "deals_by_year", "-p", "as_of=soon"],
            1,
            "Error: parameter 'as_of' of query 'deals_by_year' expects a year from 1800 to 2200, got 'soon'\n",
        ),
        (
            ["query", "neighbourhood", "-p", "entity=Meta", "-p", "depth=9"],
            1,
            "Error: parameter 'depth' of query 'neighbourhood' expects an integer from 1 to 3, got '9'\n",
        ),
        (
            ["query", "flows", "-p", "level=planet"],
            1,
            "Error: parameter 'level' of query 'flows' expects one of organization, country, got 'planet'\n",
        ),
        (
            ["query", "flows", "-p", "foo=1"],
            1,
            "Error: query 'flows' has no parameter 'foo' — its parameters: level, as_of\n",
        ),
        (
            ["query", "shopping_cart", "-p", "acquirer=Metta"],
            1,
            "Error: no entity named 'Metta' — did you mean 'Meta', 'Meituan'?\n",
        ),
        (
            ["query", "path", "-p", "from=Meta", "-p", "to=Tencent", "-p", "types=OWNS"],
            1,
            "Error: parameter 'types' of query 'path' expects relationship types separated by commas, from FOUNDED, "
            "WORKED_AT, LEADS, PART_OF, MERGED_INTO, TARGET, ACQUIRER, MOVED, ABOUT, got 'OWNS'\n",
        ),
        (
            ["query", "moves", "-p", "as_of=later"],
            1,
            "Error: parameter 'as_of' of query 'moves' expects a year from 1800 to 2200, got 'later'\n",
        ),
        (["moves", "Metta"], 1, "Error: no entity named 'Metta' — did you mean 'Meta', 'Meituan'?\n"),
        (["cypher", "RETURN 1", "-p", "oops"], 1, "Error: parameter 'oops' is not key=value — write -p name=Meta\n"),
        (
            ["cypher", "MATCH (n) RETURN count(n)"],
            1,
            "Error: raw Cypher needs a Neo4j store — the embedded store runs the named queries (`talentgraph queries`, "
            "`talentgraph query NAME`); to run Cypher, point talentgraph at Neo4j with --neo4j URI or NEO4J_URI "
            "(see README 'Neo4j')\n",
        ),
    ],
)
def test_bad_input_gets_one_clear_line(article_store_file, args, code, message):
    before = article_store_file.read_bytes()
    result = run(article_store_file, *args)
    assert (result.exit_code, result.output) == (code, message)
    assert article_store_file.read_bytes() == before


def test_a_param_without_equals_is_a_usage_error(article_store_file):
    result = run(article_store_file, "query", "flows", "-p", "level")
    assert result.exit_code == 2
    assert result.output.endswith("Error: parameter 'level' is not KEY=VALUE — write e.g. -p acquirer=Meta\n")


def test_trace_and_path_commands_come_from_the_catalogue(article_store_file):
    trace = run(article_store_file, "trace", "Alexandr Wang")
    assert trace.output == (
        "Alexandr Wang: 1 talent path\n"
        "1. Alexandr Wang -> founded Scale AI † -> Meta / Scale AI stake (2025) [stake, completed, 2025, "
        "USD 14.8 bn, 49 %, valued at USD 30 bn] -> Meta -> leads Meta Superintelligence Lab (head, from 2025)\n"
        "† not stated by 36kr-2025-07-11 (the primary source); from public-record\n"
    )
    via_query = json.loads(
        run(article_store_file, "query", "path", "-p", "from=Meta", "-p", "to=Scale AI", "--json").output
    )
    via_path = json.loads(run(article_store_file, "path", "Meta", "Scale AI", "--json").output)
    assert via_path == {"paths": [row[0] for row in via_query["rows"]], "truncated": False}
    assert [n["name"] for n in via_path["paths"][0]["nodes"]] == ["Meta", "Meta / Scale AI stake (2025)", "Scale AI"]
    assert EmbeddedStore.open(article_store_file).stats()["relationships"]["MOVED"] == 14


def test_disputes_and_moves_are_catalogue_queries_like_their_commands(article_store_file):
    rows = {row[0]: row[1] for row in json.loads(run(article_store_file, "queries", "--json").output)["rows"]}
    assert rows["disputes"] == ["field: str"] and rows["moves"] == ["entity: entity", "as_of: year"]
    disputed = json.loads(run(article_store_file, "query", "disputes", "-p", "field=amount_usd", "--json").output)
    assert disputed == json.loads(run(article_store_file, "disputes", "--field", "amount_usd", "--json").output)
    assert disputed["rows"] and {row[3] for row in disputed["rows"]} == {"amount_usd"}
    into_meta = json.loads(run(article_store_file, "query", "moves", "-p", "entity=Meta", "--json").output)
    assert into_meta == json.loads(run(article_store_file, "moves", "Meta", "--json").output)
    assert into_meta["rows"] == [["daniel-gross", "Daniel Gross", "Safe Superintelligence", "CEO", "Meta", None, 2025]]
    before_2025 = run(article_store_file, "query", "moves", "-p", "as_of=2024")
    assert (
        before_2025.exit_code == 0
        and "Cristiano Ronaldo" in before_2025.output
        and "Daniel Gross" not in before_2025.output
    )


def test_path_all_lists_every_path_shortest_first_and_says_when_the_limit_cuts(article_store_file):
    result = run(article_store_file, "path", "Zhu Jun", "Douyin", "--all", "--max-hops", "3", "--limit", "2")
    assert (result.exit_code, result.output) == (
        0,
        (
            "1. (2 hops) Zhu Jun -[WORKED_AT]-> ByteDance <-[PART_OF]- Douyin\n"
            "2. (3 hops) Zhu Jun -[WORKED_AT]-> ByteDance <-[PART_OF]- TikTok <-[MERGED_INTO]- Douyin\n"
            "more paths than shown: the first 2 — raise --limit or lower --max-hops\n"
        ),
    )
    doc = json.loads(run(article_store_file, "path", "OpenAI", "Meta", "--all", "--max-hops", "3", "--json").output)
    assert doc["truncated"] is False and [len(p["relationships"]) for p in doc["paths"]] == [2, 3, 3]


def test_path_via_and_types(article_store_file):
    via = run(article_store_file, "path", "Zhu Jun", "Douyin", "--via", "Musical.ly")
    assert via.output == (
        "1. (3 hops) Zhu Jun -[FOUNDED]-> Musical.ly <-[TARGET]- Musical.ly and Douyin merge into TikTok (2018) "
        "-[TARGET]-> Douyin\n"
        "2. (3 hops) Zhu Jun -[FOUNDED]-> Musical.ly -[MERGED_INTO]-> TikTok <-[MERGED_INTO]- Douyin\n"
    )
    typed = run(article_store_file, "path", "OpenAI", "Meta", "--all", "--types", "WORKED_AT,PART_OF")
    assert typed.output == (
        "1. (3 hops) OpenAI <-[WORKED_AT]- Yu Jiahui -[WORKED_AT]-> Meta Superintelligence Lab -[PART_OF]-> Meta\n"
    )
    # claims link Meituan and Pinduoduo, but a claim is no connection
    assert run(article_store_file, "path", "Meituan", "Pinduoduo", "--all").output == "no path\n"


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["path", "OpenAI", "Meta", "--all", "--max-hops", "12"],
            "Error: Invalid value for '--max-hops': 12 is more than 10 — with --all, every path is enumerated: use at most 10\n",
        ),
        (["path", "OpenAI", "Meta", "--via", "Nobody at all"], "Error: no entity named 'Nobody at all'"),
        (
            ["render", "-o", "x.html", "--all"],
            "Error: --all, --via, --max-hops and --types shape --path FROM TO — add --path\n",
        ),
    ],
)
def test_path_options_refuse_bad_input_in_one_line(article_store_file, args, message):
    result = run(article_store_file, *args)
    assert result.exit_code != 0 and message in result.output and "Traceback" not in result.output


def test_render_path_takes_the_path_options(article_store_file, tmp_path):
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()
    out = tmp_path / "p.html"
    result = runner.invoke(
        cli,
        [
            "--store",
            str(article_store_file),
            "render",
            "-o",
            str(out),
            "--path",
            "OpenAI",
            "Meta",
            "--all",
            "--limit",
            "2",
        ],
    )
    assert result.exit_code == 0 and out.exists()
    assert "highlighting the first 2 paths; there are more — raise --limit or lower --max-hops" in result.stderr
