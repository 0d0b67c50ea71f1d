"""The test suite's own ground rules, and start-up: loader plugins of the machine stay out
of tests unless asked for; the CLI's help and version import nothing heavy."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from talentgraph.loaders import default_registry

EXAMPLE = Path(__file__).parent / "plugin_example"
HEAVY = ("networkx", "neo4j", "pyvis", "yaml", "jinja2")


@pytest.fixture
def installed_plugin(tmp_path, monkeypatch):
    """The example loader plugin, installed on sys.path the way pip leaves it."""
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE / "talentgraph_founders", site / "talentgraph_founders")
    info = site / "talentgraph_founders-0.2.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: talentgraph-founders\nVersion: 0.2.0\n")
    (info / "entry_points.txt").write_text("[talentgraph.loaders]\nfounders = talentgraph_founders:FoundersLoader\n")
    monkeypatch.syspath_prepend(str(site))
    return site


def test_a_plugin_on_the_machine_does_not_reach_a_test(installed_plugin):
    assert "founders" not in default_registry().names()
    assert "article" in default_registry().names()


@pytest.mark.plugins
def test_a_test_that_asks_for_plugins_sees_them(installed_plugin):
    assert "founders" in default_registry().names()


@pytest.mark.smoke
@pytest.mark.parametrize("args", [["--help"], ["--version"], ["load", "--help"]])
def test_help_and_version_import_nothing_heavy(args):
    code = (
        "import sys, json\n"
        "from talentgraph.cli import main\n"
        f"sys.argv = ['talentgraph', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)), file=sys.stderr)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Usage:" in run.stdout or "version" in run.stdout
    assert json.loads(run.stderr.strip().splitlines()[-1]) == []


def test_importing_the_graph_package_does_not_load_networkx():
    code = "import sys, talentgraph.graph, talentgraph.graph.model; print('networkx' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


@pytest.mark.smoke
def test_bulk_adds_build_the_graph_networkx_itself_builds():
    """nx_bulk writes networkx's private adjacency: the result must be the graph the public
    API builds, on every networkx version we support (this runs on the floor too)."""
    import networkx as nx
    from talentgraph.graph.embedded.nx_bulk import add_new_edges, add_new_nodes

    nodes = {"a": {"label": "Person"}, "b": {"label": "Organization"}, "c": {"label": "Deal"}}
    edges = {
        ("a", "b", "WORKED_AT|1"): {"type": "WORKED_AT"},
        ("a", "b", "FOUNDED|"): {"type": "FOUNDED"},
        ("c", "b", "TARGET|"): {"type": "TARGET"},
    }
    bulk, public = nx.MultiDiGraph(), nx.MultiDiGraph()
    add_new_nodes(bulk, nodes)
    add_new_edges(bulk, edges)
    for node_id, attrs in nodes.items():
        public.add_node(node_id, **attrs)
    for (start, end, key), attrs in edges.items():
        public.add_edge(start, end, key, **attrs)
    assert nx.utils.graphs_equal(bulk, public)
    assert sorted(bulk.in_edges("b", keys=True)) == sorted(public.in_edges("b", keys=True))
    assert bulk.edges["a", "b", "FOUNDED|"] == {"type": "FOUNDED"}
    bulk.remove_edge("a", "b", "FOUNDED|")  # the shared key dicts stay consistent for later edits
    assert list(bulk.predecessors("b")) == ["a", "c"] and not bulk.has_edge("a", "b", "FOUNDED|")
