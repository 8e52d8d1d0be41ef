"""Output formats: one module per format, each rendering a Document to text.

Every format module exposes `SUFFIX` (the file name ending after the article id)
and `render(doc: Document, run: RunInfo) -> str`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from translit.document import Document, Finding, Segment, TermHit


@dataclass(frozen=True)
class RunInfo:
    """What produced the files: written into headers so a file says where it came from."""

    tool_version: str
    model: str = ""  # e.g. "translate-vi_en-1_9 1.9"; empty when no model was used
    engine: str = ""  # the engine's fingerprint (model digest, decoding settings), if any
    source_lang: str = "vi"
    target_lang: str = "en"
    created: str = ""  # "YYYY-MM-DD HH:MM+ZZZZ", as gettext writes dates
    glossaries: tuple[str, ...] = ()  # file names of the glossaries used, in order


def hit_note(hit: TermHit) -> str:
    """A hit as reviewers read it everywhere: `glossary: Mátxcơva → Moscow`, for a
    converted number, date or time `date: 7.12 → December 7`, for a Vietnamese person
    or place `name: Phạm Minh Chính → Pham Minh Chinh`; a term translit put into the
    machine English says how (`glossary: Nga → Russia (aligned)`)."""
    kind = "glossary" if hit.kind == "term" else hit.kind
    how = f" ({hit.repair})" if hit.repair and hit.repair != "model" else ""
    return f"{kind}: {hit.variant} → {hit.target}{how}"


def finding_note(finding: Finding) -> str:
    """A finding as one line: `error term-missing: glossary term … is not in the English`."""
    return f"{finding.severity} {finding.code}: {finding.message}"


def notes(seg: Segment) -> list[str]:
    """A segment's glossary hits, then its findings, one line each."""
    return [hit_note(hit) for hit in seg.hits] + [finding_note(f) for f in seg.findings]


def flagged(seg: Segment) -> bool:
    """Whether a reviewer must look at the segment: not approved yet, or any finding."""
    return seg.status != "reviewed" or bool(seg.findings)


@dataclass(frozen=True)
class Counts:
    """A document's review state in numbers, for the headers of the review formats."""

    segments: int = 0
    reviewed: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    flagged: int = 0
    hits: int = 0
    findings: dict[str, int] = field(default_factory=dict)  # severity → count, all three


def count(doc: Document) -> Counts:
    """Count a document's segments by status, its flagged rows, hits and findings."""
    status = {"reviewed": 0, "fuzzy": 0, "untranslated": 0}
    findings = {"error": 0, "warning": 0, "info": 0}
    for seg in doc.segments:
        status[seg.status] += 1
        for finding in seg.findings:
            findings[finding.severity] = findings.get(finding.severity, 0) + 1
    return Counts(
        segments=len(doc.segments),
        flagged=sum(1 for seg in doc.segments if flagged(seg)),
        hits=sum(len(seg.hits) for seg in doc.segments),
        findings=findings,
        **status,
    )
