"""Third-party loaders: the example plugin of loaders/README.md, registered through an
entry point exactly as `pip install` would, then used by the real CLI in a subprocess."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
EXAMPLE = Path(__file__).parent / "plugin_example"


def dist_info(site: Path, name: str, version: str, entry_points: str) -> None:
    """What pip leaves in site-packages, minus the files this test does not need."""
    info = site / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    (info / "entry_points.txt").write_text(entry_points)


@pytest.fixture
def site(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE / "talentgraph_founders", site / "talentgraph_founders")
    dist_info(
        site, "talentgraph-founders", "0.2.0", "[talentgraph.loaders]\nfounders = talentgraph_founders:FoundersLoader\n"
    )
    return site


def talentgraph(site: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run([sys.executable, "-m", "talentgraph", *args], capture_output=True, text=True, env=env)


def test_plugin_is_listed_and_loads(site, tmp_path):
    run = talentgraph(site, "loaders", "--json")
    assert run.returncode == 0, run.stderr
    rows = {row[0]: row for row in json.loads(run.stdout)["rows"]}
    assert rows["founders"][1:4] == [".founders", "talentgraph-founders", "0.2.0"]
    assert rows["deals"][2] == "built-in"

    founders = tmp_path / "ai.founders"
    founders.write_text("# test data\nAlexandr Wang -> Scale AI\nMustafa Suleyman -> Inflection AI\n")
    store = tmp_path / "graph.json"
    run = talentgraph(site, "--store", str(store), "load", str(founders))
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"loaded {founders} (founders): 5 nodes, 2 relationships")
    stats = json.loads(talentgraph(site, "--store", str(store), "stats", "--json").stdout)
    assert stats["relationships"] == {"FOUNDED": 2}


def test_broken_plugin_is_a_warning_not_a_crash(site, tmp_path):
    dist_info(site, "talentgraph-broken", "1.0", "[talentgraph.loaders]\nbroken = no_such_module:Loader\n")
    dist_info(
        site,
        "talentgraph-clash",
        "1.0",
        "[talentgraph.loaders]\ndeals = talentgraph.loaders.deal_sheet:DealSheetLoader\n",
    )
    run = talentgraph(site, "loaders")
    assert run.returncode == 0
    assert "founders" in run.stdout and "broken" not in run.stdout
    warnings = run.stderr.splitlines()
    assert (
        "warning: loader plugin 'broken' from talentgraph-broken 1.0 was skipped: ModuleNotFoundError: No module named 'no_such_module' — fix or uninstall it"
        in warnings
    )
    assert any("'deals' from talentgraph-clash" in w and "taken by a built-in loader" in w for w in warnings)
    assert "Traceback" not in run.stderr


def test_readme_example_is_the_tested_plugin():
    guide = (ROOT / "loaders" / "README.md").read_text()
    source = (EXAMPLE / "talentgraph_founders" / "__init__.py").read_text()
    assert source.strip() in guide
