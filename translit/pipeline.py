"""The translate run: read → segment → memory → engine → write, for a whole folder.

Articles are taken in chunks of whole articles (a few thousand segments); all
pending segments of a chunk go to the engine in one call, so batches are filled
across articles, and each article's files are then written atomically before the
next chunk starts.
"""

from __future__ import annotations

import dataclasses
import tempfile
import time
import unicodedata
from collections import Counter, deque
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from translit import __version__
from translit.articles import Article, check_outputs, find_articles, no_articles_message
from translit.document import Document, Glossary
from translit.engines import Engine, Hypotheses, Hypothesis
from translit.formats import RunInfo, po
from translit.formats.registry import (
    DEFAULT_FORMATS,
    formats_for,
    output_paths,
    read_document,
    writer,
)
from translit.glossary.enforce import TermPolicy, term_policy
from translit.glossary.repair import Job, enforce, first_pass
from translit.io import (
    ChangedOnDisk,
    InputError,
    NotWritten,
    check_target,
    file_version,
    remove_stale_temps,
    write_atomic,
)
from translit.memory import merge_previous
from translit.qa import check_document
from translit.runstate import CACHE_DIR, RunCache, deferred_interrupt, output_lock
from translit.segment import segment_paragraphs
from translit.shard import WHOLE, Shard

CHUNK_SEGMENTS = 2000  # segments per chunk: batches stay full, finished files land early
FLUSH_TEXTS = 512  # texts per engine call; each call's output is saved to the run cache


class Progress(Protocol):
    """Where a run reports progress (a progress bar, or nothing)."""

    def start(self, total: int) -> None: ...

    def advance(self, n: int) -> None: ...


class NoProgress:
    def start(self, total: int) -> None:
        pass

    def advance(self, n: int) -> None:
        pass


# How a term got into the English (TermHit.repair), in the order the summary lists them.
REPAIR_LABELS = ("model", "rewrite", "aligned", "inline", "placeholder", "n-best")


@dataclass
class RunReport:
    """What a run did: counts for the summary line, and the files that failed."""

    articles: int = 0
    segments: int = 0
    translated: int = 0  # distinct sentences sent to the engine
    kept: int = 0  # segments whose English came from an earlier review file
    untranslated: int = 0  # segments left without English (no engine, --no-mt)
    hits: int = 0  # glossary hits in the source
    applied: int = 0  # hits whose term the English has
    missing: int = 0  # hits whose term the English lacks (term-missing findings)
    repairs: Counter[str] = field(default_factory=Counter)  # applied hits by TermHit.repair
    glossaries: tuple[str, ...] = ()  # file names of the glossaries used
    names: int = 0  # Vietnamese people and places found (translit.names)
    names_kept: int = 0  # names the English has in the house form
    seconds: float = 0.0
    written: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, doc: Document, fresh: Collection[str] | None = None) -> None:
        """Add a finished article to the counts (`fresh`: the keys of the segments this
        run translated; the others' terms count as kept from an earlier review file)."""
        self.articles += 1
        self.segments += len(doc.segments)
        self.untranslated += sum(1 for seg in doc.segments if not seg.target)
        for seg in doc.segments:
            terms = [hit for hit in seg.hits if hit.kind == "term"]
            self.hits += len(terms)
            names = [hit for hit in seg.hits if hit.kind == "name"]
            self.names += len(names)
            if seg.target:  # a segment without English has nothing to check yet
                self.applied += sum(1 for hit in terms if hit.applied)
                self.missing += sum(1 for hit in terms if not hit.applied)
                new = fresh is None or seg.key in fresh
                self.repairs.update(
                    (hit.repair if new else "") or "kept" for hit in terms if hit.applied
                )
                self.names_kept += sum(1 for hit in names if hit.applied)

    def summary(self) -> str:
        rate = self.segments / self.seconds if self.seconds > 0 else 0.0
        kept = f", {self.kept} kept from earlier PO files" if self.kept else ""
        left = f", {self.untranslated} left for a translator" if self.untranslated else ""
        how = ", ".join(
            f"{self.repairs[label]} {label}"
            for label in (*REPAIR_LABELS, "kept")
            if self.repairs[label]
        )
        used = f" from {', '.join(self.glossaries)}" if self.glossaries else ""
        names = ""
        if self.names:
            plural = "s" if self.names != 1 else ""
            names = f", {self.names} name{plural} ({self.names_kept} in the house form)"
        return (
            f"{self.articles} article{'s' if self.articles != 1 else ''}, "
            f"{self.segments} segments ({self.translated} distinct sent to the model{kept}"
            f"{left}), {self.hits} glossary hits{used} ({self.applied} applied"
            f"{f': {how}' if how else ''}; {self.missing} missing){names} in "
            f"{self.seconds:.1f} s ({rate:.0f} segments/s)"
        )


