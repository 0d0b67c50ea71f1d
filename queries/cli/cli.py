"""The ``talentgraph`` command line, assembled: the root group from ``app`` with every
command family registered on it. Imports point one way — this module imports the command
modules, they import ``app`` and ``options``, nothing imports this module but the entry
point (``talentgraph = talentgraph.cli:main``) and ``python -m talentgraph``.
"""

from __future__ import annotations

from .answer_commands import deals_command, list_command, search_command, show
from .app import cli
from .claims_command import claims_command
from .export_command import export
from .extract_command import extract
from .load_commands import list_loaders, load, validate
from .query_commands import cypher, list_queries, run_named_query
from .read_commands import path, stats, trace
from .render_command import render
from .sources_commands import (
    disputes_command,
    flows_command,
    moves_command,
    resolve_command,
    sources_command,
    unload_command,
)
from .store_commands import store_group

__all__ = ["cli", "main"]

for command in (
    load,
    list_loaders,
    validate,
    stats,
    trace,
    path,
    export,
    render,
    resolve_command,
    unload_command,
    sources_command,
    disputes_command,
    moves_command,
    flows_command,
    claims_command,
    list_queries,
    run_named_query,
    cypher,
    store_group,
    show,
    deals_command,
    list_command,
    search_command,
    extract,
):
    cli.add_command(command)


def main() -> None:
    """The console script: run the command line."""
    cli(prog_name="talentgraph")
