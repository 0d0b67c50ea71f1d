"""The kind of an organization named in a position file: a stated kind, or cues in its name.

Employment files list employers by name only, so without help every employer would be a
``company``. ``org_kind`` keeps a kind the file states (a ``kind`` cell wins, in any of the
model's spellings or a few common synonyms) and otherwise reads the name: universities,
colleges, schools, institutes and research labs become ``lab`` — the model's kind for a
research or teaching institution (``graph.model.OrgKind``) — and everything else stays
``company``. The cues are whole words in English, German, French, Spanish, Italian, Dutch,
the Nordic languages, Polish and Portuguese, and the CJK words for university, college,
institute, academy of sciences and laboratory (大学, 學院, 研究所, 实验室, 대학교, …).

A name that ends in a corporate legal form (``Inc``, ``Ltd``, ``GmbH``, ``株式会社``,
``有限公司``, …) is a company whatever else it says, so "Lab Equipment GmbH" or
"Research Frontiers Inc" stay companies; "Research" counts only as the last word or before
a word such as *Institute* or *Center* ("Google Research", not "Research in Motion").

Hand-written: no maintained library classifies organization names by kind; a short table
of cues that a reader can check and extend is the whole job.

>>> org_kind("Technische Universität München")
<OrgKind.LAB: 'lab'>
>>> org_kind("Acme Robotics")
<OrgKind.COMPANY: 'company'>
>>> org_kind("Stanford University", stated="company")
<OrgKind.COMPANY: 'company'>
"""

from __future__ import annotations

import re

from ..graph.errors import SourceError
from ..graph.model import OrgKind

__all__ = ["org_kind", "stated_org_kind"]

# whole-word cues (matched case-insensitively, accents as written) for a research or teaching institution
_INSTITUTION_WORDS = (
    r"universit(?:y|ies|ät|é|e|eit|et|etet|at|à|as|ario)",
    r"universida(?:d|de)",
    r"uniwersytet\w*",
    r"hochschule",
    r"h[öø]gsk(?:ola|olan|ole|olen)",
    r"fachhochschule",
    r"polytechnic",
    r"politecnico",
    r"polytechnique",
    r"politécnica",
    r"college",
    r"colegio",
    r"collège",
    r"school",
    r"école",
    r"ecole",
    r"escuela",
    r"scuola",
    r"institut(?:e|o|et)?",
    r"istituto",
    r"lab",
    r"labs",
    r"laborator(?:y|ies|io|ium|ije|iet)",
    r"laboratoire",
    r"forschungszentrum",
    r"max[- ]planck",
    r"fraunhofer",
    r"academy of sciences?",
    r"akademie der wissenschaften",
    r"académie des sciences",
)
_RESEARCH = r"research(?=\s*$|\s+(?:institute|center|centre|council|lab|labs|laboratory|laboratories|division)\b)"
_INSTITUTION = re.compile(rf"(?<!\w)(?:{'|'.join(_INSTITUTION_WORDS)}|{_RESEARCH})(?!\w)", re.IGNORECASE)
# CJK has no spaces between words: these match anywhere in the name
_CJK_INSTITUTION = re.compile(
    "大学|大學|대학교|대학|学院|學院|研究所|研究院|研究センター|科学院|科學院|实验室|實驗室|研究室"
)
# a legal form at the end of the name: a company whatever the rest says
_LEGAL_FORM = re.compile(
    r"(?:(?<!\w)(?:inc|incorporated|corp|corporation|ltd|limited|llc|plc|gmbh|ag|sa|s\.a|sas|srl|s\.r\.l|bv|nv|"
    r"oy|ab|as|kk|co|pty|pte)\.?\s*$)|(?:株式会社|有限公司|股份公司|有限会社|주식회사)",
    re.IGNORECASE,
)
# what a kind cell may say besides the model's own values
_SYNONYMS = {
    "university": OrgKind.LAB,
    "college": OrgKind.LAB,
    "school": OrgKind.LAB,
    "institute": OrgKind.LAB,
    "research": OrgKind.LAB,
    "laboratory": OrgKind.LAB,
    "research lab": OrgKind.LAB,
    "education": OrgKind.LAB,
    "academia": OrgKind.LAB,
    "firm": OrgKind.COMPANY,
    "startup": OrgKind.COMPANY,
    "start-up": OrgKind.COMPANY,
    "corporation": OrgKind.COMPANY,
    "business": OrgKind.COMPANY,
    "fund": OrgKind.INVESTOR,
    "vc": OrgKind.INVESTOR,
    "venture capital": OrgKind.INVESTOR,
    "division": OrgKind.UNIT,
    "department": OrgKind.UNIT,
}


def stated_org_kind(text: str, where: str = "<string>") -> OrgKind | None:
    """The kind a ``kind`` cell states; ``None`` for an empty cell.

    Raises ``SourceError`` (naming ``where``) for a cell that is no kind.

    >>> stated_org_kind(" University ")
    <OrgKind.LAB: 'lab'>
    >>> stated_org_kind("") is None
    True
    """
    key = " ".join(text.split()).lower()
    if not key:
        return None
    try:
        return OrgKind(key)
    except ValueError:
        pass
    if key in _SYNONYMS:
        return _SYNONYMS[key]
    choices = ", ".join(kind.value for kind in OrgKind)
    raise SourceError(
        f"{where}: organization kind {text.strip()!r} is not one of {choices} — write one or leave it empty"
    )


def org_kind(name: str, stated: str = "", where: str = "<string>") -> OrgKind:
    """The organization's kind: ``stated`` (a kind cell) when given, else what its name says.

    >>> org_kind("清华大学")
    <OrgKind.LAB: 'lab'>
    >>> org_kind("Research in Motion")
    <OrgKind.COMPANY: 'company'>
    """
    kind = stated_org_kind(stated, where)
    if kind is not None:
        return kind
    name = name.strip()
    if _LEGAL_FORM.search(name):
        return OrgKind.COMPANY
    if _INSTITUTION.search(name) or _CJK_INSTITUTION.search(name):
        return OrgKind.LAB
    return OrgKind.COMPANY
