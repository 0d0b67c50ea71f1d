"""Every command, every way the ground can give: one line on stderr, exit 1, no traceback,
no password.

The commands come from ``cli.commands``, so a new command is covered as soon as it is
registered — and fails ``test_every_command_has_an_entry`` until it gets a line in
``COMMANDS``. The Neo4j cases run against servers of this module's own (wrong passwords
lock users out, and one test stops its server in the middle of a load), never the
session's server. The full disk is a real one: a tiny tmpfs (needs root and mount).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from talentgraph.cli import cli

ROOT = Path(__file__).resolve().parents[1]
ARTICLE_YAML = ROOT / "loaders" / "data" / "36kr-2025-07-11.yaml"
SECRET = "Sup3r-secret-pw"  # the password of this module's server; must never be printed
ARTICLE_SOURCE = "36kr-2025-07-11"
EXTRACT_ARTICLE = Path(__file__).parent / "data" / "extract" / "news-en.txt"


@dataclass(frozen=True)
class Command:
    """A minimal valid invocation of one command and what it does with the store."""

    args: tuple[str, ...]
    store: str | None  # "read", "write" or None (never opens a store)
    output: tuple[str, ...] = ()  # options that make it write a file ({out} is a folder)
    cypher: bool = False  # takes Cypher text as its argument
    changes: bool = True  # False: a write that may be a no-op here (resolve on a graph without duplicates)
    embedded_only: bool = False  # works on the embedded store file alone: refuses --neo4j in one line


COMMANDS: dict[str, Command] = {
    "load": Command(("article",), "write"),
    "validate": Command((str(ARTICLE_YAML),), None),
    "loaders": Command((), None),
    "queries": Command((), None),
    "stats": Command((), "read"),
    "trace": Command(("Alexandr Wang",), "read"),
    "path": Command(("Alexandr Wang", "Meta"), "read"),
    "export": Command(("--format", "json"), "read", output=("-o", "{out}/graph.json")),
    "render": Command((), "read", output=("-o", "{out}/graph.html")),
    "resolve": Command((), "write", changes=False),
    "unload": Command((ARTICLE_SOURCE,), "write"),
    "sources": Command((), "read"),
    "disputes": Command((), "read"),
    "moves": Command((), "read"),
    "flows": Command((), "read"),
    "query": Command(("shopping_cart", "-p", "acquirer=Meta"), "read"),
    "cypher": Command(("MATCH (n) RETURN count(n) AS n",), "read", cypher=True),
    "show": Command(("Meta",), "read"),
    "deals": Command(("--acquirer", "Meta"), "read"),
    "list": Command(("people",), "read"),
    "search": Command(("Scale",), "read"),
    "claims": Command((), "read"),
    "extract": Command((str(EXTRACT_ARTICLE),), "read", output=("-o", "{out}/draft.yaml")),
    "store": Command(("migrate",), "write", changes=False, embedded_only=True),
}
ALL = sorted(cli.commands)


def command(name: str) -> Command:
    if name not in COMMANDS:
        pytest.fail(f"`talentgraph {name}` has no entry in tests/test_failures.py COMMANDS — add its minimal arguments")
    return COMMANDS[name]


def invocation(name: str, out: Path) -> list[str]:
    entry = command(name)
    return [name, *entry.args, *(part.format(out=out) for part in entry.output)]


def run(args: list[str]) -> Result:
    # catch_exceptions=False: an exception that escapes the CLI fails the test with its traceback
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def assert_one_line(result: Result, *, secrets: tuple[str, ...] = (SECRET,), says: str = "") -> str:
    """Exit 1, one line on stderr starting with 'Error: ', no traceback, no secret; the line."""
    everything = result.stdout + result.stderr
    assert "Traceback" not in everything
    for secret in secrets:
        assert secret not in everything
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert says in lines[0]
    return lines[0]


def test_every_command_has_an_entry():
    assert sorted(COMMANDS) == ALL, "COMMANDS must list exactly the registered commands"


# -- Neo4j ---------------------------------------------------------------------------------


LOCKABLE_USER = "lockout-target"  # the user whose password the tests get wrong (it gets locked out)


@pytest.fixture(scope="module")
def own_neo4j(spare_neo4j_server):
    """This module's own Neo4j server, with a second user for the wrong-password cases."""
    import neo4j

    server = spare_neo4j_server(SECRET)
    with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, SECRET)) as driver:
        driver.execute_query(
            f"CREATE USER `{LOCKABLE_USER}` IF NOT EXISTS SET PASSWORD 'lockout-target-pw' CHANGE NOT REQUIRED",
            database_="system",
        )
    return server


@pytest.fixture
def neo4j_env(own_neo4j, monkeypatch) -> str:
    """The module server's URI, with the right credentials in the environment."""
    monkeypatch.setenv("NEO4J_USERNAME", own_neo4j.user)
    monkeypatch.setenv("NEO4J_PASSWORD", SECRET)
    monkeypatch.setenv("NEO4J_DATABASE", "neo4j")
    return own_neo4j.uri


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def expect_refused_on_neo4j(result: Result) -> None:
    """A command for the embedded store file says, in one line, that it does not run on Neo4j."""
    assert_one_line(result, says="embedded store")


