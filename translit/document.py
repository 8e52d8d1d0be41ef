"""The core types every stage passes along: Document, Segment, TermHit, Finding.

Plain dataclasses. Stages read and fill them; none reaches into another stage's
internals. Offsets are character offsets into the normalized paragraph text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Origin = Literal["machine", "reviewed", "none"]
Status = Literal["untranslated", "fuzzy", "reviewed"]
Severity = Literal["error", "warning", "info"]
Layout = Literal["blank", "line"]
HitKind = Literal["term", "number", "date", "time", "name"]


@dataclass
class Finding:
    """Something a reviewer should look at, with a stable code such as `term-missing`."""

    code: str
    message: str
    severity: Severity = "warning"
    # where in the English the problem is (a rejected form such as "Kiev"), if one place
    span: tuple[int, int] | None = None


@dataclass
class TermHit:
    """A glossary entry, a number, date or time to convert, or a Vietnamese person or
    place (translit.names) found in a segment's source."""

    entry: str  # canonical English term (the entry's key); "" for a number, date or time
    variant: str  # the text matched in the source
    start: int  # span in Segment.source
    end: int
    target: str  # the English the entry requires
    applied: bool = False  # True once the target is present in the English
    kind: HitKind = "term"  # "number", "date", "time": a conversion (translit.conventions);
    # "name": a Vietnamese person or place, `target` in the house form (translit.names)
    # Other English forms that are right for the entity (Entry.accepted); a term hit is
    # satisfied by `target` or any of these.
    accepted: tuple[str, ...] = ()
    # How the term got into the machine English (translit.glossary.repair): "model",
    # "rewrite", "aligned", "inline", "placeholder", "n-best"; "" when it is not there
    # or the English is not this run's machine translation.
    repair: str = ""


@dataclass
class Segment:
    """One sentence (or heading, caption, credit line) of an article."""

    key: str  # stable key "p<paragraph>.s<sentence>", both 1-based
    source: str
    paragraph: int  # 1-based paragraph number
    start: int  # offsets of `source` in the paragraph text
    end: int
    line_break: bool = False  # the source has a line break after this segment
    target: str = ""
    origin: Origin = "none"
    fuzzy: bool = False
    hits: list[TermHit] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    previous_source: str = ""  # the source an old translation was made for (PO `#| msgid`)
    note: str = ""  # the reviewer's own comment (PO `# ...`), kept across runs
    # A plural entry a reviewer's tool made (PO `msgid_plural`, `msgstr[N]`), kept as it
    # is: the plural source and every form's English (`target` is the first form's).
    plural_source: str = ""
    plural_targets: tuple[str, ...] = ()
    # How each term got into the English, as an earlier run's review file says
    # (`(variant, target)` → "aligned", ...): kept while the term stays applied and the
    # entry unreviewed, so an unchanged re-run writes the same comments (TermHit.repair).
    repairs: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def status(self) -> Status:
        """What a reviewer sees: no English yet, English awaiting review, or approved."""
        if not self.target:
            return "untranslated"
        return "fuzzy" if self.fuzzy else "reviewed"


def key_order(key: str) -> tuple[int, ...]:
    """Sort key of a segment key: p2.s10 after p2.s9 (and p2.s1~2 after p2.s1)."""
    return tuple(int(n) for n in re.findall(r"\d+", key))


@dataclass(frozen=True)
class Para:
    """A paragraph of the source's layout: which of `Document.paragraphs` it holds, and
    its style, so that a Word file can be rebuilt with the same structure."""

    number: int  # 1-based index into Document.paragraphs; 0 for an empty paragraph
    # "Title", "Heading 2", "Caption", "List Bullet", "Quote" ...: a Word paragraph style
    # name (what the reader found, or the nearest built-in style); "" for body text
    style: str = ""


@dataclass(frozen=True)
class Table:
    """A table of the source: rows of cells, each cell its paragraphs."""

    rows: tuple[tuple[tuple[Para, ...], ...], ...]
    style: str = ""  # a Word table style name ("Table Grid"); "" for the default


Block = Para | Table


