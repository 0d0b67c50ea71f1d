import pytest
from talentgraph.loaders.dates import (
    DateError,
    date_status_hint,
    parse_date,
    slash_order,
)


@pytest.mark.parametrize(
    "text, value, precision",
    [
        ("2018-09-13", "2018-09-13", "day"),
        ("2019-7-01", "2019-07-01", "day"),
        ("September 13, 2018", "2018-09-13", "day"),
        ("13.09.2018", "2018-09-13", "day"),
        ("Sept. 2018", "2018-09", "month"),
        ("2018", "2018", "year"),
        ("Q3 2018", "2018-Q3", "quarter"),
        ("2018-Q3", "2018-Q3", "quarter"),
    ],
)
def test_date_formats_keep_their_precision(text, value, precision):
    date = parse_date(text)
    assert (date.value, date.precision, date.year, date.text) == (value, precision, int(value[:4]), text)


@pytest.mark.parametrize(
    "text, message",
    [
        ("3201", "year 3201 is not plausible"),
        ("2018-02-30", "does not exist"),
        ("09/10/2018", "day/month and as month/day"),
        ("Septober 2018", "not a month name"),
    ],
)
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


@pytest.mark.parametrize(
    "text, value, precision, qualifier",
    [
        ("2016-05-02 00:00:00", "2016-05-02", "day", None),
        ("2016-05-02T00:00:00Z", "2016-05-02", "day", None),
        ("Q4 2000", "2000-Q4", "quarter", None),
        ("2000 (Q4)", "2000-Q4", "quarter", None),
        ("4Q 2000", "2000-Q4", "quarter", None),
        ("Q1 fiscal 2010", "2010-Q1", "quarter", "fiscal"),
        ("May, 2nd 2016", "2016-05-02", "day", None),
        ("Early 2001", "2001", "year", "early"),
        ("mid-2001", "2001", "year", "mid"),
        ("late 2001", "2001", "year", "late"),
        ("c. 2001", "2001", "year", "approximately"),
        ("13-Sep-2018", "2018-09-13", "day", None),
        ("2018/09/13", "2018-09-13", "day", None),
        ("Monday, September 13, 2018", "2018-09-13", "day", None),
        ("2014-01-13[5]", "2014-01-13", "day", None),
        ("February 12, 2001 (announced)", "2001-02-12", "day", None),
        ("2001 (est.)", "2001", "year", "approximately"),
        ("000000002006-10-09-0000October 9, 2006", "2006-10-09", "day", None),
    ],
)
def test_more_real_world_date_shapes(text, value, precision, qualifier):
    date = parse_date(text)
    assert (date.value, date.precision, date.qualifier) == (value, precision, qualifier)


def test_pending_is_no_date_but_a_status_hint():
    assert parse_date("Pending") is None and date_status_hint("Pending") == "announced"


def test_slash_order_comes_from_the_column():
    column = ["1/02/2012", "15/04/2002", "3/06/1997"]
    assert slash_order(column) == "dmy"
    assert parse_date("1/02/2012", order=slash_order(column)).value == "2012-02-01"
    assert slash_order(["1/02/2012", "12/25/2019", "15/04/2002"]) is None
    with pytest.raises(DateError, match="day/month and as month/day"):
        parse_date("1/02/2012")
