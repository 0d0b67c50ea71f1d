"""What a word tells about a name: generic cue lists in English and German.

None of these lists names an entity of any article. They hold role titles ("CEO",
"Gründer"), legal and organisation suffixes ("Inc", "GmbH", "Labs"), head nouns that
announce an organisation ("the startup", "das KI-Unternehmen"), common given names and
Chinese surnames (``data/*.txt``, to tell "Firstname Lastname" from "Company Product"),
and a short list of the best-known technology companies (``WELL_KNOWN_COMPANIES``, the
only gazetteer: the big buyers of the AI talent market, so that a lone "Amazon" is not
mistaken for a river).

German capitalises every noun, so capitalisation alone cannot find names there.
``is_common_word`` asks wordfreq (word frequencies shipped inside the package, nothing
downloaded) whether a word is far more frequent in German than in English — true of
common German nouns, false of brand names, which are about as frequent in both — and
splits compounds ("Kaufaktivitäten" = "Kauf" + "aktivitäten") the same way.

>>> is_common_word("Verhandlungen", "de"), is_common_word("Google", "de")
(True, False)
>>> is_given_name("Mark"), is_chinese_surname("Zhang")
(True, True)
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

__all__ = [
    "ORG_HEAD_NOUN",
    "ORG_SUFFIXES",
    "PERSON_ROLES",
    "PLACES",
    "STOP_TOKENS",
    "WELL_KNOWN_COMPANIES",
    "is_chinese_surname",
    "is_common_word",
    "is_given_name",
    "is_pinyin_name",
    "role_of",
]

# Titles and roles that stand next to a person's name: "CEO Jane Roe", "der Gründer Noam".
PERSON_ROLES: dict[str, str] = {
    "ceo": "CEO",
    "cto": "CTO",
    "cfo": "CFO",
    "coo": "COO",
    "cso": "chief scientist",
    "president": "president",
    "chairman": "chair",
    "chairwoman": "chair",
    "founder": "founder",
    "co-founder": "co-founder",
    "cofounder": "co-founder",
    "researcher": "researcher",
    "scientist": "scientist",
    "engineer": "engineer",
    "author": "author",
    "investor": "investor",
    "executive": "executive",
    "director": "director",
    "mr": "",
    "mrs": "",
    "ms": "",
    "dr": "",
    "prof": "",
    "professor": "professor",
    "gründer": "founder",
    "gründerin": "founder",
    "mitgründer": "co-founder",
    "mitgründerin": "co-founder",
    "chef": "head",
    "chefin": "head",
    "chefwissenschaftler": "chief scientist",
    "forscher": "researcher",
    "forscherin": "researcher",
    "autor": "author",
    "autorin": "author",
    "vorstand": "executive",
    "vorstandschef": "CEO",
    "präsident": "president",
    "präsidentin": "president",
    "herr": "",
    "frau": "",
    "genie": "",
    "chief": "head",
    "head": "head",
    "boss": "head",
    "leader": "head",
    "manager": "manager",
    "managerin": "manager",
    "entwickler": "engineer",
    "ingenieur": "engineer",
}
# Trailing words that make a span an organisation: "Scale AI", "Acme GmbH", "Foo Labs".
ORG_SUFFIXES = {
    "inc",
    "corp",
    "corporation",
    "co",
    "ltd",
    "llc",
    "plc",
    "gmbh",
    "ag",
    "se",
    "sa",
    "kg",
    "bv",
    "nv",
    "oy",
    "ab",
    "group",
    "holdings",
    "holding",
    "labs",
    "lab",
    "ai",
    "technologies",
    "technology",
    "systems",
    "capital",
    "ventures",
    "partners",
    "robotics",
    "media",
    "bank",
    "united",
    "motors",
    "studios",
    "software",
    "networks",
    "research",
    "vr",
    "platforms",
    "intelligence",
    "analytics",
    "dynamics",
    "therapeutics",
}
# A word (or the end of a German compound) just before a name that says "organisation".
ORG_HEAD_NOUN = re.compile(
    r"(?:unternehmens?|startups?|start-ups?|firmas?|konzerns?|herstellers?|anbieters?|plattform|abteilung|"
    r"labors?|company|companies|startup|firm|lab|maker|giant|rival|developer|unicorn|platform|app|"
    r"produkts?|produkten|products?|division|unit|subsidiary|tochter|marke|brand|chatbot|account|designers?|"
    r"entwicklers?|sparte|tochterfirma|konkurrent\w*|spezialisten|anbieter)$",
    re.IGNORECASE,
)
# Capitalised words that are never names on their own.
STOP_TOKENS = {
    "ceo",
    "cto",
    "cfo",
    "coo",
    "vp",
    "ki",
    "ai",
    "agi",
    "ipo",
    "vc",
    "vcs",
    "m&a",
    "ip",
    "us",
    "usa",
    "uk",
    "eu",
    "usd",
    "eur",
    "gbp",
    "cny",
    "rmb",
    "mrd",
    "mio",
    "dollar",
    "dollars",
    "us-dollar",
    "euro",
    "euros",
    "phd",
    "pr",
    "hr",
    "it",
    "api",
    "gpu",
    "gpus",
    "cpu",
    "llm",
    "llms",
    "saas",
    "i",
    "ok",
    "tv",
    "ceos",
    "startup",
    "startups",
    "start-up",
    "start-ups",
    "team",
    "teams",
    "app",
    "apps",
    "deal",
    "deals",
    "chief",
    "internet",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "januar",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "american",
    "chinese",
    "european",
    "german",
    "british",
    "french",
    "japanese",
    "korean",
    "indian",
    "israeli",
    "canadian",
    "silicon",
    "valley",
    "tech",
    "big",
    "english",
    "englisch",
    "deutsch",
    "e-mail",
    "email",
    "online",
    "million",
    "millionen",
    "milliarde",
    "milliarden",
    "billion",
    "billionen",
    "billions",
    "millions",
    "trillion",
    "web",
    "news",
    "update",
    "breaking",
    "exclusive",
    "report",
    "home",
    "artikel",
    "startseite",
    "yes",
    "no",
    "super",
    "top",
    "high",
    "end",
    "go",
    "stress",
    "moment",
    "option",
    "mainstream",
    "system",
    "systems",
    "revolution",
    "talent",
    "talents",
    "account",
    "job",
    "jobs",
    "manager",
    "modus",
    "boss",
    "chef",
    "co",
    "inc",
    "ltd",
    "ag",
    "gmbh",
    "q1",
    "q2",
    "q3",
    "q4",
    "h1",
    "h2",
}
# The buyers of the AI talent market: big technology companies and AI labs, by their
# usual names. Generic (not taken from any article); extend it through the store instead.
WELL_KNOWN_COMPANIES = {
    "Alphabet",
    "Google",
    "DeepMind",
    "Amazon",
    "Apple",
    "Meta",
    "Facebook",
    "Microsoft",
    "Nvidia",
    "IBM",
    "Intel",
    "AMD",
    "Oracle",
    "Salesforce",
    "Samsung",
    "Tesla",
    "Netflix",
    "Uber",
    "OpenAI",
    "Anthropic",
    "xAI",
    "Mistral AI",
    "Cohere",
    "Tencent",
    "Alibaba",
    "Baidu",
    "ByteDance",
    "Huawei",
    "Xiaomi",
    "SAP",
    "Siemens",
    "Adobe",
    "Cisco",
    "Qualcomm",
    "Databricks",
    "Snowflake",
    "Palantir",
    "Hugging Face",
    "Stability AI",
}


# Countries, regions and the cities of the tech press: names, but not of people or
# organizations (a generic list).
PLACES = {  # compared case-folded: "SAN FRANCISCO" in a dateline too
    "China",
    "USA",
    "US",
    "America",
    "Amerika",
    "Europe",
    "Europa",
    "Germany",
    "Deutschland",
    "France",
    "Frankreich",
    "Japan",
    "India",
    "Indien",
    "Israel",
    "Singapore",
    "Singapur",
    "Canada",
    "Kanada",
    "Korea",
    "Südkorea",
    "Britain",
    "Großbritannien",
    "England",
    "Taiwan",
    "Hongkong",
    "Hong Kong",
    "Russia",
    "Russland",
    "Asia",
    "Asien",
    "Africa",
    "Afrika",
    "California",
    "Kalifornien",
    "Texas",
    "Silicon Valley",
    "Beijing",
    "Peking",
    "Shanghai",
    "Shenzhen",
    "Guangzhou",
    "Hangzhou",
    "London",
    "Paris",
    "Berlin",
    "München",
    "Munich",
    "New York",
    "San Francisco",
    "Seattle",
    "Boston",
    "Tokyo",
    "Tokio",
    "Zürich",
    "Zurich",
    "Wien",
    "Vienna",
}


@cache
def _word_list(name: str) -> frozenset[str]:
    text = resources.files("talentgraph.loaders.extract").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


def is_given_name(word: str) -> bool:
    """A common given name (``data/given_names.txt``)."""
    return word in _word_list("given_names.txt")


def is_chinese_surname(word: str) -> bool:
    """One of the commonest Chinese surnames in pinyin (``data/chinese_surnames.txt``)."""
    return word in _word_list("chinese_surnames.txt")


_PINYIN_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|uai|uan|ian|iao|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|"
    r"ue|ui|er|a|e|i|o|u|ü|v)(?:n|ng)?"
)
_PINYIN_NAME = re.compile(rf"(?:{_PINYIN_SYLLABLE}){{1,3}}", re.IGNORECASE)


def is_pinyin_name(word: str) -> bool:
    """A given name spelled as one to three pinyin syllables ("Xiaolong", "Nan").

    >>> is_pinyin_name("Jiahui"), is_pinyin_name("Kaufmann")
    (True, False)
    """
    return word[:1].isupper() and word[1:].islower() and _PINYIN_NAME.fullmatch(word) is not None


def role_of(word: str) -> str | None:
    """The role a title word names ("" for a plain title such as "Dr"), or None; a
    hyphenated title counts too ("Meta-Chef", "OpenAI-Gründerin")."""
    lower = word.lower().rstrip(".")
    return PERSON_ROLES.get(lower if "-" not in lower or lower in PERSON_ROLES else lower.rsplit("-", 1)[1])


@cache
def _zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, lang))


@cache
def is_common_word(word: str, lang: str) -> bool:
    """A common word of ``lang`` rather than a name (see the module docstring)."""
    lower = word.lower()
    if lower in STOP_TOKENS:
        return True
    if lang != "de":
        return _zipf(lower, "en") >= 5.3  # "The", "After": only the commonest, at a sentence start
    if any(ch in lower for ch in "äöüß") and not word.isupper():
        return True  # brand names rarely carry umlauts; German nouns often do
    if (
        lower.endswith("s")
        and len(lower) > 4
        and not is_common_word(word[:-1], lang)
        and _zipf(lower[:-1], "de") >= _zipf(lower, "de")
    ):
        return False  # a genitive of a name, rarer than the name: "Metas", "Zuckerbergs"
    if "-" in lower:
        tail = word.rsplit("-", 1)[1]
        return not tail.isdigit() and (is_common_word(tail, lang) if tail else True)  # "GPT-4" is a name
    inner = re.findall(r"[A-ZÄÖÜ][a-zäöüß]+", word)
    if len(inner) > 1 and "".join(inner) == word:  # "StartseiteArtikel": two German nouns run together
        return all(is_common_word(part, lang) for part in inner)
    de, en = _zipf(lower, "de"), _zipf(lower, "en")
    if de >= 5.5 or (de >= 1.0 and de - en >= 0.7):
        return True
    if de < 2.0 and en < 2.0 and len(lower) >= 8:
        # a rare long word: a German compound if it ends in a German noun
        for cut in range(3, len(lower) - 3):
            head, tail = lower[:cut], lower[cut:]
            tail_de, tail_en = _zipf(tail, "de"), _zipf(tail, "en")
            if (
                tail_de >= 3.0
                and tail_de - tail_en >= 0.5
                and (_zipf(head, "de") >= 1.5 or _zipf(head[:-1], "de") >= 2.0)
            ):
                return True
    return False


def english_frequency(word: str) -> float:
    """Zipf frequency of ``word`` in English (7 = "the", 0 = unknown)."""
    return _zipf(word.lower(), "en")
