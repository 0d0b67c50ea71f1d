"""YAML parsing that remembers where each mapping started, for `file:line: message` errors.

>>> doc = parse_yaml_with_lines("a: 1\\nb:\\n  c: 2\\n")
>>> line_of(doc), line_of(doc["b"])   # the nested mapping starts on line 3
(1, 3)
"""

from __future__ import annotations

from typing import Any

import yaml

from talentgraph.graph.errors import SourceError

__all__ = ["LINE_KEY", "line_of", "parse_yaml_with_lines"]

LINE_KEY = "__line__"


class _LineLoader(yaml.SafeLoader):
    """SafeLoader (no arbitrary objects) that stamps every mapping with its 1-based line."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


def parse_yaml_with_lines(text: str, where: str = "<string>") -> Any:
    """Parse YAML text; a syntax error becomes a one-line ``SourceError`` with its line."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        raise SourceError(f"{where}{line}: YAML syntax error ({exc.problem}) — fix the indentation or quoting there") from None
    except yaml.YAMLError as exc:
        raise SourceError(f"{where}: not valid YAML ({exc}) — fix the file") from None


def line_of(mapping: Any) -> int | None:
    return mapping.get(LINE_KEY) if isinstance(mapping, dict) else None
