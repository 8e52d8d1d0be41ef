"""The `translit` command: a thin typer layer over the library.

Exit codes: 0 done; 2 bad input (some files were not processed, or an argument,
config, glossary or output directory is unusable); 3 no usable model (none
installed, the wrong language pair, or one that does not load with the options
given). Errors are one line on stderr, never a traceback.

Heavy modules (ctranslate2, sentencepiece, argostranslate) are imported only by the
commands that need them, so `translit --help` starts at once.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from translit import __version__
from translit.cli_glossary import glossary_app
from translit.cli_options import (
    BeamOption,
    ComputeTypeOption,
    Device,
    FromEncodingOption,
    GlossaryOption,
    NamesOption,
    NameStyle,
    NoGlossaryOption,
    NoShippedOption,
    TermStrategy,
    ThreadsOption,
    name_style,
    strategy_name,
    value,
)
from translit.config import ConfigError, load_config
from translit.exits import EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERRUPTED, EXIT_MODEL, fail
from translit.formats.registry import build_formats_help, formats_help, suffix_list
from translit.io import InputError

app = typer.Typer(
    name="translit",
    help=(
        "Offline Vietnamese→English translation of news articles, with a house glossary "
        "and bilingual files for review.\n\n"
        "Start with: translit models install vi en, then translit translate articles/ -o outputs/"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
models_app = typer.Typer(
    help="List, install and remove translation models (Argos packages, converted "
    "CTranslate2 models such as OPUS-MT and NLLB).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(models_app, name="models")
app.add_typer(glossary_app, name="glossary")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"translit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Offline Vietnamese→English translation of news articles."""


