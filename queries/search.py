"""``search TEXT``: ranked matches over names, aliases, titles, summaries, notes,
evidence and claims' text, each with the snippet that matched.

Matching folds case and accents (``text_match.fold``) and works by substring, so a
fragment of a name finds it and Chinese script works without word breaks. Every word of
the query must match somewhere in the record. The score, the same on every store:

- each query word scores its best field: field weight x match quality
  (weights: name 10, alias 8, title 6, text/statement 4, summary 3, note 2, evidence 2;
  quality: the whole field 3, a whole word that starts the field 2.5, the start of the field 2,
  a whole word 1.5, the start of a word 1.25, inside a word 1);
- a query of several words found as one phrase adds twice the phrase's best field score;
- ties: by name, then id.

The candidates come from the store's text index and ``rank`` scores them in Python, so
both stores give the same ranked list. On Neo4j the full-text index ``talentgraph_text``
(nodes) and ``talentgraph_rel_text`` (relationships), made by ``ensure_schema``, answer
``lucene_query(text)`` (``search_indexed.cypher``); a query it cannot express exactly
enough scans (``search.cypher``). The SQLite store asks its FTS5 trigram tables
(``graph/embedded/text_index.py``); a store file without them, opened read-only, scans
its graph. Either way the candidates are a superset of the hits, so the ranked list is the
one the scan gives.

>>> from talentgraph.graph import EmbeddedStore
>>> from talentgraph.loaders import load_sources
>>> store = EmbeddedStore(); _ = load_sources(store, ["article"])
>>> [(hit["name"], hit["field"]) for hit in search(store, "zuckerberg")["rows"]][:1]
[('Mark Zuckerberg', 'aliases')]
>>> search(store, "张小龙")["rows"][0]["name"]
'Zhang Xiaolong'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from ..graph.embedded.sqlite_store import SqliteStore
from ..graph.errors import QueryError
from ..graph.graph_store import GraphStore
from ..graph.model import Label, RelType
from .catalogue import LUCENE_STOP_WORDS, Param, QueryDef, register, run_query
from .fact_sources import record_sources
from .text_match import fold, folded_with_map, is_word_start

__all__ = ["FIELD_WEIGHTS", "rank", "search"]

FIELD_WEIGHTS = {
    "name": 10,
    "aliases": 8,
    "title": 6,
    "text": 4,
    "statement": 4,
    "summary": 3,
    "note": 2,
    "evidence": 2,
}
SNIPPET_CONTEXT = 40
# what a hit can be: a node label (Claim: the label claims will have) or a relationship type
HIT_LABELS = tuple(dict.fromkeys([*(label.value for label in Label), "Claim", *(t.value for t in RelType)]))
# the text a relationship may carry (search.cypher reads relationships with one of these)
_REL_TEXT = frozenset({"summary", "note", "evidence", "text"})
SEARCH_COLUMNS = ("hits",)

# one candidate: (id, name, label, {field: [texts]}, the record's properties for its sources)
Candidate = tuple[str, str, str, dict[str, list[str]], dict[str, Any]]


def _quality(folded: str, at: int, length: int) -> float:
    end = at + length
    whole_word = is_word_start(folded, at) and (
        end == len(folded) or not folded[end].isalnum() or is_word_start(folded, end)
    )
    if at == 0 and end == len(folded):
        return 3.0
    if at == 0:
        return 2.5 if whole_word else 2.0
    if whole_word:
        return 1.5
    return 1.25 if is_word_start(folded, at) else 1.0


def _best(fields: dict[str, list[tuple[str, str]]], needle: str) -> tuple[float, str, str, int] | None:
    """The best (score, field, original text, position in the folded text) for ``needle``."""
    best = None
    for field, texts in fields.items():
        for original, folded in texts:
            at = folded.find(needle)
            while at >= 0:
                score = FIELD_WEIGHTS[field] * _quality(folded, at, len(needle))
                if best is None or score > best[0]:
                    best = (score, field, original, at)
                at = folded.find(needle, at + 1)
    return best


def _snippet(original: str, at: int, length: int) -> str:
    if len(original) <= 2 * SNIPPET_CONTEXT + length:
        return original
    _, where = folded_with_map(original)
    start, end = where[at], where[min(at + length, len(where)) - 1] + 1
    left, right = max(0, start - SNIPPET_CONTEXT), min(len(original), end + SNIPPET_CONTEXT)
    # cut at spaces, so no word is shown in part
    if left:
        space = original.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < len(original):
        space = original.rfind(" ", end, right)
        right = space if space >= 0 else right
    return ("…" if left else "") + original[left:right].strip() + ("…" if right < len(original) else "")


def rank(candidates: Iterable[Candidate], text: str, limit: int | None = None) -> list[dict[str, Any]]:
    """Score every candidate against ``text`` (see the module docstring) and return the
    hits, best first: ``{"id", "name", "label", "field", "snippet", "score", "sources"}``."""
    query = " ".join(fold(text).split())
    words = list(dict.fromkeys(query.split(" ")))
    if not query:
        raise QueryError("search text is empty — give a word or a name to look for, e.g. `talentgraph search Wang`")
    hits: list[dict[str, Any]] = []
    for node_id, name, label, fields, attrs in candidates:
        folded = {f: [(t, fold(t)) for t in texts] for f, texts in fields.items() if f in FIELD_WEIGHTS}
        found = [_best(folded, w) for w in words]
        if any(b is None for b in found):
            continue
        score = sum(b[0] for b in found if b)
        phrase = _best(folded, query) if len(words) > 1 else None
        if phrase:
            score += 2 * phrase[0]
        shown = phrase or max((b for b in found if b), key=lambda b: b[0])
        hits.append(
            {
                "id": node_id,
                "name": name,
                "label": label,
                "field": shown[1],
                "snippet": _snippet(shown[2], shown[3], len(query if phrase else words[found.index(shown)])),
                "score": round(score, 2),
                "sources": _sources(attrs),
            }
        )
    hits.sort(key=lambda h: (-float(h["score"]), str(h["name"]).casefold(), str(h["id"])))
    return hits[:limit] if limit is not None else hits


def _texts(attrs: dict[str, Any]) -> dict[str, list[str]]:
    """The searchable texts of a record, field by field in ``FIELD_WEIGHTS`` order (the
    order ties are broken in, so it must not depend on the store)."""
    fields = {}
    for field in FIELD_WEIGHTS:
        value = attrs.get(field)
        if value is None:
            continue
        if isinstance(value, str):
            if value:
                fields[field] = [value]
        elif isinstance(value, list):
            texts = [v for v in value if isinstance(v, str) and v]
            if texts:
                fields[field] = texts
    return fields


def _sources(attrs: dict[str, Any]) -> list[str]:
    return sorted({s for s, _ in record_sources(attrs)})


def _rel_id(start: str, rel_type: str, end: str, key: str) -> str:
    return f"{start}>{rel_type}>{end}" + (f">{key}" if key else "")


def _candidates_embedded(graph: nx.MultiDiGraph) -> Iterable[Candidate]:
    for node, attrs in graph.nodes(data=True):
        yield node, str(attrs.get("name", node)), attrs["label"], _texts(attrs), attrs
    for start, end, attrs in graph.edges(data=True):
        if not _REL_TEXT.intersection(attrs):
            continue
        texts = {f: t for f, t in _texts(attrs).items() if f != "name"}
        if texts:
            name = f"{graph.nodes[start].get('name', start)} {attrs['type']} {graph.nodes[end].get('name', end)}"
            yield (
                _rel_id(start, attrs["type"], end, attrs.get("key") or ""),
                name,
                attrs["type"],
                texts,
                attrs,
            )


def _candidates_records(records: list[dict[str, Any]]) -> Iterable[Candidate]:
    for r in records:
        attrs = {k: v for k, v in r["fields"].items() if v is not None}
        if r["start"] is None:
            yield r["id"], str(attrs.get("name", r["id"])), r["label"], _texts(attrs), attrs
        else:
            texts = {f: t for f, t in _texts(attrs).items() if f != "name"}
            name = f"{r['start_name'] or r['start']} {r['label']} {r['end_name'] or r['end']}"
            yield (
                _rel_id(r["start"], r["label"], r["end"], attrs.get("key") or ""),
                name,
                r["label"],
                texts,
                attrs,
            )


def _words(text: str) -> list[str]:
    """The query words ``rank`` matches, folded, each once."""
    return list(dict.fromkeys(fold(text).split()))


def _candidates_indexed(store: SqliteStore, text: str) -> list[Candidate] | None:
    found = store.text_matches(_words(text))
    if found is None:
        return None
    nodes, rels = found
    out: list[Candidate] = [(i, str(p.get("name", i)), label, _texts(p), p) for i, label, p in nodes]
    for start, start_name, typ, end, end_name, key, props in rels:
        texts = {f: t for f, t in _texts(props).items() if f != "name"}
        if texts:
            name = (
                f"{start_name if start_name is not None else start} {typ} {end_name if end_name is not None else end}"
            )
            out.append((_rel_id(start, typ, end, key or ""), name, typ, texts, props))
    return out


def _indexed(store: GraphStore, bound: dict[str, Any]) -> list[list[Any]] | None:
    """The SQLite store's FTS5 index finds the candidates (``None``: no index, scan)."""
    if not isinstance(store, SqliteStore):
        return None
    found = _candidates_indexed(store, bound["text"])
    if found is None:
        return None
    hits = [h for h in rank(found, bound["text"]) if _keep(h, bound)]
    return [[h] for h in hits[: bound["limit"]]]


