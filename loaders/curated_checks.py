"""Value checks on a parsed curated YAML document, before its records are built.

The YAML layer (``yaml_lines``) already refuses aliases, deep nesting, duplicate keys, huge
integers, NaN/infinities, impossible dates and unsafe characters. What it cannot know is what a
field of the curated format means; this module checks that, everywhere in the document, so
``validate`` and ``load`` report the same ``file:line`` problems and a file ``validate`` accepts
also loads and saves:

* a reference (``id``, ``parent``, ``acquirer``, ``target``, ``start``, ``end``, ``person``,
  ``about``) must be an id — text, not a mapping or a number;
* years (``year``, ``founded``, ``from``, ``to``) must be whole numbers from 1800 to 2100;
* ``stake_pct`` must be a number from 0 to 100, and amounts, valuations, pay and headcounts
  numbers of at least 0;
* a ``name`` or alias must not hide zero-width characters (U+200B–U+200F, U+2060, U+FEFF),
  which make two different names look the same.

>>> from talentgraph.loaders.yaml_lines import parse_yaml_with_lines
>>> doc = parse_yaml_with_lines("deals:\\n  - {id: d, year: 99999, acquirer: {id: meta}}\\n")
>>> [str(p) for p in check_curated_values(doc, "f.yaml")]
['f.yaml:2: year 99999 is outside 1800-2100 — check it', "f.yaml:2: 'acquirer' must be an id (text), not a mapping"]
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .records import Problem
from .yaml_lines import LINE_KEY, line_of

__all__ = ["check_curated_values"]

_REFERENCES = {"id", "parent", "acquirer", "target", "start", "end", "person", "about"}
_YEARS = {"year", "founded", "from", "to"}
_NON_NEGATIVE = re.compile(r"^(amount|amount_usd|valuation|valuation_usd|pay|pay_usd)$")
_DATE_TEXT = re.compile(r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$")
_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060\ufeff]")


def _kind(value: Any) -> str:
    return (
        "a mapping"
        if isinstance(value, dict)
        else "a list"
        if isinstance(value, list)
        else f"{type(value).__name__} {value!r}"
    )


def check_curated_values(doc: Any, where: str) -> list[Problem]:
    """Problems with field values anywhere in a parsed curated document (empty when fine)."""
    problems: list[Problem] = []
    _walk(doc, where, problems, line_of(doc), top=True)
    return problems


def _walk(
    value: Any, where: str, problems: list[Problem], line: int | None, top: bool = False, names_fields: bool = False
) -> None:
    # names_fields: a mapping whose keys name fields and whose values are locators (``facts:``),
    # so "founded: public-record#x" there is no founding year to check
    if isinstance(value, list):
        for item in value:
            _walk(item, where, problems, line)
    elif isinstance(value, dict):
        here = line_of(value) or line
        for key, item in value.items():
            if key == LINE_KEY:
                continue
            if not names_fields:
                for message in _field_problems(str(key), item, nested=not top):
                    problems.append(Problem(where, here, message))
            _walk(item, where, problems, here, names_fields=key == "facts")


def _field_problems(key: str, value: Any, nested: bool) -> list[str]:
    found: list[str] = []
    if key in _REFERENCES and nested:
        items = value if key in ("target", "about") and isinstance(value, list) else [value]
        if any(not isinstance(item, str) for item in items):
            bad = next(item for item in items if not isinstance(item, str))
            found.append(f"'{key}' must be an id (text), not {_kind(bad)}")
    elif key in _YEARS and value is not None and not isinstance(value, dt.date):
        if isinstance(value, str):
            if not _DATE_TEXT.match(value):
                found.append(f"{key} {value!r} is not a year or date — write e.g. 2025 or 2025-07-11")
        elif isinstance(value, bool) or not isinstance(value, int):
            found.append(f"{key} {value!r} is not a whole year — write e.g. 2025")
        elif not 1800 <= value <= 2100:
            found.append(f"{key} {value} is outside 1800-2100 — check it")
    elif key == "stake_pct" and value is not None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            found.append(f"stake_pct {value!r} is not a number — write e.g. 49")
        elif not 0 <= value <= 100:
            found.append(f"stake_pct {value} is outside 0-100 — a stake is a percentage")
    elif _NON_NEGATIVE.match(key) and value is not None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            found.append(f"{key} {value!r} is not a number — write digits only, e.g. 14800000000")
        elif value < 0:
            found.append(f"{key} {value} is negative — write the figure without a sign")
    elif key in ("name", "aliases"):
        for name in value if isinstance(value, list) else [value]:
            if isinstance(name, str) and (hidden := _ZERO_WIDTH.search(name)):
                found.append(f"{key} {name!r} holds an invisible U+{ord(hidden.group()):04X} — remove it")
    return found
