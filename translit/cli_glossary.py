"""`translit glossary ...`: list, show, edit, lint, search, import and export glossaries.

A thin typer layer over `translit.glossary` (reading, merging, linting) and
`translit.glossary.edit` (edits that keep comments and order). Every command works on
the shipped glossary with `-g/--glossary FILE` layered on it (repeatable; later files
extend earlier ones; default: translit.toml's `glossaries`); `--no-shipped-glossary`
leaves the shipped one out. Editing commands write to `--file` if given, else to the
last selected glossary that is not the shipped one (an entry for a shipped term is an
extension of it), and refuse to write a file that would no longer load.

Errors are one line, `error: ...`, with exit code 2. YAML libraries are imported by
the commands, not here, so `translit --help` stays fast.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from translit.cli_options import FromEncodingOption, GlossaryOption, NoShippedOption, value
from translit.exits import EXIT_INPUT, fail

if TYPE_CHECKING:
    from translit.document import Entry, Glossary


glossary_app = typer.Typer(
    help=(
        "Keep the glossary: list, show, add, add-variant, remove, lint, find, "
        "import, export.\n\n"
        "Entries are keyed by the canonical English term; `vi` lists the Vietnamese "
        "variants that must come out as that term."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)

FileOption = Annotated[
    Path | None,
    typer.Option(
        "--file", help="The glossary file to change [default: the last selected glossary]."
    ),
]


class Case(str, Enum):
    sensitive = "sensitive"
    insensitive = "insensitive"


class ExportFormat(str, Enum):
    csv = "csv"
    tsv = "tsv"
    tbx = "tbx"


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _selected(glossary: list[Path] | None, no_shipped: bool = False) -> list[Path]:
    """The glossary files the command works on: the shipped glossary, then the -g files
    (or translit.toml's), unless --no-shipped-glossary."""
    from translit.config import ConfigError
    from translit.glossary import selected_glossaries

    try:
        return selected_glossaries(glossary, no_shipped)
    except ConfigError as err:
        fail(str(err))


def _load(paths: list[Path]) -> Glossary:
    from translit.glossary import GlossaryError, load_glossaries

    if not paths:
        fail("no glossary selected; give one with -g FILE")
    try:
        return load_glossaries(paths)
    except GlossaryError as err:
        fail(str(err))


def _target(
    file: Path | None, glossary: list[Path] | None, no_shipped: bool = False
) -> tuple[Path, list[Path]]:
    """The file to edit and the glossaries it must load with (it included).

    Without --file, the last glossary given with -g (or in translit.toml); the
    shipped glossary is edited only when named, never by default.
    """
    from translit.glossary import shipped_glossaries

    paths = _selected(glossary, no_shipped)
    if file is None:
        shipped = {p.resolve() for p in shipped_glossaries()}
        named = list(glossary or [])
        own = [p for p in paths if p.resolve() not in shipped]
        if named and named[-1].resolve() in shipped:
            return named[-1], paths  # -g names the shipped glossary: edit it
        if not own:
            fail(
                "not editing the shipped glossary by default; name your glossary with "
                "--file FILE (or -g FILE); its entries extend the shipped ones"
            )
        return own[-1], paths
    same = [p for p in paths if p.resolve() == file.resolve()]
    return file, paths if same else [*paths, file]


def _extends(path: Path, term: str, context: list[Path]) -> str:
    """ " (extends the entry of FILE:LINE; ...)" when another selected glossary defines
    `term`, so an entry for it in `path` adds to that one; else ""."""
    from translit.glossary import GlossaryError
    from translit.glossary.edit import defined_elsewhere

    try:
        base = defined_elsewhere(path, term.strip(), context)
    except GlossaryError:
        return ""
    if base is None:
        return ""
    return f" (extends the entry of {base.origin}: the merged entry keeps its variants)"


def _where(entry: Entry) -> tuple[str, int]:
    path, _, line = entry.origin.rpartition(":")
    return path, int(line) if line.isdigit() else 0


def _flags(entry: Entry) -> list[str]:
    flags = []
    if entry.case_sensitive:
        flags.append("case-sensitive")
    if entry.keep:
        flags.append("keep")
    if entry.not_followed_by or entry.not_preceded_by:
        flags.append("guarded")
    if entry.en_variants:
        flags.append("en-variants")
    return flags


def _as_json(entry: Entry) -> dict[str, object]:
    path, line = _where(entry)
    return {
        "term": entry.term,
        "vi": list(entry.plain_vi),
        "en": list(entry.en),
        "mentions": {english: list(vi) for english, vi in entry.mentions},
        "en_variants": list(entry.en_variants),
        "note": entry.note,
        "case": "sensitive" if entry.case_sensitive else "insensitive",
        "not_followed_by": list(entry.not_followed_by),
        "not_preceded_by": list(entry.not_preceded_by),
        "keep": entry.keep,
        "section": entry.section,
        "file": path,
        "line": line,
    }


@glossary_app.command("list")
def list_entries(
    glossary: GlossaryOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array of entries.")] = False,
    no_shipped_glossary: NoShippedOption = False,
    section: Annotated[
        list[str] | None,
        typer.Option(
            "--section",
            "-s",
            help="Only the entries of this section (countries, capitals, organisations, "
            "leaders...); repeat for several.",
        ),
    ] = None,
) -> None:
    """List the merged entries: term, Vietnamese variants, flags, and the file:line.

    Examples:

      translit glossary list

      translit glossary list --section countries --json

      translit glossary list -g my-desk.yaml --json
    """
    from translit.glossary import in_sections

    merged = _load(_selected(glossary, no_shipped_glossary))
    try:
        entries = in_sections(merged, section or ())
    except ValueError as err:
        fail(str(err))
    if as_json:
        typer.echo(json.dumps([_as_json(e) for e in entries], ensure_ascii=False))
        return
    for entry in entries:
        flags = ",".join(_flags(entry)) or "-"
        typer.echo(f"{entry.term}\t{', '.join(entry.vi)}\t{flags}\t{entry.origin}")


@glossary_app.command("show")
def show(
    term: Annotated[str, typer.Argument(help="Canonical English term (or one of its variants).")],
    glossary: GlossaryOption = None,
    no_shipped_glossary: NoShippedOption = False,
) -> None:
    """Show one entry, the file that defines it, and the files it overrides.

    Examples:

      translit glossary show Moscow

      translit glossary show Mátxcơva -g my-desk.yaml
    """
    from translit.glossary import definitions
    from translit.glossary.search import describe, lookup

    paths = _selected(glossary, no_shipped_glossary)
    entry, how, close = lookup(_load(paths), term)
    if entry is None:
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        fail(f"no entry {term!r}{hint}")
    typer.echo(f"{entry.term}{how}")
    for line in describe(entry):
        typer.echo(line)
    origins = [e.origin for e in definitions(paths, entry.term)]
    if len(origins) > 1:
        typer.echo(f"  merged from: {', '.join(origins)} (later files extend earlier ones)")


@glossary_app.command("add")
def add(
    canonical: Annotated[
        str | None,
        typer.Argument(
            help="The canonical English term (the key) [default: with --name, "
            "the name in the house style]."
        ),
    ] = None,
    vi: Annotated[
        list[str] | None, typer.Option("--vi", help="A Vietnamese variant; repeat for more.")
    ] = None,
    name: Annotated[
        list[str] | None,
        typer.Option(
            "--name",
            help="A Vietnamese person or place as `glossary find` shows it: added as a "
            "case-sensitive variant, the key its house form (Pham Minh Chinh); repeatable.",
        ),
    ] = None,
    en_variant: Annotated[
        list[str] | None,
        typer.Option("--en-variant", help="An English form to rewrite to the term; repeatable."),
    ] = None,
    note: Annotated[str, typer.Option(help="A note for editors.")] = "",
    case: Annotated[
        Case, typer.Option(help="sensitive: variants match only as written.")
    ] = Case.insensitive,
    keep: Annotated[
        bool, typer.Option("--keep", help="Do not translate: emit the term as written.")
    ] = False,
    not_followed_by: Annotated[
        list[str] | None,
        typer.Option("--not-followed-by", help="No match when this word follows; repeatable."),
    ] = None,
    not_preceded_by: Annotated[
        list[str] | None,
        typer.Option("--not-preceded-by", help="No match when this word precedes; repeatable."),
    ] = None,
    glossary: GlossaryOption = None,
    file: FileOption = None,
    no_shipped_glossary: NoShippedOption = False,
) -> None:
    """Add an entry (at the end of the file; comments and order are kept).

    A name `glossary find` lists (a Vietnamese person or place no entry holds) is added
    with --name: the key is its house form, or the English you give (an established
    form, or the right name for someone the finder took for Vietnamese).

    Examples:

      translit glossary add Paris --vi Pa-ri --vi "Ba Lê" --note "capital of France"

      translit glossary add Britain --vi Anh --case sensitive --not-followed-by ấy

      translit glossary add RT --keep --file my-desk.yaml

      translit glossary add --name "Phạm Minh Chính" --file my-desk.yaml

      translit glossary add "Liu Haixing" --name "Lưu Hải Tinh" --file my-desk.yaml
    """
    from translit.glossary import GlossaryError
    from translit.glossary.edit import add_entry

    canonical, variants, case = _from_names(canonical, list(vi or ()), name or [], case)
    path, context = _target(file, glossary, no_shipped_glossary)
    extends = _extends(path, canonical, context)
    try:
        add_entry(
            path,
            canonical,
            variants,
            en_variants=en_variant or (),
            note=note,
            case_sensitive=case is Case.sensitive,
            keep=keep,
            not_followed_by=not_followed_by or (),
            not_preceded_by=not_preceded_by or (),
            context=context,
        )
    except (GlossaryError, OSError) as err:
        fail(str(err))
    typer.echo(f"added {canonical.strip()!r} to {path}{extends}")


def _from_names(
    canonical: str | None, vi: list[str], names: list[str], case: Case
) -> tuple[str, list[str], Case]:
    """`glossary add`'s key, variants and case once --name values are in: the key
    defaults to the first name in the house style (translit.toml's names)."""
    if not names:
        if canonical is None:
            fail("give the canonical English term, or a Vietnamese name with --name")
        return canonical, vi, case
    from translit.config import ConfigError, load_config
    from translit.glossary.fold import nfc
    from translit.names import house_form, looks_like_name

    names = [" ".join(nfc(n).split()) for n in names]
    if not all(names):
        fail("--name needs a name, such as --name 'Phạm Minh Chính'")
    for text in names:
        if not looks_like_name(text):
            fail(
                f"--name {text!r} is not a name (words of letters, joined by spaces or "
                "hyphens), such as --name 'Phạm Minh Chính'"
            )
    if canonical is None:
        try:
            style = load_config().names
        except ConfigError as err:
            fail(str(err))
        canonical = house_form(names[0], style)  # type: ignore[arg-type]
    return canonical, [*names, *vi], Case.sensitive


@glossary_app.command("add-variant")
def add_variant(
    canonical: Annotated[str, typer.Argument(help="The entry's canonical English term.")],
    variant: Annotated[str, typer.Argument(help="The Vietnamese variant to add.")],
    glossary: GlossaryOption = None,
    file: FileOption = None,
    no_shipped_glossary: NoShippedOption = False,
) -> None:
    """Add a Vietnamese variant to an entry (flow lists stay flow lists).

    Examples:

      translit glossary add-variant Moscow "Mạc Tư Khoa"

      translit glossary add-variant Kyiv Ki-ép --file glossaries/world-news.yaml
    """
    from translit.glossary import GlossaryError
    from translit.glossary.edit import add_variant as add_one

    path, context = _target(file, glossary, no_shipped_glossary)
    extends = _extends(path, canonical, context)
    try:
        add_one(path, canonical, variant, context=context)
    except (GlossaryError, OSError) as err:
        fail(str(err))
    typer.echo(f"added {variant.strip()!r} to {canonical.strip()!r} in {path}{extends}")


@glossary_app.command("remove")
def remove(
    canonical: Annotated[str, typer.Argument(help="The canonical English term to remove.")],
    glossary: GlossaryOption = None,
    file: FileOption = None,
    no_shipped_glossary: NoShippedOption = False,
) -> None:
    """Remove an entry (and a comment paragraph that is only about it).

    Examples:

      translit glossary remove Atlantis

      translit glossary remove RT --file my-desk.yaml
    """
    from translit.glossary import GlossaryError
    from translit.glossary.edit import remove_entry

    path, context = _target(file, glossary, no_shipped_glossary)
    try:
        remove_entry(path, canonical, context=context)
    except (GlossaryError, OSError) as err:
        fail(str(err))
    typer.echo(f"removed {canonical.strip()!r} from {path}")


@glossary_app.command("lint")
def lint(glossary: GlossaryOption = None, no_shipped_glossary: NoShippedOption = False) -> None:
    """Check glossary files: errors (exit 2) and warnings, each at file:line:col.

    Errors: invalid YAML, unknown keys, wrong types, empty values, duplicate keys, two
    entries claiming one variant. Warnings: a variant that is a common Vietnamese word
    (Anh, Mỹ, Nga...) without `case: sensitive` or a guard, a rejected English form
    (en_variants) that an entry accepts, a variant listed twice, and a desk entry that
    replaces a shipped one (replace: true) or overrides its case or keep.

    Examples:

      translit glossary lint

      translit glossary lint -g my-desk.yaml
    """
    from translit.glossary import lint_counted

    paths = _selected(glossary, no_shipped_glossary)
    if not paths:
        fail("no glossary selected; give one with -g FILE")
    problems, entries = lint_counted(paths)
    for problem in problems:
        typer.echo(str(problem))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    typer.echo(
        f"{_plural(entries, 'entry', 'entries')} in {_plural(len(paths), 'file')}: "
        f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    )
    if errors:
        raise typer.Exit(EXIT_INPUT)


@glossary_app.command("find")
def find(
    source: Annotated[
        str, typer.Argument(help="An article file (or folder of them), or Vietnamese text.")
    ],
    glossary: GlossaryOption = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help='As JSON: {"hits": [{"term", "text", "start", "end", "english", "file", '
            '"paragraph"}], "names": [{"text", "start", "end", "english", "kind", "file", '
            '"paragraph"}]}.',
        ),
    ] = False,
    no_shipped_glossary: NoShippedOption = False,
    from_encoding: FromEncodingOption = None,
) -> None:
    """Show which entries match where, with the text matched; then the Vietnamese people
    and places found that no entry holds, and how they come out (translit.toml's names
    style), with the command that adds one to a glossary.

    For a file: `file:paragraph: «matched» → Term`; for text: `start-end: ...`; a
    variant with its own English (a surname, an acronym) adds `(as Biden)`.

    Examples:

      translit glossary find examples/thuong-dinh-truc-tuyen.txt

      translit glossary find "Điện Kremlin và Nhà Trắng"

      translit glossary find "Ông Biden tới Mátxcơva" --json

      translit glossary find old-article.txt --from-encoding tcvn3

      translit glossary find "Thủ tướng Phạm Minh Chính đến Đà Nẵng."
    """
    from translit.config import ConfigError, load_config
    from translit.formats.registry import ARTICLE_SUFFIXES
    from translit.glossary.enforce import term_policy
    from translit.glossary.search import find_terms
    from translit.io import InputError

    try:
        style = load_config().names
    except ConfigError as err:
        fail(str(err))
    loaded = _load(_selected(glossary, no_shipped_glossary))
    policy = term_policy(loaded, conventions=False, names=style)  # type: ignore[arg-type]
    if Path(source).suffix.lower() in ARTICLE_SUFFIXES and not Path(source).exists():
        fail(f"{source}: no such file")
    try:
        found, names = find_terms(source, policy, value(from_encoding))
    except InputError as err:
        fail(str(err))
    if as_json:
        hits = [hit.as_dict() for hit in found]
        listed = [name.as_dict() for name in names]
        typer.echo(json.dumps({"hits": hits, "names": listed}, ensure_ascii=False, indent=2))
    else:
        for hit in found:
            typer.echo(hit.line())
        if names:
            typer.echo("names (not in the glossary):")
            for name in names:
                typer.echo(name.line())
    summary = _plural(len(found), "match", "matches")
    if names:
        summary += f", {_plural(len(names), 'name')} not in the glossary"
        summary += f"; to keep one: translit glossary add --name {_quote(names[0].text)}"
    typer.echo(summary, err=True)


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


