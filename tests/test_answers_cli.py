"""`talentgraph show`, `deals`, `list` and `search` as a user sees them: exact text, the
JSON shapes, the errors — and the same JSON on Neo4j as on the embedded store."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from talentgraph.cli import cli
from talentgraph.graph import EmbeddedStore
from talentgraph.graph.model import Label, Node
from talentgraph.queries import deals, describe, list_entities, search


def run(article_store_file, *args):
    return CliRunner().invoke(cli, ["--store", str(article_store_file), *args])


def test_show_an_entity_without_relationships(article_store_file):
    result = run(article_store_file, "show", "36Kr")  # the publisher: no deal, role or claim links it
    assert result.exit_code == 0
    assert result.output == (
        "36Kr — Organization, media (36kr)\n"
        "also known as: 36氪\n"
        "\n"
        "kind     media  [byline, credits]\n"
        "country  CN  [byline, credits]\n"
        "\n"
        "connections: none in the graph\n"
        "\n"
        "sources: 36kr-2025-07-11 (byline, credits)\n"
    )


def test_show_marks_what_the_article_does_not_state(article_store_file):
    result = run(article_store_file, "show", "alex wang")
    assert result.exit_code == 0
    assert result.output == (
        "Alexandr Wang — Person (alexandr-wang)\n"
        "also known as: Alex Wang\n"
        "\n"
        "country  US  [s00.p1, s01.p3, s02.p5]\n"
        "note     Chinese-American, 28 years old at the time of the Scale AI deal according to the article"
        "  [s00.p1, s01.p3, s02.p5]\n"
        "\n"
        "connections\n"
        "  founded (1)\n"
        "    Scale AI (2016) †\n"
        "  leads (1)\n"
        "    Meta Superintelligence Lab (head; from 2025)\n"
        "  moved by (1)\n"
        "    Meta / Scale AI stake (2025) (head of Meta Superintelligence Lab; stake, completed, 2025, USD 14.8 bn)\n"
        "  worked at (1)\n"
        "    Scale AI (CEO; to 2025)\n"
        "\n"
        "sources: 36kr-2025-07-11 (s00.p1, s01.p3, s02.p5)\n"
        "\n"
        "† not stated by 36kr-2025-07-11 (the primary source); from public-record\n"
    )


def test_show_puts_disputed_values_side_by_side_in_one_money_format(article_store_file):
    result = run(article_store_file, "show", "meta-openai-researchers-2025")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert "pay usd               USD 1 bn  [s00.p1, s01.p7]" in lines
    disputed = lines[lines.index("disputed") + 1]
    assert disputed.startswith("  pay usd: USD 1 bn (shown) | USD 100 m per 36kr-2025-07-11#s00.p1 — ")


def test_show_json_shape_and_placeholder_roles(article_store_file):
    doc = json.loads(run(article_store_file, "show", "Daniel Gross", "--json").output)
    assert set(doc) == {
        "id",
        "name",
        "label",
        "kind",
        "aliases",
        "properties",
        "disputes",
        "sources",
        "connections",
        "primary_source",
    }
    moved = next(g for g in doc["connections"] if g["type"] == "MOVED")
    # the data says "joined Meta": a placeholder, not a role
    assert [(i["name"], i["role"], i["deal_kind"]) for i in moved["items"]] == [
        ("Meta hires SSI's CEO Daniel Gross (2025)", None, "hire")
    ]
    founded = next(g for g in doc["connections"] if g["type"] == "FOUNDED")
    assert [(i["name"], i["marked"], i["sources"]) for i in founded["items"]] == [
        ("Safe Superintelligence", True, ["public-record"])
    ]


def test_show_source_keeps_what_one_source_states(article_store_file):
    doc = json.loads(run(article_store_file, "show", "Meta", "--source", "public-record", "--json").output)
    assert doc["properties"] == []
    assert [(g["type"], [i["name"] for i in g["items"]]) for g in doc["connections"]] == [
        (
            "ACQUIRER",
            [
                "Meta / Instagram (2012)",
                "Meta / Oculus VR (2014)",
                "Meta / WhatsApp (2014)",
                "Meta / Scale AI stake (2025)",
            ],
        ),
        ("FOUNDED", ["Mark Zuckerberg"]),
    ]
    result = run(article_store_file, "show", "Lovart", "--source", "public-record")
    assert (result.exit_code, result.output) == (
        1,
        "Error: source 'public-record' states nothing about Lovart — its sources: 36kr-2025-07-11\n",
    )


def test_deals_lists_failed_bids_with_bounds_kept(article_store_file):
    result = run(
        article_store_file,
        "deals",
        "--acquirer",
        "Facebook",
        "--status",
        "failed",
        "--status",
        "rejected",
        "--status",
        "abandoned",
    )
    assert result.exit_code == 0
    assert result.output == (
        "deal                                        kind         status     year  amount  in USD  stake  valuation"
        "           pay/person  heads  people named\n"
        "------------------------------------------  -----------  ---------  ----  ------  ------  -----  ------------------"
        "  ----------  -----  ------------\n"
        "Meta / Perplexity bid (2025)                acquisition  failed     2025                         USD 14 bn\n"
        "Meta / Runway talks (2025)                  acquisition  abandoned  2025                         more than USD 3 bn\n"
        "Meta / Safe Superintelligence bid (2025) ‡  acquisition  rejected   2025                         USD 32 bn\n"
        "\n"
        "totals of 3 deals (0 completed, 3 attempted); people = pay per person x headcount, included in the total\n"
        "  no amounts stated for these deals\n"
        "\n"
        "‡ disputed: another value is stated elsewhere — `talentgraph disputes` shows both\n"
    )


def test_deals_totals_count_pay_for_people_apart_and_included(article_store_file):
    table = json.loads(
        run(
            article_store_file, "deals", "--acquirer", "Meta", "--sort", "amount", "--desc", "--limit", "3", "--json"
        ).output
    )
    assert [row[0] for row in table["rows"]] == [
        "Meta / WhatsApp (2014)",
        "Meta / Scale AI stake (2025)",
        "Meta / Oculus VR (2014)",
    ]
    assert table["matched"] == 9 and table["counts"] == {"completed": 6, "attempted": 3}
    assert table["totals"] == [
        {
            "outcome": "completed",
            "currency": "USD",
            "deals": 5,
            "amount": 36800000000,
            "people_pay": 8000000000,
            "total": 44800000000,
            "lower_bounds": 0,
        }
    ]
    text = run(article_store_file, "deals", "--acquirer", "Meta", "--sort", "amount", "--desc", "--limit", "3").output
    assert text.splitlines()[-7:] == [
        "(showing 3 of 9 deals; the totals count all 9)",
        "",
        "totals of 9 deals (6 completed, 3 attempted); people = pay per person x headcount, included in the total",
        "  completed  5 with an amount in USD: deals USD 36.8 bn + people USD 8 bn = USD 44.8 bn",
        "",
        "† not stated by 36kr-2025-07-11 (the primary source); from public-record",  # the 2024 deals dates, say
        "‡ disputed: another value is stated elsewhere — `talentgraph disputes` shows both",  # WhatsApp's price
    ]


def test_deals_by_country_and_year(article_store_file):
    rows = json.loads(run(article_store_file, "deals", "--country", "cn", "--from-year", "2010", "--json").output)[
        "rows"
    ]
    assert [row[0] for row in rows] == [
        "Alibaba / Umeng (2013)",
        "ByteDance / Musical.ly (2017)",
        "Musical.ly and Douyin merge into TikTok (2018)",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["deals", "--acquirer", "Mark Zuckerberg"],
            "Error: Mark Zuckerberg is a Person; acquirer takes an organization\n",
        ),
        (["deals", "--person", "Scale AI"], "Error: Scale AI is an Organization; person takes a person\n"),
        (["deals", "--kind", "hire", "--status", "failed"], None),
        (
            ["search", "  "],
            "Error: search text is empty — give a word or a name to look for, e.g. `talentgraph search Wang`\n",
        ),
        (["list", "organizations", "--kind", "lab", "--country", "CN"], None),
    ],
)
def test_errors_and_empty_answers_are_one_line(article_store_file, args, message):
    result = run(article_store_file, *args)
    if message is None:
        assert result.exit_code == 0
        assert result.output in ("no deals match these filters\n", "no organizations match these filters\n")
    else:
        assert (result.exit_code, result.output) == (1, message)


def test_unknown_choices_list_the_valid_ones(article_store_file):
    result = run(article_store_file, "list", "organizations", "--kind", "startup")
    assert result.exit_code == 2
    assert "'startup' is not one of 'company', 'lab', 'unit', 'product', 'investor', 'club', 'media'" in result.output
    result = run(article_store_file, "query", "deals", "-p", "status=won")
    assert result.exit_code == 1
    assert result.output.startswith("Error: parameter 'status' of query 'deals' expects one or more of completed, ")


def test_list_people(article_store_file):
    result = run(article_store_file, "list", "people", "--search", "ZHANG")
    assert result.exit_code == 0
    assert [line.split("  ")[0] for line in result.output.splitlines()[2:]] == ["Zhang Nan", "Zhang Xiaolong"]
    table = json.loads(
        run(article_store_file, "list", "organizations", "--country", "CN", "--kind", "company", "--json").output
    )
    assert table["columns"] == ["name", "kind", "country", "aliases", "deals", "sources", "id"]
    assert ["ByteDance", "company", "CN", ["字节跳动", "Bytedance"], 4, ["36kr-2025-07-11"], "bytedance"] in table[
        "rows"
    ]


def test_search_ranks_with_snippets(article_store_file):
    result = run(article_store_file, "search", "字节")
    assert result.exit_code == 0
    assert result.output.splitlines()[2].split() == ["1", "ByteDance", "Organization", "aliases", "字节跳动", "20.0"]
    hits = json.loads(run(article_store_file, "search", "founder mode", "--json").output)["rows"]
    assert [(h["name"], h["field"]) for h in hits] == [
        ("Mark Zuckerberg LEADS Meta", "evidence"),
        ("Google / Character.ai licence and hire (2024)", "summary"),
    ]
    assert "founder mode" in hits[0]["snippet"] and hits[0]["snippet"].startswith("…")


def test_search_ignores_case_and_accents():
    store = EmbeddedStore()
    prov = {"source_ids": ["s"], "locators": ["s#1"]}
    store.write(
        [
            Node("jose-muller", Label.PERSON, {"name": "José Müller", **prov}),
            Node("joseph", Label.PERSON, {"name": "Joseph", "note": "not José", **prov}),
        ]
    )
    assert [h["name"] for h in search(store, "JOSE MULLER")["rows"]] == ["José Müller"]
    assert [h["name"] for h in search(store, "jose")["rows"]] == ["José Müller", "Joseph"]


def test_python_functions_answer_like_the_commands(article_store_file):
    store = EmbeddedStore.open(article_store_file)
    assert describe(store, "Scale AI")["kind"] == "company"
    assert deals(store, target="SSI")["matched"] == 2
    assert list_entities(store, "people", country="PT")["rows"][0][0] == "Cristiano Ronaldo"
    # the claim names antitrust in its title, the deal in its note
    assert [r["id"] for r in search(store, "antitrust")["rows"]] == [
        "claim-deals-avoid-antitrust",
        "meta-scale-ai-2025",
    ]
    assert search(store, "antitrust", label="Deal")["rows"][0]["id"] == "meta-scale-ai-2025"


@pytest.mark.parametrize(
    "command",
    [
        ["show", "Meta", "--json"],
        ["show", "Alexandr Wang", "--json"],
        ["show", "Lovart", "--json"],
        ["deals", "--json"],
        ["deals", "--acquirer", "Meta", "--sort", "amount", "--desc", "--limit", "3", "--json"],
        ["deals", "--country", "CN", "--json"],
        ["list", "people", "--json"],
        ["list", "organizations", "--json"],
        ["search", "google", "--json"],
        ["search", "张小龙", "--json"],
        ["show", "Meta"],
        ["deals"],
        ["deals", "--by", "acquirer", "--json"],
        ["claims", "--about", "Meta", "--kind", "comparison"],
        ["sources"],
        ["flows", "--level", "country"],
    ],
)
def test_same_answers_on_neo4j(cli_env, command):
    runner = CliRunner()
    assert runner.invoke(cli, ["--neo4j", cli_env, "load", "article"]).exit_code == 0
    assert runner.invoke(cli, ["load", "article"]).exit_code == 0
    on_neo4j = runner.invoke(cli, ["--neo4j", cli_env, *command])
    embedded = runner.invoke(cli, command)
    assert on_neo4j.exit_code == embedded.exit_code == 0, on_neo4j.output
    assert on_neo4j.stdout == embedded.stdout


def readme_questions() -> dict[str, list[str]]:
    """The README's "Questions you can ask": question -> the arguments of its command."""
    import re
    import shlex
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Questions you can ask", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (.+?) \| `talentgraph (.+?)` \|$", section, flags=re.MULTILINE)
    return {question: shlex.split(command) for question, command in rows}


