"""Text matching that ignores case and accents and works on Chinese script.

``fold`` lowers case (``str.casefold``) and strips accents (Unicode NFKD, combining
marks dropped), character by character, so a match in the folded text maps back to the
original for a snippet. CJK text has no spaces to split on: matching is by substring,
which is also how a name fragment ("zucker") finds a whole word. The standard library
does this exactly; a dependency such as ``unidecode`` would also transliterate Chinese
to Latin ("Zhang Xiao Long"), which makes 张 match every "zhang" — not wanted here.
``fold`` itself lives with the SQLite text index, which stores folded text and must fold
exactly as the scorer does.

>>> fold("Zürich Ünïcode"), fold("张小龙")
('zurich unicode', '张小龙')
>>> folded_with_map("Müller")
('muller', [0, 1, 2, 3, 4, 5])
"""

from __future__ import annotations

from ..graph.embedded.text_index import fold, fold_char

__all__ = ["fold", "folded_with_map", "is_word_start"]


def folded_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the index in ``text`` it came from."""
    out, where = [], []
    for i, char in enumerate(text):
        folded = fold_char(char)
        out.append(folded)
        where.extend([i] * len(folded))
    return "".join(out), where


def is_word_start(folded: str, at: int) -> bool:
    """Whether position ``at`` of ``folded`` begins a word (or is CJK, where every
    character may begin one).

    >>> is_word_start("alex wang", 5), is_word_start("alex wang", 6), is_word_start("张小龙", 1)
    (True, False, True)
    """
    if at == 0 or not folded[at - 1].isalnum():
        return True
    return _is_cjk(folded[at])


def _is_cjk(char: str) -> bool:
    return "\u2e80" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af" or "\uf900" <= char <= "\ufaff"
