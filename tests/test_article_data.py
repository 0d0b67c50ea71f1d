"""The curated article: every deal and talent path it states, and the provenance of each fact."""

from __future__ import annotations

import re

import pytest
from talentgraph.graph.identity.names import NameIndex
from talentgraph.loaders import parse_curated, read_source
from talentgraph.queries.paths import shortest_paths_in_graph as shortest_paths
from talentgraph.queries.trace import trace_in_graph as trace

ARTICLE = "36kr-2025-07-11"

# id: (kind, status, acquirer, targets, amount_usd, stake_pct, valuation_usd, year, moved)
DEALS = {
    "meta-scale-ai-2025": (
        "stake",
        "completed",
        "meta",
        ["scale-ai"],
        14_800_000_000,
        49,
        30_000_000_000,
        2025,
        ["alexandr-wang"],
    ),
    "meta-perplexity-2025": ("acquisition", "failed", "meta", ["perplexity"], None, None, 14_000_000_000, 2025, []),
    "meta-ssi-2025": ("acquisition", "rejected", "meta", ["ssi"], None, None, 32_000_000_000, 2025, []),
    "meta-daniel-gross-2025": ("hire", "completed", "meta", ["ssi"], None, None, None, 2025, ["daniel-gross"]),
    "meta-runway-2025": ("acquisition", "abandoned", "meta", ["runway"], None, None, 3_000_000_000, 2025, []),
    "meta-openai-researchers-2025": ("hire", "completed", "meta", ["openai"], None, None, None, 2025, ["yu-jiahui"]),
    "google-character-ai-2024": (
        "licence_and_hire",
        "completed",
        "google",
        ["character-ai"],
        2_500_000_000,
        None,
        None,
        2024,
        ["noam-shazeer"],
    ),
    "microsoft-inflection-2024": (
        "licence_and_hire",
        "completed",
        "microsoft",
        ["inflection"],
        650_000_000,
        None,
        None,
        2024,
        ["mustafa-suleyman"],
    ),
    "amazon-adept-2024": ("licence_and_hire", "completed", "amazon", ["adept"], None, None, None, 2024, ["david-luan"]),
    "meta-instagram-2012": ("acquisition", "completed", "meta", ["instagram"], 1_000_000_000, None, None, 2012, []),
    "meta-whatsapp-2014": ("acquisition", "completed", "meta", ["whatsapp"], 19_000_000_000, None, None, 2014, []),
    "meta-oculus-2014": ("acquisition", "completed", "meta", ["oculus-vr"], 2_000_000_000, None, None, 2014, []),
    "tencent-foxmail-2005": (
        "acquihire",
        "completed",
        "tencent",
        ["foxmail"],
        None,
        None,
        None,
        2005,
        ["zhang-xiaolong"],
    ),
    "alibaba-umeng-2013": ("acquihire", "completed", "alibaba", ["umeng"], 80_000_000, None, None, 2013, ["jiang-fan"]),
    "bytedance-tubar": ("acquihire", "completed", "bytedance", ["tubar"], None, None, None, None, ["zhang-nan"]),
    "bytedance-weather-app": (
        "acquihire",
        "completed",
        "bytedance",
        ["chen-lin-weather-app"],
        None,
        None,
        None,
        None,
        ["chen-lin"],
    ),
    "bytedance-tuchong": ("acquihire", "completed", "bytedance", ["tuchong"], None, None, None, None, ["shen-zhenyu"]),
    "bytedance-musically-2017": (
        "acquisition",
        "completed",
        "bytedance",
        ["musically"],
        1_000_000_000,
        None,
        None,
        2017,
        ["yang-luyu", "zhu-jun"],
    ),
    "musically-tiktok-merger-2018": (
        "merger",
        "completed",
        "tiktok",
        ["douyin", "musically"],
        None,
        None,
        None,
        2018,
        [],
    ),
    "real-madrid-ronaldo-2009": (
        "hire",
        "completed",
        "real-madrid",
        ["manchester-united"],
        80_000_000,
        None,
        None,
        2009,
        ["cristiano-ronaldo"],
    ),
}

