"""People and organizations named in an article, found from cues, not from a model.

A *span* is a run of capitalised words (or words like "ByteDance", "36Kr", "Character.ai")
in one sentence. Each span is trimmed (articles, titles and common words fall off its
edges) and scored from cues (``name_cues``):

- the user's store: a span that is a name or alias of a stored person or organization
  links to that entity by id — the strongest cue, looked up before anything else;
- shape: inner capitals, digits, a dotted suffix ("Musical.ly");
- organisation suffixes ("Scale AI", "Acme GmbH") and head nouns before the name
  ("das KI-Suchunternehmen Perplexity", "the startup Acme");
- a role next to the name ("CEO Jane Roe", "der Gründer Noam", "Autor: Wu Bingjian");
  a common given name or a Chinese surname in a two- or three-word span;
- lists: a name listed with an accepted one ("A, B und C") is accepted too;
- deal verbs: a name that buys, is bought, or hires (``deal_patterns``).

A German span needs more than capitals (every German noun has them): it must not be a
common German word (``is_common_word``). Entities named alike are merged: "Zuckerberg"
and "Mark Zuckerberg", "Metas" (genitive) and "Meta", "Scale" and "Scale AI".

>>> from .text_blocks import parse_document
>>> text = "Acme Labs hired Jane Roe, the CEO of Beta, in a deal worth far more than anyone expected."
>>> doc = parse_document(text, "text", "en")
>>> table = find_entities(doc)
>>> sorted((e.name, e.label) for e in table.entities)
[('Acme Labs', 'Organization'), ('Beta', 'Organization'), ('Jane Roe', 'Person')]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from ...graph.identity.names import normalize_name
from ...graph.model import Label, Node
from .deal_patterns import DEAL_TRIGGER, HIRE_TRIGGER
from .name_cues import (
    ORG_HEAD_NOUN,
    ORG_SUFFIXES,
    PLACES,
    STOP_TOKENS,
    WELL_KNOWN_COMPANIES,
    english_frequency,
    is_chinese_surname,
    is_common_word,
    is_given_name,
    is_pinyin_name,
    role_of,
)
from .text_blocks import Document


def _zipf_de(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word.lower(), "de"))


__all__ = ["Entity", "EntityTable", "Mention", "StoreIndex", "find_entities"]

_TOKEN = re.compile(r"[\w][\w.:&'’-]*[\w]|[\w]")
_PERSON_VERBS = re.compile(r"\b(?:said|says|told|sagte|sagt|erklärte|schrieb|wrote)\b", re.IGNORECASE)
_LIST_JOIN = re.compile(r"^\s*(?:,|,?\s*(?:und|and|sowie|or|oder|&))\s*$")
_PLACE_BEFORE = {"in", "im", "aus", "nach", "near", "across"}
_SHARE_BEFORE = re.compile(
    r"(?:Anteile\w*|Beteiligung\w*|stake|shares)\s+(?:an|von|in|at|of)\s+(?:der |dem |the )?$", re.IGNORECASE
)
_VERB_AFTER = re.compile(r"\s+(?:zu\s+)?(?:kaufen|übernehmen|erwerben|übernommen|erworben|gekauft)\b")
_ROLE_AFTER = re.compile(
    r"^\s*(,)?\s*(?:\(|der|die|the|a|an|its|seine?)?\s*(?:former\s+|ehemalige[rn]?\s+|interim\s+)?"
    r"(?:CEO|CTO|CFO|COO|founder|co-founder|cofounder|chief executive|chief scientist|president|"
    r"Gründer(?:in)?|Mitgründer(?:in)?|Chef(?:in)?|Vorstandschef(?:in)?)\b"
)
_PERSON_AFTER = re.compile(
    r"^(?:,\s*who\b|,?\s*(?:had |has |have )?(?:worked|joined|quit|resigned|left (?:the|his|her))\b)"
)
_LONGEST_WORD = 40
_PLACES_FOLDED = {p.casefold() for p in PLACES}
_LEGAL = {"ag", "gmbh", "inc", "ltd", "llc", "corp", "corporation", "holding", "holdings", "group", "se", "plc", "sa"}
_DETERMINERS = {
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "ein",
    "eine",
    "einen",
    "the",
    "a",
    "an",
    "its",
    "his",
    "her",
    "their",
    "sein",
    "seine",
    "ihr",
    "ihre",
    "former",
    "ehemaligen",
    "ehemalige",
    "neue",
    "new",
}


@dataclass
class Mention:
    locator: str
    sentence: int
    start: int
    end: int
    surface: str


@dataclass
class Entity:
    id: str
    name: str
    label: str  # Label.PERSON or Label.ORGANIZATION value
    kind: str = "company"
    aliases: list[str] = field(default_factory=list)
    locators: list[str] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)
    store_id: str | None = None  # set when the entity is linked to the store
    confidence: float = 0.5
    mentions: list[Mention] = field(default_factory=list)

    @property
    def review(self) -> bool:
        return self.store_id is None and self.confidence < 0.7


class StoreIndex:
    """Names and aliases of the people and organizations already in a store.

    >>> index = StoreIndex([Node("acme", Label.ORGANIZATION, {"name": "Acme", "aliases": ["Acme Corp"]})])
    >>> index.lookup("acme corp").id
    'acme'
    """

    def __init__(self, nodes: Iterable[Node] = ()):
        self._by_key: dict[str, list[Node]] = defaultdict(list)
        for node in nodes:
            if node.label not in (Label.PERSON, Label.ORGANIZATION):
                continue
            for text in (node.props.get("name", ""), *(node.props.get("aliases") or [])):
                key = normalize_name(str(text))
                if key and node not in self._by_key[key]:
                    self._by_key[key].append(node)

    @classmethod
    def from_store(cls, store: object) -> StoreIndex:
        """Read the names of a store's people and organizations (``store.nodes(label)``)."""
        nodes = [*store.nodes(Label.PERSON), *store.nodes(Label.ORGANIZATION)]  # type: ignore[attr-defined]
        return cls(nodes)

    def lookup(self, text: str) -> Node | None:
        """The one stored entity called ``text``; None when none or several are."""
        found = self._by_key.get(normalize_name(text), [])
        return found[0] if len(found) == 1 else None

    def __bool__(self) -> bool:
        return bool(self._by_key)