class _Bar:
    """A rich progress bar on stderr (segments done / total, rate, time left)."""

    def __init__(self, unit: str = "segments") -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("translating"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(unit),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._task = self._progress.add_task("translate", total=None, rate="")

    def start(self, total: int) -> None:
        self._progress.start()
        self._progress.update(self._task, total=total)

    def advance(self, n: int) -> None:
        self._progress.advance(self._task, n)
        task = self._progress.tasks[0]
        if task.elapsed:
            self._progress.update(self._task, rate=f"{task.completed / task.elapsed:.1f}/s")

    def stop(self) -> None:
        self._progress.stop()


# `--ray` alone, or followed by a cluster address: `auto`, `local`, `ray://HOST:PORT`, `HOST:PORT`.
_RAY_ADDRESS = re.compile(r"auto|local|ray://\S+|(\[[0-9a-fA-F:.]+\]|[\w.-]+):\d{1,5}")


class _TranslateCommand(TyperCommand):
    """translate's command line, where `--ray` may stand alone (typer has no option
    with an optional value): a `--ray` not followed by an address gets "" (RAY_ADDRESS,
    or a new Ray on this machine), so `--ray articles/` leaves the folder an argument."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        given: list[str] = []
        for i, arg in enumerate(args):
            given.append(arg)
            if arg == "--":
                given += args[i + 1 :]
                break
            if arg == "--ray" and not (i + 1 < len(args) and _RAY_ADDRESS.fullmatch(args[i + 1])):
                given.append("")
        return super().parse_args(ctx, given)


@app.command(cls=_TranslateCommand)
def translate(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            metavar="ARTICLES...", help=f"Article files ({suffix_list()}) or folders of them."
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Where to write the files [default: outputs]."),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            help="Installed model name, or an Argos package or converted CTranslate2 "
            "folder [default: newest vi→en Argos package, see translit models list]."
        ),
    ] = None,
    beam: BeamOption = None,
    device: Annotated[
        Device | None, typer.Option(help="cpu, cuda, or auto (GPU if present) [default: auto].")
    ] = None,
    threads: ThreadsOption = None,
    compute_type: ComputeTypeOption = None,
    batch_tokens: Annotated[
        int | None,
        typer.Option(
            help="Source tokens per batch, 1 to 16384 [default: 1024 / beam, 256 at beam 4]."
        ),
    ] = None,
    glossary: GlossaryOption = None,
    no_glossary: NoGlossaryOption = False,
    no_shipped_glossary: NoShippedOption = False,
    term_strategy: Annotated[
        TermStrategy,
        typer.Option(
            help="How glossary terms get into the English: verify (translate the sentence "
            "as written, keep the model's English when it has every term, else repair: "
            "replace the span aligned to the term, translate again with the term inline, "
            "then n-best), inline (the English term in the source from the start) or "
            "placeholder (TERMn tokens put back after translation)."
        ),
    ] = TermStrategy.verify,
    formats: Annotated[
        str | None, typer.Option("--format", metavar="NAMES", help=formats_help())
    ] = None,
    recursive: Annotated[
        bool,
        typer.Option(
            "--recursive",
            "-r",
            help="Read folders with their subfolders; the outputs mirror the tree "
            "(OUT/2021/12/bai-1.po for 2021/12/bai-1.txt).",
        ),
    ] = False,
    no_conventions: Annotated[
        bool,
        typer.Option(
            "--no-conventions",
            help="Leave numbers and dates as written (no 1.500.000 → 1,500,000, "
            "7.12 → December 7) [default: convert, or translit.toml's conventions].",
        ),
    ] = False,
    names: NamesOption = None,
    no_mt: Annotated[
        bool,
        typer.Option(
            "--no-mt",
            help="No machine translation: write the files with empty English for a "
            "human translator (glossary hints included); needs no model.",
        ),
    ] = False,
    from_encoding: FromEncodingOption = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no summary line.")
    ] = False,
    shard: Annotated[
        str | None,
        typer.Option(
            metavar="K/N",
            help="Translate only shard K of N (a fixed split by article id), so N runs on "
            "N machines into one shared --output folder translate every article once.",
        ),
    ] = None,
    ray: Annotated[
        str | None,
        typer.Option(
            "--ray",
            metavar="[ADDRESS]",
            help="Run on a Ray cluster: --ray alone joins RAY_ADDRESS or starts Ray here; "
            "--ray auto, --ray HOST:PORT or --ray ray://HOST:10001 join a running one. "
            "Input and output folders must be shared by every node. Needs translit[ray].",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=100_000,
            help="With --ray: workers, each holding a model [default: as many as the "
            "cluster's free CPUs (or GPUs) hold].",
        ),
    ] = None,
    worker_cpus: Annotated[
        int,
        typer.Option(min=1, max=256, help="With --ray: CPUs (CTranslate2 threads) per worker."),
    ] = 1,
    worker_gpus: Annotated[
        float,
        typer.Option(min=0, max=64, help="With --ray: GPUs per worker (1 = one worker per GPU)."),
    ] = 0.0,
    chunk_segments: Annotated[
        int | None,
        typer.Option(min=1, hidden=True, help="Segments per chunk (files land per chunk)."),
    ] = None,
) -> None:
    """Translate articles into English: <id>.po, <id>.en.txt and <id>.html per article
    (and <id>.en.docx for a Word file).

    Articles are text files, saved web pages (the article's text, without menus,
    related news or comments) and Word files; ARTICLES below names their suffixes.

    Every glossary variant in the source (Mátxcơva, Moskva, ...) comes out as one of
    the entry's English forms (Moscow): the model's own English is kept when it has
    them, else repaired; the PO says how each term got in, and flags one still lost.

    Run it again after a reviewer edited outputs/<id>.po: approved or edited entries
    are kept exactly, only new or changed sentences are translated.

    Examples:

      translit translate examples/ -o outputs/

      translit translate examples/ --no-mt        # files for a human translator

      translit translate article.txt -g my-desk.yaml   # on top of the shipped glossary

      translit translate article.txt --beam 1 --threads 2

      translit translate examples/ --format all   # also md, tsv, tmx, xliff, docx

      translit translate archive/ -r -o outputs/   # a folder tree, mirrored

      translit translate examples/ --term-strategy inline   # terms in the source
      translit translate examples/ --names diacritics   # Phạm Minh Chính stays as written

      translit translate archive/ -o shared/out --shard 2/8   # machine 2 of 8

      translit translate archive/ -o shared/out --ray auto --worker-cpus 2
    """
    from translit.run import RunError, RunSettings, translate_command

    settings = RunSettings(
        inputs,
        output=output,
        model=model,
        beam=beam,
        device=value(device),
        threads=threads,
        compute_type=compute_type,
        batch_tokens=batch_tokens,
        formats=formats,
        recursive=recursive,
        conventions=False if no_conventions else None,
        glossaries=glossary or (),
        use_glossary=not no_glossary,
        shipped_glossary=not no_shipped_glossary,
        term_strategy=strategy_name(term_strategy),
        machine_translation=not no_mt,
        from_encoding=value(from_encoding),
        chunk_segments=chunk_segments,
        names=name_style(names),
        shard=shard,
        ray=ray,
        workers=workers,
        worker_cpus=worker_cpus,
        worker_gpus=worker_gpus,
    )
    unit = "segments" if ray is None else "articles"
    bar = None if quiet or not sys.stderr.isatty() else _Bar(unit)
    try:
        done = translate_command(
            settings, progress=bar, on_error=_say("error"), on_warning=_say("warning")
        )
    except RunError as err:
        fail(str(err), EXIT_MODEL if err.model else EXIT_INPUT)
    except KeyboardInterrupt:
        fail(INTERRUPTED, EXIT_INTERRUPTED)
    finally:
        if bar is not None:
            bar.stop()
    if not quiet and (done.report.articles or not done.report.errors):
        typer.echo(f"{done.report.summary()} → {done.output}", err=True)
    if done.report.errors:
        raise typer.Exit(EXIT_INPUT)


def _say(kind: str) -> Callable[[str], None]:
    """A callback that prints `kind: message` on stderr (kind: error, warning)."""

    def say(message: str) -> None:
        typer.echo(f"{kind}: {message}", err=True)

    return say


INTERRUPTED = (
    "interrupted: finished articles are written; run the same command again to go on "
    "where it stopped"
)


@app.command()
def segment(
    file: Annotated[Path, typer.Argument(help=f"An article ({suffix_list()}).")],
    from_encoding: FromEncodingOption = None,
) -> None:
    """Print an article's segments, one per line: key, a tab, the sentence.

    Example:

      translit segment examples/thuong-dinh-truc-tuyen.txt
    """
    from translit.articles import find_articles
    from translit.pipeline import load_document

    if file.is_dir():
        found = find_articles([file])
        example = f", e.g. {found[0].path}" if found else ""
        fail(
            f"{file}: a folder; translit segment shows one article's segments: give a file{example}"
        )
    try:
        doc = load_document(file, from_encoding=value(from_encoding))
    except InputError as err:
        fail(str(err))
    for notice in doc.notices:
        typer.echo(f"warning: {file}: {notice}", err=True)
    for seg in doc.segments:
        typer.echo(f"{seg.key}\t{seg.source}")


def _open_in_browser(url: str) -> None:
    """Open url in the user's web browser, or say on stderr that none could be found."""
    import webbrowser

    try:
        opened = webbrowser.open(url)
    except webbrowser.Error:
        opened = False
    if not opened:
        typer.echo(
            f"warning: no web browser found to open {url}; open it yourself "
            "(or set BROWSER to the browser's command)",
            err=True,
        )


def _term_policy(
    glossary: list[Path] | None,
    no_glossary: bool,
    no_shipped: bool = False,
    names: NameStyle | None = None,
):  # -> TermPolicy
    """The glossary policy for commands that check English against the glossary (names
    in the style of `names`, else translit.toml's)."""
    from translit.document import Glossary
    from translit.glossary import GlossaryError, load_glossaries, selected_glossaries
    from translit.glossary.enforce import term_policy

    try:
        config = load_config()
        style = name_style(names) or config.names
        if no_glossary:
            return term_policy(Glossary(), names=style)
        return term_policy(load_glossaries(selected_glossaries(glossary, no_shipped)), names=style)
    except (ConfigError, GlossaryError) as err:
        fail(str(err))


def _error_list() -> tuple[list[str], Callable[[str], None]]:
    """A list of errors, and a callback that prints one (one line) and adds it."""
    errors: list[str] = []

    def error(message: str) -> None:
        errors.append(message)
        typer.echo(f"error: {message}", err=True)

    return errors, error


RecursiveOption = Annotated[
    bool,
    typer.Option(
        "--recursive", "-r", help="Read folders with their subfolders (a tree of translate -r)."
    ),
]


@app.command()
def build(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PO_FILES...]",
            help="Review files (<id>.po) or folders of them [default: outputs].",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Where to write [default: beside each PO file]."),
    ] = None,
    formats: Annotated[
        str | None, typer.Option("--format", metavar="NAMES", help=build_formats_help())
    ] = None,
    glossary: GlossaryOption = None,
    no_glossary: NoGlossaryOption = False,
    no_shipped_glossary: NoShippedOption = False,
    recursive: RecursiveOption = False,
) -> None:
    """Rebuild the English article and side-by-side files from reviewed PO files.

    Needs no model: the English is the PO's as the reviewer left it (fuzzy entries
    included, and flagged in the HTML); glossary hits and findings are recomputed.

    Examples:

      translit build                 # every PO file in the output folder (outputs)

      translit build outputs/thuong-dinh-truc-tuyen.po

      translit build outputs/ --format txt,html,md,tsv

      translit build outputs/ -r                  # a tree made by translate -r
    """
    from translit.review import build_files, find_review_files, load_reviews

    chosen = None if formats is None else _format_list(formats)
    if chosen and "po" in chosen:
        fail("build never rewrites the review file: leave po out of --format")
    policy = _term_policy(glossary, no_glossary, no_shipped_glossary)
    try:
        paths = find_review_files(files or [load_config().output], recursive)
    except (InputError, ConfigError) as err:
        fail(str(err))
    errors, error = _error_list()
    for path, doc in load_reviews(paths, policy, error):
        try:
            written = build_files(doc, output or path.parent, chosen)
        except InputError as err:
            error(str(err))
            continue
        typer.echo(f"{path} → {', '.join(str(w) for w in written)}", err=True)
    if errors:
        raise typer.Exit(EXIT_INPUT)