# person: the names along the talent path (person, target, deal, acquirer, roles...)
TALENT_PATHS = {
    "Alexandr Wang": [
        "Alexandr Wang",
        "Scale AI",
        "Meta / Scale AI stake (2025)",
        "Meta",
        "Meta Superintelligence Lab",
    ],
    "Zhang Xiaolong": ["Zhang Xiaolong", "Foxmail", "Tencent / Foxmail (2005)", "Tencent", "QQ Mail", "WeChat"],
    "Noam Shazeer": ["Noam Shazeer", "Character.ai", "Google / Character.ai licence and hire (2024)", "Google"],
    "Mustafa Suleyman": [
        "Mustafa Suleyman",
        "Inflection AI",
        "Microsoft / Inflection licence and hire (2024)",
        "Microsoft",
        "Microsoft AI",
    ],
    "David Luan": ["David Luan", "Adept", "Amazon / Adept licence and hire (2024)", "Amazon", "AGI Autonomy"],
    "Jiang Fan": ["Jiang Fan", "Umeng", "Alibaba / Umeng (2013)", "Alibaba", "Taobao"],
    "Zhu Jun": ["Zhu Jun", "Musical.ly", "ByteDance / Musical.ly (2017)", "ByteDance", "Flow"],
    "Yang Luyu": ["Yang Luyu", "Musical.ly", "ByteDance / Musical.ly (2017)", "ByteDance"],
    "Yu Jiahui": [
        "Yu Jiahui",
        "OpenAI",
        "Meta hires eight OpenAI researchers (2025)",
        "Meta",
        "Meta Superintelligence Lab",
    ],
    "Daniel Gross": ["Daniel Gross", "Safe Superintelligence", "Meta hires SSI's CEO Daniel Gross (2025)", "Meta"],
    "Zhang Nan": ["Zhang Nan", "TuBar", "ByteDance / TuBar", "ByteDance", "Douyin"],
    "Chen Lin": ["Chen Lin", "weather app (unnamed)", "ByteDance / weather app", "ByteDance"],
    "Shen Zhenyu": ["Shen Zhenyu", "TuChong", "ByteDance / TuChong", "ByteDance"],
    "Cristiano Ronaldo": ["Cristiano Ronaldo", "Manchester United", "Real Madrid signs Ronaldo (2009)", "Real Madrid"],
}


def _out(graph, node, rel_type):
    return sorted(v for _, v, a in graph.out_edges(node, data=True) if a["type"] == rel_type)


@pytest.mark.parametrize("deal_id", sorted(DEALS))
def test_every_deal_of_the_article_is_in_the_graph(article_graph, deal_id):
    kind, status, acquirer, targets, amount_usd, stake, valuation, year, moved = DEALS[deal_id]
    deal = article_graph.nodes[deal_id]
    assert (deal["label"], deal["kind"], deal["status"]) == ("Deal", kind, status)
    assert _out(article_graph, deal_id, "ACQUIRER") == [acquirer]
    assert _out(article_graph, deal_id, "TARGET") == targets
    assert deal.get("amount_usd") == amount_usd
    assert deal.get("stake_pct") == stake
    assert deal.get("valuation_usd") == valuation
    assert deal.get("year") == year
    assert _out(article_graph, deal_id, "MOVED") == sorted(moved)
    assert deal["summary"], "every deal has a one-line summary in our words"


def test_the_article_has_no_other_deals(article_graph):
    deals = {n for n, a in article_graph.nodes(data=True) if a["label"] == "Deal"}
    assert deals == set(DEALS)


@pytest.mark.parametrize("person", sorted(TALENT_PATHS))
def test_talent_path(article_graph, person):
    person_id = NameIndex.from_graph(article_graph).resolve(person)
    paths = trace(article_graph, person_id)
    assert [[n["name"] for n in p["nodes"]] for p in paths] == [TALENT_PATHS[person]]


def test_musically_reaches_doubao_through_its_founder_and_his_unit(article_graph):
    # Zhu Jun founded Musical.ly and now heads Flow, the unit that builds Doubao
    paths = shortest_paths(article_graph, "musically", "doubao")
    assert [[n["name"] for n in p["nodes"]] for p in paths] == [["Musical.ly", "Zhu Jun", "Flow", "Doubao"]]


