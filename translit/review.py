"""Working from the review files (`<id>.po`) as the reviewer left them, without a model.

`load_review` reads a PO back into a Document and recomputes its glossary hits and
findings from the text; `build_files` rebuilds the English article and the side-by-side
files from it; `article_status` counts what is left to review.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from translit.articles import walk_tree
from translit.bitext import read_bitext
from translit.document import Document
from translit.formats import RunInfo, count, po
from translit.formats.registry import BUILD_FORMATS, formats_for
from translit.glossary.enforce import TermPolicy
from translit.io import InputError
from translit.pipeline import run_info, write_outputs
from translit.qa import CHECKS, check_document


def find_review_files(inputs: Iterable[Path], recursive: bool = False) -> list[Path]:
    """Expand files and folders into PO paths (a folder gives its *.po files, sorted;
    with `recursive`, those of its whole tree, see `articles.walk_tree`).

    Raises InputError for a path that does not exist or a folder without PO files.
    """
    found: dict[Path, Path] = {}
    for item in inputs:
        if item.is_dir():
            children = walk_tree(item) if recursive else sorted(item.iterdir())
            files = [p for p in children if p.suffix == po.SUFFIX and p.is_file()]
            if not files:
                raise InputError(f"{item}: no .po review files here (run translit translate)")
            for path in files:
                found.setdefault(path.resolve(), path)
        elif item.exists():
            found.setdefault(item.resolve(), item)
        else:
            raise InputError(f"{item}: no such file or directory")
    return list(found.values())


def load_review(path: Path, policy: TermPolicy) -> Document:
    """A review file as a Document, its hits and findings recomputed (InputError if bad)."""
    doc = po.read(path)
    check_document(doc, policy)
    return doc


def load_reviews(
    paths: Iterable[Path], policy: TermPolicy, on_error: Callable[[str], None]
) -> Iterator[tuple[Path, Document]]:
    """Each review file that can be read, as `load_review` gives it, one at a time;
    the message of each one that cannot goes to `on_error`."""
    for path in paths:
        try:
            doc = load_review(path, policy)
        except InputError as err:
            on_error(str(err))
            continue
        yield path, doc


def build_files(
    doc: Document,
    output_dir: Path,
    formats: Sequence[str] | None = None,
    run: RunInfo | None = None,
) -> list[Path]:
    """Write the document's files (never its PO: leave "po" out of formats) into
    output_dir; return their paths. Without `formats`, `BUILD_FORMATS` and what the
    source's reader adds (a Word article's `.en.docx`)."""
    run = run or run_info(doc.review_header.get("X-Translit-Model", ""))
    return write_outputs(doc, output_dir, run, formats_for(doc.path, formats, BUILD_FORMATS))


@dataclass(frozen=True)
class ArticleStatus:
    """How far the review of one article has come."""

    id: str
    path: Path
    segments: int
    reviewed: int
    fuzzy: int
    untranslated: int
    errors: int
    warnings: int

    @property
    def done(self) -> bool:
        return self.reviewed == self.segments and not self.errors


def article_status(doc: Document, path: Path) -> ArticleStatus:
    """Counts for the review table of one article (after its findings are checked)."""
    c = count(doc)
    return ArticleStatus(
        id=doc.id,
        path=path,
        segments=c.segments,
        reviewed=c.reviewed,
        fuzzy=c.fuzzy,
        untranslated=c.untranslated,
        errors=c.findings["error"],
        warnings=c.findings["warning"],
    )


def status_table(rows: Sequence[ArticleStatus]) -> str:
    """The `translit review` table: a line per article, then how many are done."""
    width = max([len("article")] + [len(r.id) for r in rows])
    head = ("segments", "reviewed", "fuzzy", "untranslated", "errors", "warnings")
    lines = [f"{'article':<{width}}  " + "  ".join(f"{h:>8}" for h in head)]
    for r in rows:
        cells = (r.segments, r.reviewed, r.fuzzy, r.untranslated, r.errors, r.warnings)
        lines.append(f"{r.id:<{width}}  " + "  ".join(f"{c:>8}" for c in cells))
    done = sum(1 for r in rows if r.done)
    lines.append(f"{done} of {len(rows)} article{'s' if len(rows) != 1 else ''} fully reviewed")
    return "\n".join(lines)


SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class FindingRow:
    """One finding of `translit check`, with where it is."""

    article: str
    file: str
    key: str
    severity: str
    code: str
    message: str
    source: str
    target: str


REQUIREMENTS = ("translated", "reviewed")
BITEXT_HAS_NO_REVIEW = (
    "--require reviewed: a bitext has no review status (no fuzzy flag); "
    "use --require translated (every line has English)"
)


@dataclass(frozen=True)
class FileStatus:
    """How many segments of one checked file are in each status.

    A review file's statuses are reviewed, fuzzy and untranslated; a bitext has no
    review status, so its are translated and untranslated (an empty English line).
    """

    article: str
    file: str
    segments: int
    status: dict[str, int]

    def cells(self) -> list[str]:
        """`12 segments`, `9 reviewed`, ...: the counts as words."""
        return [_plural(self.segments, "segment")] + [f"{n} {s}" for s, n in self.status.items()]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _statuses(doc: Document, bitext: bool) -> dict[str, int]:
    counts = Counter(seg.status for seg in doc.segments)
    if bitext:
        return {
            "translated": len(doc.segments) - counts["untranslated"],
            "untranslated": counts["untranslated"],
        }
    return {s: counts[s] for s in ("reviewed", "fuzzy", "untranslated")}


@dataclass
class CheckResult:
    """Findings of every review file checked, and the files that could not be read."""

    files: int = 0
    segments: int = 0
    hits: int = 0  # glossary hits in the sources
    findings: list[FindingRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    statuses: list[FileStatus] = field(default_factory=list)  # one per file, in order
    bitext: bool = False  # statuses are translated/untranslated, not the review's

    def add(self, doc: Document, path: Path) -> None:
        """Count a checked document and take its findings."""
        self.files += 1
        self.segments += len(doc.segments)
        self.hits += sum(1 for seg in doc.segments for hit in seg.hits if hit.kind == "term")
        self.findings += [
            FindingRow(
                doc.id, str(path), seg.key, f.severity, f.code, f.message, seg.source, seg.target
            )
            for seg in doc.segments
            for f in seg.findings
        ]
        self.statuses.append(
            FileStatus(doc.id, str(path), len(doc.segments), _statuses(doc, self.bitext))
        )

    def by_code(self) -> dict[str, int]:
        """How many findings of each code, in the order of the checks registry."""
        counts = Counter(f.code for f in self.findings)
        order = [code for code in CHECKS if code in counts]
        return {code: counts[code] for code in [*order, *sorted(set(counts) - set(order))]}

    def count_at_least(self, severity: str) -> int:
        rank = SEVERITY_RANK[severity]
        return sum(1 for f in self.findings if SEVERITY_RANK.get(f.severity, 0) >= rank)

    def status_total(self) -> dict[str, int]:
        """Segments by status over every file (review: reviewed, fuzzy, untranslated;
        bitext: translated, untranslated)."""
        names = (
            ("translated", "untranslated") if self.bitext else ("reviewed", "fuzzy", "untranslated")
        )
        return {s: sum(f.status.get(s, 0) for f in self.statuses) for s in names}

    def short_of(self, requirement: str) -> dict[str, int]:
        """The segments that keep the files from meeting `requirement` (translated:
        untranslated ones; reviewed: fuzzy and untranslated ones), by status; empty
        when every segment meets it. A bitext has no review status: ValueError."""
        if requirement not in REQUIREMENTS:
            raise ValueError(f"unknown requirement {requirement!r}")
        if requirement == "reviewed" and self.bitext:
            raise ValueError(BITEXT_HAS_NO_REVIEW)
        total = self.status_total()
        failing = ("untranslated",) if requirement == "translated" else ("fuzzy", "untranslated")
        return {s: total[s] for s in failing if total[s]}

    def summary_cells(self) -> list[str]:
        """The summary as cells: files, segments, findings by severity, segments by status."""
        by = {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITY_RANK}
        return [
            _plural(self.files, "file"),
            _plural(self.segments, "segment"),
            f"{by['error']} errors",
            f"{by['warning']} warnings",
            f"{by['info']} info",
            *(f"{n} {s}" for s, n in self.status_total().items()),
        ]

    def summary(self) -> str:
        """One line for people: `3 files, 26 segments: 0 errors, 2 warnings, 0 info;
        9 reviewed, 15 fuzzy, 2 untranslated`."""
        c = self.summary_cells()
        return f"{c[0]}, {c[1]}: {', '.join(c[2:5])}; {', '.join(c[5:])}"

    def to_json(self) -> str:
        return json.dumps(
            {
                "summary": {
                    "segments": self.segments,
                    "glossary_hits": self.hits,
                    "findings": self.by_code(),
                    "status": self.status_total(),
                },
                "files": self.files,
                "segments": self.segments,
                "status": [asdict(f) for f in self.statuses],
                "findings": [asdict(f) for f in self.findings],
                "errors": self.errors,
            },
            ensure_ascii=False,
            indent=2,
        )


def check_files(paths: Sequence[Path], policy: TermPolicy) -> CheckResult:
    """Check every review file; a file that cannot be read is listed in `errors`."""
    result = CheckResult()
    for path, doc in load_reviews(paths, policy, result.errors.append):
        result.add(doc, path)
    return result


def check_bitext(
    paths: Sequence[Path], policy: TermPolicy, from_encoding: str | None = None
) -> CheckResult:
    """Check a bilingual text (`translit.bitext.read_bitext`: SOURCE TARGET, or one
    two-column TSV, the Vietnamese in `from_encoding` if not UTF-8) with the same
    checks as a review file; raises InputError."""
    doc = read_bitext(paths, from_encoding)
    check_document(doc, policy)
    result = CheckResult(bitext=True)
    result.add(doc, paths[-1])
    return result
