"""The ``talentgraph`` command line: thin wrappers over the library's public functions.

Store options live on the root group and reach commands through ``ctx.obj``; every
reading command takes ``--json``. One place (``TalentGraphGroup.invoke``) turns a
``TalentGraphError`` into a one-line error with a non-zero exit; ``--debug`` shows the
traceback instead.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from talentgraph import __version__
from talentgraph.graph.errors import TalentGraphError

from .text_output import format_load, format_path, format_table, format_trace, load_document

# Heavy modules (networkx, neo4j, pyvis) are imported inside the commands that need
# them, so `talentgraph --help` answers at once.


@dataclass
class StoreOptions:
    store: Path | None
    neo4j: str | None
    debug: bool

    def store_path(self) -> Path:
        from talentgraph.graph.nx_store import default_store_path

        return self.store if self.store is not None else default_store_path()


class TalentGraphGroup(click.Group):
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


def json_option(func: Callable) -> Callable:
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout.")(func)


def emit(as_json: bool, document: Any, text: Callable[[], str]) -> None:
    if as_json:
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        click.echo(text())


def note(message: str) -> None:
    click.echo(message, err=True)


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


def _neo4j(opts: StoreOptions):
    from talentgraph.graph.neo4j_store import Neo4jStore

    store = Neo4jStore.connect(opts.neo4j)
    click.get_current_context().call_on_close(store.close)
    return store


def reading_store(opts: StoreOptions):
    """The store to read from. With no store file yet, the built-in article graph in memory."""
    if opts.neo4j:
        return _neo4j(opts)
    from talentgraph.graph.nx_store import EmbeddedStore

    path = opts.store_path()
    if path.exists():
        return EmbeddedStore.open(path)
    from talentgraph.loaders import load_sources

    note(f"no store at {path} yet — using the built-in article graph (run `talentgraph load article` to save it)")
    store = EmbeddedStore()
    load_sources(store, ["article"])
    return store


@contextlib.contextmanager
def writing_store(opts: StoreOptions) -> Iterator[Any]:
    if opts.neo4j:
        store = _neo4j(opts)
        store.ensure_schema()
        yield store
        return
    from talentgraph.graph.nx_store import EmbeddedStore

    with EmbeddedStore.writing(opts.store_path()) as store:
        yield store


def _a(word: str) -> str:
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def resolve(store, name: str) -> str:
    """The id ``name`` stands for; on Neo4j without fetching the whole graph."""
    from talentgraph.queries.catalogue import entity_resolver

    return entity_resolver(store)(name)


# -- commands ------------------------------------------------------------------------------


_MAP_OPTION = click.option("--map", "column_map", multiple=True, metavar="COLUMN=FIELD",
                           help="Deal sheets: read the sheet's COLUMN as FIELD, e.g. --map buyer=acquirer (repeatable).")


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--loader", metavar="NAME", help="Force a loader (see `talentgraph loaders`).")
@click.option("--skip-invalid", is_flag=True, help="Load the valid rows and report the invalid ones on stderr.")
@click.option("--aliases", "aliases_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Alias file with 'same' / 'different' decisions (default: aliases.yaml next to the store).")
@_MAP_OPTION
@json_option
@click.pass_obj
def load(opts: StoreOptions, sources: tuple[str, ...], loader: str | None, skip_invalid: bool,
         aliases_file: Path | None, column_map: tuple[str, ...], as_json: bool) -> None:
    """Load SOURCES — built-in names such as `article`, or files — into the store.

    All or nothing: if any source has a problem, nothing is written (unless
    --skip-invalid). People and organizations already in the store are recognised
    (see `talentgraph resolve`).
    """
    from talentgraph.loaders import load_sources

    from .loading import loader_registry, progress_bar
    from .sources_commands import alias_decisions

    registry = loader_registry(column_map)
    decisions = alias_decisions(opts, aliases_file)
    with writing_store(opts) as store, progress_bar(not as_json) as progress:
        reports = load_sources(store, list(sources), loader=loader, registry=registry,
                               skip_invalid=skip_invalid, progress=progress, aliases=decisions)
    skipped = [p for r in reports for p in r.skipped]
    for problem in skipped:
        note(f"skipped: {problem}")
    target = store.uri if opts.neo4j else str(opts.store_path())
    emit(as_json, load_document(target, reports), lambda: format_load(target, reports))


@cli.command("loaders")
@json_option
def list_loaders(as_json: bool) -> None:
    """List the loaders, built-in and plugins."""
    from .loading import loader_registry

    infos = loader_registry().infos()
    rows = [[i.name, ", ".join(i.formats), i.origin, i.version, i.description] for i in infos]
    emit(as_json, {"columns": ["name", "formats", "origin", "version", "description"], "rows": rows},
         lambda: format_table(["name", "formats", "origin", "version", "description"], rows))


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--loader", metavar="NAME", help="Force a loader (see `talentgraph loaders`).")
@_MAP_OPTION
@json_option
def validate(files: tuple[str, ...], loader: str | None, column_map: tuple[str, ...], as_json: bool) -> None:
    """Check sources without loading them; problems print as file:line: message."""
    from talentgraph.loaders import validate_sources

    from .loading import loader_registry

    problems = validate_sources(list(files), loader=loader, registry=loader_registry(column_map))
    document = {"problems": [{"file": p.file, "line": p.line, "message": p.message} for p in problems]}
    if as_json:
        emit(True, document, str)
    else:
        for problem in problems:
            click.echo(str(problem))
        if not problems:
            click.echo(f"ok: {', '.join(files)}")
    if problems:
        sys.exit(1)


@cli.command()
@json_option
@click.pass_obj
def stats(opts: StoreOptions, as_json: bool) -> None:
    """Counts by label and relationship type, and the sources they come from."""
    store = reading_store(opts)
    counts = {**store.stats(), "sources": store.source_counts()}
    emit(as_json, counts, lambda: _stats_text(counts))


def _stats_text(counts: dict[str, dict[str, int]]) -> str:
    lines = []
    for section in ("nodes", "relationships"):
        total = sum(counts[section].values())
        lines.append(f"{section:<14}{total:>7}")
        lines += [f"  {name:<12}{n:>7}" for name, n in counts[section].items()]
    lines.append("sources (nodes and relationships citing each)")
    lines += [f"  {name:<20}{n:>7}" for name, n in counts["sources"].items()]
    return "\n".join(lines)


@cli.command()
@click.argument("person")
@json_option
@click.pass_obj
def trace(opts: StoreOptions, person: str, as_json: bool) -> None:
    """PERSON's talent path(s): founded -> target -> deal -> acquirer -> role."""
    from talentgraph.queries.catalogue import run_query

    store = reading_store(opts)
    person_id = resolve(store, person)
    node = store.node(person_id)
    if node.label.value != "Person":
        raise click.ClickException(
            f"{person!r} is {node.name}, {_a(node.label.value)} — trace takes a person; "
            f"for connections between any two entities use `talentgraph path`"
        )
    paths = [row[0] for row in run_query(store, "trace", {"person": person_id})["rows"]]
    name = node.name
    emit(as_json, {"paths": paths}, lambda: format_trace(name, paths))


