import pytest

from talentgraph.loaders.amounts import AmountError, parse_amount
from talentgraph.loaders.usd_rates import to_usd


@pytest.mark.parametrize("text, value, currency", [
    ("$14.8 billion", 14_800_000_000, "USD"),
    ("14,8 Mrd. US-Dollar", 14_800_000_000, "USD"),
    ("US$650M", 650_000_000, "USD"),
    ("€500m", 500_000_000, "EUR"),
    ("£80 million", 80_000_000, "GBP"),
    ("400,000,000", 400_000_000, None),
    ("7.5×10^9", 7_500_000_000, None),
    ("7.5e9", 7_500_000_000, None),
    ("1.234,5 Mio. EUR", 1_234_500_000, "EUR"),
    ("CN¥ 3 billion", 3_000_000_000, "CNY"),
    ("JPY 120bn", 120_000_000_000, "JPY"),
])
def test_amount_formats(text, value, currency):
    amount = parse_amount(text)
    assert (amount.value, amount.currency, amount.text) == (value, currency, text)


@pytest.mark.parametrize("text", ["—", "N/A", "undisclosed", "", "  "])
def test_no_figure_keeps_the_text(text):
    amount = parse_amount(text)
    assert amount.value is None and amount.currency is None and amount.text == text


def test_bare_yen_sign_is_refused_unless_the_currency_column_settles_it():
    with pytest.raises(AmountError, match="both the Japanese yen and the Chinese yuan"):
        parse_amount("¥1.2bn")
    assert parse_amount("¥1.2bn", currency_hint="CNY").currency == "CNY"


@pytest.mark.parametrize("text, message", [
    ("1,500", "1500 in English usage and 1.5 in German"),
    ("$1-2bn", "is a range"),
    ("$2bn EUR", "two currencies"),
    ("20,000,000 Mrd", "more than 10 trillion"),
    ("$14.8 bn (est.)", "not an amount"),
    ("-$4m", "negative"),
])
def test_amounts_that_would_need_a_guess_are_errors(text, message):
    with pytest.raises(AmountError, match=message.replace("(", r"\(").replace(".", r"\.")):
        parse_amount(text)


def test_qualifier_is_kept():
    assert parse_amount("about €500m").qualifier == "approximately"
    assert parse_amount("over $1 billion").qualifier == "more than"


def test_usd_conversion_cites_its_rate_and_refuses_without_one():
    usd, note = to_usd(500_000_000, "EUR", 2023)
    assert usd == 540_850_000 and "1.0817" in note and "G.5A" in note
    assert to_usd(500_000_000, "EUR", 2016) == (None, "no EUR rate for 2016 in the shipped table (loaders/data/usd_rates.csv), so no USD value")
    assert to_usd(400_000_000, None, 2023)[0] is None
