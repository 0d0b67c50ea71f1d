import pytest

from talentgraph.loaders.dates import DateError, parse_date


@pytest.mark.parametrize("text, value, precision", [
    ("2018-09-13", "2018-09-13", "day"),
    ("2019-7-01", "2019-07-01", "day"),
    ("September 13, 2018", "2018-09-13", "day"),
    ("13.09.2018", "2018-09-13", "day"),
    ("Sept. 2018", "2018-09", "month"),
    ("2018", "2018", "year"),
    ("Q3 2018", "2018-Q3", "quarter"),
    ("2018-Q3", "2018-Q3", "quarter"),
])
def test_date_formats_keep_their_precision(text, value, precision):
    date = parse_date(text)
    assert (date.value, date.precision, date.year, date.text) == (value, precision, int(value[:4]), text)


@pytest.mark.parametrize("text, message", [
    ("3201", "year 3201 is not plausible"),
    ("2018-02-30", "does not exist"),
    ("09/10/2018", "day/month and as month/day"),
    ("Septober 2018", "not a month name"),
])
def test_impossible_or_ambiguous_dates_are_errors(text, message):
    with pytest.raises(DateError, match=message):
        parse_date(text)


def test_empty_date_is_none():
    assert parse_date("") is None and parse_date("—") is None


def test_docstring_examples_run():
    import doctest
    import importlib

    for name in ("amounts", "dates", "deal_fields", "deal_sheet", "sheet_tables", "usd_rates"):
        module = importlib.import_module(f"talentgraph.loaders.{name}")
        assert doctest.testmod(module).failed == 0, name
