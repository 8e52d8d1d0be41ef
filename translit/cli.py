"""The `translit` command: a thin typer layer over the library.

Exit codes: 0 done; 2 bad input (some files were not processed, or an argument,
config, glossary or output directory is unusable); 3 no usable model (none
installed, the wrong language pair, or one that does not load with the options
given). Errors are one line on stderr, never a traceback.

Heavy modules (ctranslate2, sentencepiece, argostranslate) are imported only by the
commands that need them, so `translit --help` starts at once.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from translit import __version__
from translit.cli_glossary import glossary_app
from translit.config import Config, ConfigError, load_config
from translit.exits import EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERRUPTED, EXIT_MODEL, fail
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
    help="List, install and remove translation models (Argos packages).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(models_app, name="models")
app.add_typer(glossary_app, name="glossary")


class Device(str, Enum):
    cpu = "cpu"
    cuda = "cuda"
    auto = "auto"


class FromEncoding(str, Enum):
    tcvn3 = "tcvn3"
    vni = "vni"
    viscii = "viscii"
    cp1258 = "cp1258"


FROM_ENCODING_HELP = (
    "Legacy Vietnamese encoding of articles that are not UTF-8: tcvn3 (ABC fonts such as "
    ".VnTime), vni (VNI-Times), viscii or cp1258 (Windows-1258). Also repairs such text "
    "already saved as UTF-8 mojibake ('Vieät Nam'). UTF-8 articles are read as they are."
)


class TermStrategy(str, Enum):
    verify = "verify"
    inline = "inline"
    placeholder = "placeholder"


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

    def __init__(self) -> None:
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
            TextColumn("segments"),
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


@app.command()
def translate(
    inputs: Annotated[
        list[Path],
        typer.Argument(metavar="ARTICLES...", help="Article files (.txt, .md) or folders of them."),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Where to write the files [default: outputs]."),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(help="Installed model name or package folder [default: newest vi→en]."),
    ] = None,
    beam: Annotated[
        int | None, typer.Option(min=1, help="Beam size; 1 is greedy and fastest [default: 4].")
    ] = None,
    device: Annotated[
        Device | None, typer.Option(help="cpu, cuda, or auto (GPU if present) [default: auto].")
    ] = None,
    threads: Annotated[
        int | None, typer.Option(min=0, help="CPU threads, 0 = all cores [default: 0].")
    ] = None,
    compute_type: Annotated[
        str | None,
        typer.Option(help="CTranslate2 compute type: auto, int8, float32, ... [default: auto]."),
    ] = None,
    batch_tokens: Annotated[
        int | None,
        typer.Option(min=1, help="Source tokens per batch [default: 1024 / beam, 256 at beam 4]."),
    ] = None,
    glossary: Annotated[
        list[Path] | None,
        typer.Option(
            "--glossary",
            "-g",
            help="Glossary YAML file; repeat for several (later files win) "
            "[default: translit.toml's glossaries, else the shipped world-news glossary].",
        ),
    ] = None,
    no_glossary: Annotated[
        bool, typer.Option("--no-glossary", help="Translate without any glossary.")
    ] = False,
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
        str | None,
        typer.Option(
            "--format",
            metavar="NAMES",
            help="Files to write per article, comma-separated: po, txt, html, md, tsv, tmx, "
            "xliff, or all [default: translit.toml's formats, else po,txt,html].",
        ),
    ] = None,
    no_conventions: Annotated[
        bool,
        typer.Option(
            "--no-conventions",
            help="Leave numbers and dates as written (no 1.500.000 → 1,500,000, "
            "7.12 → December 7) [default: convert, or translit.toml's conventions].",
        ),
    ] = False,
    no_mt: Annotated[
        bool,
        typer.Option(
            "--no-mt",
            help="No machine translation: write the files with empty English for a "
            "human translator (glossary hints included); needs no model.",
        ),
    ] = False,
    from_encoding: Annotated[
        FromEncoding | None, typer.Option(help=FROM_ENCODING_HELP, show_choices=True)
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no summary line.")
    ] = False,
    chunk_segments: Annotated[
        int | None,
        typer.Option(min=1, hidden=True, help="Segments per chunk (files land per chunk)."),
    ] = None,
) -> None:
    """Translate articles into English: <id>.po, <id>.en.txt and <id>.html per article.

    Every glossary variant in the source (Mátxcơva, Moskva, ...) comes out as one of
    the entry's English forms (Moscow): the model's own English is kept when it has
    them, else repaired; the PO says how each term got in, and flags one still lost.

    Run it again after a reviewer edited outputs/<id>.po: approved or edited entries
    are kept exactly, only new or changed sentences are translated.

    Examples:

      translit translate examples/ -o outputs/

      translit translate examples/ --no-mt        # files for a human translator

      translit translate article.txt -g glossaries/world-news.yaml -g my-desk.yaml

      translit translate article.txt --beam 1 --threads 2

      translit translate examples/ --format all   # also md, tsv, tmx, xliff

      translit translate examples/ --term-strategy inline   # terms in the source
    """
    from translit.document import Glossary
    from translit.engines import CT2Engine, EngineOptions
    from translit.glossary import GlossaryError, default_glossaries, load_glossaries
    from translit.glossary.enforce import term_policy
    from translit.models import ModelError, ModelMissing, find_model
    from translit.pipeline import translate_paths
    from translit.runstate import LockedError

    try:
        config = load_config().with_overrides(
            output=output,
            model=model,
            beam=beam,
            device=device.value if device else None,
            threads=threads,
            compute_type=compute_type,
            batch_tokens=batch_tokens,
            conventions=False if no_conventions else None,
        )
        written = _output_formats(formats, config)
        chosen = None if no_mt else find_model(name=config.model)
        if no_glossary:
            terms = Glossary()
        else:
            terms = load_glossaries(glossary or default_glossaries(config))
    except (ConfigError, GlossaryError) as err:
        fail(str(err))
    except ModelMissing as err:
        fail(f"{err}; or add --no-mt to prepare the files for a human translator", EXIT_MODEL)
    except ModelError as err:
        fail(str(err), EXIT_MODEL)
    engine = None
    if chosen is not None:
        engine = CT2Engine(
            chosen,
            EngineOptions(
                beam=config.beam,
                device=config.device,  # type: ignore[arg-type]
                threads=config.threads,
                compute_type=config.compute_type,
                batch_tokens=config.batch_tokens,
            ),
        )
    bar = None if quiet or not sys.stderr.isatty() else _Bar()

    def warn(message: str) -> None:
        typer.echo(f"warning: {message}", err=True)

    def error(message: str) -> None:
        typer.echo(f"error: {message}", err=True)

    try:
        report = translate_paths(
            inputs,
            config.output,
            engine,
            model_label=chosen.label if chosen else "",
            policy=term_policy(terms, term_strategy.value, conventions=config.conventions),
            progress=bar,
            on_error=error,
            on_warning=warn,
            formats=written,
            chunk_segments=chunk_segments,
            engine_key=_engine_key(engine),
            from_encoding=from_encoding.value if from_encoding else None,
        )
    except (InputError, LockedError) as err:
        fail(str(err))
    except ModelError as err:
        fail(str(err), EXIT_MODEL)
    except KeyboardInterrupt:
        if bar is not None:
            bar.stop()
        fail(
            "interrupted: finished articles are written; run the same command again to "
            "go on where it stopped",
            EXIT_INTERRUPTED,
        )
    finally:
        if bar is not None:
            bar.stop()
    if not quiet and (report.articles or not report.errors):
        typer.echo(f"{report.summary()} → {config.output}", err=True)
    if report.errors:
        raise typer.Exit(EXIT_INPUT)


def _engine_key(engine) -> str:  # engine: CT2Engine | None
    """What the run cache is keyed by: the model and the options that change its output."""
    from translit.runstate import cache_key

    if engine is None:
        return ""
    opts = engine.options
    return cache_key(
        engine.model.path, engine.model.version, opts.beam, opts.compute_type, opts.length_penalty
    )


@app.command()
def segment(
    file: Annotated[Path, typer.Argument(help="An article (.txt or .md).")],
    from_encoding: Annotated[FromEncoding | None, typer.Option(help=FROM_ENCODING_HELP)] = None,
) -> None:
    """Print an article's segments, one per line: key, a tab, the sentence.

    Example:

      translit segment examples/thuong-dinh-truc-tuyen.txt
    """
    from translit.pipeline import load_document

    try:
        doc = load_document(file, from_encoding=from_encoding.value if from_encoding else None)
    except InputError as err:
        fail(str(err))
    for seg in doc.segments:
        typer.echo(f"{seg.key}\t{seg.source}")


def _term_policy(glossary: list[Path] | None, no_glossary: bool):  # -> TermPolicy
    """The glossary policy for commands that check English against the glossary."""
    from translit.document import Glossary
    from translit.glossary import GlossaryError, default_glossaries, load_glossaries
    from translit.glossary.enforce import term_policy

    try:
        if no_glossary:
            return term_policy(Glossary())
        return term_policy(load_glossaries(glossary or default_glossaries(load_config())))
    except (ConfigError, GlossaryError) as err:
        fail(str(err))


def _error_list() -> tuple[list[str], Callable[[str], None]]:
    """A list of errors, and a callback that prints one (one line) and adds it."""
    errors: list[str] = []

    def error(message: str) -> None:
        errors.append(message)
        typer.echo(f"error: {message}", err=True)

    return errors, error


GlossaryOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--glossary",
        "-g",
        help="Glossary YAML file; repeat for several [default: as translate].",
    ),
]
NoGlossaryOption = Annotated[
    bool, typer.Option("--no-glossary", help="Do not check terms against a glossary.")
]


@app.command()
def build(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="PO_FILES...", help="Review files (<id>.po) or folders of them."),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Where to write [default: beside each PO file]."),
    ] = None,
    formats: Annotated[
        str,
        typer.Option("--format", help="Files to rebuild, comma-separated (not po)."),
    ] = "txt,html,md",
    glossary: GlossaryOption = None,
    no_glossary: NoGlossaryOption = False,
) -> None:
    """Rebuild the English article and side-by-side files from reviewed PO files.

    Needs no model: the English is the PO's as the reviewer left it (fuzzy entries
    included, and flagged in the HTML); glossary hits and findings are recomputed.

    Examples:

      translit build outputs/thuong-dinh-truc-tuyen.po

      translit build outputs/ --format txt,html,md,tsv
    """
    from translit.review import build_files, find_review_files, load_reviews

    chosen = _format_list(formats)
    if "po" in chosen:
        fail("build never rewrites the review file: leave po out of --format")
    policy = _term_policy(glossary, no_glossary)
    try:
        paths = find_review_files(files)
    except InputError as err:
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
) -> None:
    """Show how far the review has come: a table per article of segments, reviewed,
    fuzzy and untranslated entries and findings.

    Examples:

      translit review outputs/

      translit review outputs/thuong-dinh-truc-tuyen.po --open
    """
    from translit.review import article_status, find_review_files, load_reviews, status_table

    policy = _term_policy(glossary, no_glossary)
    try:
        paths = find_review_files(files or [load_config().output])
    except (InputError, ConfigError) as err:
        fail(str(err))
    errors, error = _error_list()
    rows = [article_status(doc, path) for path, doc in load_reviews(paths, policy, error)]
    typer.echo(status_table(rows))
    if open_html:
        import webbrowser

        for r in rows:
            page = r.path.with_name(f"{r.id}.html")
            if not page.exists():
                typer.echo(f"warning: {page} does not exist; run translit build {r.path}", err=True)
            else:
                webbrowser.open(page.resolve().as_uri())
    if errors:
        raise typer.Exit(EXIT_INPUT)


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    never = "never"


@app.command()
def check(
    files: Annotated[
        list[Path] | None,
        typer.Argument(metavar="[PO_FILES...]", help="Review files or folders [default: outputs]."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Findings as JSON on stdout.")] = False,
    fail_on: Annotated[
        FailOn,
        typer.Option(help="Exit 1 when a finding of this severity or worse exists."),
    ] = FailOn.error,
    glossary: GlossaryOption = None,
    no_glossary: NoGlossaryOption = False,
) -> None:
    """Check the English in review files against the source and the glossary.

    Finds what a reviewer must look at: a missing glossary term, a forbidden variant,
    a number or date that does not match, Vietnamese left in the English, unbalanced
    brackets or quotes, ... (machine or human translation alike). Exit code 1 when a
    finding at or above --fail-on exists, 0 otherwise, 2 for an unreadable file.

    Examples:

      translit check outputs/

      translit check outputs/*.po --json --fail-on warning
    """
    from translit.review import check_files, find_review_files

    policy = _term_policy(glossary, no_glossary)
    try:
        paths = find_review_files(files or [load_config().output])
    except (InputError, ConfigError) as err:
        fail(str(err))
    result = check_files(paths, policy)
    for message in result.errors:
        typer.echo(f"error: {message}", err=True)
    if as_json:
        typer.echo(result.to_json())
    else:
        _print_findings(result)
    if result.errors:
        raise typer.Exit(EXIT_INPUT)
    if fail_on != FailOn.never and result.count_at_least(fail_on.value):
        raise typer.Exit(EXIT_FINDINGS)


def _print_findings(result) -> None:  # result: translit.review.CheckResult
    from rich.console import Console
    from rich.table import Table

    if not sys.stdout.isatty():  # piped: one finding a line, never wrapped, easy to grep
        for item in result.findings:
            typer.echo(f"{item.article}\t{item.key}\t{item.severity}\t{item.code}\t{item.message}")
        typer.echo(result.summary())
        return
    console = Console(highlight=False, soft_wrap=False)
    if result.findings:
        table = Table("article", "key", "severity", "code", "message", show_lines=False)
        for item in result.findings:
            table.add_row(item.article, item.key, item.severity, item.code, item.message)
        console.print(table)
    console.print(result.summary(), markup=False)


def _format_list(spec: str) -> tuple[str, ...]:
    from translit.pipeline import parse_formats

    try:
        return parse_formats(spec)
    except InputError as err:
        fail(str(err))


def _output_formats(option: str | None, config: Config) -> tuple[str, ...]:
    """`--format`, else translit.toml's `formats` (an error names the file), else the defaults."""
    from translit.pipeline import DEFAULT_FORMATS, parse_formats

    if option is not None:
        return _format_list(option)
    if config.formats is None:
        return DEFAULT_FORMATS
    try:
        return parse_formats(",".join(config.formats))
    except InputError as err:
        fail(f"{config.source}: {err}")


@models_app.command("list")
def models_list() -> None:
    """List installed models; the one `translate` uses is marked with *."""
    from translit.models import (
        ModelError,
        find_model,
        install_hint,
        installed_models,
        packages_dir,
    )

    models = installed_models()
    if not models:
        typer.echo(f"No models installed in {packages_dir()}; {install_hint()}.")
        return
    try:
        used = find_model(name=load_config().model).path
    except (ModelError, ConfigError):
        used = None
    for m in models:
        mark = "*" if m.path == used else " "
        typer.echo(f"{mark} {m.name:<32} {m.from_code}→{m.to_code}  {m.version:<8} {m.path}")


TIMEOUT_OPTION = typer.Option(
    "--timeout", min=1.0, help="Seconds to wait for the package index or a download to answer."
)


@models_app.command("install")
def models_install(
    source: Annotated[
        list[str],
        typer.Argument(help="A .argosmodel file, or FROM TO language codes (e.g. vi en)."),
    ],
    timeout: Annotated[float, TIMEOUT_OPTION] = 30.0,
) -> None:
    """Install a model from a file, or from the Argos package index (needs internet once).

    A file must be a vi→en Argos package; it is checked (zip, paths, required files,
    metadata, size) before anything is written. The index is the one argostranslate
    uses (ARGOS_PACKAGE_INDEX).

    Examples:

      translit models install ./translate-vi_en-1_9.argosmodel

      translit models install vi en
    """
    from translit.models import (
        SOURCE_LANG,
        TARGET_LANG,
        ModelError,
        install_file,
        install_from_index,
    )

    try:
        if len(source) == 1:
            info = install_file(Path(source[0]), expect=(SOURCE_LANG, TARGET_LANG))
        elif len(source) == 2:
            info = install_from_index(source[0], source[1], timeout=timeout)
        else:
            fail("give one .argosmodel file, or two language codes such as `vi en`")
    except ModelError as err:
        fail(str(err))
    typer.echo(f"installed {info.label} ({info.from_code}→{info.to_code}) in {info.path}")


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
    """Remove an installed model.

    Examples:

      translit models remove vi en

      translit models remove translate-vi_en-1_9
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
    app()