def load_document(
    path: Path, *, from_encoding: str | None = None, article_id: str | None = None
) -> Document:
    """Read and segment one article with the reader its suffix calls for
    (`from_encoding`: see `io.decode_text`; `article_id`: see `articles.article_id`,
    the file name without its suffix by default)."""
    doc = read_document(path, from_encoding)
    if article_id is not None:
        doc.id = article_id
    doc.segments = segment_paragraphs(doc.paragraphs)
    return doc


# Characters a PO reference (`#:`), header line or one-line message cannot hold.
_LINE_BREAKING = {"Cc", "Zl", "Zp"}


def unrepresentable_name(name: str) -> str:
    """Why an article's file name cannot be written into its review file, or "".

    A name that is not UTF-8 cannot be written into a UTF-8 file at all; a line break
    or other control character in a name would split the PO file's `#:`
    reference and header lines; spaces and tabs are fine, as the reference wraps such a
    name in FSI … PDI (see translit.formats.po), which the name itself must not hold.
    """
    for char in name:
        if unicodedata.category(char) == "Cs":  # a byte that is not UTF-8 (surrogateescape)
            return f"file name is not UTF-8 (byte 0x{ord(char) & 0xFF:02x})"
        if (
            unicodedata.category(char) in _LINE_BREAKING and char != "\t"
        ) or char in po.FSI + po.PDI:
            return f"file name has a control character or line break (U+{ord(char):04X})"
    return ""


def distinct_articles(
    articles: Sequence[Article], on_error: Callable[[str], None]
) -> list[Article]:
    """The articles whose names can be written into a review file, each id once.

    A second article with the same id (a.txt and a.md) is an error: its outputs would
    overwrite the first one's. Each refused file goes to `on_error` (one line).
    """
    kept: list[Article] = []
    seen: dict[str, Path] = {}
    for article in articles:
        path = article.path
        # the id holds the folders below a recursive run's root, which the outputs' names
        # and the PO header hold too
        bad = unrepresentable_name(f"{article.id}{path.suffix}")
        if bad:
            on_error(f"{str(path)!r}: {bad}; rename the file")
            continue
        if article.id in seen:
            on_error(
                f"{path}: same article id {article.id!r} as {seen[article.id]}; "
                "rename one, their outputs would overwrite each other"
            )
            continue
        seen[article.id] = path
        kept.append(article)
    return kept


def load_documents(
    articles: Sequence[Article],
    on_error: Callable[[str], None],
    on_warning: Callable[[str], None],
    *,
    from_encoding: str | None = None,
) -> list[Document]:
    """Read and segment every article; a file that fails is reported and skipped.

    An empty article is a warning (skipped, the run still succeeds), and so is what a
    reader noticed (`Document.notices`); a name that cannot be used, or a second
    article with the same id, an error (see `distinct_articles`).
    """
    docs: list[Document] = []
    for article in distinct_articles(articles, on_error):
        path = article.path
        try:
            doc = load_document(path, from_encoding=from_encoding, article_id=article.id)
        except InputError as err:
            on_error(str(err))
            continue
        for notice in doc.notices:
            on_warning(f"{path}: {notice}")
        if not doc.segments:
            on_warning(f"{path}: empty article, skipped")
            continue
        docs.append(doc)
    return docs


