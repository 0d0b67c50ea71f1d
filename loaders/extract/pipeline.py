"""``extract_article``: an article (plain text, Markdown, HTML) in, a reviewable ``Draft`` out.

The rule-based pipeline needs no model and no network: blocks and sentences
(``text_blocks``), people and organizations (``names``, linked to the store's
entities when a store is given), deals and relations (``deals``), the curated YAML
draft (``draft``). Other extractors (an LLM, a spaCy pipeline) plug in through the
entry-point group ``talentgraph.extractors`` (``registry``).

>>> draft = extract_article("Acme Labs acquired Beta Robotics for $40 million in 2021, the two companies said.")
>>> [(d.kind, d.amount) for d in draft.deals]
[('acquisition', 40000000)]
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...graph.errors import SourceError
from .deals import find_deals
from .draft import Draft, slug
from .names import StoreIndex, find_entities
from .text_blocks import parse_document

__all__ = ["RuleExtractor", "extract_article", "read_article"]

_FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}
_LANGS = ("auto", "en", "de")


def read_article(path_or_text: str | Path) -> tuple[str, str, str | None]:
    """(text, format, file name) from a path, or from the text itself when it is not a file."""
    raw = str(path_or_text)
    looks_like_path = len(raw) < 400 and not any(ch.isspace() for ch in raw)  # no article is one word long
    if isinstance(path_or_text, Path) or looks_like_path:
        path = Path(path_or_text)
        if path.is_dir():
            raise SourceError(f"cannot read the article {str(path)!r}: it is a folder — give one article file")
        if not path.is_file():
            raise SourceError(f"cannot read the article {str(path)!r}: no such file — check the path")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SourceError(
                f"cannot read the article {str(path)!r} ({exc}) — save it as UTF-8 text, Markdown or HTML"
            ) from None
        fmt = _FORMATS.get(path.suffix.lower(), "html" if text.lstrip().startswith("<") else "text")
        return text, fmt, path.name
    text = str(path_or_text)
    return text, "html" if text.lstrip().startswith("<") else "text", None


class RuleExtractor:
    """The built-in extractor: cues and verb patterns, no model."""

    name = "rules"
    description = "built-in: capitalisation, titles, suffixes, store names, EN/DE deal verbs; no model"

    def extract(self, text: str, fmt: str, lang: str, store: StoreIndex | None) -> Draft:
        doc = parse_document(text, fmt, lang)
        if not any(b.body for b in doc.blocks):
            raise SourceError("the article has no paragraph to read — is it empty, or only a title?")
        table = find_entities(doc, store)
        deals, relations = find_deals(doc, table)
        return Draft(
            source={"title": doc.title},
            entities=table.entities,
            deals=deals,
            relations=relations,
            language=doc.language,
            words=doc.words,
        )


def extract_article(
    path_or_text: str | Path,
    store: Any = None,
    lang: str = "auto",
    source_id: str | None = None,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
    extractor: str = "rules",
) -> Draft:
    """A draft of the people, organizations, deals and relations an article states.

    ``store`` is an embedded or Neo4j store (or a ``StoreIndex``): names it knows link
    to its entities by id. ``lang`` is ``en``, ``de`` or ``auto``.

    >>> draft = extract_article("Die Acme AG hat das Startup Beta übernommen, teilte das Unternehmen mit.", lang="de")
    >>> [(d.acquirer, d.targets, d.status) for d in draft.deals]
    [('acme-ag', ['beta'], 'completed')]
    """
    if lang not in _LANGS:
        raise SourceError(f"unknown language {lang!r} — use one of: {', '.join(_LANGS)}")
    text, fmt, file_name = read_article(path_or_text)
    if not text.strip():
        raise SourceError(f"the article {file_name or '<text>'} is empty — nothing to extract")
    index = store if isinstance(store, StoreIndex) or store is None else StoreIndex.from_store(store)
    from .registry import default_extractors

    draft = default_extractors().get(extractor).extract(text, fmt, lang, index)
    found_title = draft.source.get("title")
    if found_title and len(found_title) > 200:
        found_title = found_title[:197].rstrip() + "..."
    sid = source_id or slug(Path(file_name).stem if file_name else (title or found_title or "article"))
    draft.source = {
        "id": sid,
        "name": title or found_title or sid,
        "title": title or found_title,
        "published": published,
        "url": url,
        "language": draft.language,
        "seed_file": file_name,
        "note": "draft made by talentgraph extract; review before loading",
        "at": ["title"],
    }
    return draft
