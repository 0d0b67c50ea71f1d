"""``talentgraph extract``: draft a curated YAML file from a new article, or measure a
draft against a reviewed file (``--compare``). Thin wrapper over
``talentgraph.loaders.extract``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .app import StoreOptions, reading_store
from .options import emit, json_option, note


def _store_index(opts: StoreOptions | None) -> Any:
    """The names of the user's store, or None when there is no store yet (never the
    built-in article: a draft links only to what the user has loaded)."""
    from .loaders.extract.names import StoreIndex

    if opts is None or (not opts.neo4j and not opts.store_path().exists()):
        return None
    return StoreIndex.from_store(reading_store(opts))


def _compare_text(doc: dict[str, Any]) -> str:
    lines = [f"{'':14} {'recall':>7} {'precision':>9}   matched / reviewed / drafted"]
    for name, score in doc.items():
        lines.append(
            f"{name:14} {score['recall']:7.2f} {score['precision']:9.2f}   "
            f"{score['matched']} / {score['reviewed']} / {score['drafted']}"
        )
    for name in ("entities", "deals"):
        if doc[name]["missed"]:
            lines.append(f"missed {name}: {', '.join(doc[name]['missed'])}")
    wrong = doc["amounts"]["extra"]
    if wrong:
        lines.append(f"amounts that differ: {'; '.join(wrong)}")
    return "\n".join(lines)


@click.command("extract")
@click.argument("article", required=False)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the draft here (default: print it)."
)
@click.option(
    "--lang",
    type=click.Choice(["auto", "en", "de"]),
    default="auto",
    show_default=True,
    help="Language of the article.",
)
@click.option("--source-id", help="Id of the Source record (default: from the file name).")
@click.option("--title", help="Title of the Source record (default: the article's headline).")
@click.option("--published", metavar="DATE", help="Publication date of the article, e.g. 2025-07-11.")
@click.option("--url", help="Where the article was published.")
@click.option(
    "--extractor",
    default="rules",
    show_default=True,
    metavar="NAME",
    help="Extractor to use: the built-in `rules`, or a plugin's name.",
)
@click.option(
    "--compare",
    nargs=2,
    metavar="DRAFT REVIEWED",
    type=click.Path(dir_okay=False),
    help="Instead of extracting: recall and precision of DRAFT against the REVIEWED curated file.",
)
@json_option
@click.pass_obj
def extract(
    opts: Any,
    article: str | None,
    output: Path | None,
    lang: str,
    source_id: str | None,
    title: str | None,
    published: str | None,
    url: str | None,
    extractor: str,
    compare: tuple[str, str] | None,
    as_json: bool,
) -> None:
    """Draft a curated YAML file from ARTICLE (plain text, Markdown or HTML).

    Every fact has its locator, the cue words behind it and a confidence; unsure ones
    carry `review: true`. Names already in the store link to their ids. Review the
    draft, then `talentgraph validate` and `talentgraph load` it.
    """
    from .loaders.extract import compare_drafts, extract_article

    if compare:
        if article:
            raise click.UsageError("--compare takes DRAFT and REVIEWED and no ARTICLE — drop the article argument")
        result = compare_drafts(*compare).as_dict()
        emit(as_json, result, lambda: _compare_text(result))
        return
    if not article:
        raise click.UsageError("missing ARTICLE — give the article file, or --compare DRAFT REVIEWED")
    draft = extract_article(
        article,
        store=_store_index(opts),
        lang=lang,
        source_id=source_id,
        title=title,
        published=published,
        url=url,
        extractor=extractor,
    )
    summary = {
        "people": len(draft.people),
        "organizations": len(draft.organizations),
        "deals": len(draft.deals),
        "relations": len(draft.relations),
        "review": sum(e.review for e in draft.entities),
        "linked": sum(e.store_id is not None for e in draft.entities),
        "language": draft.language,
        "output": str(output) if output else None,
    }
    if output is None:
        click.echo(draft.to_yaml(), nl=False)
        note(_summary_text(summary))
        return
    draft.write(output)
    emit(as_json, summary, lambda: _summary_text(summary))


def _summary_text(summary: dict[str, Any]) -> str:
    where = f"wrote {summary['output']}: " if summary["output"] else ""
    return (
        f"{where}{summary['people']} people, {summary['organizations']} organizations, {summary['deals']} deals, "
        f"{summary['relations']} relations ({summary['linked']} linked to the store, language "
        f"{summary['language']}) — review the entries marked `review: true`, then `talentgraph validate` it"
    )
