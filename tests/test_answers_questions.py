"""Analyst questions about the article graph that one command answers in full: the
claims about an entity's deals, claims by kind, connections a reader can name, the
sources with what they are, flows as a command — exact text as a user sees it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from talentgraph.cli import cli


def run(article_store_file, *args):
    result = CliRunner().invoke(cli, ["--store", str(article_store_file), *args])
    assert result.exit_code == 0, result.output
    return result.output


def headlines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line and not line.startswith(" ")]


def test_claims_about_a_person_include_those_about_the_deal_that_moved_him(article_store_file):
    # "what does the article make of Ronaldo?" — the claim is about his transfer, not him
    assert run(article_store_file, "claims", "--about", "Ronaldo") == (
        "star researchers now cost more than star footballers [comparison] "
        "(claim-researchers-cost-more-than-footballers)\n"
        "  Meta's USD 1 bn per OpenAI researcher (Yu Jiahui among them) set against Real Madrid's USD 80 m for Ronaldo\n"
        "  figures: USD 1 bn / USD 80 m\n"
        "  about: Meta hires eight OpenAI researchers (2025), Real Madrid signs Ronaldo (2009)\n"
        "  stated at: 36kr-2025-07-11#s01.p7\n"
    )


def test_claims_about_a_buyer_include_those_about_its_deals(article_store_file):
    assert headlines(run(article_store_file, "claims", "--about", "Meta")) == [
        "AI deal-making: buy the people, the company comes along [pattern] (claim-buy-people-get-company)",
        "talent deals structured to avoid antitrust review [assessment] (claim-deals-avoid-antitrust)",
        "for the M7, a trillion-dollar value is only the start [assessment] (claim-m7-trillion-stakes)",
        "Meta's mobile-era purchases bought assets, not people [assessment] (claim-meta-mobile-asset-purchases)",
        "later AI phases will bring deals for other experts [prediction] (claim-next-talent-deals)",
        "star researchers now cost more than star footballers [comparison] (claim-researchers-cost-more-than-footballers)",
        "US mobile internet: incumbents 92 %, start-ups 8 % [market_split] (claim-us-mobile-split)",
    ]


def test_claims_by_kind(article_store_file):
    assert headlines(run(article_store_file, "claims", "--kind", "prediction")) == [
        "a US giant will buy a Chinese AI start-up team [prediction] (claim-first-us-buy-of-chinese-team)",
        "later AI phases will bring deals for other experts [prediction] (claim-next-talent-deals)",
    ]
    assert run(article_store_file, "claims", "--about", "Ronaldo", "--kind", "prediction") == (
        "no prediction claims about Ronaldo\n"
    )
    wrong = CliRunner().invoke(cli, ["--store", str(article_store_file), "claims", "--kind", "rumour"])
    assert wrong.exit_code == 2 and "'rumour' is not one of 'market_split', 'threshold'" in wrong.output


def test_show_names_the_claims_about_an_entity(article_store_file):
    lines = run(article_store_file, "show", "Google").splitlines()
    start = lines.index("connections")
    assert lines[start + 1 : start + 4] == [
        "  claims about it (2)",
        "    AI deal-making: buy the people, the company comes along (Claim; subject)",
        "    US mobile internet: incumbents 92 %, start-ups 8 % (Claim; subject)",
    ]
    claim = run(article_store_file, "show", "claim-deals-avoid-antitrust").splitlines()
    assert "  about (2)" in claim


def test_sources_say_what_each_source_is_and_how_much_rests_on_it(article_store_file):
    assert run(article_store_file, "sources") == (
        "source           title                                                                         "
        "publisher             author       published   language  cited_by\n"
        "---------------  ----------------------------------------------------------------------------  "
        "--------------------  -----------  ----------  --------  --------\n"
        "36kr-2025-07-11  The end of AI anxiety is the shopping cart                                    "
        "36Kr                  Wu Bingjian  2025-07-11  de        254\n"
        "public-record    Widely reported facts outside the article, noted by the talentgraph curators  "
        "talentgraph curators                           en        64\n"
    )


def test_a_source_without_a_source_node_is_listed_with_blanks(tmp_path):
    from talentgraph.graph import EmbeddedStore
    from talentgraph.graph.model import Label, Node
    from talentgraph.queries.source_list import list_sources

    store = EmbeddedStore()
    store.write([Node("acme", Label.ORGANIZATION, {"name": "Acme", "source_ids": ["notes"], "locators": ["notes#1"]})])
    assert list_sources(store)["rows"] == [["notes", None, None, None, None, None, 1]]


def test_flows_is_a_command(article_store_file):
    assert run(article_store_file, "flows", "--level", "country") == (
        "source  destination  people  deals\n"
        "------  -----------  ------  -----\n"
        "US      US           13      6\n"
        "CN      CN           7       6\n"
        "GB      ES           1       1\n"
    )
    assert run(article_store_file, "flows", "--as-of", "2013").splitlines()[2:] == [
        "Foxmail            Tencent      1       1",
        "Manchester United  Real Madrid  1       1",
        "Umeng              Alibaba      1       1",
    ]


def test_a_price_only_the_article_gives_is_not_shown_as_the_public_records(article_store_file):
    # the public record gives Character.ai's price as USD 2.7 bn: it must not back the article's 2.5 bn
    shown = run(
        article_store_file, "show", "Google / Character.ai licence and hire (2024)", "--source", "public-record"
    )
    properties = shown.split("\ndisputed\n")[0].splitlines()
    assert not [line for line in properties if line.startswith(("amount ", "currency "))]
    assert "  amount usd: USD 2.5 bn (shown) | USD 2.7 bn per public-record#character-ai-licence-2024" in shown
    lines = run(article_store_file, "deals", "--kind", "licence_and_hire").splitlines()
    assert lines[3].startswith(
        "Google / Character.ai licence and hire (2024)   licence and hire † ‡  completed  2024 †  USD 2.5 bn  USD 2.5 bn ‡"
    )


def test_deals_by_acquirer_ranks_the_buyers_by_what_they_spent(article_store_file):
    lines = run(article_store_file, "deals", "--by", "acquirer", "--status", "completed").splitlines()
    start = lines.index("by acquirer: completed deals in USD, people = pay per person x headcount")
    assert lines[start + 1 : start + 6] == [
        "acquirer     deals  completed  deals USD    people USD  total USD",
        "-----------  -----  ---------  -----------  ----------  -----------",
        "Meta         6      6          USD 36.8 bn  USD 8 bn    USD 44.8 bn",
        "Google       1      1          USD 2.5 bn               USD 2.5 bn",
        "ByteDance    4      4          USD 1 bn                 USD 1 bn",
    ]
    assert lines[start + 11 :] == [
        "TikTok       1      1",
        "",
        "† not stated by 36kr-2025-07-11 (the primary source); from public-record",
        "‡ disputed: another value is stated elsewhere — `talentgraph disputes` shows both",
    ]


def test_deals_by_kind_counts_every_deal_and_totals_the_completed(article_store_file):
    from talentgraph.graph import EmbeddedStore
    from talentgraph.loaders import load_sources
    from talentgraph.queries import deals

    store = EmbeddedStore()
    load_sources(store, ["article"])
    groups = {g["group"]: g for g in deals(store, by="kind")["groups"]}
    assert {k: g["deals"] for k, g in groups.items()} == {
        "acquisition": 7,
        "stake": 1,
        "hire": 3,
        "licence_and_hire": 3,
        "acquihire": 5,
        "merger": 1,
    }
    # the three failed bids count as deals, not as spending
    assert (groups["acquisition"]["completed"], groups["acquisition"]["total_usd"]) == (4, 23_000_000_000)
    assert groups["hire"]["people_pay_usd"] == 8_000_000_000


def test_deals_by_an_unknown_grouping_is_one_clear_error():
    from talentgraph.graph import EmbeddedStore
    from talentgraph.graph.errors import QueryError
    from talentgraph.queries import deals

    with pytest.raises(QueryError, match="deals cannot be grouped by 'buyer' — use one of acquirer, target, kind"):
        deals(EmbeddedStore(), by="buyer")
    wrong = CliRunner().invoke(cli, ["deals", "--by", "buyer"])
    assert wrong.exit_code == 2 and "Invalid value for '--by'" in wrong.output


def test_talent_paths_never_show_the_relationship_type_as_a_role(article_store_file):
    # "what did Daniel Gross become at Meta?" — the article names no role: the cell is empty
    import json

    rows = json.loads(run(article_store_file, "query", "talent_paths", "--json"))["rows"]
    assert "worked_at" not in {row[8] for row in rows}
    gross = [row for row in rows if row[0] == "Daniel Gross"]
    assert [(row[8], row[9]) for row in gross] == [(None, "Meta")]
    assert {row[8] for row in rows if row[0] == "David Luan"} == {"founded", "head"}