@app.command()
def review(
    files: Annotated[
        list[Path] | None,
        typer.Argument(metavar="[PO_FILES...]", help="Review files or folders [default: outputs]."),
    ] = None,
    open_html: Annotated[
        bool, typer.Option("--open", help="Open each article's HTML page in the browser.")
    ] = False,
    glossary: GlossaryOption = None,
    no_glossary: NoGlossaryOption = False,
    no_shipped_glossary: NoShippedOption = False,
    recursive: RecursiveOption = False,
) -> None:
    """Show how far the review has come: a table per article of segments, reviewed,
    fuzzy and untranslated entries and findings.

    Examples:

      translit review outputs/

      translit review outputs/thuong-dinh-truc-tuyen.po --open
    """
    from translit.review import article_status, find_review_files, load_reviews, status_table

    policy = _term_policy(glossary, no_glossary, no_shipped_glossary)
    try:
        paths = find_review_files(files or [load_config().output], recursive)
    except (InputError, ConfigError) as err:
        fail(str(err))
    errors, error = _error_list()
    rows = [article_status(doc, path) for path, doc in load_reviews(paths, policy, error)]
    typer.echo(status_table(rows))
    if open_html:
        for r in rows:
            page = r.path.with_name(f"{r.id}.html")
            if not page.exists():
                typer.echo(f"warning: {page} does not exist; run translit build {r.path}", err=True)
            else:
                _open_in_browser(page.resolve().as_uri())
    if errors:
        raise typer.Exit(EXIT_INPUT)


