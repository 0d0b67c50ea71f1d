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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .graph.errors import TalentGraphError
from .options import note

if TYPE_CHECKING:
    from .graph.graph_store import GraphStore


@dataclass
class StoreOptions:
    """The root group's store options, as every command receives them."""

    store: Path | None
    neo4j: str | None
    debug: bool

    def store_path(self) -> Path:
        from .graph.embedded.nx_store import default_store_path

        return self.store if self.store is not None else default_store_path()


class TalentGraphGroup(click.Group):
    """A click group whose commands fail with one line, never a traceback (unless --debug)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TalentGraphError as exc:
            if ctx.obj is not None and ctx.obj.debug:
                raise
            raise click.ClickException(str(exc)) from None
        except OSError as exc:
            if ctx.obj is not None and ctx.obj.debug:
                raise
            where = f" {exc.filename}" if exc.filename else ""
            raise click.ClickException(f"{exc.strerror or exc}{where} — check the path and its permissions") from None


@click.group(cls=TalentGraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", type=click.Path(path_type=Path, dir_okay=False), envvar="TALENTGRAPH_STORE",
              help="Embedded store file (default ~/.local/share/talentgraph/graph.json; env TALENTGRAPH_STORE).")
@click.option("--neo4j", metavar="URI", envvar="NEO4J_URI",
              help="Use the Neo4j server at URI instead (env NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE).")
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


# -- opening stores ----------------------------------------------------------------------


def _neo4j(opts: StoreOptions) -> Any:
    from .graph.neo4j.store import Neo4jStore

    store = Neo4jStore.connect(opts.neo4j)
    click.get_current_context().call_on_close(store.close)
    return store


def reading_store(opts: StoreOptions) -> GraphStore:
    """The store to read from. With no store file yet, the built-in article graph in memory."""
    if opts.neo4j:
        return _neo4j(opts)
    from .graph.embedded.nx_store import EmbeddedStore

    path = opts.store_path()
    if path.exists():
        return EmbeddedStore.open(path)
    from .loaders import load_sources

    note(f"no store at {path} yet — using the built-in article graph (run `talentgraph load article` to save it)")
    store = EmbeddedStore()
    load_sources(store, ["article"])
    return store


@contextlib.contextmanager
def writing_store(opts: StoreOptions) -> Iterator[Any]:
    """The store to write to, for the length of the block (the embedded store saves on success)."""
    if opts.neo4j:
        store = _neo4j(opts)
        store.ensure_schema()
        yield store
        return
    from .graph.embedded.nx_store import EmbeddedStore

    with EmbeddedStore.writing(opts.store_path()) as store:
        yield store


def store_label(opts: StoreOptions, store: Any) -> str:
    """How messages name the store: the redacted Neo4j URI or the store file."""
    return store.uri if opts.neo4j else str(opts.store_path())


def resolve(store: GraphStore, name: str) -> str:
    """The id ``name`` stands for; on Neo4j without fetching the whole graph."""
    from .queries.catalogue import entity_resolver

    return entity_resolver(store)(name)