def test_disputed_figures_keep_both_values_with_their_sources(article_graph):
    deal = article_graph.nodes["google-character-ai-2024"]
    assert deal["amount_usd"] == 2_500_000_000  # the article's figure stays the value
    rows = list(zip(deal["disputed_fields"], deal["disputed_values"], deal["disputed_sources"], strict=False))
    assert ("amount_usd", "2700000000", "public-record") in rows
    assert ("kind", "acquisition", ARTICLE) in rows
    # the article contradicts itself on the researchers' pay: both figures are kept
    hires = article_graph.nodes["meta-openai-researchers-2025"]
    assert hires["pay_usd"] == 1_000_000_000
    assert ("pay_usd", "100000000", f"{ARTICLE}#s00.p1") in zip(
        hires["disputed_fields"], hires["disputed_values"], hires["disputed_locators"], strict=False
    )


@pytest.mark.parametrize(
    "name, expected",
    [
        ("alexandr wang", "alexandr-wang"),
        ("Allen Zhang", "zhang-xiaolong"),
        ("Facebook", "meta"),
        ("张小龙", "zhang-xiaolong"),
        ("Alex Zhu", "zhu-jun"),
        ("豆包", "doubao"),
        ("SSI", "ssi"),
        ("Youmeng", "umeng"),
        ("musically", "musically"),
    ],
)
def test_names_resolve_through_aliases_and_original_script(article_graph, name, expected):
    assert NameIndex.from_graph(article_graph).resolve(name) == expected


def test_people_named_by_first_name_only_are_resolved_from_outside_the_article(article_graph):
    for person in ("ilya-sutskever", "daniel-gross", "noam-shazeer", "mustafa-suleyman", "david-luan"):
        attrs = article_graph.nodes[person]
        assert attrs["name_in_article"] in attrs["aliases"]
        assert "public-record" in attrs["source_ids"], f"{person}'s full name needs its own source"


def test_units_and_products_are_part_of_their_parent(article_graph):
    for child, parent in [
        ("meta-superintelligence-lab", "meta"),
        ("wechat", "tencent"),
        ("qq-mail", "tencent"),
        ("doubao", "flow"),
        ("flow", "bytedance"),
        ("tiktok", "bytedance"),
        ("microsoft-ai", "microsoft"),
        ("amazon-agi-autonomy", "amazon"),
        ("taobao", "alibaba"),
    ]:
        assert _out(article_graph, child, "PART_OF") == [parent]


def test_every_node_and_relationship_has_provenance_into_declared_sources(article_graph):
    sources = {n for n, a in article_graph.nodes(data=True) if a["label"] == "Source"}
    assert sources == {ARTICLE, "public-record"}
    items = [(n, a) for n, a in article_graph.nodes(data=True)] + [
        ((u, v), a) for u, v, a in article_graph.edges(data=True)
    ]
    locator = re.compile(rf"^({ARTICLE}#(s0[0-3]\.p\d+|byline|credits)|public-record#[a-z0-9-]+)$")
    for what, attrs in items:
        assert attrs["source_ids"] and len(attrs["source_ids"]) == len(attrs["locators"]), what
        assert set(attrs["source_ids"]) <= sources, what
        for source_id, loc in zip(attrs["source_ids"], attrs["locators"], strict=False):
            assert locator.match(loc) and loc.startswith(source_id + "#"), (what, loc)


def test_every_deal_has_its_parties(article_graph):
    for node, attrs in article_graph.nodes(data=True):
        if attrs["label"] == "Deal":
            assert _out(article_graph, node, "TARGET") and _out(article_graph, node, "ACQUIRER"), node