@dataclass
class _Candidate:
    surface: str
    start: int
    end: int
    locator: str
    sentence: int
    cues: set[str]
    person: float = 0.0  # evidence it is a person
    org: float = 0.0  # evidence it is an organization
    store: Node | None = None


class EntityTable:
    """The entities of one article and where each is mentioned."""

    def __init__(self, entities: list[Entity]):
        self.entities = entities
        self._at: dict[tuple[str, int], list[tuple[Mention, Entity]]] = defaultdict(list)
        for entity in entities:
            for mention in entity.mentions:
                self._at[(mention.locator, mention.sentence)].append((mention, entity))
        for rows in self._at.values():
            rows.sort(key=lambda row: row[0].start)

    def in_sentence(self, locator: str, sentence: int) -> list[tuple[Mention, Entity]]:
        """The mentions of a sentence, in reading order."""
        return self._at.get((locator, sentence), [])

    def by_id(self, entity_id: str) -> Entity:
        return next(e for e in self.entities if e.id == entity_id)


def _is_name_token(token: str) -> bool:
    if token[0].isupper():
        return True
    if token[0].isdigit():
        return any(ch.isalpha() for ch in token) and any(ch.isupper() for ch in token)
    return token[0].islower() and any(ch.isupper() for ch in token[1:])  # xAI, iPhone


