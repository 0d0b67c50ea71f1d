"""Amounts in US dollars, by a shipped table of yearly average exchange rates.

The table is ``loaders/data/usd_rates.csv``: yearly averages from the Federal Reserve's
H.10 series (1971 on), the Penn World Table's market exchange rates for 1960–1970 and,
for currencies the Federal Reserve lacks, the ECB's reference rates (1999 on); 50+
currencies, sources and gaps in ``usd_rates.SOURCE.md``. ``to_usd`` converts
only with a rate it can cite — the note names the rate and its year; an unknown year
or currency gives no USD value, and the note says why.

>>> to_usd(500000000, "EUR", 2023)
(540759767, 'EUR at 0.924625 units per USD, 2023 yearly average (Federal Reserve H.10)')
>>> to_usd(500000000, "EUR", 1990)[0] is None
True
>>> to_usd(4000000, "DEM", 1965)
(1000000, 'DEM at 4 units per USD, 1965 yearly average (Penn World Table 10.01)')
"""

from __future__ import annotations

import csv
import functools
from decimal import Decimal
from importlib import resources

__all__ = ["currencies", "rate_table", "to_usd"]


@functools.cache
def rate_table() -> dict[tuple[int, str], tuple[Decimal, str, str]]:
    """``(year, currency) -> (rate, quoted_as, release)`` from the shipped CSV."""
    text = resources.files("talentgraph.loaders").joinpath("data", "usd_rates.csv").read_text(encoding="utf-8")
    return {
        (int(row["year"]), row["currency"]): (Decimal(row["rate"]), row["quoted_as"], row["release"])
        for row in csv.DictReader(text.splitlines())
    }


def to_usd(value: float | None, currency: str | None, year: int | None) -> tuple[int | float | None, str | None]:
    """``(amount in USD, how it was converted)``; ``(None, why not)`` when there is no cited rate."""
    if value is None:
        return None, None
    if currency == "USD":
        return value, None
    if currency is None:
        return None, "no currency stated, so no USD value — add one to the amount or fill the currency column"
    if year is None:
        return None, f"no date, so no yearly {currency} rate to convert with — add a date"
    entry = rate_table().get((year, currency))
    if entry is None:
        return None, f"no {currency} rate for {year} in the shipped table (loaders/data/usd_rates.csv), so no USD value"
    rate, quoted_as, release = entry
    usd = Decimal(str(value)) * rate if quoted_as == "USD per unit" else Decimal(str(value)) / rate
    usd = usd.quantize(Decimal(1))
    return int(usd), f"{currency} at {rate} {quoted_as}, {year} yearly average ({_RELEASES.get(release, release)})"


_RELEASES = {"H.10": "Federal Reserve H.10", "ECB": "ECB reference rates", "PWT": "Penn World Table 10.01"}


def currencies() -> dict[str, tuple[int, int]]:
    """Each currency of the table with its first and last year.

    >>> currencies()["GBP"][0]
    1960
    """
    spans: dict[str, tuple[int, int]] = {}
    for year, currency in rate_table():
        low, high = spans.get(currency, (year, year))
        spans[currency] = (min(low, year), max(high, year))
    return spans
