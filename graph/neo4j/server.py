"""A real Neo4j 5 server without Docker: embedded Neo4j jars from Maven Central behind Bolt.

This machine, the developers' and CI reach Maven Central but no Docker engine and no
download site for the Neo4j tarball, so the server is Neo4j Community pulled as Maven
dependencies (``launcher/pom.xml``) and run by a single-file Java program
(``launcher/Launcher.java``) that opens a Bolt connector on 127.0.0.1.

Needs ``java`` (17+) and ``mvn`` on PATH; the jars (~125 MB) are cached outside the
repository in ``~/.cache/talentgraph/neo4j-<version>/lib``, or under ``$TALENTGRAPH_NEO4J_HOME``.

>>> with start_neo4j() as server:                      # doctest: +SKIP
...     server.uri
'bolt://127.0.0.1:40739'

From a shell: ``python -m talentgraph.graph.neo4j.server start`` (Ctrl-C stops it), or
``python -m talentgraph.graph.neo4j.server fetch`` to fill the cache only (CI).

It is a server for development and tests, with safe defaults: Bolt on 127.0.0.1 only, LOAD CSV
reads ``file:///`` URLs from an import folder inside the data folder and nothing else, no URL of any
host is fetched (``internal.dbms.cypher_ip_blocklist`` blocks 0.0.0.0/0 and ::/0), and the password reaches
the JVM on its stdin, so it shows in neither ``ps`` nor ``/proc/PID/environ``. README "Neo4j" says
what a production server needs instead.

The neo4j Python driver is not imported here: readiness is checked with a raw Bolt handshake,
so this module works in environments that only need to start or fetch the server.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import queue
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import StoreError

__all__ = [
    "DEFAULT_PASSWORD",
    "DEFAULT_USER",
    "NEO4J_VERSION",
    "Neo4jServer",
    "Neo4jServerError",
    "default_cache_dir",
    "fetch_neo4j",
    "is_fetched",
    "main",
    "missing_tools",
    "start_neo4j",
]

# Must equal <neo4j.version> in launcher/pom.xml: the cache folder is named after it.
NEO4J_VERSION = "5.26.30"
DEFAULT_USER = "neo4j"
# Only for local development servers; it is printed by `start` so the user can export it.
DEFAULT_PASSWORD = "talentgraph-dev"
DEFAULT_DATABASE = "neo4j"

HOME_ENV = "TALENTGRAPH_NEO4J_HOME"
# Where `start` reads a chosen password from (a flag would show it in `ps`). The launcher itself
# gets it on the first line of its stdin, never through argv or its environment.
PASSWORD_ENV = "TALENTGRAPH_NEO4J_PASSWORD"
# The LOAD CSV root when no import_dir is given: inside the data folder, so it goes with it.
IMPORT_FOLDER = "import"

_LAUNCHER_DIR = Path(__file__).resolve().with_name("launcher")
_POM = _LAUNCHER_DIR / "pom.xml"
_LAUNCHER = _LAUNCHER_DIR / "Launcher.java"
_MARKER = "fetch-complete"

# The flags Neo4j 5's own neo4j.conf passes to its JVM, minus -XX:+AlwaysPreTouch, which would
# make the whole heap resident at start (a dev/test server should cost what it uses).
# The --add-opens lines are needed on Java 17: Neo4j's page cache and Netty reach into these
# JDK internals, and fall back to slower paths or fail without them.
_JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
)

# Bolt handshake: magic preamble, then four proposed versions (0x00, range, minor, major).
# Proposes 5.0-5.8, then 4.4; a server that answers with a non-zero version speaks Bolt.
_BOLT_HANDSHAKE = bytes.fromhex("6060b01700080805000004040000000000000000")


class Neo4jServerError(StoreError):
    """The Neo4j server could not be fetched, started or stopped; the message says why."""


def default_cache_dir() -> Path:
    """Where the jars live: ``$TALENTGRAPH_NEO4J_HOME`` or ``~/.cache/talentgraph/neo4j-<version>``.

    >>> default_cache_dir().name                        # doctest: +SKIP
    'neo4j-5.26.30'
    """
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser().resolve()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "talentgraph" / f"neo4j-{NEO4J_VERSION}"


def missing_tools() -> list[str]:
    """Names of the programs a local server needs that are not on PATH (empty when all are).

    >>> missing_tools()                                  # doctest: +SKIP
    []
    """
    return [tool for tool in ("java", "mvn") if shutil.which(tool) is None]


def _pom_digest() -> str:
    # The marker records which pom filled the cache, so editing the pom (a new version or
    # dependency) refetches instead of running stale jars.
    return hashlib.sha256(_POM.read_bytes()).hexdigest()


def is_fetched(cache_dir: Path | str | None = None) -> bool:
    """True when a complete copy of the jars for the current pom is in the cache.

    >>> is_fetched("/nonexistent")
    False
    """
    home = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    marker = home / _MARKER
    try:
        return marker.read_text().strip() == _pom_digest() and (home / "lib").is_dir()
    except OSError:
        return False


@contextlib.contextmanager
def _locked(home: Path) -> Iterator[None]:
    # Two test sessions (or a test run and a `start`) fetching into one cache at once would
    # swap folders under each other; an advisory lock makes the second one wait, then reuse.
    home.mkdir(parents=True, exist_ok=True)
    with open(home / ".lock", "w") as handle:
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock, concurrent fetches are just not supported
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def fetch_neo4j(cache_dir: Path | str | None = None, *, timeout: float = 1800) -> Path:
    """Download the Neo4j jars with Maven (once) and return the folder that holds them.

    A second call finds the completion marker and returns at once. The jars are copied into a
    scratch folder and only moved into place when Maven has finished, so an interrupted fetch
    leaves no half-filled ``lib`` behind and is simply redone.

    >>> lib = fetch_neo4j()                              # doctest: +SKIP
    >>> lib.name, any(lib.glob("neo4j-bolt-*.jar"))      # doctest: +SKIP
    ('lib', True)
    """
    home = Path(cache_dir).expanduser().resolve() if cache_dir is not None else default_cache_dir()
    lib = home / "lib"
    if is_fetched(home):
        return lib
    if shutil.which("mvn") is None:
        raise Neo4jServerError(
            "Maven (mvn) is not on PATH; it is needed once to download the Neo4j jars (e.g. apt-get install maven)"
        )
    with _locked(home):
        if is_fetched(home):  # another process finished the fetch while we waited
            return lib
        marker = home / _MARKER
        marker.unlink(missing_ok=True)
        scratch = home / "lib.partial"
        shutil.rmtree(scratch, ignore_errors=True)
        command = [
            "mvn",
            "-B",
            "-q",
            "-f",
            str(_POM),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={scratch}",
            "-DincludeScope=runtime",
            "-Dmdep.useRepositoryLayout=false",
        ]
        try:
            result = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise Neo4jServerError(f"fetching Neo4j {NEO4J_VERSION} jars took over {timeout:.0f} s") from exc
        if result.returncode != 0 or not any(scratch.glob("neo4j-bolt-*.jar")):
            output = (result.stdout + result.stderr).strip().splitlines()
            tail = "\n".join(output[-30:]) or "(no output)"
            raise Neo4jServerError(
                f"mvn could not fetch Neo4j {NEO4J_VERSION} jars (exit {result.returncode}):\n{tail}"
            )
        shutil.rmtree(lib, ignore_errors=True)
        scratch.rename(lib)
        marker.write_text(_pom_digest() + "\n")
    return lib


def _tail(path: Path, lines: int = 25) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _bolt_answers(host: str, port: int, timeout: float = 2.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(_BOLT_HANDSHAKE)
            reply = b""
            while len(reply) < 4:
                chunk = sock.recv(4 - len(reply))
                if not chunk:
                    return False
                reply += chunk
            return reply != b"\x00\x00\x00\x00"
    except OSError:
        return False


class Neo4jServer:
    """A running launcher process; use as a context manager or call :meth:`stop`.

    >>> with start_neo4j(password="s3cret-pass") as server:   # doctest: +SKIP
    ...     server.uri, server.user, server.database
    ('bolt://127.0.0.1:40739', 'neo4j', 'neo4j')
    """

    user = DEFAULT_USER
    database = DEFAULT_DATABASE

    def __init__(
        self,
        process: subprocess.Popen[bytes],
        uri: str,
        password: str,
        data_dir: Path,
        remove_data_dir: bool,
        import_dir: Path,
    ) -> None:
        self.process = process
        self.uri = uri
        self.password = password
        self.data_dir = data_dir
        self.import_dir = import_dir
        self._remove_data_dir = remove_data_dir

    def __repr__(self) -> str:  # the password stays out of reprs, tracebacks and test output
        return f"Neo4jServer(uri={self.uri!r}, data_dir={str(self.data_dir)!r}, pid={self.pid})"

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def port(self) -> int:
        return int(self.uri.rsplit(":", 1)[1])

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self, timeout: float = 30) -> int:
        """Shut the server down cleanly and return the JVM's exit code (0 when clean).

        Closing stdin is the launcher's stop signal; SIGTERM and then SIGKILL follow only if it
        does not exit in time. A temporary data folder is removed afterwards. Calling it again
        is harmless.

        >>> server = start_neo4j(); server.stop()            # doctest: +SKIP
        0
        """
        if self.process.poll() is None:
            with contextlib.suppress(OSError):
                if self.process.stdin is not None:  # started with stdin=PIPE
                    self.process.stdin.close()
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.terminate()
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        if self._remove_data_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)
            self._remove_data_dir = False
        return self.process.returncode

    def __enter__(self) -> Neo4jServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def start_neo4j(
    data_dir: Path | str | None = None,
    port: int | None = None,
    password: str = DEFAULT_PASSWORD,
    heap: str = "1g",
    *,
    page_cache_mb: int = 64,
    import_dir: Path | str | None = None,
    cache_dir: Path | str | None = None,
    timeout: float = 180,
) -> Neo4jServer:
    """Start a Neo4j server on 127.0.0.1 and return once it answers Bolt.

    Fetches the jars first if the cache is empty. With no ``data_dir`` the store goes in a
    temporary folder that :meth:`Neo4jServer.stop` removes; a given folder is kept and can be
    reopened later (with the same or a new password). With no ``port`` the operating system
    picks a free one, so parallel test runs cannot collide. Logs stay in ``data_dir/logs``
    (``launcher.log`` holds the JVM's own stderr). LOAD CSV reads ``file:///name.csv`` from
    ``import_dir`` (default ``data_dir/import``; created if missing) and from nowhere else, and
    fetches no ``http(s)://`` URL. The password goes to the JVM on its stdin.

    >>> with start_neo4j(password="s3cret-pass") as server:   # doctest: +SKIP
    ...     server.uri
    'bolt://127.0.0.1:40739'
    """
    if "\n" in password or "\r" in password:
        raise Neo4jServerError("the Neo4j password must be one line (no line breaks)")
    if len(password) < 8:
        # Neo4j refuses shorter passwords; failing here gives a clearer message than its log.
        raise Neo4jServerError("the Neo4j password must be at least 8 characters")
    java = shutil.which("java")
    if java is None:
        raise Neo4jServerError("Java (17 or newer) is not on PATH; it runs the Neo4j server")
    lib = fetch_neo4j(cache_dir)

    remove = data_dir is None
    data = (
        Path(tempfile.mkdtemp(prefix="talentgraph-neo4j-"))
        if data_dir is None
        else Path(data_dir).expanduser().resolve()
    )
    data.mkdir(parents=True, exist_ok=True)
    launcher_log = data / "launcher.log"
    imports = Path(import_dir).expanduser().resolve() if import_dir is not None else data / IMPORT_FOLDER

    command = [
        java,
        *_JVM_FLAGS,
        f"-Xmx{heap}",
        "-cp",
        str(lib / "*"),
        str(_LAUNCHER),
        str(data),
        str(port or 0),
        str(page_cache_mb),
        str(imports),
    ]
    # Neither argv nor the environment: LOAD CSV could once read /proc/self/environ.
    env = {key: value for key, value in os.environ.items() if key != PASSWORD_ENV}
    with open(launcher_log, "ab") as log:
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            env=env,
            # Its own session, so a Ctrl-C in the terminal reaches only Python, which then
            # stops the server in order instead of both racing to shut down.
            start_new_session=True,
        )
    assert process.stdin is not None and process.stdout is not None  # both are pipes
    stdout = process.stdout
    try:
        process.stdin.write(password.encode() + b"\n")
        process.stdin.flush()
    except OSError:
        pass  # the launcher died at once; the READY wait below reports why
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        # Keeps draining stdout after READY so stray output can never fill the pipe and block.
        for raw in stdout:
            lines.put(raw.decode(errors="replace").strip())
        lines.put(None)

    threading.Thread(target=pump, name="neo4j-stdout", daemon=True).start()

    def failure(reason: str) -> Neo4jServerError:
        if process.poll() is None:
            process.kill()
            process.wait()
        details = "\n".join(
            f"--- {path.relative_to(data)} (last lines) ---\n{text}"
            for path in (launcher_log, data / "logs" / "debug.log")
            if (text := _tail(path))
        )
        if remove:
            shutil.rmtree(data, ignore_errors=True)
        return Neo4jServerError(f"Neo4j did not start: {reason}\n{details}".rstrip())

    deadline = time.monotonic() + timeout
    uri = None
    while uri is None:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise failure(f"no READY line within {timeout:.0f} s")
        try:
            line = lines.get(timeout=remaining)
        except queue.Empty:
            continue
        if line is None:
            raise failure(f"the launcher exited with code {process.wait()}")
        if line.startswith("READY "):
            uri = line.split(" ", 1)[1]

    port_number = int(uri.rsplit(":", 1)[1])
    while not _bolt_answers("127.0.0.1", port_number):
        if process.poll() is not None or time.monotonic() > deadline:
            raise failure(f"Bolt did not answer on {uri}")
        time.sleep(0.2)
    return Neo4jServer(process, uri, password, data, remove, imports)


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m talentgraph.graph.neo4j.server",
        description=f"Run a local Neo4j {NEO4J_VERSION} server (embedded jars from Maven Central).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    start = sub.add_parser("start", help="start a server and keep it running until Ctrl-C")
    start.add_argument("--data-dir", help="keep the store here (default: a temporary folder, removed on stop)")
    start.add_argument("--port", type=int, default=7687, help="Bolt port (default 7687; 0 = any free port)")
    start.add_argument(
        "--password-stdin",
        action="store_true",
        help=f"read the password for user neo4j from the first line of stdin "
        f"(default: ${PASSWORD_ENV}, else {DEFAULT_PASSWORD!r})",
    )
    # Refused with a reason: a password in argv is readable by every user through `ps`.
    start.add_argument("--password", help=argparse.SUPPRESS)
    start.add_argument("--heap", default="1g", help="JVM max heap (default 1g)")
    start.add_argument("--fetch-only", action="store_true", help="only download the jars, then exit")
    sub.add_parser("fetch", help="only download the jars into the cache (for CI), then exit")
    return parser.parse_args(argv)


def _chosen_password(args: argparse.Namespace) -> str:
    if args.password is not None:
        raise Neo4jServerError(
            f"--password would show the password to every user of this machine (in `ps`); "
            f"set ${PASSWORD_ENV} or pass --password-stdin instead"
        )
    if args.password_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise Neo4jServerError("--password-stdin: no password on the first line of stdin")
        return line
    return os.environ.get(PASSWORD_ENV) or DEFAULT_PASSWORD


def main(argv: list[str] | None = None) -> int:
    """Command line: ``start`` runs a server until Ctrl-C/SIGTERM; ``fetch`` fills the cache.

    >>> main(["fetch"])                                  # doctest: +SKIP
    Neo4j 5.26.30 jars in /root/.cache/talentgraph/neo4j-5.26.30/lib
    0
    """
    args = _parse_args(argv)
    try:
        if args.command == "fetch" or args.fetch_only:
            print(f"Neo4j {NEO4J_VERSION} jars in {fetch_neo4j()}")
            return 0
        server = start_neo4j(data_dir=args.data_dir, port=args.port, password=_chosen_password(args), heap=args.heap)
    except Neo4jServerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    # SIGTERM (e.g. from a service manager or CI) takes the same clean path as Ctrl-C.
    def on_sigterm(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_sigterm)
    try:
        print(f"Neo4j {NEO4J_VERSION} is running at {server.uri} (data: {server.data_dir})")
        print(f"export NEO4J_URI={shlex.quote(server.uri)}")
        print(f"export NEO4J_USERNAME={shlex.quote(server.user)}")
        if server.password == DEFAULT_PASSWORD:  # the documented development password
            print(f"export NEO4J_PASSWORD={shlex.quote(server.password)}")
        else:  # a password the user chose stays out of the terminal and its logs
            print("export NEO4J_PASSWORD='...'   # the password you chose")
        print(f"export NEO4J_DATABASE={shlex.quote(server.database)}")
        print("Press Ctrl-C to stop.", flush=True)
        while server.running:
            time.sleep(0.5)
        print(
            f"error: the server exited on its own (code {server.process.returncode}); see {server.data_dir / 'logs'}",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        print("Stopping Neo4j...", file=sys.stderr)
        return 0 if server.stop() == 0 else 1
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
