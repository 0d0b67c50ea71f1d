"""Organization kinds from position files: universities and labs by their names, a kind cell wins."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from talentgraph.cli import cli
from talentgraph.graph import EmbeddedStore, OrgKind
from talentgraph.graph.errors import SourceError
from talentgraph.loaders.org_kinds import org_kind, stated_org_kind
from talentgraph.loaders.positions import parse_positions

HEADER = "person,organization,title,start_date,start_date_precision,end_date,end_date_precision\n"


@pytest.mark.parametrize(
    "name",
    [
        "Stanford University",
        "Technische Universität München",
        "Université de Montréal",
        "Universidad de Buenos Aires",
        "Università di Bologna",
        "Universiteit van Amsterdam",
        "Uniwersytet Warszawski",
        "KTH Kungliga Tekniska högskolan",
        "Massachusetts Institute of Technology",
        "École Polytechnique",
        "Imperial College London",
        "London School of Economics",
        "Max Planck Institute for Intelligent Systems",
        "Bell Labs",
        "Lawrence Berkeley National Laboratory",
        "Google Research",
        "清华大学",
        "東京大学",
        "서울대학교",
        "中国科学院自动化研究所",
    ],
)
def test_universities_institutes_and_labs_are_labs(name):
    assert org_kind(name) is OrgKind.LAB


@pytest.mark.parametrize(
    "name",
    [
        "Scale AI",
        "OpenAI",
        "Research in Motion",  # "research" only as the last word or before Institute, Center, ...
        "Lab49",  # not the word "lab"
        "Lab Equipment GmbH",  # a legal form: a company whatever the rest says
        "University Games Inc",
        "腾讯科技（深圳）有限公司",
        "Schoology",
    ],
)
def test_other_names_stay_companies(name):
    assert org_kind(name) is OrgKind.COMPANY


def test_a_stated_kind_wins_over_the_name():
    assert org_kind("Stanford University", stated="company") is OrgKind.COMPANY
    assert org_kind("Acme", stated="University") is OrgKind.LAB
    assert org_kind("Acme", stated=" investor ") is OrgKind.INVESTOR
    assert stated_org_kind("") is None


def test_an_unknown_stated_kind_is_one_clear_error():
    with pytest.raises(SourceError) as caught:
        stated_org_kind("spaceship", "people.csv:7")
    assert str(caught.value) == (
        "people.csv:7: organization kind 'spaceship' is not one of company, lab, unit, product, investor, club, "
        "media — write one or leave it empty"
    )


def test_position_file_gives_universities_and_labs_their_kind():
    batch = parse_positions(
        HEADER + "Ada Lovelace,University of London,Lecturer,1840,year,,\n"
        "Ada Lovelace,Analytical Engines,Engineer,1843,year,,\n"
        "Grace Hopper,Bell Labs,Researcher,1950,year,,\n",
        "x/p.csv",
    )
    kinds = {n.props["name"]: n.props["kind"] for n in batch.nodes if n.label.value == "Organization"}
    assert kinds == {"University of London": "lab", "Analytical Engines": "company", "Bell Labs": "lab"}


def test_loaded_university_is_listed_as_a_lab(tmp_path):
    path = tmp_path / "positions.csv"
    path.write_text(
        HEADER + "Ada Lovelace,University of London,Lecturer,1840,year,,\nAda Lovelace,Engines Co,CTO,1843,year,,\n"
    )
    runner = CliRunner()
    store = ["--store", str(tmp_path / "g.db")]
    assert runner.invoke(cli, [*store, "load", str(path)]).exit_code == 0
    result = runner.invoke(cli, [*store, "list", "organizations", "--kind", "lab"])
    assert result.exit_code == 0, result.output
    assert "University of London" in result.output and "Engines Co" not in result.output
    organizations = EmbeddedStore.open(tmp_path / "g.db").to_networkx()
    assert organizations.nodes["engines-co"]["kind"] == "company"
