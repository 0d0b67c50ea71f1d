# ruff: noqa: E501 - the cases are data: one case a line reads best
"""A generated corpus of hostile inputs for every loader, the same for the same seed.

Each :class:`Case` is one file (or special file) to hand to ``talentgraph validate`` and
``talentgraph load``, optionally with a forced ``--loader``. Families:

* ``bomb``    — YAML alias bombs (a 342-byte "billion laughs" and a merge-key variant);
* ``deep``    — 100,000 nested brackets or mappings in YAML and JSON;
* ``wide``    — CSV headers of 100,000 column names, a row of 100,000 cells;
* ``encoding``— Latin-1, UTF-16, invalid UTF-8, NUL bytes, escaped lone surrogates, BOMs;
* ``value``   — impossible dates, 5,000-digit integers, NaN/inf, negative stakes, year 99999,
  mappings where ids belong, duplicate keys, zero-width and bidi-override names;
* ``csv``     — unclosed quotes, cells over 128 KiB, stray quotes;
* ``special`` — a FIFO, a socket, ``/dev/zero`` (through a link), a folder: with every loader;
* ``fuzz``    — byte-level mutations of the test fixtures (tests/data, the article YAML)
  drawn from ``random.Random(seed)``.

Only test data: nothing here is copied from a source text (the fixtures are ours or CC0).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = {
    "article.yaml": ROOT / "loaders" / "data" / "36kr-2025-07-11.yaml",
    "deals.csv": ROOT / "tests" / "data" / "messy_deals.csv",
    "deals.yaml": ROOT / "tests" / "data" / "deal-sheet-meta-scale.yaml",
    "positions.csv": ROOT / "tests" / "data" / "aiwatch" / "positions.csv",
    "sparql.json": ROOT / "tests" / "data" / "wikidata" / "sparql-acquisitions.json",
}
LOADERS = ("curated", "deals", "positions", "wikidata")
POSITIONS_HEADER = "person,organization,title,start_date,start_date_precision\n"
DEALS_HEADER = "acquirer,target,kind,status,date,amount\n"
CURATED_HEAD = "source: {id: hostile, name: Hostile notes, at: [p1]}\n"


@dataclass(frozen=True)
class Case:
    """One hostile input: ``special`` is fifo | socket | devzero | folder for non-regular files."""

    name: str
    family: str
    filename: str
    content: bytes = b""
    loader: str | None = None
    special: str | None = None


def _billion_laughs() -> bytes:
    # The classic: nine levels of nine aliases each; 342 bytes that name 9**9 strings.
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, cur in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


def _handmade() -> list[Case]:
    c: list[Case] = []
    bomb = _billion_laughs()
    c += [
        Case("billion-laughs-curated", "bomb", "bomb.yaml", bomb, loader="curated"),
        Case("billion-laughs-deals", "bomb", "bomb.yaml", bomb, loader="deals"),
        Case(
            "alias-in-article",
            "bomb",
            "a.yaml",
            CURATED_HEAD.encode() + b"people:\n  - &p {id: a, name: A, at: [p1]}\n  - *p\n",
        ),
        Case(
            "merge-key",
            "bomb",
            "m.yaml",
            b"base: &b {kind: stake}\ndeal:\n  <<: *b\n  acquirer: Meta\n",
            loader="deals",
        ),
    ]
    c += [
        Case("deep-yaml-flow", "deep", "deep.yaml", b"a: " + b"[" * 100_000 + b"]" * 100_000, loader="curated"),
        Case(
            "deep-yaml-map", "deep", "deep.yaml", b"a: " + b"{b: " * 100_000 + b"1" + b"}" * 100_000, loader="curated"
        ),
        Case("deep-yaml-block", "deep", "deep.yaml", b"".join(b"  " * i + b"k:\n" for i in range(1000))),
        Case("deep-json-deals", "deep", "deep.json", b"[" * 100_000 + b"]" * 100_000),
        Case("deep-json-sparql", "deep", "deep.json", b'{"head": {"vars": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}"),
        Case("deep-json-sparql-forced", "deep", "deep.json", b"[" * 100_000, loader="wikidata"),
    ]
    wide = ",".join(f"c{i}" for i in range(100_000)).encode() + b"\n"
    c += [
        Case("wide-header-deals", "wide", "wide.csv", b"acquirer,target,kind," + wide, loader="deals"),
        Case("wide-header-positions", "wide", "positions.csv", POSITIONS_HEADER.rstrip().encode() + b"," + wide),
        Case(
            "wide-header-dupes", "wide", "wide.csv", b"acquirer,target,kind," + b"x," * 100_000 + b"y\n", loader="deals"
        ),
        Case("wide-row-positions", "wide", "positions.csv", POSITIONS_HEADER.encode() + b"a," * 100_000 + b"b\n"),
    ]
    c += [
        Case(
            "latin1-positions",
            "encoding",
            "positions.csv",
            (POSITIONS_HEADER + "Jürgen,Müller GmbH,CEO,2019-01-01,day\n").encode("latin-1"),
        ),
        Case(
            "utf16-deals",
            "encoding",
            "deals.csv",
            (DEALS_HEADER + "Meta,Scale AI,stake,completed,2025,\n").encode("utf-16"),
        ),
        Case(
            "invalid-utf8-yaml",
            "encoding",
            "bad.yaml",
            CURATED_HEAD.encode() + b"people: [{id: a, name: \xff\xfe, at: [p1]}]\n",
        ),
        Case(
            "nul-in-yaml",
            "encoding",
            "nul.yaml",
            CURATED_HEAD.encode() + b"people: [{id: a, name: A\x00B, at: [p1]}]\n",
        ),
        Case(
            "escaped-nul-yaml",
            "encoding",
            "nul.yaml",
            CURATED_HEAD.encode() + b'people: [{id: a, name: "A\\0B", at: [p1]}]\n',
        ),
        Case(
            "lone-surrogate-yaml",
            "encoding",
            "s.yaml",
            CURATED_HEAD.encode() + b'people: [{id: a, name: "A\\ud800B", at: [p1]}]\n',
        ),
        Case(
            "lone-surrogate-json",
            "encoding",
            "s.json",
            b'[{"acquirer": "Me\\ud800ta", "target": "Scale AI", "kind": "stake"}]',
        ),
        Case(
            "nul-in-csv", "encoding", "positions.csv", (POSITIONS_HEADER + "A\x00da,Acme,Eng,2019-01-01,day\n").encode()
        ),
        Case(
            "bom-and-crlf",
            "encoding",
            "positions.csv",
            b"\xef\xbb\xbf" + (POSITIONS_HEADER + "Ada,Acme,Eng,2019-01-01,day\n").replace("\n", "\r\n").encode(),
        ),
        Case("empty-file-yaml", "encoding", "empty.yaml", b""),
        Case("empty-file-csv", "encoding", "positions.csv", b"", loader="positions"),
    ]
    deal = (
        CURATED_HEAD
        + "organizations:\n  - {id: o, name: O, kind: company, at: [p1]}\n  - {id: t, name: T, kind: company, at: [p1]}\n"
        "deals:\n  - {id: d, name: D, kind: stake, status: completed, acquirer: o, target: t, at: [p1], FIELD}\n"
    )
    values = {
        "date-month-13": "date: 2019-13-01",
        "date-zero": "date: 0000-00-00",
        "date-feb-30": "date: 2018-02-30",
        "int-5000-digits": "amount: " + "9" * 5000,
        "nan": "amount: .nan",
        "inf": "amount_usd: .inf",
        "neg-inf": "valuation_usd: -.inf",
        "negative-stake": "stake_pct: -5",
        "stake-over-100": "stake_pct: 140",
        "year-99999": "year: 99999",
        "year-text": "year: soon",
        "mapping-as-acquirer": "summary: x}\n  - {id: e, name: E, kind: stake, status: completed, acquirer: {id: o}, target: t, at: [p1]",
        "list-as-id": "summary: x}\n  - {id: [e], name: E, kind: stake, status: completed, acquirer: o, target: t, at: [p1]",
        "zero-width-name": 'summary: x}\n  - {id: e, name: "Me\u200bta", kind: stake, status: completed, acquirer: o, target: t, at: [p1]',
        "bidi-override-name": 'summary: "abc\u202egnp.exe"',
        "duplicate-key": "kind: merger",
    }
    for name, field in values.items():
        c.append(Case(name, "value", f"{name}.yaml", deal.replace("FIELD", field).encode()))
    c.append(
        Case(
            "duplicate-key-json",
            "value",
            "dup.json",
            b'[{"acquirer": "Meta", "acquirer": "Google", "target": "Scale AI", "kind": "stake"}]',
        )
    )
    c.append(
        Case(
            "nan-json",
            "value",
            "nan.json",
            b'[{"acquirer": "Meta", "target": "Scale AI", "kind": "stake", "amount": NaN}]',
        )
    )
    c.append(
        Case(
            "huge-int-json",
            "value",
            "int.json",
            b'[{"acquirer": "Meta", "target": "Scale AI", "kind": "stake", "amount": ' + b"9" * 5000 + b"}]",
        )
    )
    c += [
        Case(
            "unclosed-quote-positions",
            "csv",
            "positions.csv",
            (POSITIONS_HEADER + 'Ada,"Acme,Eng,2019-01-01,day\n' + "Bob,Beta,Eng,2019-01-01,day\n" * 50).encode(),
        ),
        Case(
            "unclosed-quote-deals",
            "csv",
            "deals.csv",
            (
                DEALS_HEADER
                + 'Meta,"Scale AI,stake,completed,2025,\n'
                + "Google,Windsurf,acquihire,completed,2025,\n" * 50
            ).encode(),
        ),
        Case(
            "cell-over-128k-positions",
            "csv",
            "positions.csv",
            (POSITIONS_HEADER + "Ada," + "x" * 200_000 + ",Eng,2019-01-01,day\n").encode(),
        ),
        Case(
            "cell-over-128k-deals",
            "csv",
            "deals.csv",
            (DEALS_HEADER + "Meta," + "x" * 200_000 + ",stake,completed,2025,\n").encode(),
        ),
        Case(
            "stray-quote-positions",
            "csv",
            "positions.csv",
            (POSITIONS_HEADER + 'Ada,Ac"me",Eng,2019-01-01,day\n').encode(),
        ),
        Case(
            "formula-cells",
            "csv",
            "deals.csv",
            (DEALS_HEADER + '=HYPERLINK("http://evil.example"),@SUM(A1),stake,completed,2025,\n').encode(),
        ),
        Case(
            "unclosed-quote-wikidata", "csv", "wikidata_entities.csv", b'id,name\nQ1,"open\nQ2,b\n', loader="wikidata"
        ),
    ]
    # The loader that would read each of these once it were well-formed: forced, so the
    # hostile bytes reach that loader's parser instead of stopping at "no loader recognises".
    forced = {
        "deep-yaml-block": "curated",
        "deep-json-deals": "deals",
        "latin1-positions": "positions",
        "utf16-deals": "deals",
        "invalid-utf8-yaml": "curated",
        "nul-in-yaml": "curated",
        "empty-file-yaml": "curated",
    }
    c = [replace(case, loader=forced[case.name]) if case.name in forced else case for case in c]
    for loader in (None, *LOADERS):
        suffix = f"-{loader}" if loader else ""
        c += [
            Case(f"fifo{suffix}", "special", "pipe.csv", loader=loader, special="fifo"),
            Case(f"socket{suffix}", "special", "sock.csv", loader=loader, special="socket"),
            Case(f"dev-zero{suffix}", "special", "zero.yaml", loader=loader, special="devzero"),
            Case(f"folder{suffix}", "special", "folder.csv", loader=loader, special="folder"),
        ]
    return c


_HOSTILE_BYTES = [
    b'"',
    b"'",
    b"\x00",
    b"\n",
    b"\r",
    b",",
    b":",
    b"&a",
    b"*a",
    b"[",
    b"{",
    b"- ",
    b"\xff",
    b"\xe2\x80\xae",
    b"\xe2\x80\x8b",
    b"=",
    b"@",
    b"\t",
    b"#",
    b"!!python/object:os.system ",
    b"9" * 40,
    b".nan",
    b"2019-13-01",
    b"\\ud800",
    b"<<: *a",
]


def _mutate(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        at = rng.randrange(len(buf) + 1)
        if op == 0 and buf:  # delete a run
            del buf[at : at + rng.randint(1, 40)]
        elif op == 1:  # insert a hostile token
            buf[at:at] = rng.choice(_HOSTILE_BYTES)
        elif op == 2 and buf:  # flip a byte
            buf[min(at, len(buf) - 1)] = rng.randrange(256)
        elif op == 3:  # duplicate a line
            lines = bytes(buf).split(b"\n")
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
            buf = bytearray(b"\n".join(lines))
        elif op == 4:  # truncate
            del buf[at:]
        else:  # swap two lines
            lines = bytes(buf).split(b"\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            buf = bytearray(b"\n".join(lines))
    return bytes(buf)


# Mutations per fixture: the article is 28 KB and takes ~1 s a case, the others ~0.1 s.
FUZZ_COUNTS = {"article.yaml": 12, "deals.csv": 45, "deals.yaml": 45, "positions.csv": 45, "sparql.json": 45}


def hostile_cases(seed: int = 13, counts: dict[str, int] | None = None) -> list[Case]:
    """Every case: the hand-made families, then ``counts[fixture]`` mutations of each fixture."""
    cases = _handmade()
    rng = random.Random(seed)
    for filename, path in FIXTURES.items():
        data = path.read_bytes()
        for i in range((counts or FUZZ_COUNTS)[filename]):
            cases.append(Case(f"fuzz-{filename}-{i:03d}", "fuzz", filename, _mutate(data, rng)))
    return cases
