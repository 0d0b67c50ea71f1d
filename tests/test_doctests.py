"""The examples in the library's docstrings run, as their own modules (talentgraph.*)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

PACKAGES = ["talentgraph", "talentgraph.graph", "talentgraph.loaders", "talentgraph.queries"]
# the sub-packages live in other folders than the top-level package, so walk each one, down
# into its own sub-packages (graph.neo4j, graph.export, ...); queries/ holds the CLI's folder,
# which is the top-level package and refuses to import as talentgraph.queries.cli
SECOND_COPY = "talentgraph.queries.cli"
MODULES = sorted(
    {
        info.name
        for package in PACKAGES
        for info in pkgutil.walk_packages(
            importlib.import_module(package).__path__, package + ".", onerror=lambda name: None
        )
        if not info.name.endswith("__main__") and not info.name.startswith(SECOND_COPY)
    }
    | set(PACKAGES)
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