def translate_documents(
    docs: Sequence[Document],
    engine: Engine | None,
    progress: Progress,
    policy: TermPolicy | None = None,
    cache: RunCache | None = None,
) -> int:
    """Fill in the English of every segment that has none; return the texts sent.

    Segments without English go to the engine as the term strategy says (as written
    for `verify`, hits protected for `inline`/`placeholder`), identical texts once,
    length-sorted, in groups of `FLUSH_TEXTS` recorded in `cache` as each group
    finishes (texts the cache holds are not sent again). Then
    translit.glossary.repair checks each segment's terms and repairs those the English
    lacks, each repair stage one engine call; translit.qa.check_document then reports
    each term still lost. Without an engine (`--no-mt`) segments without English stay
    empty, for a human translator.
    """
    policy = policy or term_policy(Glossary())
    cache = RunCache() if cache is None else cache
    jobs: list[Job] = []
    if engine is not None:  # kept segments' hits come from translit.qa, after this
        for doc in docs:
            todo = [seg for seg in doc.segments if not seg.target]
            if not todo:
                continue
            context = policy.name_context([seg.source for seg in doc.segments])
            jobs += [Job(seg, policy.protect_segment(seg, context)) for seg in todo]
    # the aligned repair needs the first pass's attention, for sentences with hits only
    aligned = policy.strategy == "verify" and "aligned" in policy.repairs
    wanted = {job.prepared.text for job in jobs if job.hits} if aligned else set()
    # length-sorted (then by text, so a run is the same every time) for even batches
    new = sorted(
        {t for t in (job.prepared.text for job in jobs) if not cache.has(t, t in wanted)},
        key=lambda t: (len(t), t),
    )
    # kept, cached and repeated segments are done at once; the engine reports the rest
    progress.advance(sum(len(doc.segments) for doc in docs) - len(new))
    if engine is None or not jobs:
        return 0
    cached = CachedEngine(engine, cache)
    for start in range(0, len(new), FLUSH_TEXTS):
        group = new[start : start + FLUSH_TEXTS]
        cached.translate(group, progress.advance, attention=any(t in wanted for t in group))
    for job in jobs:
        first_pass(job, cache[job.prepared.text], cache.alignment(job.prepared.text), policy)
    enforce(jobs, cached, policy)
    for job in jobs:
        job.segment.origin = "machine"
        job.segment.fuzzy = True
    return cached.sent


@dataclass
class CachedEngine:
    """The engine behind the run cache: a one-best translation the cache holds is not
    asked for again, the others are recorded as they come; `sent` counts the texts
    the engine was given."""

    engine: Engine
    cache: RunCache
    sent: int = 0

    @property
    def fingerprint(self) -> str:
        return self.engine.fingerprint

    def translate(
        self,
        texts: Sequence[str],
        progress: Callable[[int], None] | None = None,
        num_hypotheses: int = 1,
        *,
        attention: bool = False,
        suppress: Sequence[Sequence[str]] | None = None,
    ) -> list[Hypotheses]:
        # the options only when asked for: an engine without them still serves the
        # inline and placeholder strategies
        options: dict[str, Any] = {"attention": True} if attention else {}
        if suppress and any(suppress):
            options["suppress"] = suppress
        if num_hypotheses > 1 or "suppress" in options:
            self.sent += len(set(texts))
            return self.engine.translate(texts, progress, num_hypotheses, **options)
        new = sorted(
            {t for t in texts if not self.cache.has(t, attention)}, key=lambda t: (len(t), t)
        )
        if new:
            results = self.engine.translate(new, progress, **options)
            links = [(hyps[0].alignment or ()) if attention else None for hyps in results]
            self.cache.record(new, [hyps[0].text for hyps in results], links)
            self.sent += len(new)
        return [[Hypothesis(self.cache[t], 0.0, self.cache.alignment(t))] for t in texts]


def write_outputs(
    doc: Document,
    output_dir: Path,
    run: RunInfo,
    formats: Sequence[str] = DEFAULT_FORMATS,
    *,
    expect: str | None = None,
) -> list[Path]:
    """Write the document's files (each atomically); return their paths.

    The review file (`po`) is written first, and with `expect` (the `file_version`
    of the PO the run read, "" for none) only if nobody changed it meanwhile
    (ChangedOnDisk otherwise, and nothing is written). Every path is checked first:
    a symbolic link, folder or device where a file goes, a file that is an article
    and not ours (see `articles.check_outputs`), or a writer whose package is missing
    stops the article before anything is written. Raises InputError naming the file
    when one cannot be written.
    """
    paths = output_paths(output_dir, doc.id, formats)
    check_outputs((path, name) for name, path in paths.items())
    modules = {}
    for name, path in paths.items():
        try:
            check_target(path)
        except NotWritten as err:
            raise InputError(str(err)) from None
        modules[name] = writer(name).load(path)
    for path in paths.values():  # a writer killed mid-write (a lost Ray worker) left them
        remove_stale_temps(path)
    written = []
    for name in sorted(paths, key=lambda name: name != "po"):
        path = paths[name]
        text = modules[name].render(doc, run)
        if name == "po":
            text = po.keep_dates(text, _current_text(path))
        try:
            write_atomic(path, text, expect=expect if name == "po" else None)
        except NotWritten as err:
            raise InputError(str(err)) from None
        except OSError as err:
            raise InputError(f"{path}: cannot write ({err.strerror or err})") from None
        written.append(path)
    return written


