"""The review folder as `translit serve` and its JSON API see it; the PO is the master.

`ReviewFolder` lists the articles of a folder (`<id>.po`), reads one with its
findings recomputed (`translit.review.load_review`, the checks of `translit check`),
and saves one segment: the entry is changed in place (`translit.serve.edit`), the
file written atomically only if it is still the version the reviewer started from,
and the article's other files (`.en.txt`, `.html`, and any of `.md`, `.tsv`, `.tmx`,
`.xlf` that exist) rebuilt as `translit build` would. Saves hold the folder's run
lock, so a `translit translate` writing the same folder and a save never overwrite
each other: whichever comes second is refused.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translit.config import Config
from translit.document import Document, Segment
from translit.engines import Engine
from translit.formats import po
from translit.glossary.enforce import TermPolicy
from translit.io import ChangedOnDisk, InputError, read_bytes, write_atomic
from translit.qa import check_segment
from translit.review import ArticleStatus, article_status, build_files, load_review
from translit.serve.edit import EditError, EntryChange, NoSuchEntry, edit_entry

# Files a save rebuilds whether or not they exist (translate's defaults besides the PO),
# and those it rebuilds only when an earlier run wrote them.
REFRESH_ALWAYS = ("txt", "html")
REFRESH_IF_PRESENT = ("md", "tsv", "tmx", "xliff", "docx")
READ_ATTEMPTS = 5


class ReviewError(Exception):
    """A request the folder cannot serve; the message is one line for the reviewer."""


class NotFound(ReviewError):
    """No such article or segment."""


class BadEdit(ReviewError):
    """An edit that cannot be saved as given (nothing to approve, bad characters ...)."""


class Stale(ReviewError):
    """The PO changed on disk since the version the edit was made on."""


class Busy(ReviewError):
    """A translit run is writing the folder, or the file keeps changing: try again."""


class Unreadable(ReviewError):
    """The PO file cannot be read (damaged, not a translit PO ...)."""


class CannotWrite(ReviewError):
    """The PO could not be written (a full disk, a read-only folder ...); nothing changed."""


class NoModel(ReviewError):
    """No machine translation: no model installed, or it does not load."""


@dataclass(frozen=True)
class Article:
    """One article as read from its PO: the document (findings checked) and its version."""

    id: str
    path: Path
    version: str  # SHA-256 of the PO's bytes (translit.io.file_version)
    doc: Document
    data: bytes = dataclasses.field(repr=False, default=b"")  # the bytes read


@dataclass(frozen=True)
class Summary:
    """A line of the index: the review counts of an article and its headline."""

    status: ArticleStatus
    title: str


@dataclass(frozen=True)
class SegmentEdit:
    """What a reviewer saves for one segment."""

    target: str
    approved: bool
    version: str  # the PO version the edit was made on
    comment: str | None = None  # None: the reviewer's comment stays as it is


def version_of(data: bytes) -> str:
    """The version of a file's bytes, as `translit.io.file_version` gives it."""
    return hashlib.sha256(data).hexdigest()


