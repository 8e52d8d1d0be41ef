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

from translit.bitext import read_bitext
from translit.document import Document
from translit.formats import RunInfo, count, po
from translit.glossary.enforce import TermPolicy
from translit.io import InputError
from translit.pipeline import run_info, write_outputs
from translit.qa import CHECKS, check_document

BUILD_FORMATS = ("txt", "html", "md")


def find_review_files(inputs: Iterable[Path]) -> list[Path]:
    """Expand files and folders into PO paths (a folder gives its *.po files, sorted).

    Raises InputError for a path that does not exist or a folder without PO files.
    """
    found: dict[Path, Path] = {}
    for item in inputs:
        if item.is_dir():
            files = sorted(p for p in item.iterdir() if p.suffix == po.SUFFIX and p.is_file())
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
    formats: Sequence[str] = BUILD_FORMATS,
    run: RunInfo | None = None,
) -> list[Path]:
    """Write the document's files (never its PO: leave "po" out of formats) into
    output_dir; return their paths."""
    run = run or run_info(doc.review_header.get("X-Translit-Model", ""))
    return write_outputs(doc, output_dir, run, formats)


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


@dataclass
class CheckResult:
    """Findings of every review file checked, and the files that could not be read."""

    files: int = 0
    segments: int = 0
    hits: int = 0  # glossary hits in the sources
    findings: list[FindingRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

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

    def by_code(self) -> dict[str, int]:
        """How many findings of each code, in the order of the checks registry."""
        counts = Counter(f.code for f in self.findings)
        order = [code for code in CHECKS if code in counts]
        return {code: counts[code] for code in [*order, *sorted(set(counts) - set(order))]}

    def count_at_least(self, severity: str) -> int:
        rank = SEVERITY_RANK[severity]
        return sum(1 for f in self.findings if SEVERITY_RANK.get(f.severity, 0) >= rank)

    def summary(self) -> str:
        by = {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITY_RANK}
        return (
            f"{self.files} file{'s' if self.files != 1 else ''}, "
            f"{self.segments} segment{'s' if self.segments != 1 else ''}: "
            f"{by['error']} errors, {by['warning']} warnings, {by['info']} notes"
        )

    def to_json(self) -> str:
        return json.dumps(
            {
                "summary": {
                    "segments": self.segments,
                    "glossary_hits": self.hits,
                    "findings": self.by_code(),
                },
                "files": self.files,
                "segments": self.segments,
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


def check_bitext(paths: Sequence[Path], policy: TermPolicy) -> CheckResult:
    """Check a bilingual text (`translit.bitext.read_bitext`: SOURCE TARGET, or one
    two-column TSV) with the same checks as a review file; raises InputError."""
    doc = read_bitext(paths)
    check_document(doc, policy)
    result = CheckResult()
    result.add(doc, paths[-1])
    return result