def _current_text(path: Path) -> str:
    """The text of the file at path ("" if there is none, or it is not UTF-8 text)."""
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def check_output_dir(output_dir: Path) -> None:
    """Create the output directory or raise InputError saying why it cannot be used."""
    if output_dir.exists() and not output_dir.is_dir():
        raise InputError(f"{output_dir}: output path exists and is not a directory")
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(f"{output_dir}: cannot create output directory ({err.strerror})") from None
    try:  # a new file of its own, never one someone put there
        with tempfile.TemporaryFile(prefix=".translit-write-test-", dir=output_dir):
            pass
    except OSError as err:
        raise InputError(
            f"{output_dir}: output directory is not writable ({err.strerror})"
        ) from None


def run_info(model: str = "", engine: str = "", glossaries: Sequence[str] = ()) -> RunInfo:
    """What the files of a run say made them: translit's version, the model's label,
    the engine's fingerprint (see `Engine.fingerprint`), the glossaries and the time."""
    created = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M%z")
    return RunInfo(
        tool_version=__version__,
        model=model,
        engine=engine,
        created=created,
        glossaries=tuple(glossaries),
    )


def load_previous(doc: Document, output_dir: Path) -> str:
    """Merge the article's earlier review file (`<id>.po` in output_dir), if there is one.

    Returns the `file_version` of the file merged ("" for none), for the write that
    replaces it (see `write_article`). Raises InputError when that file cannot be
    read, or is a symbolic link, a folder or a device: it may hold a reviewer's work
    (or be no file of ours), so the article is not translated and nothing is written
    for it until it is fixed.
    """
    previous = output_paths(output_dir, doc.id, ["po"])["po"]
    try:
        check_target(previous)
    except NotWritten as err:
        raise InputError(f"{err}; the article is not translated") from None
    try:
        version, old = read_review(previous, doc.id)
    except InputError as err:
        raise InputError(f"{err}; not overwritten: fix or move it and run again") from None
    if old is None:
        return version
    made_from = old.review_header.get("X-Source-File")
    if made_from and made_from != doc.path.name:
        raise InputError(
            f"{doc.path}: {previous} was made from {made_from}, not from this file; "
            "not overwritten: rename one of the articles or move the PO away"
        )
    merge_previous(doc, old)
    return version


# How many times a run merges a review file saved again while it was writing it.
MERGE_ATTEMPTS = 20
# How many times a review file that changes while it is read is read again.
READ_ATTEMPTS = 20


def read_review(path: Path, article_id: str) -> tuple[str, Document | None]:
    """The review file at `path` and the `file_version` it was read at ("", None: none).

    A file that cannot be read but changes within a moment (an editor saving it in
    place was halfway) is read again; one that stays as it is raises InputError. The
    version is taken before reading, so a file that changes after it is a version the
    write will not expect.
    """
    for _ in range(READ_ATTEMPTS):
        version = file_version(path)
        if not version:
            return version, None
        try:
            return version, po.read(path, article_id)
        except InputError:
            if not _changes(path, version):
                raise
    raise InputError(f"{path}: changed again and again while it was read")


def _changes(path: Path, version: str, patience: float = 2.0) -> bool:
    """Whether the file leaves `version` within `patience` seconds (an editor between
    emptying the file and writing it, on a busy machine)."""
    deadline = time.monotonic() + patience
    pause = 0.02
    while time.monotonic() < deadline:
        time.sleep(pause)
        if file_version(path) != version:
            return True
        pause = min(pause * 2, 0.5)
    return False