@dataclass
class Document:
    """An article: its id (file stem, or its path under the folder a recursive run
    was given, such as `2021/12/bai-1`), where it came from, and its segments."""

    id: str
    path: Path
    paragraphs: list[str]  # normalized paragraph texts; may hold "\n" hard breaks
    segments: list[Segment] = field(default_factory=list)
    layout: Layout = "blank"  # paragraphs separated by blank lines or one per line
    # Entries of an earlier review file whose sentence is gone (PO `#~`), kept, not lost.
    obsolete: list[Segment] = field(default_factory=list)
    # The header of the review file this was read from (the reviewer's Last-Translator,
    # the model that translated it, ...); empty for a fresh article.
    review_header: dict[str, str] = field(default_factory=dict)
    # The source's layout in order (paragraphs with styles, tables), for a Word file
    # of the English; empty when every paragraph is body text in order (.txt, .md).
    blocks: list[Block] = field(default_factory=list)
    # What the source says about itself (a saved page's title, author, date, url,
    # site), shown in the review files' headers.
    meta: dict[str, str] = field(default_factory=dict)
    # What a reader noticed but read anyway or left out (one line each, no file name);
    # reported as warnings, not kept in the review file.
    notices: list[str] = field(default_factory=list)
    # The reviewer's comment lines above the PO header (after translit's own first line).
    header_comment: str = ""

    def paragraph_segments(self) -> list[list[Segment]]:
        """Segments grouped by paragraph, in order (empty paragraphs omitted)."""
        groups: dict[int, list[Segment]] = {}
        for seg in self.segments:
            groups.setdefault(seg.paragraph, []).append(seg)
        return [groups[n] for n in sorted(groups)]


@dataclass(frozen=True)
class Entry:
    """One glossary entry: an entity, keyed by its canonical English, and its forms.

    An entry names an entity, not a string: English writes one entity in several
    correct forms (Russia, Russian, Russians; US, United States, American), and all of
    them are accepted (`accepted`). Only `en_variants`, the forms the house rejects
    (Kiev, Moskva), are rewritten to the canonical term. A Vietnamese variant may carry
    its own English (`mentions`: a surname alone stays the surname, an acronym the
    acronym); every other variant comes out as `term`.
    """

    term: str  # canonical English (the YAML key)
    vi: tuple[str, ...]  # every Vietnamese variant to find in the source (mentions' too)
    en_variants: tuple[str, ...] = ()  # rejected English forms, rewritten to `term`
    note: str = ""
    case_sensitive: bool = False
    not_followed_by: tuple[str, ...] = ()  # guard words right after a match
    not_preceded_by: tuple[str, ...] = ()  # guard words right before a match
    keep: bool = False  # do-not-translate: emitted as written
    origin: str = ""  # "file:line" where the entry is defined
    en: tuple[str, ...] = ()  # other correct English forms (adjective, demonym, long form)
    # (English, Vietnamese variants that come out as that English), e.g. ("Biden", ("Biden",))
    mentions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # The part of the glossary it belongs to (countries, capitals, organisations,
    # leaders): the entry's `section:`, else its file's; "" for none.
    section: str = ""

    @property
    def plain_vi(self) -> tuple[str, ...]:
        """The variants that come out as `term` (those of `vi:` in the file)."""
        own = {v for _, variants in self.mentions for v in variants}
        return tuple(v for v in self.vi if v not in own)

    def english_for(self, variant: str) -> str:
        """The English a Vietnamese variant comes out as: its mention's, else the term."""
        for english, variants in self.mentions:
            if variant in variants:
                return english
        return self.term

    @property
    def accepted(self) -> tuple[str, ...]:
        """Every English form that is right for this entity: the term (and, for "the
        Netherlands" or "The Guardian", the name without the article), `en`, and the
        mentions' English."""
        forms = [self.term]
        if self.term[:4] in ("the ", "The ") and len(self.term) > 4:
            forms.append(self.term[4:])
        forms += self.en
        forms += [english for english, _ in self.mentions]
        return tuple(dict.fromkeys(forms))


@dataclass(frozen=True)
class Glossary:
    """Entries by canonical term, merged across files (later files extend earlier ones)."""

    entries: dict[str, Entry] = field(default_factory=dict)
    files: tuple[Path, ...] = ()

    def __len__(self) -> int:
        return len(self.entries)
