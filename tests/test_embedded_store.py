"""The embedded store on disk: idempotent loads, atomic saves, one writer at a time."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time

import pytest
from talentgraph.graph import EmbeddedStore, Label, ModelError, Node, Relationship, RelType, StoreError
from talentgraph.graph.embedded.nx_store import FORMAT_VERSION, graph_to_document, write_store
from talentgraph.loaders import load_sources

PROV = {"source_ids": ["test"], "locators": ["test#1"]}


def _org(node_id, **props):
    return Node(node_id, Label.ORGANIZATION, {"name": node_id.title(), **PROV, **props})


def test_loading_the_same_source_twice_leaves_the_file_unchanged(tmp_path):
    path = tmp_path / "g.json"
    with EmbeddedStore.writing(path) as store:
        load_sources(store, ["article"])
    first = path.read_bytes()
    with EmbeddedStore.writing(path) as store:
        load_sources(store, ["article"])
    assert path.read_bytes() == first


def test_reopened_store_has_the_same_graph(tmp_path):
    path = tmp_path / "g.json"
    with EmbeddedStore.writing(path) as store:
        load_sources(store, ["article"])
        before = graph_to_document(store.graph)
    assert graph_to_document(EmbeddedStore.open(path).graph) == before


def test_a_bad_record_writes_nothing(tmp_path):
    store = EmbeddedStore()
    store.write([_org("meta")])
    with pytest.raises(ModelError, match="no node with id 'nobody'"):
        store.write([_org("google")], [Relationship(RelType.PART_OF, "google", "nobody", dict(PROV))])
    assert sorted(store.graph.nodes) == ["meta"]


def test_properties_must_fit_neo4j():
    with pytest.raises(ModelError, match="property 'facts' has a dict"):
        EmbeddedStore().write([_org("meta", facts={"a": 1})])
    with pytest.raises(ModelError, match="list of one primitive type"):
        EmbeddedStore().write([_org("meta", tags=["a", 1])])


def test_provenance_is_required():
    with pytest.raises(ModelError, match="needs provenance"):
        EmbeddedStore().write([Node("meta", Label.ORGANIZATION, {"name": "Meta"})])


def test_a_second_source_adds_provenance_instead_of_replacing_it():
    store = EmbeddedStore()
    store.write([_org("meta", aliases=["Facebook"])])
    store.write(
        [
            Node(
                "meta",
                Label.ORGANIZATION,
                {"name": "Meta", "aliases": ["FB"], "source_ids": ["other"], "locators": ["other#9"]},
            )
        ]
    )
    attrs = store.graph.nodes["meta"]
    assert attrs["source_ids"] == ["test", "other"] and attrs["aliases"] == ["Facebook", "FB"]


def _slow_save(path, started):
    """Save a large graph, announcing the moment the write has begun."""
    import talentgraph.graph.embedded.nx_store as nx_store

    real_fdopen = os.fdopen

    class Slow:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, payload):
            half = len(payload) // 2
            self.fh.write(payload[:half])
            self.fh.flush()
            started.set()
            time.sleep(60)  # killed here, mid-write
            self.fh.write(payload[half:])

        def flush(self):
            self.fh.flush()

        def fileno(self):
            return self.fh.fileno()

    nx_store.os.fdopen = lambda fd, mode: Slow(real_fdopen(fd, mode))
    store = EmbeddedStore()
    load_sources(store, ["article"])
    write_store(store.graph, path)


def test_a_save_killed_midway_leaves_the_old_file_intact(tmp_path):
    path = tmp_path / "g.json"
    with EmbeddedStore.writing(path) as store:
        store.write([_org("meta")])
    old = path.read_bytes()
    ctx = multiprocessing.get_context("fork")
    started = ctx.Event()
    proc = ctx.Process(target=_slow_save, args=(path, started))
    proc.start()
    assert started.wait(30)
    os.kill(proc.pid, signal.SIGKILL)
    proc.join()
    assert path.read_bytes() == old
    assert sorted(EmbeddedStore.open(path).graph.nodes) == ["meta"]


def _writer(path, node_id, barrier):
    barrier.wait()
    with EmbeddedStore.writing(path) as store:
        store.write([_org(node_id)])
        time.sleep(0.2)  # hold the lock so the writers overlap


def test_concurrent_writers_both_land(tmp_path):
    path = tmp_path / "g.json"
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(4)
    procs = [ctx.Process(target=_writer, args=(path, f"org-{i}", barrier)) for i in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    assert sorted(EmbeddedStore.open(path).graph.nodes) == ["org-0", "org-1", "org-2", "org-3"]


def test_corrupt_and_newer_stores_are_refused_without_being_touched(tmp_path):
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text('{"format": "talentgraph-store", "nodes": [')
    with pytest.raises(StoreError, match="not valid JSON"):
        EmbeddedStore.open(corrupt)
    newer = tmp_path / "newer.json"
    newer.write_text(
        json.dumps({"format": "talentgraph-store", "version": FORMAT_VERSION + 1, "nodes": [], "relationships": []})
    )
    with pytest.raises(StoreError, match="written by a newer talentgraph"):
        with EmbeddedStore.writing(newer):
            pass
    assert json.loads(newer.read_text())["version"] == FORMAT_VERSION + 1


def test_store_file_is_sqlite_not_pickle(tmp_path):
    import sqlite3

    path = tmp_path / "g.json"  # a new store is SQLite whatever the file is called
    with EmbeddedStore.writing(path) as store:
        load_sources(store, ["article"])
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() == ("talentgraph-store",)
        assert (
            conn.execute("SELECT COUNT(*) FROM rels").fetchone()[0]
            == EmbeddedStore.open(path).graph.number_of_edges()
            == 161
        )


def test_store_module_imports_without_the_rest_of_talentgraph():
    code = "import sys, talentgraph.graph; bad = [m for m in sys.modules if m.startswith(('talentgraph.loaders', 'talentgraph.queries', 'click'))]; print(bad)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_saved_files_get_the_usual_permissions_not_the_temp_files(tmp_path):
    import stat

    umask = os.umask(0o022)
    try:
        path = tmp_path / "g.json"
        with EmbeddedStore.writing(path) as store:
            store.write([_org("meta")])
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        path.chmod(0o600)  # a mode the user chose is kept
        with EmbeddedStore.writing(path) as store:
            store.write([_org("google")])
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    finally:
        os.umask(umask)


def test_bulk_load_pause_leaves_the_collector_working_and_frozen_objects_frozen():
    import gc
    import weakref

    from talentgraph.graph.embedded.nx_bulk import gc_paused

    class Cycle:
        pass

    with gc_paused():
        garbage = Cycle()
        garbage.me = garbage
    assert gc.isenabled()
    gone = weakref.ref(garbage)
    del garbage
    gc.collect()
    assert gone() is None  # made during a load, promoted to the oldest generation, still collected
    gc.freeze()  # a process that froze its objects (e.g. before forking) keeps them frozen
    try:
        frozen = gc.get_freeze_count()
        with gc_paused():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
