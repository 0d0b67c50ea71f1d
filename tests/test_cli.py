"""The CLI as a user meets it: exit codes, exact messages, JSON shapes; state checked through the API."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from talentgraph.cli import cli
from talentgraph.graph import EmbeddedStore


@pytest.fixture
def run():
    def invoke(*args, input=None):
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def store_path():
    return os.environ["TALENTGRAPH_STORE"]


def test_load_article_creates_the_store_and_reports_counts(run, store_path):
    result = run("load", "article")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "loaded article (article): 99 nodes, 161 relationships"
    assert EmbeddedStore.open(store_path).stats()["nodes"]["Deal"] == 20


def test_loading_twice_reports_nothing_new(run):
    run("load", "article")
    result = run("load", "article", "--json")
    assert json.loads(result.output)["written"] == {
        "nodes_created": 0,
        "nodes_updated": 99,
        "relationships_created": 0,
        "relationships_updated": 161,
    }


def test_first_run_without_a_store_uses_the_article_and_says_so(run, store_path):
    result = CliRunner().invoke(cli, ["trace", "alexandr wang"])
    assert result.exit_code == 0
    assert f"no store at {store_path} yet — using the built-in article graph" in result.stderr
    assert result.stdout.startswith("Alexandr Wang: 1 talent path")
    assert not os.path.exists(store_path)


def test_trace_text(run):
    run("load", "article")
    result = run("trace", "Alexandr Wang")
    assert result.output == (
        "Alexandr Wang: 1 talent path\n"
        "1. Alexandr Wang -> founded Scale AI † -> Meta / Scale AI stake (2025) [stake, completed, 2025, USD 14.8 bn, "
        "49 %, valued at USD 30 bn] -> Meta -> leads Meta Superintelligence Lab (head, from 2025)\n"
        "† not stated by 36kr-2025-07-11 (the primary source); from public-record\n"
    )


def test_trace_json_follows_the_design_shape(run):
    run("load", "article")
    doc = json.loads(run("trace", "Allen Zhang", "--json").output)
    path = doc["paths"][0]
    assert [n["name"] for n in path["nodes"]] == [
        "Zhang Xiaolong",
        "Foxmail",
        "Tencent / Foxmail (2005)",
        "Tencent",
        "QQ Mail",
        "WeChat",
    ]
    assert {"id", "name", "label"} <= set(path["nodes"][0])
    assert [r["type"] for r in path["relationships"]][:4] == ["FOUNDED", "TARGET", "MOVED", "ACQUIRER"]
    assert all({"type", "start", "end", "source_ids", "locators"} <= set(r) for r in path["relationships"])


def test_path_from_a_bought_company_to_what_its_founder_builds_now(run):
    run("load", "article")
    doc = json.loads(run("path", "Musical.ly", "Doubao", "--json").output)
    assert [[n["id"] for n in p["nodes"]] for p in doc["paths"]] == [["musically", "zhu-jun", "flow", "doubao"]]
    text = run("path", "Musical.ly", "Doubao").output
    assert text.splitlines()[0] == "1. (3 hops) Musical.ly <-[FOUNDED]- Zhu Jun -[LEADS]-> Flow <-[PART_OF]- Doubao"


def test_stats_json(run):
    run("load", "article")
    doc = json.loads(run("stats", "--json").output)
    assert doc["nodes"] == {"Claim": 13, "Deal": 20, "Organization": 47, "Person": 17, "Source": 2}
    assert sum(doc["relationships"].values()) == 161
    # every one of the 260 nodes and relationships cites the article or the public record
    assert doc["sources"] == {"36kr-2025-07-11": 254, "public-record": 64}


def test_export_json_is_node_link_with_edges(run, tmp_path):
    run("load", "article")
    out = tmp_path / "g.json"
    assert run("export", "--format", "json", "-o", str(out)).exit_code == 0
    doc = json.loads(out.read_text())
    assert set(doc) >= {"nodes", "edges", "directed", "multigraph"} and len(doc["edges"]) == 161
    import networkx as nx

    assert nx.node_link_graph(doc, edges="edges").number_of_nodes() == 99


def test_loaders_lists_the_built_ins(run):
    doc = json.loads(run("loaders", "--json").output)
    assert doc["columns"] == ["name", "formats", "origin", "version", "description"]
    assert [r[0] for r in doc["rows"]][:2] == ["article", "curated"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["trace", "Alexandr Wnag"], "Error: no entity named 'Alexandr Wnag' — did you mean 'Alexandr Wang'?"),
        (
            ["trace", "Facebook"],
            "Error: 'Facebook' is Meta, an Organization — trace takes a person; for connections between any two entities use `talentgraph path`",
        ),
        (
            ["load", "nosuchsource"],
            "Error: unknown source 'nosuchsource': not a built-in source name and no such file — built-in sources: article; see `talentgraph loaders`",
        ),
        (
            ["load", "article", "--loader", "nope"],
            "Error: no loader named 'nope' — available: article, curated, deals, node-link, positions, wikidata (see `talentgraph loaders`)",
        ),
    ],
)
def test_errors_are_one_line_with_a_fix_and_exit_1(args, message):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == message
    assert "Traceback" not in result.output


def test_corrupt_store_is_reported_and_left_unchanged(store_path):
    os.makedirs(os.path.dirname(store_path), exist_ok=True)
    with open(store_path, "w") as fh:
        fh.write("{not json")
    result = CliRunner().invoke(cli, ["load", "article"])
    assert result.exit_code == 1
    assert (
        result.output.strip()
        == f"Error: store {store_path} is not valid JSON (corrupt or truncated) — move it away and reload your sources"
    )
    assert open(store_path).read() == "{not json"


def test_malformed_source_file_loads_nothing(tmp_path, store_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("source: {id: mine, name: Mine, at: [p1]}\npeople:\n  - {id: ada, at: [p1]}\n")
    result = CliRunner().invoke(cli, ["load", str(bad)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {bad}:3: Person 'ada' has no 'name' — nothing was loaded"
    assert not os.path.exists(store_path)
    result = CliRunner().invoke(cli, ["validate", str(bad)])
    assert (result.exit_code, result.output) == (1, f"{bad}:3: Person 'ada' has no 'name'\n")


def test_debug_shows_the_traceback(tmp_path):
    env = {**os.environ, "TALENTGRAPH_STORE": str(tmp_path / "g.json")}
    runs = {
        flag: subprocess.run(
            [sys.executable, "-m", "talentgraph", *flag, "trace", "nobody at all"],
            capture_output=True,
            text=True,
            env=env,
        )
        for flag in ((), ("--debug",))
    }
    plain, debug = runs[()], runs[("--debug",)]
    assert plain.returncode == 1 and "Traceback" not in plain.stderr
    assert plain.stderr.strip().splitlines()[-1].startswith("Error: no entity named 'nobody at all'")
    # --debug: the same error, raised as the exception it is, with the frames that raised it
    assert debug.returncode == 1 and "Traceback (most recent call last)" in debug.stderr
    assert "talentgraph.graph.errors.NameNotFoundError: no entity named 'nobody at all'" in debug.stderr


def test_python_dash_m_and_console_script_agree(tmp_path):
    env = {**os.environ, "TALENTGRAPH_STORE": str(tmp_path / "g.json")}
    a = subprocess.run(
        [sys.executable, "-m", "talentgraph", "stats", "--json"], capture_output=True, text=True, env=env
    )
    assert a.returncode == 0 and json.loads(a.stdout)["nodes"]["Deal"] == 20
    assert "using the built-in article graph" in a.stderr


def test_no_generic_top_level_packages_are_installed(tmp_path):
    # run from an empty folder: `python -m pytest` puts the checkout itself on sys.path
    code = "import importlib.util as u; print([n for n in ('graph', 'loaders', 'queries', 'cli') if u.find_spec(n)])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert out.stdout.strip() == "[]"