def lucene_query(text: str) -> str | None:
    """The full-text query that finds a superset of ``text``'s hits in ``talentgraph_text``,
    or ``None`` when the index cannot (then ``search.cypher`` scans). A plain Latin word
    or number becomes ``*word*`` (a substring of a token, accents folded by the index's
    analyzer); Chinese becomes a phrase of its characters (the analyzer indexes each one);
    anything else (punctuation inside a word, other scripts) falls back to the scan.

    >>> lucene_query("Zuckerberg meta"), lucene_query("张小龙"), lucene_query("x.ai"), lucene_query("the")
    ('*zuckerberg* AND *meta*', '"张小龙"', None, None)
    """
    terms = []
    for word in _words(text):
        # the index drops stop words: a word inside one may match only a dropped token,
        # so it is left to the scorer and not asked of the index
        if any(word in stop for stop in LUCENE_STOP_WORDS):
            continue
        if word.isascii() and word.isalnum():
            terms.append(f"*{word}*")
        elif all("\u3400" <= c <= "\u4dbf" or "\u4e00" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in word):
            terms.append(f'"{word}"')
        else:
            return None
    return " AND ".join(terms) or None


def _statement(bound: dict[str, Any], store: GraphStore) -> tuple[str, dict[str, Any]]:
    # a database an older version loaded, and nobody wrote to since, may lack the indexes
    ready = getattr(store, "fulltext_ready", None)
    lucene = lucene_query(bound["text"]) if bound["text"] and ready is not None and ready() else None
    return ("search_indexed.cypher", {"lucene": lucene}) if lucene else ("search.cypher", {})


