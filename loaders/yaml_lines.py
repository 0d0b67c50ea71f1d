"""YAML parsing for data files: remembers where each mapping started, for `file:line: message`
errors, and refuses what a data file has no use for.

PyYAML's ``SafeLoader`` constructs no objects, but it still follows aliases (a 375-byte file
of nested ``&a``/``*a`` expands to billions of nodes when walked), recurses once per nesting
level (100,000 brackets: a ``RecursionError``), lets the last of two equal keys win, and raises
bare ``ValueError``s for ``2019-13-01`` or a 5,000-digit integer. Here each of those is one
``SourceError`` naming the file, the line and the fix:

* aliases (``*name``, and so ``<<:`` merges) are refused — write the value out;
* nesting deeper than ``MAX_DEPTH`` (64) levels is refused;
* a key given twice in one mapping is refused (at the second one);
* integers of more than ``MAX_INT_DIGITS`` (20) digits, ``.nan`` and ``.inf`` are refused;
* impossible dates (``2019-13-01``, ``0000-00-00``, ``2018-02-30``) are refused;
* text with NUL or other control characters (tab and line breaks are fine), bidi overrides or
  lone surrogates (which no file can store) is refused.

>>> doc = parse_yaml_with_lines("a: 1\\nb:\\n  c: 2\\n")
>>> line_of(doc), line_of(doc["b"])   # the nested mapping starts on line 3
(1, 3)
>>> parse_yaml_with_lines("a: &x [1]\\nb: *x\\n", "f.yaml")
Traceback (most recent call last):
...
talentgraph.graph.errors.SourceError: f.yaml:2: YAML alias '*x' — aliases are not allowed in data files; ...
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from ..graph.errors import SourceError

__all__ = ["LINE_KEY", "MAX_DEPTH", "MAX_INT_DIGITS", "line_of", "parse_yaml_with_lines", "unsafe_text"]

LINE_KEY = "__line__"
MAX_DEPTH = 64
MAX_INT_DIGITS = 20

# C0 controls but tab/newline/CR, DEL, C1 controls; bidi embeddings, overrides and isolates,
# which make text display in another order than it is stored; lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def unsafe_text(text: str) -> str | None:
    """What makes ``text`` unfit for a data file (control, bidi-override or surrogate code
    point), or None when it is fine.

    >>> unsafe_text("Meta"), unsafe_text("Me\\x00ta"), unsafe_text("abc\\u202egnp.exe")
    (None, 'control character U+0000', 'bidi control U+202E')
    """
    found = _UNSAFE.search(text)
    if found is None:
        return None
    code = ord(found.group())
    kind = "bidi control" if 0x202A <= code <= 0x2069 else "lone surrogate" if code >= 0xD800 else "control character"
    return f"{kind} U+{code:04X}"


class _Refused(yaml.MarkedYAMLError):
    """Something a data file may not contain; ``problem`` is the whole message."""


def _refuse(node: Node, message: str) -> _Refused:
    return _Refused(None, None, message, node.start_mark)


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that stamps every mapping with its 1-based line and refuses what data files
    do not need (see the module docstring)."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(
                None,
                None,
                f"YAML alias '*{event.anchor}' — aliases are not allowed in data files; write the value out",
                event.start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(
                    None,
                    None,
                    f"nesting deeper than {MAX_DEPTH} levels — a data file needs a few; flatten it",
                    self.peek_event().start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, ScalarNode):
                key = self.construct_object(key_node)
                if key in seen:
                    raise _refuse(key_node, f"key {key!r} appears twice in this mapping — keep one")
                seen.add(key)
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping

    def construct_yaml_int(self, node: ScalarNode) -> int:
        digits = sum(char.isdigit() for char in node.value)
        if digits > MAX_INT_DIGITS:
            raise _refuse(node, f"an integer of {digits} digits — at most {MAX_INT_DIGITS}; quote it if it is text")
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node: ScalarNode) -> float:
        value = super().construct_yaml_float(node)
        if math.isnan(value) or math.isinf(value):
            raise _refuse(node, f"{node.value!r} is not a number a graph can hold — write a number or leave it out")
        return value

    def construct_yaml_timestamp(self, node: ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            raise _refuse(node, f"{node.value!r} is not a date ({exc}) — write YYYY-MM-DD") from None

    def construct_yaml_str(self, node: ScalarNode) -> str:
        text = super().construct_yaml_str(node)
        problem = unsafe_text(text)
        if problem:
            raise _refuse(node, f"text with a {problem} — remove it")
        return text


_LineLoader.add_constructor("tag:yaml.org,2002:int", _LineLoader.construct_yaml_int)
_LineLoader.add_constructor("tag:yaml.org,2002:float", _LineLoader.construct_yaml_float)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _LineLoader.construct_yaml_timestamp)
_LineLoader.add_constructor("tag:yaml.org,2002:str", _LineLoader.construct_yaml_str)


def parse_yaml_with_lines(text: str, where: str = "<string>") -> Any:
    """Parse YAML text; a syntax error or a refused construct is a one-line ``SourceError`` with its line."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except _Refused as exc:
        mark = exc.problem_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        raise SourceError(f"{where}{line}: {exc.problem}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        raise SourceError(
            f"{where}{line}: YAML syntax error ({exc.problem}) — fix the indentation or quoting there"
        ) from None
    except yaml.reader.ReaderError as exc:
        at = f":{text.count(chr(10), 0, exc.position) + 1}" if isinstance(exc.position, int) else ""
        raise SourceError(
            f"{where}{at}: character U+{exc.character:04X} is not allowed in YAML — remove it"
            if isinstance(exc.character, int)
            else f"{where}{at}: not valid YAML ({exc.reason}) — fix the file"
        ) from None
    except yaml.YAMLError as exc:
        raise SourceError(f"{where}: not valid YAML ({exc}) — fix the file") from None
    except RecursionError:  # a guard above should have stopped it; never a traceback
        raise SourceError(f"{where}: nesting too deep — flatten it") from None


def line_of(mapping: Any) -> int | None:
    """The line a mapping started on (``None`` for anything else).

    >>> line_of(parse_yaml_with_lines("\\n\\nk: v\\n")), line_of("text")
    (3, None)
    """
    return mapping.get(LINE_KEY) if isinstance(mapping, dict) else None
