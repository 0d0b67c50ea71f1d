"""The examples in the library's docstrings run, as their own modules (talentgraph.*)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

PACKAGES = ["talentgraph", "talentgraph.graph", "talentgraph.loaders", "talentgraph.queries"]
# The sub-packages live in other folders than the top-level package, so walk each one,
# down into its own sub-packages. queries/cli/ is the top-level package's folder: reached
# as talentgraph.queries.cli it refuses to import (a second copy), so it is not walked.
MODULES = sorted({
    info.name
    for package in PACKAGES
    for info in pkgutil.walk_packages(importlib.import_module(package).__path__, package + ".",
                                      onerror=lambda name: None)
    if not info.name.endswith("__main__") and not info.name.startswith("talentgraph.queries.cli")
} | set(PACKAGES))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