def test_article_locators_point_at_paragraphs_that_exist(shared_path):
    """sNN.pM must name a real body paragraph of the seed (checked against the article in ../shared)."""
    text = shared_path("seed", "36kr-ai-talent-acquisitions-2025-07-11.de.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    sections: dict[int, int] = {0: 0}
    current = 0
    body = lines[lines.index(next(line for line in lines if line.startswith("In letzter"))) :]
    for line in body:
        if re.fullmatch(r"0\d", line):
            current = int(line)
            sections[current] = 0
        elif not line.startswith("Dieser Artikel stammt"):
            sections[current] += 1
    _, batch = read_source("article")
    for item in [*batch.nodes, *batch.relationships]:  # claims too, and per-fact locators
        for loc in [*item.props["locators"], *item.props.get("fact_locators", [])]:
            if m := re.match(rf"{ARTICLE}#s(\d\d)\.p(\d+)$", loc):
                assert 1 <= int(m[2]) <= sections[int(m[1])], loc


def test_no_sentence_of_the_article_is_in_the_data(shared_path):
    text = shared_path("seed", "36kr-ai-talent-acquisitions-2025-07-11.de.txt").read_text(encoding="utf-8")
    words = re.findall(r"\w+", text.lower())
    shingles = {" ".join(words[i : i + 8]) for i in range(len(words) - 7)}
    from importlib import resources

    data = resources.files("talentgraph.loaders").joinpath("data", f"{ARTICLE}.yaml").read_text(encoding="utf-8")
    ours = re.findall(r"\w+", data.lower())
    copied = [" ".join(ours[i : i + 8]) for i in range(len(ours) - 7) if " ".join(ours[i : i + 8]) in shingles]
    assert copied == []


def test_malformed_curated_data_reports_file_and_line():
    text = "source: {id: s, name: S, at: [p1]}\ndeals:\n  - {id: d, name: D, kind: takeover, status: completed, acquirer: a, target: b, at: [p1]}\n"
    problems = [str(p) for p in parse_curated(text, "mine.yaml").problems]
    assert problems == [
        "mine.yaml:3: kind 'takeover' is not one of: acquisition, acquihire, licence_and_hire, stake, merger, hire"
    ]


def test_every_claim_has_an_article_paragraph_and_ends_it_is_about(article_graph):
    claims = [n for n, a in article_graph.nodes(data=True) if a["label"] == "Claim"]
    assert len(claims) >= 10
    for claim in claims:
        locators = article_graph.nodes[claim]["locators"]
        assert any(re.fullmatch(rf"{ARTICLE}#s0[0-3]\.p\d+", loc) for loc in locators), claim
        ends = {article_graph.nodes[v]["label"] for _, v in article_graph.out_edges(claim)}
        assert ends and ends <= {"Organization", "Person", "Deal"}, claim


def test_fact_locators_name_the_records_own_sources(article_graph):
    items = [a for _, a in article_graph.nodes(data=True)] + [a for _, _, a in article_graph.edges(data=True)]
    listed = 0
    for attrs in items:
        rows = list(
            zip(
                attrs.get("fact_fields", []), attrs.get("fact_sources", []), attrs.get("fact_locators", []), strict=True
            )
        )
        listed += len(rows)
        for field, source, locator in rows:
            assert field in attrs and source in attrs["source_ids"] and locator.startswith(source + "#"), (
                field,
                locator,
            )
    assert listed >= 30


def test_no_property_is_the_tail_of_a_cut_off_value(article_graph):
    items = [a for _, a in article_graph.nodes(data=True)] + [a for _, _, a in article_graph.edges(data=True)]
    for attrs in items:
        assert all(
            re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) and value is not None for key, value in attrs.items()
        ), attrs
    assert article_graph.nodes["meta-superintelligence-lab"]["note"].endswith("a model with 3 trillion parameters")


def test_no_role_is_a_placeholder(article_graph):
    roles = [a.get("role") for _, _, a in article_graph.edges(data=True) if a.get("role")]
    assert roles and not [r for r in roles if r.startswith("joined")]


def test_bounds_stay_bounds(article_graph):
    runway = article_graph.nodes["meta-runway-2025"]
    assert (runway["valuation_usd"], runway["valuation_qualifier"]) == (3_000_000_000, "more than")
    assert article_graph.nodes["bytedance-musically-2017"]["amount_qualifier"] == "approximately"
    assert [
        str(p)
        for p in parse_curated(
            "source: {id: s, name: S, at: [p1]}\n"
            "organizations: [{id: a, name: A, kind: company, valuation_usd: 5, valuation_qualifier: over, at: [p1]}]\n",
            "q.yaml",
        ).problems
    ] == ["q.yaml:2: valuation_qualifier 'over' is not one of: approximately, more than, up to, less than"]