def _has_shape(token: str) -> bool:
    """Inner capitals, digits or a dotted suffix: "ByteDance", "36Kr", "Musical.ly"."""
    if "-" in token:
        return any(_has_shape(part) for part in token.split("-") if part)
    if token.isupper():
        return False
    return (
        any(ch.isupper() for ch in token[1:])
        or any(ch.isdigit() for ch in token)
        or re.search(r"\w[.:]\w", token) is not None
    )


def _strip_possessive(token: str) -> str:
    return re.sub(r"['’]s?$", "", token)


def find_entities(doc: Document, store: StoreIndex | None = None) -> EntityTable:
    """The people and organizations of ``doc``, linked to ``store`` where it knows them."""
    return _Finder(doc, store or StoreIndex()).run()


class _Finder:
    def __init__(self, doc: Document, store: StoreIndex):
        self.doc, self.store, self.lang = doc, store, doc.language
        self.candidates: list[_Candidate] = []
        self.tokens_seen: set[str] = set()

    # -- pass 1: spans and their cues -------------------------------------------------

    def run(self) -> EntityTable:
        for block in self.doc.blocks:
            for sentence in block.sentences:
                self.tokens_seen.update(t.group() for t in _TOKEN.finditer(sentence.text))
        for block in self.doc.blocks:
            for sentence in block.sentences:
                self.sentence(block.locator, sentence.index, sentence.text)
        return self.decide()

    def sentence(self, locator: str, index: int, text: str) -> None:
        tokens = list(_TOKEN.finditer(text))
        taken: set[int] = set()
        if self.store:  # the user's own names first, longest first
            for size in (4, 3, 2, 1):
                for i in range(len(tokens) - size + 1):
                    if any(j in taken for j in range(i, i + size)) or not _is_name_token(tokens[i].group()):
                        continue
                    surface = text[tokens[i].start() : tokens[i + size - 1].end()]
                    node = self.store.lookup(_strip_possessive(surface))
                    if node is not None:
                        taken.update(range(i, i + size))
                        self.candidates.append(
                            _Candidate(
                                _strip_possessive(surface),
                                tokens[i].start(),
                                tokens[i + size - 1].end(),
                                locator,
                                index,
                                {"store"},
                                store=node,
                            )
                        )
        i = 0
        while i < len(tokens):
            if i in taken or not _is_name_token(tokens[i].group()):
                i += 1
                continue
            j = i
            while (
                j + 1 < len(tokens)
                and j + 1 not in taken
                and _is_name_token(tokens[j + 1].group())
                and text[tokens[j].end() : tokens[j + 1].start()] == " "
                and not role_of(tokens[j + 1].group())
                and not ("-" in tokens[j].group() and role_of(tokens[j].group()))
            ):
                j += 1  # a title inside ends the span: "Meta CEO Mark Zuckerberg" is Meta, then a CEO
            self.span(locator, index, text, tokens, i, j)
            i = j + 1

    def span(self, locator: str, index: int, text: str, tokens: list[re.Match], i: int, j: int) -> None:
        if any(len(t.group()) > _LONGEST_WORD for t in tokens[i : j + 1]) or j - i >= 8:
            return  # a run of 40 letters or of nine capitalised words is not a name
        first = tokens[i].group()
        if i == j and "-" in first and role_of(first) is not None and role_of(first.split("-")[0]) is None:
            owner = first.rsplit("-", 1)[0]  # "Quillon-Chefin": Quillon is an organization
            if not self.common(owner) or self.shape(owner):
                self.candidates.append(
                    _Candidate(
                        owner,
                        tokens[i].start(),
                        tokens[i].start() + len(owner),
                        locator,
                        index,
                        {"role-owner"},
                        org=1.0,
                    )
                )
            return
        words = [_strip_possessive(t.group()) for t in tokens[i : j + 1]]
        starts = [t.start() for t in tokens[i : j + 1]]
        ends = [t.start() + len(w) for t, w in zip(tokens[i : j + 1], words, strict=True)]
        cues: set[str] = set()
        before = tokens[i - 1].group() if i > 0 else ""
        role = role_of(before) if before else None
        # a legal suffix ("Nordlicht AG"), a head noun ("das Start-up Wolkenfels"), a share
        # ("Anteile an Silbermond") or a deal verb right after ("Tannenhof zu kaufen") protect
        # a German common word from being trimmed as one
        suffixed = len(words) >= 2 and words[-1].lower() in ORG_SUFFIXES
        head_before = bool(before and ORG_HEAD_NOUN.search(before))
        share_before = bool(_SHARE_BEFORE.search(text[: tokens[i].start()]))
        verb_after = (
            bool(_VERB_AFTER.match(text[tokens[j].end() :]))
            and len(words) == 1
            and english_frequency(words[0]) < 3.0
            and _zipf_de(words[0]) < 3.0
        )
        protected = suffixed or head_before or share_before or verb_after or (role is not None and role != "")
        if share_before or verb_after:
            cues.add("deal-object")
        # leading titles and common words fall off: "Der Gründer Noam" -> "Noam" (role cue kept)
        k = 0
        while k < len(words):
            word_role = role_of(words[k])
            if word_role is not None:
                role = word_role
                protected = True  # what follows a title is a name: "die Gründerin Ilka Sommerfeld"
                k += 1
                continue
            if is_given_name(words[k]):
                break
            if k + 1 < len(words) and ORG_HEAD_NOUN.search(words[k]) and not self.shape(words[k]):
                cues.add("head-noun")  # "des Chipdesigners Arm", "KI-Startups Inflection AI"
                protected = True
                k += 1
                continue
            if (
                protected
                and words[k].lower() not in STOP_TOKENS
                and words[k].lower() not in _DETERMINERS
                and (not suffixed or k + 2 >= len(words) or not self.common(words[k]))
            ):
                break
            if self.common(words[k], at_start=(i + k == 0)) and not self.shape(words[k]):
                if ORG_HEAD_NOUN.search(words[k]):
                    cues.add("head-noun")
                k += 1
                continue
            break
        words, starts, ends = words[k:], starts[k:], ends[k:]
        # hyphenated heads: "AGI Autonomy-Abteilung" -> "AGI Autonomy" (unit), "Nokia-Moment" -> "Nokia"
        if words and "-" in words[-1]:
            parts = words[-1].split("-")
            keep = 0
            while (
                keep < len(parts) and not self.common(parts[keep]) and (len(parts[keep]) > 1 or parts[keep].isdigit())
            ):
                keep += 1
            if keep < len(parts):
                head = parts[-1]
                if ORG_HEAD_NOUN.search(head):
                    cues.add("head-noun")
                if role_of(head) is not None and keep:
                    cues.add("role-owner")  # "Meta-Chef": Meta is the organization the title belongs to
                words[-1] = "-".join(parts[:keep])
                ends[-1] = starts[-1] + len(words[-1])
                if not words[-1]:
                    words, starts, ends = words[:-1], starts[:-1], ends[:-1]
        person_like = len(words) == 2 and (is_given_name(words[0]) or is_chinese_surname(words[0]))
        while (
            words
            and not protected
            and not person_like
            and self.common(words[-1])
            and not self.shape(words[-1])
            and not (len(words) > 1 and words[-1].lower() in ORG_SUFFIXES)
        ):
            words, starts, ends = words[:-1], starts[:-1], ends[:-1]
        if not words:
            return
        if any(w.lower() in STOP_TOKENS for w in words) and len(words) == 1:
            return
        if len(words) == 1 and len(words[0]) == 1:
            return
        surface = " ".join(words)
        start, end = starts[0], ends[-1]
        if role is not None:
            cues.add("role")
        if head_before:
            cues.add("head-noun")
        if before.lower() in _PLACE_BEFORE and len(words) == 1:
            cues.add("place")
        after_role = _ROLE_AFTER.match(text[end : end + 40])
        if after_role and after_role.group(1):  # "Jane Roe, CEO of Acme": a person
            cues.add("role")
        elif after_role:  # "Acme CEO Jane Roe", "Acme-Chef Roe": the role's organization
            cues.add("role-owner")
        if _PERSON_VERBS.search(text[max(0, start - 12) : start]) or _PERSON_VERBS.match(text[end : end + 8].strip()):
            cues.add("says")
        if self.lang != "de" and _PERSON_AFTER.match(text[end : end + 30]) and len(words) >= 2:
            cues.add("role")  # "Piet Vandersloot, who ...", "Jane Roe had worked on ..."
        if k == 0 and (i == 0 or re.search(r"[.!?:]\s*$", text[: tokens[i].start()])):
            cues.add("initial")
        self.candidates.append(_Candidate(surface, start, end, locator, index, cues))
        self.score(self.candidates[-1], words, text)

    def shape(self, word: str) -> bool:
        """Shaped like a name, and not two German nouns run together ("StartseiteArtikel")."""
        return _has_shape(word) and not (self.lang == "de" and is_common_word(word, "de"))

    def common(self, word: str, at_start: bool = False) -> bool:
        if word.lower() in STOP_TOKENS or word.lower() in _DETERMINERS:
            return True
        if self.lang == "de":
            return is_common_word(word, "de")
        return at_start and is_common_word(word, "en")

    def score(self, cand: _Candidate, words: list[str], text: str) -> None:
        if any(self.shape(w) for w in words):
            cand.org += 1.0
        if words[-1].lower() in ORG_SUFFIXES and len(words) > 1:
            cand.org += 1.5
        if "head-noun" in cand.cues:
            cand.org += 1.5
        if "deal-object" in cand.cues or "role-owner" in cand.cues:
            cand.org += 1.0
        if cand.surface in WELL_KNOWN_COMPANIES:
            cand.org += 2.0
        if 2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].islower() for w in words):
            if is_given_name(words[0]) and words[-1].lower() not in ORG_SUFFIXES:
                cand.person += 1.5
            if (is_chinese_surname(words[0]) and all(is_pinyin_name(w) for w in words[1:])) or (
                is_chinese_surname(words[-1]) and (is_given_name(words[0]) or is_pinyin_name(words[0]))
            ):
                cand.person += 1.5
        if "role" in cand.cues:
            cand.person += 1.5
        article = re.search(r"\b(?:der|die|das|des|dem|den|the|a|an)\s+$", text[: cand.start], re.IGNORECASE)
        if (
            len(words) == 2
            and cand.org < 1.0
            and not article
            and all(w[:1].isupper() and w[1:].islower() for w in words)
            and english_frequency(words[0]) < 4.0
            and max(english_frequency(words[1]), _zipf_de(words[1])) < 2.5
        ):
            cand.person += 1.5  # "Piet Vandersloot": a rare surname, no article, nothing that says company
            cand.cues.add("name-shape")
        if "says" in cand.cues:
            cand.person += 0.5
        if DEAL_TRIGGER.search(text) and cand.person == 0:
            cand.org += 0.3
        hire = HIRE_TRIGGER.search(text)
        if (
            hire
            and len(words) == 1
            and cand.org < 1
            and cand.person == 0
            and "initial" not in cand.cues
            and (
                (self.lang == "de" and cand.start < hire.start())
                or (
                    self.lang != "de" and 0 < cand.start - hire.end() <= 25 and "," not in text[hire.end() : cand.start]
                )
            )
            and not re.search(r"\b(?:von|vom|from|of|at|bei|for|with)\s+$", text[: cand.start])
        ):
            cand.cues.add("hire-object")  # "hat Ronaldo verpflichtet", "hired Jane"

    # -- pass 2: decide, merge, link ---------------------------------------------------

    def decide(self) -> EntityTable:
        self.split_adjacent()
        by_key: dict[str, list[_Candidate]] = defaultdict(list)
        for cand in self.candidates:
            by_key[normalize_name(cand.surface)].append(cand)
        accepted: dict[str, tuple[str, float]] = {}  # key -> (label, confidence)
        for key, cands in by_key.items():
            decision = self.judge(cands)
            if decision:
                accepted[key] = decision
        self.propagate_lists(by_key, accepted)
        return self.build(by_key, accepted)

    def split_adjacent(self) -> None:
        """German puts subject and object side by side ("hat Tencent Foxmail gekauft"):
        a span that starts with a name also seen alone is two names."""
        alone: dict[str, int] = defaultdict(int)
        for cand in self.candidates:
            alone[cand.surface] += 1
        result = []
        for cand in self.candidates:
            words = cand.surface.split(" ")
            if len(words) >= 2 and cand.store is None and alone.get(words[0], 0) >= 1 and words[0] != cand.surface:
                rest = " ".join(words[1:])
                if alone.get(rest, 0) >= 1 or (
                    self.lang == "de"
                    and len(words) == 2
                    and words[1].lower() not in ORG_SUFFIXES
                    and not is_given_name(words[0])
                    and not is_chinese_surname(words[0])
                ):
                    first_end = cand.start + len(words[0])
                    head = _Candidate(
                        words[0],
                        cand.start,
                        first_end,
                        cand.locator,
                        cand.sentence,
                        set(cand.cues),
                        org=max(cand.org, 0.0),
                    )
                    tail = _Candidate(
                        rest,
                        cand.end - len(rest),
                        cand.end,
                        cand.locator,
                        cand.sentence,
                        set(cand.cues) - {"initial", "name-shape"},
                        org=cand.org,
                        person=0.0 if "name-shape" in cand.cues else cand.person,
                    )
                    head.cues.discard("name-shape")
                    result.extend([head, tail])
                    continue
            result.append(cand)
        self.candidates = result

    def judge(self, cands: list[_Candidate]) -> tuple[str, float] | None:
        if any(c.store is not None for c in cands):
            node = next(c.store for c in cands if c.store is not None)
            return (node.label.value, 1.0)
        person = max(c.person for c in cands)
        org = max(c.org for c in cands)
        words = cands[0].surface.split()
        if person >= 1.5 and person >= org:
            return (Label.PERSON.value, min(0.95, 0.55 + 0.15 * person))
        if org >= 1.0:
            return (Label.ORGANIZATION.value, min(0.95, 0.5 + 0.15 * org))
        if all("place" in c.cues for c in cands) or cands[0].surface.casefold() in _PLACES_FOLDED:
            return None
        single = len(words) == 1
        if (
            single
            and all("initial" in c.cues for c in cands)
            and self.lang == "en"
            and english_frequency(words[0]) >= 2.5
        ):
            return None  # a capitalised first word that is an English word, and nothing else
        if single and all("hire-object" in c.cues for c in cands) and len(cands) == 1:
            return (Label.PERSON.value, 0.5)
        if single and self.lang == "de" and english_frequency(words[0]) >= 4.6 and len(cands) < 2:
            return None  # an English loanword used as a German noun ("Stress", "Shoppen")
        if single and self.lang == "en" and english_frequency(words[0]) >= 5.0 and len(cands) < 2:
            return None
        return (Label.ORGANIZATION.value, 0.5 if single else 0.6)

    def propagate_lists(self, by_key: dict[str, list[_Candidate]], accepted: dict[str, tuple[str, float]]) -> None:
        """A name listed beside an accepted one ("A, B und C") is accepted with its label."""
        per_sentence: dict[tuple[str, int], list[_Candidate]] = defaultdict(list)
        texts = {(b.locator, s.index): s.text for b in self.doc.blocks for s in b.sentences}
        for cand in self.candidates:
            per_sentence[(cand.locator, cand.sentence)].append(cand)
        for where, cands in per_sentence.items():
            cands.sort(key=lambda c: c.start)
            text = texts[where]
            for left, right in pairwise(cands):
                if not _LIST_JOIN.match(text[left.end : right.start]):
                    continue
                lk, rk = normalize_name(left.surface), normalize_name(right.surface)
                for known, other in ((lk, rk), (rk, lk)):
                    if known in accepted and other not in accepted and not {"place", "initial"} & by_key[other][0].cues:
                        label, _ = accepted[known]
                        accepted[other] = (label, 0.55)
                    elif (
                        known in accepted
                        and other in accepted
                        and accepted[known][0] == Label.PERSON.value
                        and accepted[other][0] == Label.ORGANIZATION.value
                        and accepted[other][1] <= 0.6
                        and max(c.org for c in by_key[other]) < 1.0
                        and all(w[:1].isupper() and w[1:].islower() for w in by_key[other][0].surface.split())
                    ):
                        accepted[other] = (Label.PERSON.value, 0.55)  # "Omar Castellanos and Lena Fairweather"

    def build(self, by_key: dict[str, list[_Candidate]], accepted: dict[str, tuple[str, float]]) -> EntityTable:
        entities: dict[str, Entity] = {}
        alias_of: dict[str, str] = {}
        keys = sorted(accepted, key=lambda k: (-len(by_key[k][0].surface.split()), -len(k)))
        for key in keys:
            label, confidence = accepted[key]
            cands = by_key[key]
            surface = max((c.surface for c in cands), key=lambda s: (sum(c.surface == s for c in cands), s))
            target = self.same_as(key, surface, label, entities)
            if target is not None:
                alias_of[key] = target
                entity = entities[target]
                if surface not in entity.aliases and surface != entity.name:
                    entity.aliases.append(surface)
                continue
            node = next((c.store for c in cands if c.store is not None), None)
            entity = Entity(id=key, name=surface, label=label, confidence=round(confidence, 2))
            if node is not None:
                entity.store_id, entity.id = node.id, node.id
                entity.name = str(node.props.get("name", surface))
                entity.label = node.label.value
                entity.kind = str(node.props.get("kind", "company"))
                entity.aliases = [str(a) for a in node.props.get("aliases", []) or []]
            elif label == Label.ORGANIZATION.value:
                entity.kind = self.org_kind(cands)
            entity.cues = sorted({cue for c in cands for cue in c.cues} - {"initial"})
            entities[key] = entity
        self.parenthetical_aliases(entities, alias_of)
        for entity in entities.values():  # a genitive is never the name: "Metas" -> "Meta"
            plain = [a for a in entity.aliases if normalize_name(a) + "s" == normalize_name(entity.name)]
            if plain and entity.store_id is None:
                entity.aliases = [entity.name if a == plain[0] else a for a in entity.aliases]
                entity.name = plain[0]
        for key, target in [*((k, k) for k in entities), *alias_of.items()]:
            entity = entities[target]
            for cand in by_key[key]:
                entity.mentions.append(Mention(cand.locator, cand.sentence, cand.start, cand.end, cand.surface))
                if cand.locator not in entity.locators:
                    entity.locators.append(cand.locator)
        self.more_mentions(list(entities.values()))
        return EntityTable(self.unique_ids(list(entities.values())))

    def more_mentions(self, entities: list[Entity]) -> None:
        """Every later use of a found name is a mention too: "zu Nordlicht" after "die Nordlicht AG"."""
        covered = {(m.locator, m.sentence, m.start) for e in entities for m in e.mentions}
        spans: dict[tuple[str, int], list[tuple[int, int]]] = {
            (m.locator, m.sentence): [] for e in entities for m in e.mentions
        }
        for e in entities:
            for m in e.mentions:
                spans[(m.locator, m.sentence)].append((m.start, m.end))
        for entity in entities:
            forms = {entity.name, *entity.aliases}
            words = entity.name.split()
            if entity.label == Label.ORGANIZATION.value and len(words) >= 2 and words[-1].lower() in _LEGAL:
                forms.add(" ".join(words[:-1]))
            pattern = re.compile(
                r"(?<![\w-])(?:"
                + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                + r")(?:s|'s|’s)?(?![\w-])"
            )
            for block in self.doc.blocks:
                for sentence in block.sentences:
                    for match in pattern.finditer(sentence.text):
                        where = (block.locator, sentence.index)
                        if (*where, match.start()) in covered or any(
                            s <= match.start() < e for s, e in spans.get(where, [])
                        ):
                            continue
                        entity.mentions.append(
                            Mention(block.locator, sentence.index, match.start(), match.end(), match.group(0))
                        )
                        spans.setdefault(where, []).append((match.start(), match.end()))
                        covered.add((*where, match.start()))
                        if block.locator not in entity.locators:
                            entity.locators.append(block.locator)

    def parenthetical_aliases(self, entities: dict[str, Entity], alias_of: dict[str, str]) -> None:
        """ "Safe Superintelligence (SSI)": the name in brackets is an alias of the one before."""
        texts = {(b.locator, s.index): s.text for b in self.doc.blocks for s in b.sentences}
        ordered = sorted(self.candidates, key=lambda c: (c.locator, c.sentence, c.start))
        for left, right in pairwise(ordered):
            if (left.locator, left.sentence) != (right.locator, right.sentence):
                continue
            text = texts[(left.locator, left.sentence)]
            if text[left.end : right.start] != " (" or text[right.end : right.end + 1] != ")":
                continue
            lk, rk = normalize_name(left.surface), normalize_name(right.surface)
            lk, rk = alias_of.get(lk, lk), alias_of.get(rk, rk)
            if lk in entities and rk in entities and lk != rk and entities[rk].store_id is None:
                moved = entities.pop(rk)
                entities[lk].aliases.extend(a for a in [moved.name, *moved.aliases] if a not in entities[lk].aliases)
                for key, target in list(alias_of.items()):
                    if target == rk:
                        alias_of[key] = lk
                alias_of[rk] = lk

    def same_as(self, key: str, surface: str, label: str, entities: dict[str, Entity]) -> str | None:
        """The key of an already built entity this name is another form of."""
        words = surface.split()
        uses = sum(1 for c in self.candidates if normalize_name(c.surface) == key)
        for other_key, entity in entities.items():
            if entity.label != label and not (len(words) == 1 and entity.label == Label.PERSON.value):
                continue
            other_words = entity.name.split()
            if key + "s" == other_key or other_key + "s" == key:  # German genitive: "Metas"
                return other_key
            if len(words) == 1 and len(other_words) > 1:
                if entity.label == Label.PERSON.value and words[0] in (other_words[0], other_words[-1]):
                    return other_key
                if (
                    entity.label == Label.ORGANIZATION.value
                    and label == entity.label
                    and words[0] == other_words[0]
                    and other_words[-1].lower() in ORG_SUFFIXES
                    and surface not in WELL_KNOWN_COMPANIES
                    and uses < sum(1 for c in self.candidates if normalize_name(c.surface) == other_key) + 1
                ):
                    return other_key  # "Scale" for "Scale AI", but not "Microsoft" for "Microsoft AI"
            if len(words) == 1 and "." in entity.name and entity.name.split(".")[0] == surface:
                return other_key  # "Character" for "Character.ai"
        return None

    def org_kind(self, cands: list[_Candidate]) -> str:
        return "company"

    @staticmethod
    def unique_ids(entities: list[Entity]) -> list[Entity]:
        from .draft import slug

        used: set[str] = set()
        for entity in entities:
            if entity.store_id is None:
                base = slug(entity.name)
                entity.id, n = base, 2
                while entity.id in used:
                    entity.id, n = f"{base}-{n}", n + 1
            used.add(entity.id)
        return entities