@glossary_app.command("import")
def import_(
    table: Annotated[
        Path, typer.Argument(help="Two-column .csv or .tsv: Vietnamese, English per row.")
    ],
    glossary: GlossaryOption = None,
    file: FileOption = None,
    no_shipped_glossary: NoShippedOption = False,
) -> None:
    """Import a DeepL/Google-style two-column glossary table (.csv or .tsv).

    Each row adds its Vietnamese as a vi variant of the entry keyed by its English
    (created if needed; for a term the shipped glossary defines, an entry in your file
    that extends it). Rows already present are skipped; a Vietnamese term that
    belongs to another entry is an error with its line number, and then nothing is
    written. A first row of language codes (vi,en) is a header.

    Examples:

      translit glossary import desk-terms.csv

      translit glossary import deepl-glossary.tsv --file my-desk.yaml
    """
    from translit.glossary import GlossaryError
    from translit.glossary.edit import import_terms

    path, context = _target(file, glossary, no_shipped_glossary)
    try:
        report = import_terms(table, path, context=context)
    except (GlossaryError, OSError) as err:
        fail(str(err))
    if report.problems:
        for problem in report.problems:
            typer.echo(f"error: {problem}", err=True)
        fail(f"nothing imported: {_plural(len(report.problems), 'problem')} in {table}")
    extends = ""
    if report.extensions:
        terms = ", ".join(report.extensions)
        verb = "extends the entry" if len(report.extensions) == 1 else "extend the entries"
        origins = list(report.extensions.values())
        files = dict.fromkeys(o.rsplit(":", 1)[0] for o in origins)
        where = origins[0] if len(origins) == 1 else ", ".join(files)
        extends = f" ({terms} {verb} of {where}: the merged entries keep their variants)"
    typer.echo(
        f"imported {_plural(report.rows, 'row')} into {path}: "
        f"{_plural(len(report.added_entries), 'new entry', 'new entries')}, "
        f"{_plural(report.added_variants, 'variant')} added, "
        f"{report.skipped} already there{extends}"
    )


@glossary_app.command("export")
def export(
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="csv, tsv (vi,en rows) or tbx.")
    ] = ExportFormat.csv,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    glossary: GlossaryOption = None,
    no_shipped_glossary: NoShippedOption = False,
) -> None:
    """Export the merged glossary: CSV/TSV for DeepL and Google, TBX-Basic for CAT tools.

    CSV and TSV have one row per Vietnamese variant: `Vietnamese,English`, no header.

    Examples:

      translit glossary export --format csv -o glossary.csv

      translit glossary export --format tbx -o world-news.tbx
    """
    from translit.glossary.edit import export_terms
    from translit.io import NotWritten, write_atomic

    text = export_terms(_load(_selected(glossary, no_shipped_glossary)), fmt.value)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        write_atomic(output, text)
    except NotWritten as err:  # a link or a folder in the way: its own message
        fail(str(err))
    except OSError as err:
        fail(f"{output}: cannot write ({err.strerror})")
    typer.echo(f"wrote {output}", err=True)