QUESTIONS = readme_questions()
# what the answer to a sample of the questions must show
EXPECTED = {
    "Which bids failed, were turned down or abandoned?": ["Meta / Perplexity bid (2025)", "more than USD 3 bn"],
    "Rank Meta's targets by valuation.": ["Meta / Safe Superintelligence bid (2025) ‡  acquisition  rejected"],
    "Which deals involve Chinese companies?": ["ByteDance / Musical.ly (2017)", "Alibaba / Umeng (2013)"],
    "What did Meta spend, people included?": ["deals USD 36.8 bn + people USD 8 bn = USD 44.8 bn"],
    "What was the largest deal?": ["\nMeta / WhatsApp (2014)  ", "(showing 1 of 20 deals"],
    "How is OpenAI connected to Meta?": [
        "OpenAI <-[TARGET]- Meta hires eight OpenAI researchers (2025) -[ACQUIRER]-> Meta"
    ],
    "Who is 张小龙?": ["1  Zhang Xiaolong"],
    "Which AI labs are in the graph?": ["Meta Superintelligence Lab", "OpenAI"],
    "Where did Alexandr Wang go, and what does he run now?": ["leads Meta Superintelligence Lab"],
    "Who went from OpenAI to Meta, and for what pay?": ["USD 1 bn ‡  8      Yu Jiahui"],
    "What did ByteDance pay for Musical.ly, in USD?": ["approximately USD 1 bn"],
    "Which Chinese companies does the article name?": ["ByteDance", "Alibaba"],
    "Which disputes are about the deal kind?": ["kind"],
    "Which buyer spent the most?": ["acquirer     deals  completed", "\nMeta         6      6          USD 36.8 bn"],
    "How many deals of each kind, and what did each kind cost?": ["\nacquisition       7      4          USD 23 bn"],
    "Which deals bought people rather than assets?": [
        "Google / Character.ai licence and hire (2024)",
        "Tencent / Foxmail (2005)",
    ],
    "What does the article claim about Meta and its deals?": ["(claim-researchers-cost-more-than-footballers)"],
    "Which predictions does the article make?": ["(claim-first-us-buy-of-chinese-team)", "(claim-next-talent-deals)"],
    "Where do the facts come from, and who wrote the article?": ["Wu Bingjian  2025-07-11"],
    "What does the unit Zhu Jun heads build?": ["  parts (1)\n    Doubao\n"],
    "Which American units did the deals create?": ["AGI Autonomy", "Microsoft AI"],
    "Who moved from which company to which, and how many?": ["OpenAI                  Meta         8"],
}