@app.command()
def serve(
    output_dir: Annotated[
        Path | None,
        typer.Argument(metavar="[OUTPUT_DIR]", help="Folder of review files [default: outputs]."),
    ] = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on: this machine only unless --allow-remote.")
    ] = "127.0.0.1",
    port: Annotated[
        int,
        typer.Option(
            min=0, max=65535, show_default=False, help="Port to listen on [default: a free one]."
        ),
    ] = 0,
    allow_remote: Annotated[
        bool,
        typer.Option(
            "--allow-remote", help="Allow a --host other machines can reach (plain HTTP)."
        ),
    ] = False,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the app in your web browser.")
    ] = False,
    glossary: GlossaryOption = None,
    no_glossary: NoGlossaryOption = False,
) -> None:
    """Review in the browser: edit, approve and check the English side by side.

    Serves the PO files of the folder on this machine. The first line printed is the
    address to open, with a session token (http://127.0.0.1:PORT/?token=...); every
    save goes to the PO file and rebuilds the article's .en.txt and .html. The same
    pages' JSON API is documented in the README. Ctrl-C stops it.

    Examples:

      translit serve outputs/

      translit serve outputs/ --open --port 8765
    """
    from translit.review import find_review_files
    from translit.serve.server import is_loopback, serve
    from translit.serve.store import ReviewFolder, model_engine

    if not is_loopback(host):
        if not allow_remote:
            fail(f"--host {host} lets other machines connect: add --allow-remote if you mean it")
        typer.echo(
            f"warning: serving on {host}: anyone who can reach this machine and gets the "
            "token can edit the review files, and plain HTTP does not hide the token",
            err=True,
        )
    try:
        config = load_config()
        folder_path = output_dir or config.output
        find_review_files([folder_path])
    except (InputError, ConfigError) as err:
        fail(str(err))
    if not folder_path.is_dir():
        fail(f"{folder_path}: not a folder; translit serve serves a folder of review files")
    folder = ReviewFolder(
        folder_path,
        _term_policy(glossary, no_glossary),
        engine_factory=model_engine(config),
        on_warning=lambda message: typer.echo(f"warning: {message}", err=True),
    )

    def ready(url: str) -> None:
        typer.echo(f"serving {folder_path} for review; press Ctrl-C to stop", err=True)
        if open_browser:
            _open_in_browser(url)

    try:
        serve(folder, host, port, echo=lambda url: typer.echo(url), on_ready=ready)
    except InputError as err:
        fail(str(err))
    except KeyboardInterrupt:
        pass
    typer.echo("stopped", err=True)


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    never = "never"


