"""Deals and relations from located sentences: who bought, hired or merged with whom,
for how much, how it ended — each with the locators and the cue words behind it.

For every deal cue of a sentence (``deal_patterns.trigger_kinds``) the acquirer is the
organization that acts (German: the first one of the clause; English: the last one
before the verb, or the one after "by"), the target the next organization, and the
people of the clause are the people who moved. "A, B und C" gives one deal per target,
a merger one deal with several targets. Status and hedges are read from the sentence
and from later sentences of the same paragraph that talk about the same deal
("the talks collapsed"); prices, valuations and shares come from the same sentence
(a valuation also from a later sentence of the paragraph). Deals with the same
acquirer, target and kind are one deal.

>>> from .text_blocks import parse_document
>>> from .names import find_entities
>>> text = "Acme Labs acquired Beta Robotics for $40 million in 2021, the companies said on Monday."
>>> doc = parse_document(text, "text", "en")
>>> deals, _ = find_deals(doc, find_entities(doc))
>>> [(d.acquirer, d.targets, d.kind, d.amount, d.year) for d in deals]
[('acme-labs', ['beta-robotics'], 'acquisition', 40000000, 2021)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from ...graph.model import Label
from ..dates import DateError, parse_date
from .deal_patterns import (
    ACQUIHIRE_WORDS,
    FoundAmount,
    find_amounts,
    find_percent,
    hedge_in,
    status_cues,
    status_in,
    trigger_kinds,
)
from .name_cues import role_of
from .names import Entity, EntityTable, Mention
from .text_blocks import Document

__all__ = ["DraftDeal", "DraftRelation", "find_deals"]

_TERMINAL = {"completed", "failed", "rejected", "abandoned"}
_PASSIVE_BY = re.compile(r"\b(?:by|durch)\s+(?:(?:den|die|das|dem|the)\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)
_PASSIVE_DE = re.compile(r"\bwurden?\b.*\bvon\s*$", re.IGNORECASE)
_PREPOSITION = re.compile(r"\b(?:of|from|to|at|for|with|in|by|into|on|about)\s+(?:the\s+|its\s+)?$", re.IGNORECASE)
_FUTURE = re.compile(
    r"\b(?:will|would|plans?|planned|intends?|set to|is to|agreed to|to buy|to acquire|wird|werden|will|"
    r"soll|plant|plante|wollen|beabsichtigt)\b",
    re.IGNORECASE,
)
_OFFER = re.compile(
    r"\b(?:angebot\w*|offer\w*|bid|kaufpreis\w*|preis\w*|price\w*|paid|pays?|zahlt\w*|bezahlt\w*)\b", re.IGNORECASE
)
# who reports a deal is not a party to it: "according to Bloomberg", "laut dem Wall Street Journal"
_REPORTER = re.compile(
    r"(?:according to|reported by|told|laut|zufolge|nach (?:informationen|angaben|berichten)|"
    r"berichtete\w*|berichtet|reported|wie)\s+(?:(?:der|des|dem|die|den|the|a)\s+)?"
    r"(?:\w*(?:agentur|zeitung|magazin\w*|blatt|dienst|newspaper|agency|outlet|site|paper)\s+)?[\"„“]?$",
    re.IGNORECASE,
)
_PART_OF = re.compile(
    r",?\s*(?:the|a|an|die|der|das|eine?)?\s*(?:[\w-]+\s+){0,2}(?:unit|division|subsidiary|arm|lab|"
    r"tochter\w*|sparte|abteilung|labor|einheit)\s+(?:of|von|des|der)\s+",
    re.IGNORECASE,
)
_OF_TEAM = re.compile(
    r"\b(?:forscher\w*|mitarbeiter\w*|entwickler\w*|ingenieur\w*|team\w*|researchers?|engineers?|"
    r"staff|team)\s+(?:des|der|of)\s+(?:\S+\s+)?$",
    re.IGNORECASE,
)
_FROM = re.compile(r"\b(?:von|vom|from|at|bei)\s*$", re.IGNORECASE)
_INTO = re.compile(r"\b(?:zu|zur|zum|into|in)\s*$", re.IGNORECASE)
_LIST_GAP = re.compile(r"^\s*(?:,|,?\s*(?:und|and|sowie|&))\s*$")
_PAST = re.compile(
    r"(?:acquired|bought|purchased|took over|snapped up|übernommen|übernahm|erworben|erwarb|gekauft|"
    r"kaufte|abgeworben|rekrutiert|eingestellt|verpflichtet|gewonnen|hired|poached|recruited|merged|"
    r"zusammengeführt|fusioniert|licensed|lizenziert|signed|war\b|was\b)",
    re.IGNORECASE,
)
_JOIN = re.compile(
    r"\b(?:join(?:s|ed)?|beitreten|beigetreten|kehrt\w*|zurück|wechsel\w*|came|kam|kamen|gekommen|"
    r"mitgebracht|brought|moved|leads?|led|leitet\w*|geleitet|führt\w*|will run|to run|heads?)\b",
    re.IGNORECASE,
)
_LEAD = re.compile(
    r"\b(?:leads?|led|heads?|headed|runs|ran|leitet\w*|geleitet|leiten|führt|führte|verantwortet)\b", re.IGNORECASE
)
_WORK = re.compile(r"\b(?:worked|works|gearbeitet|arbeitet\w*)\b", re.IGNORECASE)
_FOUNDED = re.compile(r"\b(?:founded|co-founded|gegründet|gründete\w*)\b", re.IGNORECASE)
_YEAR = re.compile(
    r"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Januar|Februar|März|Mai|Juni|Juli|Oktober|Dezember)\s+)?(?:19[89]\d|20[0-4]\d)\b"
)


@dataclass
class DraftDeal:
    acquirer: str
    targets: list[str]
    kind: str
    status: str
    locators: list[str]
    evidence: list[str]
    amount: int | float | None = None
    currency: str | None = None
    amount_qualifier: str | None = None
    valuation: int | float | None = None
    valuation_currency: str | None = None
    pay: int | float | None = None
    pay_currency: str | None = None
    stake_pct: float | None = None
    year: int | None = None
    date: str | None = None
    date_precision: str | None = None
    hedge: str | None = None
    moved: dict[str, tuple[str, str]] = field(default_factory=dict)  # person id -> (role, locator)
    confidence: float = 0.6
    explicit_status: bool = False
    licence_only: bool = False  # a licence with no hiring of its own: it completes a hire

    @property
    def key(self) -> tuple[str, tuple[str, ...], str]:
        return (self.acquirer, tuple(self.targets), self.kind)


@dataclass
class DraftRelation:
    start: str
    type: str
    end: str
    locator: str
    evidence: str
    role: str | None = None


@dataclass
class _Clause:
    kind: str
    trigger: str
    start: int
    end: int
    status: str | None = None


def find_deals(doc: Document, table: EntityTable) -> tuple[list[DraftDeal], list[DraftRelation]]:
    """The deals and relations the sentences of ``doc`` state (see module docstring)."""
    deals: list[DraftDeal] = []
    relations: list[DraftRelation] = []
    carried: DraftDeal | None = None  # the last deal of the paragraph before
    for block in doc.blocks:
        paragraph: list[DraftDeal] = []
        acquihire_people: set[str] = set()
        previous: list[tuple[Mention, Entity]] = []
        for sentence in block.sentences:
            text, mentions = sentence.text, table.in_sentence(block.locator, sentence.index)
            orgs = [(m, e) for m, e in mentions if e.label == Label.ORGANIZATION.value]
            people = [(m, e) for m, e in mentions if e.label == Label.PERSON.value]

            if ACQUIHIRE_WORDS.search(text) or re.search(
                r"(?:übernahme|acquisition)\w*\s+(?:war|was)\s*$",
                text[: people[0][0].start] if people else "",
                re.IGNORECASE,
            ):
                acquihire_people.update(e.id for _, e in people)
            context = [carried] if carried is not None and not paragraph else []
            new = _sentence_deals(doc.language, block.locator, text, orgs, people, paragraph, previous, context)
            status = status_in(text)
            if not new and paragraph and status in {"failed", "rejected", "abandoned"} and not trigger_kinds(text):
                _update_status(next(d for d in reversed(paragraph)), status, block.locator)
            if (
                not new
                and not paragraph
                and carried is not None
                and sentence.index == 0
                and any(e.id in (carried.acquirer, *carried.targets) for _, e in orgs)
            ):
                _moves_after(carried, text, block.locator, people)  # "Its founder will join Acme ..."
            if not new and paragraph:
                last = paragraph[-1]
                for amount in find_amounts(text, doc.language):  # "the company was valued at ..."
                    if (
                        amount.role == "valuation"
                        and last.valuation is None
                        and (not orgs or any(e.id in last.targets for _, e in orgs))
                    ):
                        last.valuation, last.valuation_currency = amount.value, amount.currency
                        last.evidence.append(f"valuation {amount.text!r}")
                    elif (
                        amount.role == "price"
                        and last.amount is None
                        and _OFFER.search(text)
                        and (not orgs or any(e.id in (last.acquirer, *last.targets) for _, e in orgs))
                    ):
                        last.amount, last.currency, last.amount_qualifier = (
                            amount.value,
                            amount.currency,
                            amount.qualifier,
                        )
                        last.evidence.append(f"price {amount.text!r} stated later in the paragraph")
                _moves_after(paragraph[-1], text, block.locator, people)
            for deal in new:
                if ACQUIHIRE_WORDS.search(text) and deal.kind == "acquisition":
                    deal.kind = "acquihire"
                if deal.kind == "acquisition" and acquihire_people & set(deal.moved):
                    deal.kind = "acquihire"
            paragraph.extend(new)
            relations.extend(_relations(text, block.locator, orgs, people, paragraph, doc.language))
            previous = mentions
        deals.extend(paragraph)
        carried = paragraph[-1] if paragraph else None
    return _merge(deals), relations


def _sentence_deals(
    lang: str,
    locator: str,
    text: str,
    orgs: list[tuple[Mention, Entity]],
    people: list[tuple[Mention, Entity]],
    paragraph: list[DraftDeal],
    previous: list[tuple[Mention, Entity]],
    context: list[DraftDeal],
) -> list[DraftDeal]:
    triggers = trigger_kinds(text)
    if not triggers:
        return []
    kinds = {k for k, _, _ in triggers}
    deals: list[DraftDeal] = []
    for clause in _clauses(triggers, text, lang):
        kind = clause.kind
        licence_only = False
        if kind == "licence" and "hire" in kinds:
            kind = "licence_and_hire"  # the licence and the hiring are one deal: read the whole sentence
            clause.start, clause.end = 0, len(text)
        elif kind == "licence":
            kind = "licence_and_hire"  # kept only if the paragraph hires from the same company (see _merge)
            clause.start, clause.end = 0, len(text)
            licence_only = True
        if kind == "stake" and not (
            find_percent(text) or re.search(r"anteil|stake|beteilig|invest|minori|minderh", text, re.IGNORECASE)
        ):
            kind = "acquisition"
        if kind == "sale":  # "X sold Y to Z": the buyer is the one after "to"
            deals.extend(_sale(locator, text, clause, orgs, lang))
            continue
        if kind == "join":  # "Jane Roe, CEO of Beta, joins Acme": a hire by Acme from Beta
            deals.extend(_join(locator, text, clause, orgs, people, [*context, *paragraph, *deals], lang))
            continue
        if kind == "hire" and "licence_and_hire" in {d.kind for d in deals}:
            continue
        orgs = [(m, e) for m, e in orgs if not _REPORTER.search(text[max(0, m.start - 45) : m.start])]
        window = [(m, e) for m, e in orgs if clause.start <= m.start < clause.end]
        made = _deal_from_clause(lang, locator, text, clause, kind, window, orgs, people, paragraph, previous)
        if made and licence_only:
            for deal in made:
                deal.licence_only = True
        if made:
            deals.extend(made)
        elif clause.status in {"failed", "rejected", "abandoned"}:
            earlier = [d for d in [*paragraph, *deals] if d.kind != "hire"]
            if earlier:  # "after the bid was rejected, ...": about the paragraph's last deal
                _update_status(earlier[-1], clause.status, locator)
    return deals


def _clauses(triggers: list[tuple[str, int, int]], text: str, lang: str) -> list[_Clause]:
    """One clause per deal cue. German verbs close their clause ("hat X Y erworben"), so
    the clause runs from the cue before to this one; English verbs open it."""
    merged: list[tuple[str, int, int]] = []
    for kind, start, end in triggers:
        if merged and (kind == merged[-1][0] or {kind, merged[-1][0]} <= {"stake", "acquisition"}):
            last = merged[-1]
            merged[-1] = ("stake" if "stake" in (kind, last[0]) else kind, last[1], end)
            continue
        merged.append((kind, start, end))
    clauses = []
    for n, (kind, start, end) in enumerate(merged):
        verb_last = lang == "de" and text[start : start + 1].islower()
        if verb_last:
            begin = merged[n - 1][2] if n else 0
            finish = len(text) if n + 1 == len(merged) else end
        else:
            begin = merged[n - 1][2] if n else 0
            finish = merged[n + 1][1] if n + 1 < len(merged) else len(text)
        clauses.append(_Clause(kind, text[start:end], begin, max(finish, end)))
    ranks: dict[int, int] = {}
    for status, at, rank in status_cues(text):  # each status cue belongs to the deal cue nearest to it
        nearest = min(
            clauses,
            key=lambda c: min(
                abs(at - text.find(c.trigger, c.start)), abs(at - text.find(c.trigger, c.start) - len(c.trigger))
            ),
        )
        if nearest.status is None or rank < ranks[id(nearest)]:
            nearest.status, ranks[id(nearest)] = status, rank
    return clauses


def _deal_from_clause(
    lang: str,
    locator: str,
    text: str,
    clause: _Clause,
    kind: str,
    window: list[tuple[Mention, Entity]],
    orgs: list[tuple[Mention, Entity]],
    people: list[tuple[Mention, Entity]],
    paragraph: list[DraftDeal],
    previous: list[tuple[Mention, Entity]],
) -> list[DraftDeal] | None:
    trigger_at = text.find(clause.trigger, clause.start)
    acquirer: Entity | None = None
    if kind in {"acquisition", "acquihire"} and orgs:
        listed = _priced_targets(text, lang, window or orgs)
        if listed and listed[0][1] is not orgs[0][1]:
            made = []
            for amount, target in listed:
                deal = _new(locator, clause, kind, orgs[0][1], [target], text, [], lang)
                deal.amount, deal.currency, deal.amount_qualifier = amount.value, amount.currency, amount.qualifier
                deal.evidence.append(f"price {amount.text!r} for {target.name}")
                made.append(deal)
            return made
    targets: list[Entity] = []
    trigger_end = trigger_at + len(clause.trigger)
    by = [
        (m, e)
        for m, e in window
        if _agent(text, m, trigger_at, trigger_end) or _PASSIVE_DE.search(text[clause.start : m.start])
    ]  # "was acquired by X", "Übernahme von Y durch X"
    if kind == "merger":
        into = [(m, e) for m, e in window if _INTO.search(text[: m.start])]
        if into:
            acquirer = into[0][1]
            targets = [e for _, e in window if e is not acquirer]
        elif len(window) >= 2:
            acquirer, targets = window[0][1], [e for _, e in window[1:]]
        return [_new(locator, clause, kind, acquirer, targets, text, people, lang)] if acquirer and targets else None
    if by:
        acquirer = by[0][1]
        rest = [(m, e) for m, e in window if e is not acquirer]
    else:
        candidates = window or orgs
        before = [(m, e) for m, e in candidates if m.start < trigger_at]
        if lang == "de" or not before:
            pick = candidates[0] if candidates else None
        else:  # the subject: the first organization before the verb that no preposition governs
            free = [(m, e) for m, e in before if not _PREPOSITION.search(text[: m.start])]
            pick = free[0] if free else before[-1]
        if pick is None:
            return None
        if pick not in window and orgs:  # the clause names no buyer: the sentence's subject acts
            pick = orgs[0]
        acquirer = pick[1]
        if lang == "de":
            rest = [(m, e) for m, e in window if e is not acquirer and m.start > pick[0].start]
        else:  # English objects follow the verb
            rest = [(m, e) for m, e in window if e is not acquirer and m.start > trigger_at]
        if not rest:
            rest = [(m, e) for m, e in window if e is not acquirer]
    if kind == "hire":  # "researchers from X", "Forscher des KI-Labors X"
        source = [(m, e) for m, e in rest if _FROM.search(text[: m.start]) or _OF_TEAM.search(text[: m.start])]
        rest = source or rest
    if rest:
        first = rest[0]
        targets = [first[1]]
        for (m1, _), (m2, e2) in pairwise(rest):  # "A, B und C": a list of targets
            if _LIST_GAP.match(text[m1.end : m2.start]) and m1.start >= first[0].start:
                targets.append(e2)
            else:
                break
    if not targets and kind == "hire":
        prior = [d for d in paragraph if d.kind != "hire"]
        if prior and people:
            targets = []
            deal = _new(locator, clause, kind, acquirer, [], text, people, lang)
            deal.targets = list(prior[-1].targets)
            deal.evidence.append("target taken from the paragraph's earlier deal")
            deal.confidence = 0.45
            return [deal]
    if (
        not targets
        and kind in {"acquisition", "acquihire"}
        and previous
        and re.search(r"\b(?:gekommen|kamen|came|joined|wechselten)\b", text)
    ):
        # "All of them came to Acme through acquisitions": the companies of the sentence before
        before_orgs = [e for _, e in previous if e.label == Label.ORGANIZATION.value and e is not acquirer]
        before_people = [(m, e) for m, e in previous if e.label == Label.PERSON.value]
        made = []
        for org in before_orgs:
            deal = _new(locator, clause, "acquihire", acquirer, [org], text, [], lang)
            deal.confidence = 0.45
            deal.evidence.append("the people of the sentence before came with these companies")
            for _, person in before_people:
                deal.moved.setdefault(person.id, (f"joined {acquirer.name}", locator))
            made.append(deal)
        return made or None
    if not targets:
        return None
    if len(targets) > 1:
        return [_new(locator, clause, kind, acquirer, [t], text, people, lang, shared=True) for t in targets]
    deal = _new(locator, clause, kind, acquirer, targets, text, people, lang)
    _amounts_for(deal, text, clause, lang, orgs)
    return [deal]


def _new(
    locator: str,
    clause: _Clause,
    kind: str,
    acquirer: Entity,
    targets: list[Entity],
    text: str,
    people: list[tuple[Mention, Entity]],
    lang: str,
    shared: bool = False,
) -> DraftDeal:
    status = clause.status
    explicit = status is not None
    if status is None:  # nothing said about how it ended: read the tense
        at = text.find(clause.trigger, clause.start)
        near = text[clause.start : at + len(clause.trigger)] if lang == "de" else text[max(clause.start, at - 30) : at]
        status = "announced" if _FUTURE.search(near) else "completed"
    hedge = hedge_in(text, lang)
    if hedge and status not in {"failed", "rejected", "abandoned"}:
        status = "rumoured" if not explicit else status
    deal = DraftDeal(
        acquirer.id,
        [t.id for t in targets],
        kind,
        status,
        [locator],
        [f"{kind} cue {clause.trigger!r}: {acquirer.name} -> {', '.join(t.name for t in targets)}"],
        hedge=hedge,
        explicit_status=explicit,
    )
    if hedge:
        deal.evidence.append(f"hedged ({hedge!r})")
    deal.confidence = 0.5 if shared or hedge else 0.7 if len(targets) == 1 else 0.6
    year = _YEAR.search(text)
    if year:
        try:
            date = parse_date(year.group(0))
        except DateError:
            date = None
        if date is not None:
            deal.year = date.year
            if date.precision != "year":
                deal.date, deal.date_precision = date.value, date.precision
    if not shared:
        at = text.find(clause.trigger, clause.start)
        for mention, person in people:
            if not (clause.start <= mention.start < clause.end or kind == "hire"):
                continue
            if lang != "de" and mention.start < at and not re.search(r"\b(?:was|were|been|being)\s*$", text[:at]):
                continue  # the one who acts ("Meta CEO Jane Roe hired ..."), not the one who moves
            owner = re.search(re.escape(acquirer.name) + r"(?:'s)?[-\s]+(\S+)\s+$", text[: mention.start])
            if owner and role_of(owner.group(1)) is not None:
                continue  # "Quillon-Chefin Marta Oyelaran": the buyer's own head
            deal.moved[person.id] = (f"joined {acquirer.name}", locator)
    return deal


def _agent(text: str, mention: Mention, trigger_at: int, trigger_end: int) -> bool:
    """The organization after "by"/"durch" that does what the deal word says."""
    match = _PASSIVE_BY.search(text[: mention.start])
    if match is None or mention.start <= trigger_at:
        return False
    if re.search(r"\b(?:founded|gegründet|led|run|backed)\s+(?:by|durch)\b", text[trigger_end : mention.start]):
        return False  # "a startup founded by X" names no buyer
    return "durch" in match.group(0).lower() or mention.start - trigger_end < 45


def _join(
    locator: str,
    text: str,
    clause: _Clause,
    orgs: list[tuple[Mention, Entity]],
    people: list[tuple[Mention, Entity]],
    earlier: list[DraftDeal],
    lang: str,
) -> list[DraftDeal]:
    at = text.find(clause.trigger, clause.start)
    end = at + len(clause.trigger)
    joined = [(m, e) for m, e in orgs if m.start >= end and m.start - end <= 20]
    if not joined and clause.trigger.lower().startswith("beitr"):  # German "Meta beitreten": the object comes first
        joined = [(m, e) for m, e in orgs if m.end <= at and at - m.end <= 3]
    movers = [(m, e) for m, e in people if m.start < at]
    if not joined or not movers:
        return []
    buyer = joined[0][1]
    sources = [(m, e) for m, e in orgs if e is not buyer and (m.start < at or _FROM.search(text[: m.start]))]
    for deal in reversed(earlier):  # the move is part of a deal already told: "... joins Acme with the deal"
        if deal.acquirer == buyer.id and (not sources or sources[0][1].id in deal.targets):
            for _, person in movers:
                deal.moved.setdefault(person.id, (f"joined {buyer.name}", locator))
            if locator not in deal.locators:
                deal.locators.append(locator)
            return []
    if not sources:
        return []
    deal = _new(locator, clause, "hire", buyer, [sources[-1][1]], text, [], lang)
    for _, person in movers:
        deal.moved[person.id] = (f"joined {buyer.name}", locator)
    deal.confidence = 0.55
    deal.evidence.append("a person joins: the organization they leave is the one named with them")
    return [deal]


def _sale(locator: str, text: str, clause: _Clause, orgs: list[tuple[Mention, Entity]], lang: str) -> list[DraftDeal]:
    at = text.find(clause.trigger, clause.start)
    buyers = [
        (m, e)
        for m, e in orgs
        if m.start > at and re.search(r"\b(?:to|an|at)\s+(?:the\s+|den\s+|die\s+)?$", text[: m.start], re.IGNORECASE)
    ]
    sold = [(m, e) for m, e in orgs if (m, e) not in buyers and (m.start > at or lang == "de")]
    if not buyers or not sold:
        return []
    deal = _new(locator, clause, "acquisition", buyers[0][1], [sold[0][1]], text, [], lang)
    deal.evidence.append("a sale: the buyer is the one it was sold to")
    _amounts_for(deal, text, clause, lang, orgs)
    return [deal]


def _priced_targets(text: str, lang: str, orgs: list[tuple[Mention, Entity]]) -> list[tuple[FoundAmount, Entity]]:
    """ "1 Mrd. für A, 19 Mrd. für B": each price with the organization it is for."""
    pairs = []
    for amount in find_amounts(text, lang):
        follow = re.match(r"\s*(?:für|for)\s+(?:das |die |den |the )?", text[amount.end :])
        if not follow:
            continue
        at = amount.end + follow.end()
        target = next((e for m, e in orgs if m.start == at), None)
        if target is not None:
            pairs.append((amount, target))
    return pairs if len(pairs) >= 2 else []


def _amounts_for(deal: DraftDeal, text: str, clause: _Clause, lang: str, orgs: list[tuple[Mention, Entity]]) -> None:
    for amount in find_amounts(text, lang):
        if not (clause.start <= amount.start < clause.end):
            continue
        if amount.role == "valuation" and deal.valuation is None:
            deal.valuation, deal.valuation_currency = amount.value, amount.currency
        elif amount.role == "pay" and deal.pay is None:
            deal.pay, deal.pay_currency = amount.value, amount.currency
        elif amount.role == "price" and deal.amount is None:
            deal.amount, deal.currency, deal.amount_qualifier = amount.value, amount.currency, amount.qualifier
        else:
            continue
        deal.evidence.append(f"{amount.role} {amount.text!r}")
    if deal.kind == "stake":
        deal.stake_pct = find_percent(text[clause.start : clause.end])


def _update_status(deal: DraftDeal, status: str, locator: str) -> None:
    if deal.kind == "hire" or (deal.explicit_status and deal.status in _TERMINAL):
        return
    deal.status, deal.explicit_status = status, True
    if locator not in deal.locators:
        deal.locators.append(locator)
    deal.evidence.append(f"status {status} stated later in the paragraph")


def _moves_after(deal: DraftDeal, text: str, locator: str, people: list[tuple[Mention, Entity]]) -> None:
    if not people or not _JOIN.search(text) or deal.kind == "merger":
        return
    for _, person in people:
        if person.id not in deal.moved:
            deal.moved[person.id] = ("joined the buyer with the deal", locator)
            if locator not in deal.locators:
                deal.locators.append(locator)


def _relations(
    text: str,
    locator: str,
    orgs: list[tuple[Mention, Entity]],
    people: list[tuple[Mention, Entity]],
    paragraph: list[DraftDeal],
    lang: str,
) -> list[DraftRelation]:
    found = []
    for (m1, unit), (m2, parent) in pairwise(orgs):  # "Acme Ventures, the venture arm of Acme"
        if unit is not parent and _PART_OF.fullmatch(text[m1.end : m2.start]):
            found.append(
                DraftRelation(unit.id, "PART_OF", parent.id, locator, f"{unit.name} is a unit of {parent.name}")
            )
    for mention, person in people:
        after = [(m, e) for m, e in orgs if m.start > mention.end]
        near = text[max(0, mention.start - 40) : mention.end + 40]
        role = re.search(
            r"\b(CEO|CTO|CFO|COO|founder|co-founder|Gründer\w*|Mitgründer\w*|Chefwissenschaftler|"
            r"chief scientist|researcher|Forscher)\b",
            near,
        )
        of_org = (
            re.search(
                r"\b(?:CEO|CTO|CFO|founder|co-founder|Gründer|Chefwissenschaftler|chief scientist)\s+"
                r"(?:von|vom|of|at|bei)\s+$",
                text[: after[0][0].start],
            )
            if after
            else None
        )
        if role and of_org:
            org = after[0][1]
            rel = "FOUNDED" if "ründer" in role.group(1) or "founder" in role.group(1) else "WORKED_AT"
            found.append(
                DraftRelation(
                    person.id,
                    rel,
                    org.id,
                    locator,
                    f"{role.group(1)!r} of {org.name}",
                    None if rel == "FOUNDED" else role.group(1),
                )
            )
        elif role and ("ründer" in role.group(1) or "founder" in role.group(1)) and paragraph:
            target = paragraph[-1].targets[0] if paragraph[-1].targets else None
            if target:
                found.append(
                    DraftRelation(
                        person.id, "FOUNDED", target, locator, f"called {role.group(1)!r} right after the deal"
                    )
                )
        lead = _LEAD.search(text[mention.end :])
        if lead and after:
            verb_at = mention.end + lead.start()
            led = [e for m, e in after if m.start > verb_at and m.start - verb_at < 60]  # "leads Acme"
            if lang == "de":  # "hat die Mobilisierung von Taobao geleitet": the object ends at the verb
                led += [
                    e
                    for m, e in after
                    if m.end <= verb_at and not re.search(r",|\bund\b|\band\b", text[m.end : verb_at])
                ]
            if led:
                found.append(DraftRelation(person.id, "LEADS", led[0].id, locator, f"{lead.group(0)!r} {led[0].name}"))
        elif _WORK.search(text[mention.end :]) and after:
            found.append(
                DraftRelation(person.id, "WORKED_AT", after[0][1].id, locator, f"worked at {after[0][1].name}")
            )
        if _FOUNDED.search(text[: mention.start]) and orgs and orgs[0][0].start < mention.start:
            found.append(DraftRelation(person.id, "FOUNDED", orgs[0][1].id, locator, f"founded {orgs[0][1].name}"))
    return found


def _merge(deals: list[DraftDeal]) -> list[DraftDeal]:
    """One deal per acquirer, target and kind; a weak mention ("wants to buy X") folds
    into a fuller deal on the same pair."""
    merged: list[DraftDeal] = []
    for deal in deals:  # a licence and a hire between the same companies are one licence-and-hire
        if deal.kind == "hire" and any(
            d.licence_only and (d.acquirer, d.targets) == (deal.acquirer, deal.targets) for d in deals
        ):
            deal.kind = "licence_and_hire"
    for deal in deals:
        if deal.licence_only and not any(d.key == deal.key and not d.licence_only for d in deals):
            continue
        same = next((d for d in merged if d.key == deal.key), None)
        if same is None:
            same = next(
                (
                    d
                    for d in merged
                    if d.acquirer == deal.acquirer
                    and d.targets == deal.targets
                    and "hire" not in (d.kind, deal.kind)
                    and (_weak(d) or _weak(deal))
                ),
                None,
            )
            if same is not None and _weak(same) and not _weak(deal):
                same.kind = deal.kind
        if same is None:
            merged.append(deal)
            continue
        for locator in deal.locators:
            if locator not in same.locators:
                same.locators.append(locator)
        same.evidence.extend(e for e in deal.evidence if e not in same.evidence)
        for name in ("amount", "valuation", "pay", "stake_pct", "year", "date"):
            if getattr(same, name) is None and getattr(deal, name) is not None:
                setattr(same, name, getattr(deal, name))
                if name in {"amount", "valuation", "pay"}:
                    cur = "currency" if name == "amount" else f"{name}_currency"
                    setattr(same, cur, getattr(deal, cur))
                if name == "date":
                    same.date_precision = deal.date_precision
        if (
            deal.explicit_status
            and same.status not in _TERMINAL
            or (deal.status in _TERMINAL - {"completed"} and not same.explicit_status)
        ):
            same.status, same.explicit_status = deal.status, True  # never from "done" back to "wants to"
        for person, move in deal.moved.items():
            same.moved.setdefault(person, move)
        same.confidence = max(same.confidence, deal.confidence)
        same.hedge = same.hedge or deal.hedge
    return merged


def _weak(deal: DraftDeal) -> bool:
    return deal.kind == "acquisition" and deal.amount is None and deal.status in {"in_talks", "announced", "rumoured"}