def test_the_readme_has_twenty_questions():
    assert len(QUESTIONS) >= 20
    assert set(EXPECTED) <= set(QUESTIONS)


@pytest.mark.parametrize("question", sorted(QUESTIONS))
def test_every_readme_question_is_answered_by_its_command(article_store_file, question):
    result = run(article_store_file, *QUESTIONS[question])
    assert result.exit_code == 0, result.output
    assert not result.output.startswith("no "), result.output
    for text in EXPECTED.get(question, []):
        assert text in result.output


def test_trace_source_keeps_the_steps_one_source_states(article_store_file):
    result = run(article_store_file, "trace", "Alexandr Wang", "--source", "36kr-2025-07-11")
    assert result.exit_code == 0
    assert result.output.splitlines()[1].startswith("1. Alexandr Wang -> Scale AI -> Meta / Scale AI stake (2025)")
    doc = json.loads(run(article_store_file, "trace", "Alexandr Wang", "--json").output)
    assert doc["primary_source"] == "36kr-2025-07-11"
    assert [(r["type"], r["marked"]) for r in doc["paths"][0]["relationships"]][:1] == [("FOUNDED", True)]


@pytest.mark.parametrize(
    "args",
    [
        ["deals", "--source", "nosuch"],
        ["show", "Meta", "--source", "nosuch"],
        ["list", "people", "--source", "nosuch"],
        ["search", "meta", "--source", "nosuch"],
        ["trace", "Zhu Jun", "--source", "nosuch"],
    ],
)
def test_an_unknown_source_is_refused_with_the_loaded_ones(article_store_file, args):
    result = run(article_store_file, *args)
    assert (result.exit_code, result.output) == (
        1,
        "Error: no source 'nosuch' in the store — loaded sources: 36kr-2025-07-11, public-record "
        "(see `talentgraph sources`)\n",
    )