@cli.command()
@click.argument("from_name", metavar="FROM")
@click.argument("to_name", metavar="TO")
@click.option("--max-hops", default=8, show_default=True, type=click.IntRange(1, 20), help="Longest path to consider.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000), help="Most paths to show.")
@json_option
@click.pass_obj
def path(opts: StoreOptions, from_name: str, to_name: str, max_hops: int, limit: int, as_json: bool) -> None:
    """Shortest path(s) between two entities, by name or alias."""
    from talentgraph.queries.catalogue import run_query

    store = reading_store(opts)
    params = {"from": resolve(store, from_name), "to": resolve(store, to_name), "max_hops": max_hops, "limit": limit}
    paths = [row[0] for row in run_query(store, "path", params)["rows"]]
    emit(as_json, {"paths": paths}, lambda: format_path(paths))


EXPORT_HELP = (
    "json: networkx node-link data with the key 'edges'. graphml: GraphML for Gephi, yEd or networkx; "
    "list properties (aliases, source_ids, ...) become JSON strings, named in the graph's json_node_keys / "
    "json_edge_keys. cypher: a cypher-shell script that rebuilds the graph in an empty Neo4j database. "
    "neo4j-admin: a folder of CSV files for 'neo4j-admin database import full' (needs -o FOLDER; the "
    "import command is printed on stderr)."
)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "graphml", "cypher", "neo4j-admin"]), default="json",
              show_default=True, help=EXPORT_HELP)
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write to FILE (a FOLDER for neo4j-admin) instead of stdout.")
@click.pass_obj
def export(opts: StoreOptions, fmt: str, output: Path | None) -> None:
    """Export the whole graph: json, graphml, cypher (cypher-shell script) or neo4j-admin CSV."""
    if fmt == "neo4j-admin":
        if output is None:
            raise click.UsageError("--format neo4j-admin writes a folder of CSV files — name it with -o FOLDER")
        from talentgraph.graph.neo4j_admin_export import import_command, write_neo4j_admin

        written = write_neo4j_admin(reading_store(opts).to_networkx(), output)
        note(f"wrote {len(written.files)} CSV files to {output}; import them into a new or stopped database with:")
        note(import_command(output, written))
        return
    if output is not None and output.is_dir():
        raise click.UsageError(f"{output} is a folder — --format {fmt} writes one file; give a file name")
    from talentgraph.graph.export_formats import graph_to_bytes

    payload = graph_to_bytes(reading_store(opts).to_networkx(), fmt)
    if output is None:
        click.echo(payload, nl=False)
    else:
        from talentgraph.graph.nx_store import write_bytes_atomic

        write_bytes_atomic(output, payload)
        note(f"wrote {output}")


def main() -> None:
    cli(prog_name="talentgraph")


# Commands with modules of their own register last: they import from this module.
from .render_command import render  # noqa: E402
from .sources_commands import (  # noqa: E402
    disputes_command,
    moves_command,
    resolve_command,
    sources_command,
    unload_command,
)

cli.add_command(render)
cli.add_command(resolve_command)
cli.add_command(unload_command)
cli.add_command(sources_command)
cli.add_command(disputes_command)
cli.add_command(moves_command)
from .query_commands import cypher, list_queries, run_named_query  # noqa: E402

cli.add_command(list_queries)
cli.add_command(run_named_query)
cli.add_command(cypher)
from .extract_command import extract  # noqa: E402

cli.add_command(extract)