def _keep(hit: dict[str, Any], bound: dict[str, Any]) -> bool:
    return (bound["label"] is None or hit["label"] == bound["label"]) and (
        bound["source"] is None or bound["source"] in hit["sources"]
    )


def _embedded(graph: nx.MultiDiGraph, **bound: Any) -> list[list[Any]]:
    hits = [h for h in rank(_candidates_embedded(graph), bound["text"]) if _keep(h, bound)]
    return [[h] for h in hits[: bound["limit"]]]


def _from_records(records: list[dict[str, Any]], bound: dict[str, Any]) -> list[list[Any]]:
    hits = [h for h in rank(_candidates_records(records), bound["text"]) if _keep(h, bound)]
    return [[h] for h in hits[: bound["limit"]]]


register(
    QueryDef(
        "search",
        "ranked text matches over names, aliases, summaries, notes, evidence and claims, with snippets",
        SEARCH_COLUMNS,
        _embedded,
        (
            Param("text", "str", "the words to look for", required=True),
            Param("label", "choice", "only hits of this label or relationship type", choices=HIT_LABELS),
            Param("source", "source", "only hits this source states (a source id)"),
            Param("limit", "int", "most hits to return", default=20, minimum=1, maximum=1000),
        ),
        from_records=_from_records,
        applied_after=("text", "label", "source", "limit"),
        statement=_statement,
        indexed=_indexed,
    )
)


def search(
    store: GraphStore, text: str, label: str | None = None, source: str | None = None, limit: int = 20
) -> dict[str, Any]:
    """The hits for ``text``, best first, as ``{"query", "rows": [hit, ...]}``; a hit is
    ``{"id", "name", "label", "field", "snippet", "score", "sources"}``."""
    params = {"text": text, "label": label, "source": source, "limit": limit}
    rows = run_query(store, "search", {k: v for k, v in params.items() if v is not None})["rows"]
    return {"query": text, "rows": [row[0] for row in rows]}