def test_search_label_takes_known_labels_only(article_store_file):
    result = run(article_store_file, "search", "meta", "--label", "Company")
    assert result.exit_code == 1
    assert result.output.startswith("Error: parameter 'label' of query 'search' expects one of Person, Organization, ")
    hits = json.loads(run(article_store_file, "search", "meta", "--label", "Deal", "--limit", "2", "--json").output)[
        "rows"
    ]
    assert len(hits) == 2 and {h["label"] for h in hits} == {"Deal"}


def _per_fact_store(tmp_path):
    """A deal whose amount the article states and whose year the public record gives."""
    from talentgraph.graph.model import Relationship, RelType

    prov = {"source_ids": ["art"], "locators": ["art#p1"]}
    path = tmp_path / "graph.json"
    with EmbeddedStore.writing(path) as store:
        store.write(
            [
                Node("art", Label.SOURCE, {"name": "Article", **prov}),
                Node("rec", Label.SOURCE, {"name": "Record", "source_ids": ["rec"], "locators": ["rec#about"]}),
                Node("buyer", Label.ORGANIZATION, {"name": "Buyer", "country": "US", **prov}),
                Node("seller", Label.ORGANIZATION, {"name": "Seller", "country": "US", **prov}),
                Node(
                    "buyer-seller",
                    Label.DEAL,
                    {
                        "name": "Buyer / Seller",
                        "kind": "acquisition",
                        "status": "completed",
                        "amount": 264000000,
                        "currency": "EUR",
                        "year": 2021,
                        "source_ids": ["art", "rec"],
                        "locators": ["art#p2", "rec#year"],
                        "fact_fields": ["amount", "currency", "year"],
                        "fact_sources": ["art", "art", "rec"],
                        "fact_locators": ["art#p2", "art#p2", "rec#year"],
                    },
                ),
            ],
            [
                Relationship(RelType.ACQUIRER, "buyer-seller", "buyer", dict(prov)),
                Relationship(RelType.TARGET, "buyer-seller", "seller", dict(prov)),
            ],
        )
    return path


