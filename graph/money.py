"""One way to write an amount of money, for the terminal, the page and every export.

``format_money`` scales to ``bn``/``m`` (``tn`` past a trillion) with at most two
decimals and no trailing zeros, and writes smaller amounts in full with thousands
separators. A qualifier ("more than", "about") stays in front, so a lower bound
never reads as an exact figure.

Hand-written rather than taken from Babel's ``format_compact_currency``: that one needs
locale data, renders "$15B" (losing the currency code readers compare), and rounds to
whole units by default; these five lines give the house style directly.

>>> format_money(14800000000, "USD"), format_money(650000000, "USD"), format_money(264000000, "EUR")
('USD 14.8 bn', 'USD 650 m', 'EUR 264 m')
>>> format_money(100000, "USD"), format_money(3000000000, "USD", "more than"), format_money(80000000, None)
('USD 100,000', 'more than USD 3 bn', '80 m')
"""

from __future__ import annotations

from typing import Any

__all__ = ["format_money"]

_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))


def format_money(amount: Any, currency: str | None = "USD", qualifier: str | None = None) -> str:
    """``amount`` in ``currency`` as people read it: ``"USD 14.8 bn"``; a non-number is
    returned as text unchanged, a missing currency leaves the code out.

    >>> format_money(999999999, "USD"), format_money(1234.5, "GBP"), format_money("n/a", "USD")
    ('USD 1 bn', 'GBP 1,234.5', 'n/a')
    """
    if not isinstance(amount, (int, float)) or isinstance(amount, bool):
        return str(amount)
    text = f"{amount:,.2f}".rstrip("0").rstrip(".")
    for size, unit in _SCALES:
        # the margin makes 999,999,999 read "1 bn", never "1000 m"
        if abs(amount) >= size * 0.999995:
            text = f"{amount / size:.2f}".rstrip("0").rstrip(".") + f" {unit}"
            break
    text = f"{currency} {text}" if currency else text
    return f"{qualifier} {text}" if qualifier else text
