"""The root of the command line: the ``talentgraph`` group, its store options, the error
boundary, and opening the store a command reads or writes.

Store options live on the root group and reach commands through ``ctx.obj``. One place
(``TalentGraphGroup.invoke``) turns a ``TalentGraphError`` into a one-line error with a
non-zero exit; ``--debug`` shows the traceback instead. Heavy modules (networkx, neo4j,
pyvis) are imported inside the functions that need them, so ``talentgraph --help``
answers at once.
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .graph.errors import StoreError, TalentGraphError
from .options import note

if TYPE_CHECKING:
    from .graph.graph_store import GraphStore
    from .graph.neo4j.store import Neo4jStore


@dataclass
class StoreOptions:
    """The root group's store options, as every command receives them."""

    store: Path | None
    neo4j: str | None
    debug: bool

    def store_path(self) -> Path:
        from .graph.embedded.nx_store import default_store_path

        path = self.store if self.store is not None else default_store_path()
        if path.is_dir():
            raise StoreError(f"the store {path} is a folder — name a file with --store or TALENTGRAPH_STORE")
        return path


class TalentGraphGroup(click.Group):
    """A click group whose commands fail with one line, never a traceback (unless --debug)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TalentGraphError as exc:
            if ctx.obj is not None and ctx.obj.debug:
                _scrubbed(exc, ctx)
                raise
            raise click.ClickException(_redacted(str(exc), ctx)) from None
        except OSError as exc:
            if ctx.obj is not None and ctx.obj.debug:
                _scrubbed(exc, ctx)
                raise
            raise click.ClickException(_redacted(_os_error_line(exc), ctx)) from None
        except Exception as exc:  # a bug: the --debug traceback must not show a password either
            _scrubbed(exc, ctx)
            raise


def _secrets(ctx: click.Context) -> list[str]:
    # The passwords this process knows: NEO4J_PASSWORD and one written into --neo4j's URI.
    import os

    from .graph.neo4j.credentials import parse_neo4j_uri

    uri = ctx.obj.neo4j if isinstance(ctx.obj, StoreOptions) else None
    given = parse_neo4j_uri(uri).password if uri else None
    # (Neo4j refuses passwords under 8 characters; masking a 1-letter one would mangle every message.)
    return [s for s in (os.environ.get("NEO4J_PASSWORD"), given) if s and len(s) >= 4]


def _redacted(message: str, ctx: click.Context) -> str:
    from .graph.neo4j.credentials import redact_text

    return redact_text(message, _secrets(ctx))


def _scrubbed(exc: BaseException, ctx: click.Context) -> None:
    from .graph.neo4j.credentials import scrub_secrets

    scrub_secrets(exc, _secrets(ctx))


@click.group(cls=TalentGraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    type=click.Path(path_type=Path),
    envvar="TALENTGRAPH_STORE",
    help="Embedded store file (default ~/.local/share/talentgraph/graph.db; env TALENTGRAPH_STORE).",
)
@click.option(
    "--neo4j",
    metavar="URI",
    envvar="NEO4J_URI",
    help="Use the Neo4j server at URI instead (env NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.version_option(__version__, prog_name="talentgraph")
@click.pass_context
def cli(ctx: click.Context, store: Path | None, neo4j: str | None, debug: bool) -> None:
    """A knowledge graph of AI talent flows: who founded what, which deal took them
    where, and what they lead now.

    Start with `talentgraph load article`, then `talentgraph trace "Alexandr Wang"`.
    """
    if store is not None and neo4j:
        from click.core import ParameterSource

        explicit = {ParameterSource.COMMANDLINE}
        if ctx.get_parameter_source("store") in explicit and ctx.get_parameter_source("neo4j") in explicit:
            raise click.UsageError("--store and --neo4j exclude each other — choose one store")
        # one came from the environment: the command line, or else Neo4j, wins
        if ctx.get_parameter_source("store") in explicit:
            neo4j = None
        else:
            store = None
    ctx.obj = StoreOptions(store, neo4j, debug)


def _os_error_line(exc: OSError) -> str:
    """One line for an operating-system error: what, on which file, and what to do."""
    where = f" {exc.filename}" if exc.filename else ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"no space left on the device{' for' + where if where else ''} — free some space, then run it again"
    return f"{exc.strerror or exc}{where} — check the path and its permissions"


# -- opening stores ----------------------------------------------------------------------


def _neo4j(opts: StoreOptions) -> Neo4jStore:
    from .graph.neo4j.store import Neo4jStore

    if not opts.debug:
        import logging

        # the driver logs its retries as warnings; the one-line error after them says it all
        logging.getLogger("neo4j").addHandler(logging.NullHandler())
        logging.getLogger("neo4j").propagate = False

    store = Neo4jStore.connect(opts.neo4j)
    click.get_current_context().call_on_close(store.close)
    return store


def reading_store(opts: StoreOptions) -> GraphStore:
    """The store to read from. With no store file yet, the built-in article graph in memory."""
    if opts.neo4j:
        return _neo4j(opts)
    from .graph.embedded.nx_store import EmbeddedStore, store_exists

    path = opts.store_path()
    if store_exists(path):
        opened: GraphStore = EmbeddedStore.open(path)
        click.get_current_context().call_on_close(opened.close)
        return opened
    from .loaders import load_sources

    note(f"no store at {path} yet — using the built-in article graph (run `talentgraph load article` to save it)")
    store = EmbeddedStore()
    load_sources(store, ["article"])
    return store


@contextlib.contextmanager
def writing_store(opts: StoreOptions) -> Iterator[GraphStore]:
    """The store to write to, for the length of the block (the embedded store saves on success)."""
    if opts.neo4j:
        server = _neo4j(opts)
        server.ensure_schema()
        yield server
        return
    from .graph.embedded.nx_store import EmbeddedStore

    with EmbeddedStore.writing(opts.store_path(), on_wait=note) as store:
        yield store


def store_label(opts: StoreOptions, store: GraphStore) -> str:
    """How messages name the store: the redacted Neo4j URI or the store file."""
    if opts.neo4j:
        from .graph.neo4j.store import Neo4jStore

        if isinstance(store, Neo4jStore):
            return store.uri
    return str(opts.store_path())


def resolve(store: GraphStore, name: str) -> str:
    """The id ``name`` stands for; on Neo4j without fetching the whole graph."""
    from .queries.catalogue import entity_resolver

    return entity_resolver(store)(name)