def test_per_fact_provenance_marks_and_restricts(tmp_path):
    path = _per_fact_store(tmp_path)
    shown = run(path, "show", "Buyer / Seller")
    assert shown.exit_code == 0
    assert "amount    EUR 264 m  [p2]" in shown.output.splitlines()
    assert "year      2021 †  [rec#year]" in shown.output.splitlines()
    assert shown.output.endswith("† not stated by art (the primary source); from rec\n")
    table = json.loads(run(path, "deals", "--json").output)
    assert table["primary_source"] == "art" and table["marked"] == [["year"]]
    assert "2021 †" in run(path, "deals").output
    # what the record states: the year, not the amount
    only = json.loads(run(path, "deals", "--source", "rec", "--json").output)
    row = dict(zip(only["columns"], only["rows"][0], strict=False))
    assert (row["year"], row["amount"], only["totals"]) == (2021, None, [])
    assert [p["field"] for p in describe(EmbeddedStore.open(path), "buyer-seller", source="rec")["properties"]] == [
        "kind",
        "status",
        "year",
    ]  # unlisted properties: stated by every source of the record


def test_disputes_refuses_an_unknown_field_with_the_disputed_ones(article_store_file):
    result = run(article_store_file, "disputes", "--field", "amout")
    assert (result.exit_code, result.output) == (
        2,
        "Error: no disputes about 'amout' — disputed fields: amount_usd, currency, kind, pay_usd, targets, "
        "valuation_round (or leave out the field)\n",
    )
    rows = json.loads(run(article_store_file, "disputes", "--field", "kind", "--json").output)["rows"]
    assert rows and {row[3] for row in rows} == {"kind"}


def test_text_tables_line_up_with_chinese_names(article_store_file):
    from talentgraph.text_output import display_width

    lines = run(article_store_file, "search", "张").output.splitlines()
    # the last column (score) starts at the same terminal column on every row, after
    # snippets of Chinese (two columns a character) as after Latin text
    starts = {display_width(line[: line.rindex(" ") + 1]) for line in [lines[0], *lines[2:]]}
    assert len(lines) > 3 and any("张" in line for line in lines) and len(starts) == 1
