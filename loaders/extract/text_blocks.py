"""An article as located blocks: paragraphs (``pN``, or ``sNN.pM`` where the text has
numbered or headed sections) and their sentences.

Plain text and Markdown split on blank lines; a block that is only a number ("01",
"2.", "III") or a Markdown heading opens a section. HTML goes through the standard
library's ``html.parser`` (block elements become blocks, ``script``/``style``/``nav``
are dropped). Short leading blocks before the first body paragraph (headline, site
navigation, byline) are the ``title``/``byline`` blocks, and a closing attribution
("Author: ...", "Dieser Artikel stammt aus ...") is ``credits``: the same conventions
as the curated article's locators.

Sentences come from pysbd (rule-based, English and German, no model), not a
hand-written splitter. Spaced hyphens left by translation ("US - Dollar") are joined
("US-Dollar") before anything else reads the text.

>>> doc = parse_document("Acme buys Beta\\n\\nAcme paid $5 million in cash for Beta, a startup of twelve people.")
>>> [(b.locator, len(b.sentences)) for b in doc.blocks]
[('title', 1), ('p1', 1)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import ClassVar

__all__ = ["Block", "Document", "Sentence", "detect_language", "parse_document"]


@dataclass(frozen=True)
class Sentence:
    text: str
    index: int  # position in its block, from 0


@dataclass
class Block:
    locator: str  # p3, s01.p2, title, byline, credits
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    body: bool = True  # False for title, byline and credits


@dataclass
class Document:
    title: str | None
    language: str  # en | de
    blocks: list[Block]
    has_sections: bool
    words: int


_SPACED_HYPHEN = re.compile(r"(?<=\w) - (?=\w)")
_SPACED_AMP = re.compile(r"(?<=\b[A-Z]) & (?=[A-Z]\b)")
_DATELINE = re.compile(r"^[A-ZÄÖÜ][A-ZÄÖÜ .'-]{2,40}(?:,[^.()\n]{0,30})?\s*(?:\([^)]{2,30}\))?\s*[-–—]\s+(?=[A-Z])")
_HEADING_NUMBER = re.compile(r"^(?:\d{1,2}|[IVX]{1,4})\.?$")
_MD_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$")
_CREDITS = re.compile(
    r"^(?:Autor(?:in)?:|Author:|Quelle:|Source:|Dieser Artikel (?:stammt|erschien)|This (?:article|story) "
    r"(?:was|first|originally)|Originally published)",
    re.IGNORECASE,
)
_MD_INLINE = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"(\*\*|__|`)"), ""),
]
_DE_WORDS = {
    "der",
    "die",
    "das",
    "und",
    "ist",
    "nicht",
    "hat",
    "mit",
    "von",
    "für",
    "ein",
    "eine",
    "den",
    "dem",
    "auch",
    "sich",
    "wurde",
    "werden",
    "zu",
    "auf",
    "im",
    "des",
}
_EN_WORDS = {
    "the",
    "and",
    "is",
    "not",
    "has",
    "with",
    "of",
    "for",
    "a",
    "an",
    "to",
    "on",
    "in",
    "was",
    "were",
    "by",
    "its",
    "that",
    "it",
    "from",
}


def detect_language(text: str) -> str:
    """``de`` or ``en`` by counting the commonest function words of each language.

    >>> detect_language("Die Firma hat das Startup übernommen und ist nicht allein.")
    'de'
    """
    words = re.findall(r"[a-zäöüß]+", text.lower())
    de = sum(w in _DE_WORDS for w in words)
    en = sum(w in _EN_WORDS for w in words)
    return "de" if de > en else "en"


def normalise_spacing(text: str) -> str:
    """Join translation artefacts: "US - Dollar" -> "US-Dollar", "M & A" -> "M&A"."""
    text = _SPACED_HYPHEN.sub("-", text)
    return _SPACED_AMP.sub("&", text)


def parse_document(text: str, fmt: str = "text", lang: str = "auto") -> Document:
    """Blocks with locators and sentences from plain text, Markdown or HTML (see module doc).

    >>> doc = parse_document("## Deals\\n\\nAcme bought Beta in 2020 for a sum it did not disclose.", "markdown")
    >>> doc.blocks[-1].locator, doc.has_sections
    ('s01.p1', True)
    """
    raw = _html_blocks(text) if fmt == "html" else _text_blocks(text, markdown=fmt == "markdown")
    language = detect_language(" ".join(t for _, t in raw)) if lang == "auto" else lang
    segmenter = _segmenter(language)
    has_sections = any(kind == "heading" for kind, _ in raw)
    blocks: list[Block] = []
    title: str | None = None
    section, paragraph, body_started = 0, 0, False
    for kind, block_text in raw:
        block_text = normalise_spacing(" ".join(block_text.split()))
        block_text = _DATELINE.sub("", block_text)  # "SAN FRANCISCO, June 26 (Reuters) - " is not a sentence
        if not block_text:
            continue
        if kind == "heading":
            section, paragraph, body_started = section + 1, 0, True
            if not _HEADING_NUMBER.match(block_text) and title is None and not blocks:
                title = block_text
            continue
        if (
            not blocks
            and title is None
            and not re.search(r"[.!?\"“”»«]$", block_text)
            and len(block_text.split()) <= 25
        ):
            kind = "title"  # a first line without a full stop is a headline
        if not body_started and not _is_body(block_text) and kind != "title":
            locator = "title" if not blocks else "byline"
            title = title or block_text
            blocks.append(Block(locator, block_text, _sentences(segmenter, block_text), body=False))
            continue
        if kind == "title":
            title = block_text
            blocks.append(Block("title", block_text, _sentences(segmenter, block_text), body=False))
            continue
        body_started = True
        if _CREDITS.match(block_text):
            blocks.append(Block("credits", block_text, _sentences(segmenter, block_text), body=False))
            continue
        paragraph += 1
        locator = f"s{section:02d}.p{paragraph}" if has_sections else f"p{paragraph}"
        blocks.append(Block(locator, block_text, _sentences(segmenter, block_text)))
    words = sum(len(b.text.split()) for b in blocks)
    return Document(title, language, blocks, has_sections, words)


def _is_body(text: str) -> bool:
    """A body paragraph, not a headline or byline: a real sentence of some length."""
    return len(text.split()) >= 12 or len(re.findall(r"[.!?](?:\s|$)", text)) >= 2


def _text_blocks(text: str, markdown: bool) -> list[tuple[str, str]]:
    blocks: list[tuple[str, str]] = []
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        if not lines:
            continue
        heading = _MD_HEADING.match(lines[0])
        if heading:
            # a document's one "# Title" is its title; deeper headings open sections
            top = lines[0].startswith("# ") and not blocks
            blocks.append(("title" if top else "heading", heading.group(1)))
            lines = lines[1:]
            if not lines:
                continue
        joined = " ".join(lines)
        if markdown:
            for pattern, repl in _MD_INLINE:
                joined = pattern.sub(repl, joined)
            joined = re.sub(r"^(?:[-*+]|\d+\.)\s+", "", joined)
        if _HEADING_NUMBER.match(joined):
            blocks.append(("heading", joined))
        else:
            blocks.append(("paragraph", joined))
    return blocks


class _BlockCollector(HTMLParser):
    _BLOCK: ClassVar[set[str]] = {"p", "li", "blockquote", "div", "section", "article", "td", "figcaption", "br"}
    _HEADINGS: ClassVar[set[str]] = {"h2", "h3", "h4", "h5", "h6"}
    _SKIP: ClassVar[set[str]] = {"script", "style", "nav", "header", "footer", "aside", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self._kind = "paragraph"
        self._parts: list[str] = []
        self._skipping = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._parts).split())
        if text:
            self.blocks.append((self._kind, text))
        self._parts, self._kind = [], "paragraph"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK or tag in self._HEADINGS or tag == "h1" or tag == "title":
            self._flush()
            self._kind = "heading" if tag in self._HEADINGS else "title" if tag in {"h1", "title"} else "paragraph"

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCK or tag in self._HEADINGS or tag in {"h1", "title"}:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._parts.append(data)


def _html_blocks(text: str) -> list[tuple[str, str]]:
    collector = _BlockCollector()
    collector.feed(text)
    collector.close()
    collector._flush()
    blocks: list[tuple[str, str]] = []
    seen_title = False
    for kind, block in collector.blocks:
        if kind == "title":  # <title> and <h1> usually repeat each other: keep the first
            if seen_title:
                continue
            seen_title = True
        blocks.append((kind, block))
    return blocks


_SEGMENTERS: dict[str, object] = {}


def _segmenter(language: str) -> object:
    import pysbd

    if language not in _SEGMENTERS:
        _SEGMENTERS[language] = pysbd.Segmenter(language=language if language in {"en", "de"} else "en", clean=False)
    return _SEGMENTERS[language]


def _sentences(segmenter: object, text: str) -> list[Sentence]:
    pieces = [p.strip() for p in segmenter.segment(text)]  # type: ignore[attr-defined]
    return [Sentence(p, i) for i, p in enumerate(p for p in pieces if p)]