def write_article(
    doc: Document,
    output_dir: Path,
    run: RunInfo,
    formats: Sequence[str],
    policy: TermPolicy,
    version: str,
    translated: set[str],
) -> list[Path]:
    """Write an article's files without losing a review saved during the run.

    `version` is what `load_previous` returned and `translated` the keys of the
    segments this run sent to the engine. When the PO changed on disk since it was
    read (a reviewer saved it in Poedit meanwhile), the saved file is read again and
    merged as an earlier review file is (its English, approvals and notes win), this
    run's new English fills the entries the reviewer left without English, and the
    result is written if the file has not changed again (up to MERGE_ATTEMPTS times;
    then the article is left for the next run, with an InputError saying so).
    """
    if "po" not in formats:
        return write_outputs(doc, output_dir, run, formats)
    path = output_paths(output_dir, doc.id, ["po"])["po"]
    for _ in range(MERGE_ATTEMPTS):
        try:
            return write_outputs(doc, output_dir, run, formats, expect=version)
        except ChangedOnDisk:
            version = _merge_saved(doc, path, policy, translated)
    raise InputError(
        f"{path}: saved again and again during the run; not overwritten: "
        "run again when the review file is left alone"
    )


def _merge_saved(doc: Document, path: Path, policy: TermPolicy, translated: set[str]) -> str:
    """Merge the review file as it is on disk now into `doc`; return its version."""
    try:
        version, saved = read_review(path, doc.id)
    except InputError as err:
        message = f"{err}; saved during the run, not overwritten: fix it and run again"
        raise InputError(message) from None
    mine = {seg.key: seg for seg in doc.segments}
    fresh = [
        dataclasses.replace(
            seg,
            target="",
            origin="none",
            fuzzy=False,
            hits=[],
            findings=[],
            previous_source="",
            note="",
            plural_source="",
            plural_targets=(),
        )
        for seg in doc.segments
    ]
    doc.segments, doc.obsolete = fresh, []
    if saved is not None:
        merge_previous(doc, saved)
    for seg in doc.segments:
        if not seg.target and seg.key in translated:
            run = mine[seg.key]
            seg.target, seg.origin, seg.fuzzy = run.target, run.origin, run.fuzzy
    check_document(doc, policy)
    return version


