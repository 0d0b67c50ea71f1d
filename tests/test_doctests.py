"""The examples in the library's docstrings run, as their own modules (talentgraph.*)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

PACKAGES = ["talentgraph", "talentgraph.graph", "talentgraph.loaders", "talentgraph.queries"]
# the sub-packages live in other folders than the top-level package, so walk each one
MODULES = sorted({
    info.name
    for package in PACKAGES
    for info in pkgutil.iter_modules(importlib.import_module(package).__path__, package + ".")
    if not info.name.endswith("__main__") and not info.ispkg
} | set(PACKAGES))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
