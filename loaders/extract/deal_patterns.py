"""The words that make a sentence a deal, in English and German: verbs and nouns by deal
kind, status cues, hedges, and money and share figures.

Amounts are read by the project's own ``parse_amount`` (``loaders/amounts.py``); this
module only finds where a figure is written and what it is for (price, valuation,
pay). German "Billion"/"Billionen" is 10^12 and is passed to ``parse_amount`` as
"trillion"; "eine Milliarde" becomes "1 Milliarde". A figure ``parse_amount`` will not
read without guessing ("1,500 dollars") is left out of the draft, never estimated.

>>> [(a.value, a.currency, a.role) for a in find_amounts("Acme paid $2.5 billion, valuing Beta at $10bn.", "en")]
[(2500000000, 'USD', 'price'), (10000000000, 'USD', 'valuation')]
>>> status_in("Die Verhandlungen sind gescheitert.")
'failed'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..amounts import AmountError, parse_amount

__all__ = [
    "ACQUIHIRE_WORDS",
    "DEAL_TRIGGER",
    "HIRE_TRIGGER",
    "FoundAmount",
    "find_amounts",
    "find_percent",
    "hedge_in",
    "status_cues",
    "status_in",
    "trigger_kinds",
]


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w])", re.IGNORECASE)


ACQUIRE = _words(
    r"acquir(?:e|es|ed|ing)",
    r"acquisitions?",
    r"bought",
    r"buy(?:s|ing)?",
    r"purchas(?:e|es|ed|ing)",
    r"takeovers?",
    r"t(?:ook|akes?|aking) over",
    r"snapped up",
    r"übern(?:ahm|ahmen|ommen|ehmen|immt)",
    r"übernahmen?",
    r"erw(?:arb|arben|orben|erben|irbt)",
    r"gekauft",
    r"kauf(?:en|t|te|ten)?",
    r"kaufs",
    r"zukauf\w*",
    r"akquiriert",
    r"akquisitionen?",
)
STAKE = _words(
    r"stakes?",
    r"anteile?n?",
    r"beteiligung\w*",
    r"beteiligt",
    r"beteiligen",
    r"invest(?:s|ed|ment)? in",
    r"minority",
    r"minderheits\w*",
)
HIRE = _words(
    r"hir(?:e|es|ed|ing)",
    r"poach(?:ed|es|ing)?",
    r"recruit(?:s|ed|ing)?",
    r"lur(?:e|ed|es)",
    r"signed",
    r"abgeworben",
    r"abwerben",
    r"wirbt\b[^.,;]{1,60}?\bab",
    r"warb\b[^.,;]{1,60}?\bab",
    r"rekrutier\w*",
    r"eingestellt",
    r"einstellen",
    r"verpflichtet",
    r"angeheuert",
    r"für sich gewonnen",
    r"für sich gewinnen",
)
JOIN = _words(
    r"join(?:s|ed|ing)?",
    r"wechsel\w* (?:zu[mr]?|an)",
    r"kommt zu[mr]?",
    r"kam zu[mr]?",
    r"geht zu[mr]?",
    r"beitreten",
    r"beigetreten",
    r"heuert\w* bei",
    r"stößt zu[mr]?",
    r"stieß zu[mr]?",
)
SELL = _words(r"sold", r"sells?", r"selling", r"verkauft\w*", r"veräußert\w*")
LICENCE = _words(r"licen[cs](?:e|es|ed|ing)", r"lizenz\w*", r"lizenziert")
MERGE = _words(
    r"merg(?:e|es|ed|ing)",
    r"mergers?",
    r"fusion\w*",
    r"fusioniert\w*",
    r"zusammengeführt",
    r"zusammengelegt",
    r"verschmolzen",
)
ACQUIHIRE_WORDS = _words(
    r"acqui-?hires?d?",
    r"acqui-?hiring",
    r"talent acquisitions?",
    r"personalübernahmen?",
    r"talente zu akquirieren",
    r"akquihire\w*",
)
DEAL_TRIGGER = re.compile(
    "|".join(p.pattern for p in (ACQUIRE, STAKE, HIRE, LICENCE, MERGE, SELL, ACQUIHIRE_WORDS)), re.IGNORECASE
)
HIRE_TRIGGER = HIRE

_STATUS = [  # first match wins: the most specific cues first
    (
        "abandoned",
        _words(
            r"before (?:an|any|a formal) offer",
            r"(?:did not|didn't|never) (?:lead to|result in|get to) "
            r"an? (?:formal )?offer",
            r"(?:ohne|kein(?:em|en)?|no) (?:formal\w* |formelle\w* )?(?:angebot|offer)",
            r"angebot\w*[^.]{0,30}\bnicht gegeben",
            r"vor (?:dem|einem) angebot\w*",
            r"walked away",
            r"called off",
            r"abandon(?:ed|s)?",
            r"aufgegeben",
            r"dropped (?:its|the) (?:bid|plan)",
        ),
    ),
    (
        "rejected",
        _words(
            r"abgelehnt",
            r"lehnte\w* \w+ ab",
            r"reject(?:ed|s)?",
            r"turned down",
            r"declined",
            r"rebuffed",
            r"ausgeschlagen",
            r"zurückgewiesen",
        ),
    ),
    (
        "failed",
        _words(
            r"fehlgeschlagen",
            r"zurückgezogen",
            r"zurückzog",
            r"withdr[ea]w\w*",
            r"gescheitert",
            r"scheiterte\w*",
            r"failed",
            r"collapsed",
            r"fell through",
            r"fell apart",
            r"broke down",
            r"abgebrochen",
            r"geplatzt",
            r"platzte",
            r"ended (?:the )?talks",
        ),
    ),
    (
        "announced",
        _words(
            r"expected to (?:close|complete)",
            r"(?:is|are) set to close",
            r"pending (?:regulatory )?approval",
            r"abgeschlossen werden",
            r"vorbehaltlich",
            r"subject to (?:regulatory )?approval",
        ),
    ),
    (
        "completed",
        _words(r"completed", r"closed", r"abgeschlossen", r"funktioniert", r"succeeded", r"gelungen", r"geklappt"),
    ),
    (
        "announced",
        _words(
            r"announced",
            r"angekündigt",
            r"agreed to",
            r"has agreed",
            r"vereinbart",
            r"einigten sich",
            r"will acquire",
            r"to acquire",
        ),
    ),
    (
        "in_talks",
        _words(
            r"in talks",
            r"negotiat\w*",
            r"verhandel\w*",
            r"verhandlungen",
            r"discuss\w*",
            r"diskutiert\w*",
            r"gespräche\w*",
            r"consider(?:s|ed|ing)",
            r"erwägt",
            r"wants? to",
            r"plans? to",
            r"will\s+\w+en",
            r"\w+en will",
            r"wollen",
            r"wollte\w*",
            r"versucht\w*",
            r"tried",
            r"attempt\w*",
            r"sought",
            r"seeking",
            r"interested",
        ),
    ),
]
_HEDGES = _words(
    r"reportedly",
    r"according to (?:people|sources|reports|a person|persons|insiders)",
    r"people familiar",
    r"sources said",
    r"(?:is|are|was|were) said to",
    r"rumou?r\w*",
    r"allegedly",
    r"is believed",
    r"soll(?:en)?",
    r"angeblich",
    r"berichten zufolge",
    r"laut (?:insidern|medienberichten|kreisen|berichten)",
    r"kreisen zufolge",
    r"es heißt",
    r"gerüchte\w*",
)
# German Konjunktiv I of reported speech: "habe erworben", "sei gescheitert"
_KONJUNKTIV = _words(r"habe", r"sei", r"seien", r"werde", r"wolle", r"könne", r"hätten?")


def trigger_kinds(text: str) -> list[tuple[str, int, int]]:
    """Deal cues of a sentence as (kind, start, end), in reading order.

    >>> [k for k, _, _ in trigger_kinds("Google licensed the models and hired the founders.")]
    ['licence', 'hire']
    """
    found: list[tuple[str, int, int]] = []
    for kind, pattern in (
        ("acquihire", ACQUIHIRE_WORDS),
        ("merger", MERGE),
        ("licence", LICENCE),
        ("stake", STAKE),
        ("acquisition", ACQUIRE),
        ("hire", HIRE),
        ("sale", SELL),
        ("join", JOIN),
    ):
        for match in pattern.finditer(text):
            if not any(s <= match.start() < e for _, s, e in found):
                found.append((kind, match.start(), match.end()))
    return sorted(found, key=lambda row: row[1])


def status_in(text: str) -> str | None:
    """The deal status a sentence states, or None (see ``DealStatus``)."""
    for status, pattern in _STATUS:
        if pattern.search(text):
            return status
    return None


def status_cues(text: str) -> list[tuple[str, int, int]]:
    """Every status cue of a sentence as (status, position, rank), so each can go to the
    deal cue nearest to it; a lower rank wins ("failed" over "in talks")."""
    return [
        (status, match.start(), rank)
        for rank, (status, pattern) in enumerate(_STATUS)
        for match in pattern.finditer(text)
    ]


def hedge_in(text: str, lang: str) -> str | None:
    """The hedge a sentence uses ("reportedly", "soll", Konjunktiv I), or None."""
    match = _HEDGES.search(text) or (_KONJUNKTIV.search(text) if lang == "de" else None)
    return match.group(0) if match else None


@dataclass(frozen=True)
class FoundAmount:
    text: str  # as written
    start: int
    end: int
    value: int | float
    currency: str
    qualifier: str | None
    role: str  # price | valuation | pay


_SCALE = (
    r"k|m|bn|b|mn|tn|million|millions|billion|billions|trillion|mio\.?|millionen|million|mrd\.?|milliarden|"
    r"milliarde|mia\.?|billionen|billion|tsd\.?|thousand"
)
_CURRENCY_AFTER = (
    r"us-dollar|us-dollars|dollar|dollars|usd|eur|euro|euros|gbp|pfund|pounds?|chf|franken|yuan|rmb|cny|yen"
)
_AMOUNT = re.compile(
    r"(?<![\w.,])(?:(?P<qual>about|around|roughly|nearly|almost|over|more than|up to|rund|etwa|über|fast|knapp|"
    r"mehr als|bis zu)\s+)?"
    r"(?P<pre>US\$|\$|€|£|USD\s?|EUR\s?|GBP\s?|CHF\s?)?"
    r"(?P<num>\d+(?:[.,]\d+)*|(?:eine[rnm]?|ein|a|one)(?=\s+(?:" + _SCALE + r")\b))"
    r"(?:\s?(?P<scale>" + _SCALE + r")(?![a-zäöü]))?"
    r"(?:\s?(?P<post>" + _CURRENCY_AFTER + r")\b)?",
    re.IGNORECASE,
)
_VALUATION = _words(
    r"valu(?:ation|ed|ing)",
    r"unternehmenswert\w*",
    r"bewertung\w*",
    r"bewertet",
    r"marktwert\w*",
    r"market (?:value|cap\w*)",
)
_PAY = _words(
    r"gehalt\w*",
    r"jahresgehalt\w*",
    r"salar(?:y|ies)",
    r"pay packages?",
    r"compensation",
    r"vergütung\w*",
    r"je",
    r"each",
    r"per (?:person|researcher|head)",
    r"pro (?:kopf|person)",
)


def find_amounts(text: str, lang: str) -> list[FoundAmount]:
    """Money figures of a sentence with their role; figures without a currency are skipped."""
    found: list[FoundAmount] = []
    for match in _AMOUNT.finditer(text):
        if not (match.group("pre") or match.group("post")):
            continue
        written = match.group(0).strip()
        readable = written
        if (match.group("qual") or "").lower() == "über" and re.search(
            r"(?:angebot|gebot|offerte|vertrag)\w*\s*$", text[: match.start()], re.IGNORECASE
        ):
            readable = readable[len(match.group("qual")) :].strip()  # "ein Angebot über 3 Mrd.": of, not more than
        if lang == "de":
            readable = re.sub(r"\bBillion(en)?\b", "trillion", readable)
        readable = re.sub(
            r"^(?:(\w+(?: than| zu)?)\s+)?(?:eine[rnm]?|ein|a|one)\s+",
            lambda m: (m.group(1) or "") + " 1 ",
            readable,
            flags=re.IGNORECASE,
        ).strip()
        try:
            amount = parse_amount(readable)
        except AmountError:
            continue
        if amount.value is None or amount.currency is None:
            continue
        # the role of a figure is told by the nearest cue before it, back to the figure before
        before = text[found[-1].end if found else 0 : match.start()]
        cues = (
            [(m.end(), "valuation") for m in _VALUATION.finditer(before)]
            + [(m.end(), "pay") for m in _PAY.finditer(before)]
            + [(m.end(), "price") for m in _PRICE.finditer(before)]
        )
        role = max(cues)[1] if cues else "price"
        found.append(
            FoundAmount(written, match.start(), match.end(), amount.value, amount.currency, amount.qualifier, role)
        )
    return found


_PRICE = _words(
    r"(?:deal|transaction|acquisition|purchase|takeover|übernahme|kauf|transaktion)\s+(?:valued|worth|"
    r"im wert)(?: at| von)?",
    r"für",
    r"for",
    r"paid",
    r"pays?",
    r"paying",
    r"zahlt\w*",
    r"bezahlt\w*",
    r"kostet\w*",
    r"preis\w*",
    r"kaufpreis\w*",
    r"price[ds]?",
    r"worth",
    r"deal",
    r"angebot\w*",
    r"offer\w*",
    r"bid",
)
_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s?(?:%|prozent|percent|per cent)", re.IGNORECASE)


def find_percent(text: str) -> float | None:
    """The first share figure of a sentence ("49 %", "49 percent"), or None."""
    match = _PERCENT.search(text)
    if not match:
        return None
    value = float(match.group(1).replace(",", "."))
    return int(value) if value.is_integer() else value