class Require(str, Enum):
    translated = "translated"
    reviewed = "reviewed"


@app.command()
def check(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[FILES...]",
            help="Review files or folders [default: outputs]; with --bitext, SOURCE TARGET "
            "or one FILE.tsv.",
        ),
    ] = None,
    bitext: Annotated[
        bool,
        typer.Option(
            "--bitext",
            help="Check a bilingual text instead of review files: two line-aligned UTF-8 "
            "files (Vietnamese, English), or one TSV file with two columns.",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Findings as JSON on stdout.")] = False,
    fail_on: Annotated[
        FailOn,
        typer.Option(help="Exit 1 when a finding of this severity or worse exists."),
    ] = FailOn.error,
    require: Annotated[
        Require | None,
        typer.Option(
            help="Also exit 1 unless every segment is translated (has English) or "
            "reviewed (has English and is approved, not fuzzy). A bitext has no review "
            "status: only translated applies to it.",
        ),
    ] = None,
    glossary: GlossaryOption = None,
    no_glossary: NoGlossaryOption = False,
    no_shipped_glossary: NoShippedOption = False,
    recursive: RecursiveOption = False,
    from_encoding: FromEncodingOption = None,
    names: NamesOption = None,
) -> None:
    """Check English against its Vietnamese source and the glossary.

    Finds what a reviewer must look at: a missing glossary term, a rejected variant,
    a Vietnamese name not in the house form (Nguyen Thi Pink for Nguyễn Thị Hồng), a
    number or date that does not match, Vietnamese left in the English, unbalanced
    brackets or quotes, ... (machine or human translation alike). Exit code 1 when a
    finding at or above --fail-on exists, or a segment falls short of --require; 0
    otherwise; 2 for an unreadable file. Counts segments by status per file and in all.

    With --bitext it checks any translation: one segment per line, keyed by the line
    number.

    Examples:

      translit check outputs/

      translit check outputs/*.po --json --fail-on warning

      translit check outputs/ --require reviewed   # the gate before publishing

      translit check --bitext article.vi.txt article.en.txt

      translit check --bitext pairs.tsv --json

      translit check --bitext old-article.vi.txt article.en.txt --from-encoding vni

      translit check outputs/ --names diacritics   # names kept as written are right
    """
    from translit.review import (
        BITEXT_HAS_NO_REVIEW,
        check_bitext,
        check_files,
        find_review_files,
    )

    if bitext and require is Require.reviewed:
        fail(BITEXT_HAS_NO_REVIEW)
    policy = _term_policy(glossary, no_glossary, no_shipped_glossary, names)
    try:
        if bitext:
            result = check_bitext(files or [], policy, value(from_encoding))
        else:
            paths = find_review_files(files or [load_config().output], recursive)
            result = check_files(paths, policy)
    except (InputError, ConfigError) as err:
        fail(str(err))
    short = result.short_of(require.value) if require else {}
    for message in result.errors:
        typer.echo(f"error: {message}", err=True)
    if as_json:
        typer.echo(result.to_json())
    else:
        _print_findings(result)
    if result.errors:
        raise typer.Exit(EXIT_INPUT)
    if short and require:
        counts = ", ".join(f"{n} {status}" for status, n in short.items())
        typer.echo(f"not {require.value}: {counts} (--require {require.value})", err=True)
    failed = fail_on != FailOn.never and result.count_at_least(fail_on.value)
    if failed or short:
        raise typer.Exit(EXIT_FINDINGS)


@app.command("eval")
def eval_command(
    bitext: Annotated[
        tuple[Path, Path],
        typer.Option(
            "--bitext",
            metavar="SOURCE REFERENCE",
            help="Two line-aligned UTF-8 files: the Vietnamese, and a reference English "
            "translation of each line.",
        ),
    ],
    model: Annotated[
        list[str] | None,
        typer.Option(
            "--model",
            "-m",
            metavar="NAME",
            help="A model to translate the source with (installed name or folder); repeat "
            "to compare [default: the model translate uses, unless --hyp is given].",
        ),
    ] = None,
    hyp: Annotated[
        list[Path] | None,
        typer.Option(
            "--hyp",
            metavar="FILE",
            help="An existing English translation of the source, one line per line, to "
            "score as it is; repeat for several.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="A JSON list on stdout, one object per system.")
    ] = False,
    save: Annotated[
        str | None,
        typer.Option(
            "--save",
            metavar="PREFIX",
            help="Keep each model's English in PREFIX.<model>.en (e.g. runs/dev).",
        ),
    ] = None,
    beam: BeamOption = None,
    threads: ThreadsOption = None,
    compute_type: ComputeTypeOption = None,
    glossary: GlossaryOption = None,
    no_glossary: NoGlossaryOption = False,
) -> None:
    """Score models and translations on the same sentences: BLEU and chrF (sacrebleu),
    glossary term success, number and date errors, speed.

    Each --model translates SOURCE the way translate would (glossary, number and date
    conversion included); each --hyp file is scored as it is. BLEU and chrF are
    sacrebleu's (the same as `sacrebleu REFERENCE -i FILE -m bleu chrf`), printed with
    its signature. "glossary terms" is the share of glossary hits in the source whose
    English has the entry's term (or another accepted form); number and date errors are
    translit check's number-mismatch and date-mismatch findings. Needs sacrebleu
    (pip install 'translit[eval]').

    Examples:

      translit eval --bitext dev.vi dev.en -m opus-mt-vi-en -m nllb-600m

      translit eval --bitext dev.vi dev.en --hyp dev.google.en --hyp dev.nllb.en

      translit eval --bitext dev.vi dev.en --json --save runs/dev
    """
    try:
        import sacrebleu  # noqa: F401
    except ImportError:
        fail("translit eval needs sacrebleu: pip install 'translit[eval]'")
    from translit.engines import CT2Engine, EngineOptions
    from translit.evaluate import check_save, evaluate, read_bitext, table, to_json
    from translit.models import ModelError, find_model

    policy = _term_policy(glossary, no_glossary)
    try:
        config = load_config().with_overrides(beam=beam, threads=threads, compute_type=compute_type)
        data = read_bitext(*bitext)
    except (ConfigError, InputError) as err:
        fail(str(err))
    names: list[str | None] = [*model] if model else ([] if hyp else [config.model])
    try:
        chosen = [find_model(name=name) for name in names]
    except ModelError as err:
        fail(str(err), EXIT_MODEL)
    for kind, given in (("model", [m.name for m in chosen]), ("file", [str(h) for h in hyp or []])):
        twice = sorted({g for g in given if given.count(g) > 1})
        if twice:
            fail(f"{kind} {twice[0]!r} is given twice")
    if save is not None:
        try:
            check_save(save, [m.name for m in chosen], [*bitext, *(hyp or [])])
        except InputError as err:
            fail(str(err))
    options = EngineOptions.from_config(config)

    def engines():
        for m in chosen:
            typer.echo(f"translating {len(data.sources)} lines with {m.name}…", err=True)
            yield m.name, CT2Engine(m, options)

    try:
        scores = evaluate(data, policy, engines(), hyp or [], save)
    except InputError as err:
        fail(str(err))
    except ModelError as err:
        fail(str(err), EXIT_MODEL)
    typer.echo(to_json(scores) if as_json else table(scores))


def _print_findings(result) -> None:  # result: translit.review.CheckResult
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    if not sys.stdout.isatty():  # piped: one finding a line, never wrapped, easy to grep
        for item in result.findings:
            typer.echo(f"{item.article}\t{item.key}\t{item.severity}\t{item.code}\t{item.message}")
        for file in result.statuses:  # then each file's segments by status
            typer.echo("\t".join([file.article, "status", *file.cells()]))
        typer.echo("\t".join(result.summary_cells()))
        return
    console = Console(highlight=False, soft_wrap=False)
    if result.findings:
        table = Table("article", "key", "severity", "code", "message", show_lines=False)
        for item in result.findings:  # as Text: "[draft]" in a name is not rich markup
            cells = (item.article, item.key, item.severity, item.code, item.message)
            table.add_row(*(Text(cell) for cell in cells))
        console.print(table)
    if result.statuses:
        names = list(result.status_total())
        table = Table("article", "segments", *names, show_lines=False)
        for file in result.statuses:
            table.add_row(file.article, str(file.segments), *(str(file.status[n]) for n in names))
        console.print(table)
    console.print(result.summary(), markup=False)


def _format_list(spec: str) -> tuple[str, ...]:
    from translit.formats.registry import parse_formats

    try:
        return parse_formats(spec)
    except InputError as err:
        fail(str(err))


@models_app.command("list")
def models_list() -> None:
    """List installed models with family, size and licence; the one `translate` uses
    is marked with *.

    Argos packages are listed first, then converted CTranslate2 models (installed with
    `translit models install FOLDER`). Choose another with --model NAME or translit.toml.
    """
    from translit.models import (
        ModelError,
        find_model,
        install_hint,
        installed_models,
        models_dir,
        models_table,
        packages_dir,
    )

    models = installed_models()
    if not models:
        typer.echo(f"No models installed in {packages_dir()} or {models_dir()}; {install_hint()}.")
        return
    try:
        used = find_model(name=load_config().model).path
    except (ModelError, ConfigError):
        used = None
    typer.echo(models_table(models, used))


MAX_TIMEOUT = 3600.0


def _timeout(value: float) -> float:
    if not 1.0 <= value <= MAX_TIMEOUT:  # also false for nan
        fail(f"--timeout must be from 1 to {MAX_TIMEOUT:g} seconds, not {value:g}")
    return value


TIMEOUT_OPTION = typer.Option(
    "--timeout",
    callback=_timeout,
    help="Seconds (1 to 3600) to wait for the package index or a download to answer; "
    "a download slower than 1 KiB/s over that long is given up.",
)


@models_app.command("install")
def models_install(
    source: Annotated[
        list[str],
        typer.Argument(
            help="An .argosmodel file, a converted CTranslate2 model folder (or a .zip or "
            ".tar.gz of one), or FROM TO language codes (e.g. vi en)."
        ),
    ],
    timeout: Annotated[float, TIMEOUT_OPTION] = 30.0,
) -> None:
    """Install a model from a file or folder, or from the Argos package index (needs
    internet once).

    A file must be a vi→en Argos package; it is checked (zip, paths, required files,
    metadata, size) before anything is written. The index is the one argostranslate
    uses (ARGOS_PACKAGE_INDEX).

    A folder made by ct2-transformers-converter (OPUS-MT/Marian, NLLB, M2M100, or any
    model with a translit-model.toml) is copied into translit's models folder
    (TRANSLIT_MODELS_DIR) once its tokenizer, vocabulary and special tokens are proved
    to fit together. Its licence is shown: NLLB's forbids commercial use.

    A model installed under the same name is replaced (once the new one passed its
    checks), and the command says so.

    Examples:

      translit models install ./translate-vi_en-1_9.argosmodel

      translit models install vi en

      translit models install ./opus-mt-vi-en-ct2/

      translit models install ./nllb-200-distilled-600M-ct2.tar.gz
    """
    from translit.engines.profiles import non_commercial
    from translit.models import (
        SOURCE_LANG,
        TARGET_LANG,
        ModelError,
        install_from_index,
        install_model,
        installed_models,
    )

    before = {m.path: m for m in installed_models()}
    try:
        if len(source) == 1:
            info = install_model(Path(source[0]), expect=(SOURCE_LANG, TARGET_LANG))
        elif len(source) == 2:
            info = install_from_index(source[0], source[1], timeout=timeout)
        else:
            fail("give one .argosmodel file or model folder, or two language codes such as `vi en`")
    except ModelError as err:
        fail(str(err))
    replaced = before.get(info.path)
    if replaced is not None:
        typer.echo(f"replaced the installed model of the same name ({replaced.label})")
    if info.family == "argos":
        typer.echo(f"installed {info.label} ({info.from_code}→{info.to_code}) in {info.path}")
        return
    typer.echo(
        f"installed {info.label} ({info.family}, {info.from_code}→{info.to_code}) in {info.path}"
    )
    typer.echo(f"licence: {info.licence or 'not stated; see the model card'}")
    if non_commercial(info.licence):
        typer.echo(
            "note: this model may not be used commercially (a news desk that sells its "
            "articles needs another model)"
        )
    typer.echo(f"use it with: translit translate ARTICLES --model {info.name}")


@models_app.command("available")
def models_available(
    timeout: Annotated[float, TIMEOUT_OPTION] = 30.0,
) -> None:
    """List the translation models the Argos package index offers (needs internet).

    Installed ones are marked with *; install one with `translit models install FROM TO`.
    """
    from translit.models import ModelError, fetch_index, installed_models

    try:
        offered = fetch_index(timeout=timeout)
    except ModelError as err:
        fail(str(err))
    installed = {(m.from_code, m.to_code, m.version) for m in installed_models()}
    for pkg in sorted(offered, key=lambda p: (p.from_code != "vi", p.from_code, p.to_code)):
        mark = "*" if (pkg.from_code, pkg.to_code, pkg.version) in installed else " "
        names = f"{pkg.from_name} → {pkg.to_name}" if pkg.from_name and pkg.to_name else ""
        pair = f"{pkg.from_code}→{pkg.to_code}"
        typer.echo(f"{mark} {pkg.code:<20} {pair:<7} {pkg.version:<6} {names}".rstrip())


@models_app.command("remove")
def models_remove(
    which: Annotated[
        list[str], typer.Argument(help="FROM TO language codes, or an installed model's name.")
    ],
) -> None:
    """Remove an installed model: the Argos package(s) for a language pair, or any
    model by its name (as `translit models list` shows it).

    Examples:

      translit models remove vi en

      translit models remove translate-vi_en-1_9

      translit models remove nllb-200-distilled-600M
    """
    from translit.models import ModelError, remove_model

    try:
        if len(which) == 2:
            removed = remove_model(which[0], which[1])
        elif len(which) == 1:
            removed = remove_model("", "", name=which[0])
        else:
            fail("give two language codes such as `vi en`, or a model name")
    except ModelError as err:
        fail(str(err))
    for m in removed:
        typer.echo(f"removed {m.label} from {m.path}")


def main() -> None:
    """Console-script entry point."""
    from translit.pipes import tolerate_closed_stdout

    tolerate_closed_stdout()
    app()
