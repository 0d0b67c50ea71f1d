"""The seeded synthetic graph: deterministic, valid for both stores, with the shapes the
catalogue asks about."""

from __future__ import annotations

import json
import subprocess
import sys

from talentgraph.graph import EmbeddedStore
from talentgraph.graph.synthetic import sizes_for, synthetic_graph
from talentgraph.queries.catalogue import run_query


def test_same_seed_same_graph_other_seed_other_graph():
    assert synthetic_graph(50, 12, 20, seed=3) == synthetic_graph(50, 12, 20, seed=3)
    assert synthetic_graph(50, 12, 20, seed=3) != synthetic_graph(50, 12, 20, seed=4)


def test_records_pass_the_model_checks_and_carry_provenance():
    nodes, rels = synthetic_graph(200, 40, 100, seed=1)
    store = EmbeddedStore()
    store.write(nodes, rels)  # raises on any invalid record
    assert all(n.props["source_ids"] == ["synthetic-1"] for n in nodes)
    assert len({r.props["locators"][0] for r in rels}) == len(rels)


def test_the_catalogue_finds_talent_shapes_in_it():
    store = EmbeddedStore()
    store.write(*synthetic_graph(300, 60, 150, seed=5))
    for name in ("talent_paths", "boomerangs", "co_movers", "failed_bids", "acquired_leaders"):
        assert run_query(store, name)["rows"], name


def test_script_writes_node_link_json(tmp_path):
    out = tmp_path / "g.json"
    done = subprocess.run(
        [sys.executable, "-m", "talentgraph.graph.synthetic", "--relationships", "2000", "--seed", "2", "-o", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(out.read_text())
    assert done.stdout.startswith(f"wrote {out}: ")
    assert 1800 < len(data["edges"]) < 2200
    assert sizes_for(2000) == (454, 111, 222)
