"""Money as people write it: "$14.8 billion", "14,8 Mrd. US-Dollar", "US$650M", "€500m".

``parse_amount`` is pure: text in, ``Amount`` out, or an ``AmountError`` whose message
says what is wrong and how to write it instead. The rules (README "Deal sheets"):

- Empty, "—", "N/A", "undisclosed", "unknown" and the like mean *no figure*: the
  amount is ``None`` and the text is kept.
- Currency from a symbol, code or word anywhere in the text: ``$``, ``US$``, ``USD``,
  "dollars", "US-Dollar" are US dollars (a bare ``$`` is read as US dollars, the
  convention of the deal press); ``€``/EUR/euro, ``£``/GBP/pound, CHF, C$/CAD,
  CN¥/RMB/CNY/yuan/元, JP¥/JPY/yen/円. A bare ``¥`` is both yen and yuan, so it is an
  error unless the caller passes ``currency_hint`` JPY or CNY (the sheet's currency
  column). No currency at all leaves ``currency`` None — never assumed.
- Scale words: k/thousand/Tsd., m/M/mn/million/Mio., b/bn/billion/Mrd./Mia./Milliarden,
  tn/trillion ("billion" is the English 10^9). Scientific: "7.5×10^9", "7.5x10^9", "7.5e9".
- Separators: two or more commas or dots, each followed by three digits, separate
  thousands ("400,000,000", "1.234.567"); a single comma or dot followed by one, two or
  four+ digits is the decimal mark ("14,8", "14.8"); with both, the last one is the
  decimal mark ("1.234,5"). A single separator followed by exactly three digits
  ("1,500", "1.500") is read as thousands in English and as decimals in German, so it
  is an error that asks for the figure without separators.
- A leading "about", "~", "over", "more than", "up to", "rund", "über" ... becomes
  ``qualifier`` (approximately, more than, up to, less than).
- Ranges, negative figures, two currencies, leftover words and figures above
  10 trillion are errors.

>>> parse_amount("14,8 Mrd. US-Dollar")
Amount(text='14,8 Mrd. US-Dollar', value=14800000000, currency='USD', qualifier=None)
>>> parse_amount("about €500m").qualifier
'approximately'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..graph.errors import SourceError

__all__ = ["MAX_AMOUNT", "Amount", "AmountError", "parse_amount"]

MAX_AMOUNT = Decimal(10) ** 13  # above 10 trillion, the unit is almost surely wrong


class AmountError(SourceError, ValueError):
    """The text is not an amount talentgraph can read without guessing."""


@dataclass(frozen=True)
class Amount:
    text: str  # as written
    value: int | float | None  # None: no figure given (undisclosed, N/A, empty)
    currency: str | None  # ISO 4217 code; None when the text names none
    qualifier: str | None = None  # approximately | more than | up to | less than


_NO_FIGURE = {"", "-", "—", "–", "--", "?", "n/a", "na", "n.a.", "n.a", "none", "nil",
              "undisclosed", "not disclosed", "unknown", "unspecified", "k.a.", "k. a.",
              "keine angabe", "nicht bekannt", "tbd"}

_QUALIFIERS = [
    (r"~|≈|c\.|ca\.|circa|about|around|approx\.?|approximately|roughly|some|rund|etwa|ungefähr", "approximately"),
    (r">|over|more than|at least|above|über|mehr als|mindestens", "more than"),
    (r"up to|as much as|bis zu|höchstens", "up to"),
    (r"<|under|less than|below|nearly|almost|fast|knapp", "less than"),
]
_QUALIFIER_RE = re.compile(
    r"^(?:" + "|".join(f"(?P<q{i}>{pattern})" for i, (pattern, _) in enumerate(_QUALIFIERS)) + r")(?=[\s\d$€£¥￥A-Z]|$)\s*",
    re.IGNORECASE,
)

# Longest spellings first, so "US$" wins over "$" and "CN¥" over "¥".
_CURRENCIES = [
    (r"US\$|U\.S\.\s?\$|\$US|USD|US[- ]?Dollars?|U\.S\. dollars?|dollars?|Dollars?", "USD"),
    (r"CN¥|RMB|CNY|yuan|Yuan|renminbi|元", "CNY"),
    (r"JP¥|JPY|yen|Yen|円", "JPY"),
    (r"C\$|CA\$|CAD|Canadian dollars?", "CAD"),
    (r"A\$|AU\$|AUD", "AUD"),
    (r"HK\$|HKD", "HKD"),
    (r"S\$|SGD", "SGD"),
    (r"€|EUR|euros?|Euros?", "EUR"),
    (r"£|GBP|pounds?(?: sterling)?|Pfund(?: Sterling)?", "GBP"),
    (r"CHF|Swiss francs?|Franken", "CHF"),
    (r"¥|￥", "¥"),
    (r"\$", "USD"),
]
_CURRENCY_RE = re.compile(
    "|".join(f"(?P<c{i}>(?<![A-Za-z])(?:{pattern})(?![A-Za-z]))" for i, (pattern, _) in enumerate(_CURRENCIES))
)

_SCALES = {
    "k": 3, "thousand": 3, "tsd": 3, "tausend": 3,
    "m": 6, "mn": 6, "mm": 6, "mio": 6, "mil": 6, "million": 6, "millions": 6, "millionen": 6,
    "b": 9, "bn": 9, "bln": 9, "billion": 9, "billions": 9, "mrd": 9, "mia": 9, "md": 9,
    "milliarde": 9, "milliarden": 9,
    "t": 12, "tn": 12, "trillion": 12, "trillions": 12, "bio": 12,
}
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_FIGURE_RE = re.compile(
    r"^(?P<num>\d[\d.,'\u2009\u202f ]*?)\s*"
    r"(?:(?:[x×*·]\s*10\s*(?:\^\s*(?P<exp>[-+]?\d+)|(?P<sup>[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)))|[eE](?P<eexp>[-+]?\d+))?"
    r"\s*(?P<scale>[A-Za-z]+\.?)?$"
)
_EXAMPLE = "write e.g. '$14.8 billion', 'EUR 500m' or '400,000,000', or leave it empty"


def parse_amount(text: str, currency_hint: str | None = None) -> Amount:
    """Read one amount; ``currency_hint`` is the currency to use when the text names none
    (and the one that settles a bare ``¥``).

    >>> parse_amount("US$650M").value, parse_amount("£80 million").currency
    (650000000, 'GBP')
    >>> parse_amount("undisclosed").value is None
    True
    """
    original = text
    text = " ".join(str(text).replace("\u00a0", " ").split())
    if text.lower().strip(" .") in _NO_FIGURE or text.lower() in _NO_FIGURE:
        return Amount(original, None, None)
    qualifier = None
    if match := _QUALIFIER_RE.match(text):
        qualifier = next(_QUALIFIERS[int(k[1:])][1] for k, v in match.groupdict().items() if v)
        text = text[match.end():]
    currency, text = _take_currency(original, text, currency_hint)
    value = _figure(original, text.strip(" ,;"))
    return Amount(original, value, currency, qualifier)


def _take_currency(original: str, text: str, hint: str | None) -> tuple[str | None, str]:
    found = {next(_CURRENCIES[int(k[1:])][1] for k, v in m.groupdict().items() if v)
             for m in _CURRENCY_RE.finditer(text)}
    rest = _CURRENCY_RE.sub(" ", text)
    hint = hint.strip().upper() if hint and hint.strip() else None
    if len(found) > 1:
        raise AmountError(f"amount {original!r} names two currencies ({', '.join(sorted(found))}) — keep one")
    currency = found.pop() if found else None
    if currency == "¥":
        if hint not in ("JPY", "CNY"):
            raise AmountError(
                f"amount {original!r}: '¥' stands for both the Japanese yen and the Chinese yuan — "
                "write JPY or CNY (e.g. 'JPY 1.2bn'), or put JPY or CNY in the currency column"
            )
        currency = hint
    if currency and hint and currency != hint:
        raise AmountError(f"amount {original!r} is in {currency} but the currency column says {hint} — make them agree")
    return currency or hint, rest


def _figure(original: str, text: str) -> int | float:
    if re.search(r"\d\s*(?:-|–|—|to|bis)\s*[$€£¥]?\s*\d", text):
        raise AmountError(f"amount {original!r} is a range — write one figure and put the range in the note")
    if text.startswith("-"):
        raise AmountError(f"amount {original!r} is negative — an amount paid is positive")
    match = _FIGURE_RE.match(text)
    if not match:
        raise AmountError(f"amount {original!r} is not an amount talentgraph can read — {_EXAMPLE}")
    exponent = 0
    if match["exp"] or match["eexp"] or match["sup"]:
        exponent = int(match["exp"] or match["eexp"] or match["sup"].translate(_SUPERSCRIPT))
    if scale := match["scale"]:
        word = scale.rstrip(".").lower()
        if word not in _SCALES:
            raise AmountError(f"amount {original!r}: unknown unit {scale!r} — use k, m, bn, million, billion, Mio. or Mrd.")
        exponent += _SCALES[word]
    value = _number(original, match["num"].strip()) * (Decimal(10) ** exponent)
    if value > MAX_AMOUNT:
        raise AmountError(f"amount {original!r} is more than 10 trillion — check the unit and the separators")
    return int(value) if value == value.to_integral_value() else float(value)


def _number(original: str, num: str) -> Decimal:
    """A number with thousands separators and a decimal comma or point (rules in the module doc)."""
    if re.fullmatch(r"\d{1,3}(?:['\u2009\u202f ]\d{3})+(?:[.,]\d+)?", num):
        num = re.sub(r"['\u2009\u202f ]", "", num)
    dots, commas = num.count("."), num.count(",")
    if dots and commas:
        decimal_mark = "." if num.rfind(".") > num.rfind(",") else ","
        group = "," if decimal_mark == "." else "."
        whole, _, fraction = num.rpartition(decimal_mark)
        if not re.fullmatch(rf"\d{{1,3}}(?:\{group}\d{{3}})*", whole):
            raise AmountError(f"amount {original!r} mixes '.' and ',' in a way that reads two ways — write the figure "
                              "without thousands separators, with '.' for decimals (e.g. 1234.5)")
        num = whole.replace(group, "") + "." + fraction
    elif commas or dots:
        mark = "," if commas else "."
        if re.fullmatch(rf"\d{{1,3}}(?:\{mark}\d{{3}}){{2,}}", num):
            num = num.replace(mark, "")
        elif re.fullmatch(rf"\d{{1,3}}\{mark}\d{{3}}", num):
            whole, fraction = num.split(mark)
            thousands, decimal = f"{whole}{fraction}", f"{whole}.{fraction.rstrip('0') or '0'}"
            raise AmountError(
                f"amount {original!r}: {num!r} is {thousands} in English usage and {decimal} in German — "
                f"write {thousands} or {decimal}"
            )
        elif num.count(mark) == 1:
            num = num.replace(mark, ".")
        else:
            raise AmountError(f"amount {original!r}: cannot tell thousands from decimals in {num!r} — {_EXAMPLE}")
    try:
        return Decimal(num)
    except InvalidOperation:
        raise AmountError(f"amount {original!r} is not an amount talentgraph can read — {_EXAMPLE}") from None