def clean_text(value: str, what: str, multiline: bool = False) -> str:
    """Text from a reviewer: NFC, no control characters and no lone surrogates (JSON's
    "\\ud800" is no character, and cannot be written as UTF-8) (BadEdit); a line break
    only where `multiline` allows it (a comment), written as "\\n". The line and
    paragraph separators U+2028/U+2029 are line breaks too: PO readers split lines there
    (polib does), so one inside a PO string would cut it."""
    value = value.replace("\r\n", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    bad = [
        c
        for c in value
        if unicodedata.category(c) in ("Cc", "Cs") and not (multiline and c == "\n")
    ]
    if bad:
        if bad[0] in "\n\r":
            name = "a line break"
        elif unicodedata.category(bad[0]) == "Cs":
            name = f"the lone surrogate U+{ord(bad[0]):04X} (half a character)"
        else:
            name = f"the control character U+{ord(bad[0]):04X}"
        raise BadEdit(f"{what} must not hold {name}")
    return unicodedata.normalize("NFC", value)


def segment_dict(seg: Segment) -> dict[str, Any]:
    """A segment as the JSON API gives it."""
    return {
        "key": seg.key,
        "source": seg.source,
        "target": seg.target,
        "status": seg.status,
        "findings": [
            {"code": f.code, "severity": f.severity, "message": f.message} for f in seg.findings
        ],
        "hits": [
            {
                "kind": h.kind,
                "entry": h.entry,
                "variant": h.variant,
                "start": h.start,
                "end": h.end,
                "target": h.target,
                "accepted": list(h.accepted),
                "applied": h.applied,
            }
            for h in seg.hits
        ],
        "comment": seg.note,
    }


def apply_edit(seg: Segment, target: str, approved: bool, comment: str | None) -> None:
    """Set a segment as the PO entry will read back after the save: approved English is
    not fuzzy, other English is, empty English is untranslated."""
    seg.target = target
    seg.fuzzy = bool(target) and not approved
    seg.origin = ("machine" if seg.fuzzy else "reviewed") if target else "none"
    if not seg.fuzzy:
        seg.previous_source = ""
    if comment is not None:
        seg.note = comment


def model_engine(config: Config) -> Callable[[], Engine]:
    """A factory of the engine `translit translate` would use with this configuration
    (the model is looked up and loaded only when machine English is first asked for)."""

    def make() -> Engine:
        from translit.engines import CT2Engine, EngineOptions
        from translit.models import ModelError, find_model

        try:
            return CT2Engine(find_model(name=config.model), EngineOptions.from_config(config))
        except ModelError as err:
            raise NoModel(str(err)) from None

    return make


def title_of(doc: Document) -> str:
    """The headline: the first segment's English, or its Vietnamese while it has none."""
    if not doc.segments:
        return ""
    first = doc.segments[0]
    return first.target or first.source


class ReviewFolder:
    """The PO files of one folder, read and saved for review (safe across threads)."""

    def __init__(
        self,
        directory: Path,
        policy: TermPolicy,
        engine_factory: Callable[[], Engine] | None = None,
        on_warning: Callable[[str], None] = lambda message: None,
    ) -> None:
        self.directory = directory
        self.policy = policy
        self._engine_factory = engine_factory
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._summaries: dict[Path, tuple[str, Summary]] = {}
        self._on_warning = on_warning

    # --- reading ----------------------------------------------------------------------

    def paths(self) -> dict[str, Path]:
        """Article id → PO path: the folder's `*.po` regular files, sorted (a symbolic
        link is left out: a save never writes through one)."""
        return self._listing()[0]

    def _listing(self) -> tuple[dict[str, Path], list[str]]:
        """`paths`, and a line for each PO whose name is not UTF-8 (such a name cannot
        be shown in a page or an API answer, so the file is left out)."""
        try:
            children = sorted(self.directory.iterdir())
        except OSError as err:
            raise Unreadable(f"{self.directory}: cannot read the folder ({err.strerror})") from None
        found: dict[str, Path] = {}
        misnamed: list[str] = []
        for p in children:
            if p.suffix != po.SUFFIX or p.is_symlink() or not p.is_file():
                continue
            try:
                p.name.encode("utf-8")
            except UnicodeEncodeError:
                shown = os.fsencode(p).decode("utf-8", "replace")
                misnamed.append(f"{shown}: the file name is not UTF-8; rename it to review it")
                continue
            found[p.name.removesuffix(po.SUFFIX)] = p
        return found, misnamed

    def path_of(self, article_id: str) -> Path:
        path = self.paths().get(article_id)
        if path is None:
            raise NotFound(f"no article {article_id!r} in {self.directory}")
        return path

    def read(self, article_id: str) -> Article:
        """An article with its findings recomputed, and the version of the bytes read."""
        path = self.path_of(article_id)
        return self._read(article_id, path)

    def _read(self, article_id: str, path: Path) -> Article:
        for _ in range(READ_ATTEMPTS):  # the version must be that of the bytes parsed
            try:
                before = read_bytes(path)
                doc = load_review(path, self.policy)
                after = read_bytes(path)
            except InputError as err:
                if not path.exists():
                    raise NotFound(f"no article {article_id!r} in {self.directory}") from None
                raise Unreadable(str(err)) from None
            if before == after:
                return Article(article_id, path, version_of(before), doc, before)
        raise Busy(f"{path}: keeps changing on disk as it is read; try again")

    def summaries(self) -> tuple[list[Summary], list[str]]:
        """The index: every readable article's counts, and a line for each that is not.

        Articles whose PO did not change since the last call are not parsed again.
        """
        rows: list[Summary] = []
        paths, errors = self._listing()
        cache: dict[Path, tuple[str, Summary]] = {}
        for article_id, path in paths.items():
            try:
                version = version_of(read_bytes(path))
                known = self._summaries.get(path)
                if known is None or known[0] != version:
                    article = self._read(article_id, path)
                    status = article_status(article.doc, path)
                    known = (article.version, Summary(status, title_of(article.doc)))
            except (InputError, ReviewError) as err:
                errors.append(str(err))
                continue
            cache[path] = known
            rows.append(known[1])
        self._summaries = cache
        return rows, errors

    @staticmethod
    def segment(doc: Document, key: str) -> Segment:
        for seg in doc.segments:
            if seg.key == key:
                return seg
        raise NotFound(f"no segment {key!r} in {doc.id}")

    # --- checking and machine English, without saving ------------------------------------

    def preview(self, article_id: str, key: str, target: str) -> Segment:
        """The segment as it would be with this English: hits and findings by the checks
        of `translit check` (nothing is saved)."""
        doc = self.read(article_id).doc
        seg = self.segment(doc, key)
        approved = seg.status == "reviewed"
        seg = dataclasses.replace(seg)
        apply_edit(seg, clean_text(target, "the English"), approved, None)
        check_segment(seg, self.policy, self._names(doc))
        return seg

    def _names(self, doc: Document):  # -> NameContext | None
        """What the article says about its names, as `translit check` reads it."""
        return self.policy.name_context([seg.source for seg in doc.segments])

    def machine(self, article_id: str, key: str) -> str:
        """The English the installed model gives this segment now, as `translit
        translate` would write it (glossary terms and conventions applied)."""
        from translit.models import ModelError
        from translit.pipeline import NoProgress, translate_documents

        seg = self.segment(self.read(article_id).doc, key)
        one = Segment(key=seg.key, source=seg.source, paragraph=1, start=0, end=len(seg.source))
        doc = Document(article_id, Path(article_id), paragraphs=[seg.source], segments=[one])
        try:
            translate_documents([doc], self._load_engine(), NoProgress(), self.policy)
        except ModelError as err:
            raise NoModel(str(err)) from None
        return one.target

    def _load_engine(self) -> Engine:
        with self._engine_lock:
            if self._engine is None:
                if self._engine_factory is None:
                    raise NoModel("no machine translation here: translit serve has no model")
                self._engine = self._engine_factory()
            return self._engine

    # --- saving ---------------------------------------------------------------------------

    def save(self, article_id: str, key: str, edit: SegmentEdit) -> tuple[Segment, str]:
        """Save one segment; return it (findings rechecked) and the PO's new version.

        Raises Stale when the PO is no longer `edit.version`, Busy while a translit
        run holds the folder, NotFound, BadEdit or Unreadable.
        """
        from translit.runstate import LockedError, output_lock

        path = self.path_of(article_id)
        target = clean_text(edit.target, "the English")
        comment = None if edit.comment is None else clean_text(edit.comment, "a comment", True)
        if edit.approved and not target.strip():
            raise BadEdit("nothing to approve: the English is empty")
        with self._write_lock:
            try:
                with output_lock(self.directory):
                    return self._save(article_id, path, key, target, comment, edit)
            except LockedError as err:
                raise Busy(f"{err}; your text is not saved yet: save again then") from None

    def _save(
        self,
        article_id: str,
        path: Path,
        key: str,
        target: str,
        comment: str | None,
        edit: SegmentEdit,
    ) -> tuple[Segment, str]:
        article = self._read(article_id, path)
        seg = self.segment(article.doc, key)
        if article.version != edit.version:
            raise Stale(_stale_message(path))
        apply_edit(seg, target, edit.approved, comment)
        check_segment(seg, self.policy, self._names(article.doc))
        change = EntryChange(seg.target, seg.fuzzy, po.comments(seg), comment)
        try:
            text = edit_entry(article.data.decode("utf-8"), key, change)
        except NoSuchEntry:
            raise NotFound(f"no segment {key!r} in {article_id}") from None
        except (EditError, UnicodeDecodeError) as err:
            raise Unreadable(f"{path}: {err}") from None
        try:
            write_atomic(path, text, expect=article.version)
        except ChangedOnDisk:
            raise Stale(_stale_message(path)) from None
        except OSError as err:
            raise CannotWrite(f"{path}: cannot write ({err.strerror or err}); not saved") from None
        self._refresh(article.doc)
        return seg, version_of(text.encode("utf-8"))

    def _refresh(self, doc: Document) -> None:
        """Rebuild the article's other files from the document as saved."""
        from translit.formats.registry import output_paths

        present = [
            name
            for name, path in output_paths(self.directory, doc.id, REFRESH_IF_PRESENT).items()
            if path.exists()
        ]
        try:
            build_files(doc, self.directory, (*REFRESH_ALWAYS, *present))
        except InputError as err:
            self._on_warning(f"{err}; the PO is saved: run translit build to retry")


def _stale_message(path: Path) -> str:
    return (
        f"{path.name} changed on disk since you loaded it (another tab, a PO editor or "
        "a translate run); your edit is not saved: reload, then save again"
    )