def expect_untouched(name: str, result: Result) -> None:
    """A command that never opens a store is not troubled by a broken one."""
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("name", ALL)
def test_no_server(name, tmp_path, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", SECRET)
    # credentials in the URI are accepted and never shown
    result = run(["--neo4j", f"bolt://neo4j:{SECRET}@127.0.0.1:{closed_port()}", *invocation(name, tmp_path)])
    if command(name).store is None:
        return expect_untouched(name, result)
    if command(name).embedded_only:
        return expect_refused_on_neo4j(result)
    # the line names the server, its credentials masked
    assert_one_line(result, says="cannot reach Neo4j at bolt://***@127.0.0.1:")


@pytest.mark.parametrize("name", ALL)
def test_wrong_password(name, own_neo4j, neo4j_env, tmp_path, monkeypatch):
    monkeypatch.setenv("NEO4J_USERNAME", LOCKABLE_USER)
    monkeypatch.setenv("NEO4J_PASSWORD", "not-the-password-42")
    result = run(["--neo4j", neo4j_env, *invocation(name, tmp_path)])
    if command(name).store is None:
        return expect_untouched(name, result)
    if command(name).embedded_only:
        return expect_refused_on_neo4j(result)
    # the first failures are refused credentials; later ones, the server's lock-out of the user
    line = assert_one_line(result, secrets=(SECRET, "not-the-password-42"))
    assert "Neo4j at" in line and ("credentials" in line or "Security" in line or "authentication" in line.lower())


@pytest.mark.parametrize("name", ALL)
def test_unknown_database(name, neo4j_env, tmp_path, monkeypatch):
    monkeypatch.setenv("NEO4J_DATABASE", "nosuchdb")
    result = run(["--neo4j", neo4j_env, *invocation(name, tmp_path)])
    if command(name).store is None:
        return expect_untouched(name, result)
    if command(name).embedded_only:
        return expect_refused_on_neo4j(result)
    assert_one_line(result, says="has no database 'nosuchdb'")


CYPHER_FAILURES = {
    "write refused": ("CREATE (n:Intruder) RETURN n", "this query writes but ran read-only"),
    "syntax error": ("MATCH (n)\nRETRN n", "Cypher syntax error at line 2, column 1: Invalid input 'RETRN'"),
    # refused before it reaches the server (an admin procedure in a read-only command)
    "admin procedure": (
        "CALL dbms.security.createUser('bob', 'bobs-pw-77', false)",
        "read-only cypher refuses CALL dbms.*",
    ),
    "missing procedure": ("CALL db.nosuch.procedure()", "ProcedureNotFound"),
    "missing parameter": ("RETURN $year AS year", "-p NAME=VALUE"),
    "arithmetic": ("RETURN 1 / 0 AS n", "Neo.ClientError.Statement.ArithmeticError"),
}


@pytest.mark.parametrize("case", sorted(CYPHER_FAILURES))
@pytest.mark.parametrize("name", [name for name in ALL if name in COMMANDS and COMMANDS[name].cypher])
def test_bad_cypher(name, case, own_neo4j, neo4j_env):
    import neo4j

    text, says = CYPHER_FAILURES[case]
    assert_one_line(run(["--neo4j", neo4j_env, name, text]), secrets=(SECRET, "bobs-pw-77"), says=says)
    with neo4j.GraphDatabase.driver(neo4j_env, auth=(own_neo4j.user, SECRET)) as driver:
        assert driver.execute_query("MATCH (n:Intruder) RETURN count(n) AS n").records[0]["n"] == 0


def positions_csv(path: Path, rows: int) -> Path:
    with path.open("w") as fh:
        fh.write("person,organization,title,start_date,start_date_precision\n")
        for i in range(rows):
            fh.write(f"Person {i},Org {i % 997},Engineer,20{10 + i % 15}-0{1 + i % 9}-01,month\n")
    return path


def test_server_stopped_in_the_middle_of_a_load(spare_neo4j_server, tmp_path):
    """The server dies while a load runs: one line that says loads are idempotent."""
    import neo4j

    server = spare_neo4j_server(SECRET)
    source = positions_csv(tmp_path / "positions.csv", 60_000)
    env = {**os.environ, "NEO4J_USERNAME": server.user, "NEO4J_PASSWORD": SECRET, "NEO4J_DATABASE": "neo4j"}
    load = subprocess.Popen(
        [sys.executable, "-m", "talentgraph", "--neo4j", server.uri, "load", str(source)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, SECRET)) as driver:
            deadline = time.monotonic() + 300
            while load.poll() is None and time.monotonic() < deadline:
                # the first transaction has committed: the load is under way
                if driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"] > 0:
                    break
                time.sleep(0.2)
        assert load.poll() is None, "the load finished before the server could be stopped — make it bigger"
        server.process.kill()
        out, err = load.communicate(timeout=120)
    finally:
        if load.poll() is None:
            load.kill()
    assert "Traceback" not in out + err and SECRET not in out + err
    lines = [line for line in err.splitlines() if line.strip()]
    assert load.returncode == 1 and len(lines) == 1, err
    assert lines[0] == (
        f"Error: the connection to Neo4j at {server.uri} dropped during the load; loads are idempotent — run it again"
    )


# -- the embedded store ---------------------------------------------------------------------


def on_embedded(name: str, says: str) -> str:
    """What ``name`` reports against a broken embedded store: ``says``, or for Cypher the refusal
    (the embedded store runs no Cypher text, broken or not)."""
    return "raw Cypher needs a Neo4j store" if command(name).cypher else says


@pytest.mark.parametrize("name", ALL)
def test_store_is_a_folder(name, tmp_path, monkeypatch):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    monkeypatch.setenv("TALENTGRAPH_STORE", str(folder))
    result = run(invocation(name, tmp_path))
    if command(name).store is None:
        return expect_untouched(name, result)
    assert_one_line(result, says=on_embedded(name, f"the store {folder} is a folder"))


@pytest.mark.parametrize("name", ALL)
def test_store_is_garbage(name, tmp_path, monkeypatch):
    store = tmp_path / "graph.json"
    garbage = bytes(range(256)) * 4
    store.write_bytes(garbage)
    monkeypatch.setenv("TALENTGRAPH_STORE", str(store))
    result = run(invocation(name, tmp_path))
    if command(name).store is None:
        return expect_untouched(name, result)
    assert_one_line(result, says=on_embedded(name, str(store)))
    assert store.read_bytes() == garbage  # nothing rewritten


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file of mode 000 anyway")
@pytest.mark.parametrize("name", ALL)
def test_store_is_unreadable(name, tmp_path, monkeypatch):
    store = tmp_path / "graph.json"
    assert run(["--store", str(store), "load", "article"]).exit_code == 0
    store.chmod(0)
    monkeypatch.setenv("TALENTGRAPH_STORE", str(store))
    try:
        result = run(invocation(name, tmp_path))
    finally:
        store.chmod(0o644)
    if command(name).store is None:
        return expect_untouched(name, result)
    assert_one_line(result, says=on_embedded(name, str(store)))


@pytest.fixture(scope="module")
def tiny_disk(tmp_path_factory) -> Iterator[Path]:
    """A 256 KiB tmpfs, mounted for this module (root and mount(8) needed)."""
    mount_point = tmp_path_factory.mktemp("tiny-disk")
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a real full disk needs root to mount a tmpfs")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount_point)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


@contextlib.contextmanager
def full(disk: Path) -> Iterator[None]:
    """Fill ``disk`` to the last byte for the length of the block."""
    filler = disk / "filler"
    for chunk in (65536, 4096, 1):
        with contextlib.suppress(OSError), filler.open("ab", buffering=0) as fh:
            while True:
                fh.write(b"\0" * chunk)
    try:
        yield
    finally:
        filler.unlink()


def disk_writers() -> list[str]:
    # `store migrate` converts an old JSON store, which this setup (a store made by `load`) is not
    return [
        name
        for name in ALL
        if name in COMMANDS
        and not COMMANDS[name].embedded_only
        and (COMMANDS[name].store == "write" or COMMANDS[name].output)
    ]


@pytest.mark.parametrize("name", disk_writers())
def test_full_disk(name, tiny_disk, tmp_path, monkeypatch):
    entry = command(name)
    folder = tiny_disk / name
    folder.mkdir()
    try:
        if entry.store == "write":
            store = folder / "graph.json"  # the store lives on the full disk
            if name != "load":
                assert run(["--store", str(store), "load", "article"]).exit_code == 0
            out = tmp_path
        else:
            store = tmp_path / "graph.json"  # the store is fine; the output goes to the full disk
            assert run(["--store", str(store), "load", "article"]).exit_code == 0
            out = folder
        before = store.read_bytes() if store.exists() else None
        monkeypatch.setenv("TALENTGRAPH_STORE", str(store))
        with full(tiny_disk):
            result = run(invocation(name, out))
        if entry.changes or result.exit_code != 0:  # a no-op may succeed; a failure is one line all the same
            assert_one_line(result, says="no space left on the device")
        # nothing half-written: the store is as it was, no temporary files are left behind
        assert (store.read_bytes() if store.exists() else None) == before
        # a lock file may stay, and so may SQLite's working files (-wal, -shm) while a connection is open
        left = sorted(p.name for p in folder.iterdir() if p.suffix != ".lock" and not p.name.endswith(("-wal", "-shm")))
        assert left == (["graph.json"] if before is not None and store.parent == folder else [])
    finally:
        shutil.rmtree(folder, ignore_errors=True)