def _chunks(docs: deque[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive groups of whole documents holding about `size` segments each, taken
    off `docs` so that a finished chunk can be freed."""
    chunk: list[Document] = []
    count = 0
    while docs:
        doc = docs.popleft()
        chunk.append(doc)
        count += len(doc.segments)
        if count >= size:
            yield chunk
            chunk, count = [], 0
    if chunk:
        yield chunk


def load_articles(
    articles: Sequence[Article],
    output_dir: Path,
    on_error: Callable[[str], None],
    on_warning: Callable[[str], None],
    *,
    from_encoding: str | None = None,
) -> tuple[deque[Document], dict[str, str]]:
    """Read and segment the articles and merge each one's earlier review file (see
    `load_previous`); return them, and by id the version of the review file merged.
    An article that cannot be read, or whose review file cannot, goes to `on_error`."""
    docs: deque[Document] = deque()
    versions: dict[str, str] = {}
    for doc in load_documents(articles, on_error, on_warning, from_encoding=from_encoding):
        try:
            versions[doc.id] = load_previous(doc, output_dir)
        except InputError as err:
            on_error(str(err))
            continue
        docs.append(doc)
    return docs, versions


def translate_chunk(
    chunk: list[Document],
    output_dir: Path,
    engine: Engine | None,
    run: RunInfo,
    *,
    formats: Sequence[str] | None,
    policy: TermPolicy,
    cache: RunCache,
    versions: dict[str, str],
    report: RunReport,
    progress: Progress,
    on_error: Callable[[str], None],
) -> None:
    """Translate a group of articles in one engine call, check them and write each
    one's files (`formats`: see `translate_paths`; a Ctrl-C waits for an article's files
    to be written); add them to `report`. An article that cannot be written goes to
    `on_error`."""
    report.kept += sum(1 for doc in chunk for seg in doc.segments if seg.target)
    pending = {doc.id: {s.key for s in doc.segments if not s.target} for doc in chunk}
    report.translated += translate_documents(chunk, engine, progress, policy, cache)
    for doc in chunk:
        check_document(doc, policy)
        try:
            with deferred_interrupt():
                chosen = formats_for(doc.path, formats, DEFAULT_FORMATS)
                report.written += write_article(
                    doc, output_dir, run, chosen, policy, versions[doc.id], pending[doc.id]
                )
        except InputError as err:
            on_error(str(err))
        report.count(doc, pending[doc.id])


def translate_paths(
    inputs: Sequence[Path],
    output_dir: Path,
    engine: Engine | None,
    *,
    formats: Sequence[str] | None = None,
    recursive: bool = False,
    model_label: str = "",
    policy: TermPolicy | None = None,
    progress: Progress | None = None,
    on_error: Callable[[str], None] = lambda message: None,
    on_warning: Callable[[str], None] = lambda message: None,
    chunk_segments: int | None = None,
    from_encoding: str | None = None,
    shard: Shard = WHOLE,
) -> RunReport:
    """Translate every article under `inputs` into `output_dir`.

    An article translated before keeps what its review file (`<id>.po`) holds (see
    translit.memory); only sentences without English go to the engine, and none at
    all when `engine` is None (files for a human translator). Articles are translated
    in chunks of about `chunk_segments` segments and each chunk's files are written
    before the next starts, so finished articles are on disk and memory stays flat.
    Files that cannot be read are passed to `on_error` (one line each) and listed in
    the report, empty ones to `on_warning`; the others are translated and written.
    With `shard` (K/N), only the articles of that shard are (see translit.shard).

    `formats` names the files written per article (None: `DEFAULT_FORMATS`, and a
    Word article's `.en.docx`). With `recursive`, folders are read as trees and the
    outputs mirror them (see `articles.find_articles`). Before anything is written,
    the run is refused (InputError) if an output would replace an input article.

    The run holds a lock on `output_dir` (LockedError if another run has it; shards'
    runs share it, see `output_lock`). Engine
    output is saved as it comes in a run cache beside the outputs, keyed by the
    engine's fingerprint (the model and its settings), so a run stopped by Ctrl-C
    (KeyboardInterrupt, raised after the current engine call or article write)
    resumes where it stopped; the cache is removed when the run ends uninterrupted.
    `from_encoding` names the legacy encoding of articles that are not UTF-8.
    """
    started = time.perf_counter()
    report = RunReport()

    def failed(message: str) -> None:
        report.errors.append(message)
        on_error(message)

    def warned(message: str) -> None:
        report.warnings.append(message)
        on_warning(message)

    articles = shard_articles(inputs, output_dir, shard, formats, recursive, failed, warned)
    if articles is None:
        return report
    check_output_dir(output_dir)
    policy = policy or term_policy(Glossary())
    with output_lock(output_dir, shard):
        docs, versions = load_articles(
            articles, output_dir, failed, warned, from_encoding=from_encoding
        )
        progress = progress or NoProgress()
        progress.start(sum(len(doc.segments) for doc in docs))
        fingerprint = engine.fingerprint if engine is not None else ""
        run = run_info(model_label, fingerprint, policy.glossaries)
        report.glossaries = policy.glossaries
        cache = RunCache(output_dir / CACHE_DIR if engine else None, fingerprint, shard)
        for chunk in _chunks(docs, chunk_segments or CHUNK_SEGMENTS):
            translate_chunk(
                chunk,
                output_dir,
                engine,
                run,
                formats=formats,
                policy=policy,
                cache=cache,
                versions=versions,
                report=report,
                progress=progress,
                on_error=failed,
            )
            chunk.clear()
        cache.discard()
    report.seconds = time.perf_counter() - started
    return report


def shard_articles(
    inputs: Sequence[Path],
    output_dir: Path,
    shard: Shard,
    formats: Sequence[str] | None,
    recursive: bool,
    on_error: Callable[[str], None],
    on_warning: Callable[[str], None],
) -> list[Article] | None:
    """The articles under `inputs` that `shard` translates (all of them for a whole
    run), by their ids (`articles.article_id`). None when no input exists (each said to
    `on_error`); InputError when the inputs hold no article at all (a shard may hold
    none: that is no error), or when an output of the shard's articles would replace
    any input article (`articles.check_outputs`), before anything is written."""
    errors: list[str] = []

    def failed(message: str) -> None:
        errors.append(message)
        on_error(message)

    found = find_articles(inputs, recursive=recursive, on_error=failed, on_warning=on_warning)
    if not found:
        if errors:  # every input was missing: said already, nothing to do
            return None
        raise InputError(no_articles_message(inputs, recursive))
    articles = [article for article in found if shard.holds(article.id)]
    check_outputs(
        [
            (path, name)
            for article in articles
            for name, path in output_paths(
                output_dir, article.id, formats_for(article.path, formats, DEFAULT_FORMATS)
            ).items()
        ],
        [article.path for article in found],
    )
    return articles
