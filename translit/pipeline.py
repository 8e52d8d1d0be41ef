"""The translate run: read → segment → engine → write, for a whole folder at once.

All pending segments of every article go to the engine in one call, so batches are
filled across articles; each article's files are then written atomically.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from translit import __version__
from translit.document import Document, Glossary, Segment
from translit.engine import Engine
from translit.formats import RunInfo, html, md, po, tmx, tsv, txt, xliff
from translit.io import InputError, find_articles, read_article, write_atomic
from translit.segment import segment_paragraphs
from translit.terms import (
    Protected,
    TermPolicy,
    missing_terms,
    pick_hypothesis,
    record_terms,
    term_policy,
)

FORMATS = {"po": po, "txt": txt, "html": html, "md": md, "tsv": tsv, "tmx": tmx, "xliff": xliff}
DEFAULT_FORMATS = ("po", "txt", "html")


def select_formats(names: Sequence[str] | None) -> tuple[str, ...]:
    """Format names from `--format` values or config: each may be a comma-separated
    list, `all` means every format; None means the defaults.

    Raises InputError naming the valid formats when a name is unknown or none is given.
    """
    if names is None:
        return DEFAULT_FORMATS
    valid = f"valid: {', '.join(FORMATS)}, or all"
    chosen: list[str] = []
    for value in names:
        for name in (part.strip().lower() for part in value.split(",")):
            if name == "all":
                chosen += FORMATS
            elif name in FORMATS:
                chosen.append(name)
            elif name:
                raise InputError(f"unknown format {name!r} ({valid})")
    if not chosen:
        raise InputError(f"no output format given ({valid})")
    return tuple(dict.fromkeys(chosen))


class Progress(Protocol):
    """Where a run reports progress (a progress bar, or nothing)."""

    def start(self, total: int) -> None: ...

    def advance(self, n: int) -> None: ...


class NoProgress:
    def start(self, total: int) -> None:
        pass

    def advance(self, n: int) -> None:
        pass


@dataclass
class RunReport:
    """What a run did: counts for the summary line, and the files that failed."""

    articles: int = 0
    segments: int = 0
    translated: int = 0  # distinct sentences sent to the engine
    hits: int = 0  # glossary hits in the source
    missing: int = 0  # hits whose term the English lacks (term-missing findings)
    seconds: float = 0.0
    written: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        rate = self.segments / self.seconds if self.seconds > 0 else 0.0
        return (
            f"{self.articles} article{'s' if self.articles != 1 else ''}, "
            f"{self.segments} segments ({self.translated} distinct sent to the model), "
            f"{self.hits} glossary hits ({self.hits - self.missing} applied, "
            f"{self.missing} missing) in {self.seconds:.1f} s ({rate:.0f} segments/s)"
        )


def load_document(path: Path) -> Document:
    """Read and segment one article."""
    doc = read_article(path)
    doc.segments = segment_paragraphs(doc.paragraphs)
    return doc


def load_documents(
    paths: Sequence[Path],
    on_error: Callable[[str], None],
    on_warning: Callable[[str], None],
) -> list[Document]:
    """Read and segment every article; a file that fails is reported and skipped.

    An empty article is a warning (skipped, the run still succeeds). A second article
    with the same id (a.txt and a.md) is an error: its outputs would overwrite the
    first one's.
    """
    docs: list[Document] = []
    seen: dict[str, Path] = {}
    for path in paths:
        if path.stem in seen:
            on_error(
                f"{path}: same article id {path.stem!r} as {seen[path.stem]}; "
                "rename one, their outputs would overwrite each other"
            )
            continue
        seen[path.stem] = path
        try:
            doc = load_document(path)
        except InputError as err:
            on_error(str(err))
            continue
        if not doc.segments:
            on_warning(f"{path}: empty article, skipped")
            continue
        docs.append(doc)
    return docs


def translate_documents(
    docs: Sequence[Document],
    engine: Engine,
    progress: Progress,
    policy: TermPolicy | None = None,
) -> int:
    """Fill in every pending segment's English; return the distinct texts sent.

    All segments go to the engine in one call, glossary hits protected. Segments whose
    English lacks a glossary term go back once for an n-best list, and the best
    hypothesis with every term wins; if none has them, the best is kept and each lost
    term becomes a `term-missing` finding.
    """
    policy = policy or term_policy(Glossary())
    pending = [seg for doc in docs for seg in doc.segments if seg.origin != "reviewed"]
    prepared = [policy.protect_segment(seg) for seg in pending]
    progress.start(len(pending))
    results = engine.translate([p.text for p in prepared], progress=progress.advance)
    retry: list[tuple[Segment, Protected]] = []
    for seg, prep, hyps in zip(pending, prepared, results, strict=True):
        seg.origin, seg.fuzzy = "machine", True
        english = policy.restore(hyps[0].text, prep)
        missing = missing_terms(english, prep.hits)
        if missing and policy.retry_hypotheses > 1:
            retry.append((seg, prep))
        else:
            record_terms(seg, english, missing)
    if retry:
        nbest = engine.translate(
            [prep.text for _, prep in retry], num_hypotheses=policy.retry_hypotheses
        )
        for (seg, prep), hyps in zip(retry, nbest, strict=True):
            candidates = [policy.restore(h.text, prep) for h in hyps]
            record_terms(seg, *pick_hypothesis(candidates, prep.hits))
    return len({p.text for p in prepared})


def write_outputs(
    doc: Document, output_dir: Path, run: RunInfo, formats: Sequence[str] = DEFAULT_FORMATS
) -> list[Path]:
    """Write the document's files (each atomically); return their paths.

    Raises InputError naming the file when one cannot be written.
    """
    written = []
    for name in formats:
        module = FORMATS[name]
        path = output_dir / f"{doc.id}{module.SUFFIX}"
        try:
            write_atomic(path, module.render(doc, run))
        except OSError as err:
            raise InputError(f"{path}: cannot write ({err.strerror or err})") from None
        written.append(path)
    return written


def check_output_dir(output_dir: Path) -> None:
    """Create the output directory or raise InputError saying why it cannot be used."""
    if output_dir.exists() and not output_dir.is_dir():
        raise InputError(f"{output_dir}: output path exists and is not a directory")
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(f"{output_dir}: cannot create output directory ({err.strerror})") from None
    probe = output_dir / ".translit-write-test"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as err:
        raise InputError(
            f"{output_dir}: output directory is not writable ({err.strerror})"
        ) from None


def run_info(model: str = "") -> RunInfo:
    created = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M%z")
    return RunInfo(tool_version=__version__, model=model, created=created)


def translate_paths(
    inputs: Sequence[Path],
    output_dir: Path,
    engine: Engine,
    *,
    model_label: str = "",
    policy: TermPolicy | None = None,
    progress: Progress | None = None,
    on_error: Callable[[str], None] = lambda message: None,
    on_warning: Callable[[str], None] = lambda message: None,
    formats: Sequence[str] | None = None,
) -> RunReport:
    """Translate every article under `inputs` into `output_dir`.

    Files that cannot be read are passed to `on_error` (one line each) and listed
    in the report, empty ones to `on_warning`; the others are translated and written
    in each of `formats` (names as `select_formats` takes them; default po, txt, html).
    """
    started = time.perf_counter()
    report = RunReport()
    chosen = select_formats(formats)

    def failed(message: str) -> None:
        report.errors.append(message)
        on_error(message)

    def warned(message: str) -> None:
        report.warnings.append(message)
        on_warning(message)

    paths = find_articles(inputs)
    if not paths:
        raise InputError(f"no .txt or .md articles in {', '.join(map(str, inputs))}")
    check_output_dir(output_dir)
    docs = load_documents(paths, failed, warned)
    report.translated = translate_documents(docs, engine, progress or NoProgress(), policy)
    run = run_info(model_label)
    for doc in docs:
        try:
            report.written += write_outputs(doc, output_dir, run, chosen)
        except InputError as err:
            failed(str(err))
    report.articles = len(docs)
    report.segments = sum(len(doc.segments) for doc in docs)
    hits = [hit for doc in docs for seg in doc.segments for hit in seg.hits]
    report.hits = len(hits)
    report.missing = sum(1 for hit in hits if not hit.applied)
    report.seconds = time.perf_counter() - started
    return report
