"""Graphs in networkx node-link JSON: the project's own export (``talentgraph export
--format json``) and ``python -m talentgraph.graph.synthetic`` output, so an export
loads back into any store and export -> load round-trips.

Each node is ``{"id", "label", ...properties}``; each edge ``{"source", "target",
"key": "TYPE|key", "type", ...properties}`` (networkx writes its edge key, our
``TYPE|key``, under "key"; the relationship's own key is the part after the bar).
Records keep the provenance they were exported with; a node with an unknown label or
an edge with an unknown type is a problem with its position in the file.

>>> import json, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "g.json"
>>> _ = path.write_text(json.dumps({"directed": True, "multigraph": True, "graph": {}, "nodes": [
...     {"id": "meta", "label": "Organization", "name": "Meta", "source_ids": ["s"], "locators": ["s#1"]}],
...     "edges": []}))
>>> NodeLinkJsonLoader().load(str(path)).nodes[0].props["name"]
'Meta'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..graph.errors import SourceError
from ..graph.model import Label, Node, Relationship, RelType
from .records import Batch, Problem
from .row_limits import check_row_count

__all__ = ["NodeLinkJsonLoader"]

_LABELS = {label.value: label for label in Label}
_TYPES = {rel_type.value: rel_type for rel_type in RelType}
_EDGE_FIELDS = frozenset({"source", "target", "key", "type"})


class NodeLinkJsonLoader:
    """A talent graph exported as networkx node-link JSON (key "edges" or "links")."""

    name = "node-link"
    description = "a talent graph in networkx node-link JSON: `talentgraph export --format json`, synthetic graphs"
    formats = (".json",)

    def can_load(self, source: str) -> bool:
        path = Path(source)
        if path.suffix.lower() != ".json" or not path.is_file():
            return False
        try:
            with open(path, encoding="utf-8") as fh:
                head = fh.read(4096)
        except (OSError, UnicodeDecodeError):
            return False
        return head.lstrip().startswith("{") and '"directed"' in head and '"multigraph"' in head

    def load(self, source: str) -> Batch:
        try:
            with open(source, encoding="utf-8") as fh:
                data = json.load(fh)
        except OSError as exc:
            raise SourceError(f"cannot read {source} ({exc.strerror}) — check the path") from None
        except (ValueError, UnicodeDecodeError) as exc:
            line = getattr(exc, "lineno", None)
            message = "not valid JSON — re-export it with `talentgraph export --format json`"
            return Batch(problems=[Problem(source, line, message)])
        if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
            return Batch(problems=[Problem(source, None, "no 'nodes' list — not node-link JSON")])
        for key in ("nodes", "links", "edges"):
            if isinstance(data.get(key), list):
                check_row_count(len(data[key]), f"{source} ({key})")
        return _records(source, data)


def _records(source: str, data: dict[str, Any]) -> Batch:
    batch = Batch()
    for i, item in enumerate(data["nodes"]):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or item.get("label") not in _LABELS:
            batch.problems.append(
                Problem(source, None, f"node {i + 1}: needs a string 'id' and a 'label' (one of {', '.join(_LABELS)})")
            )
            continue
        props = {k: v for k, v in item.items() if k not in ("id", "label")}
        batch.nodes.append(Node(item["id"], _LABELS[item["label"]], props))
    edges = data.get("edges", data.get("links", []))
    if not isinstance(edges, list):
        batch.problems.append(Problem(source, None, "'edges' is not a list — not node-link JSON"))
        return batch
    for i, item in enumerate(edges):
        rel_type = _TYPES.get(str(item.get("type"))) if isinstance(item, dict) else None
        if rel_type is None or not isinstance(item.get("source"), str) or not isinstance(item.get("target"), str):
            batch.problems.append(
                Problem(
                    source,
                    None,
                    f"edge {i + 1}: needs string 'source' and 'target' and a 'type' (one of {', '.join(_TYPES)})",
                )
            )
            continue
        edge_key = str(item.get("key") or "")
        prefix = f"{rel_type.value}|"
        key = edge_key[len(prefix) :] if edge_key.startswith(prefix) else edge_key
        props = {k: v for k, v in item.items() if k not in _EDGE_FIELDS}
        batch.relationships.append(Relationship(rel_type, item["source"], item["target"], props, key))
    return batch
