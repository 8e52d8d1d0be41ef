"""`translit glossary find`: which entries match where, in articles or in a text, and
the Vietnamese people and places no entry holds (translit.names); and `translit
glossary show`: one entry, looked up by its term or any variant."""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from translit.document import Entry, Glossary
from translit.glossary.fold import nfc

if TYPE_CHECKING:
    from translit.document import TermHit
    from translit.glossary.enforce import TermPolicy


@dataclass(frozen=True)
class FoundTerm:
    """A glossary variant found in an article paragraph or a text."""

    term: str  # the entry (canonical English)
    text: str  # the variant as written
    start: int  # offsets in the paragraph (or the text)
    end: int
    english: str  # what it comes out as (the term, or its mention's English)
    file: str | None = None  # the article, for a file
    paragraph: int | None = None  # 1-based paragraph, for a file

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def line(self) -> str:
        """`file:paragraph: «text» → Term` for a file, `start-end: «text» → Term` for text."""
        where = f"{self.file}:{self.paragraph}" if self.file else f"{self.start}-{self.end}"
        english = f" (as {self.english})" if self.english != self.term else ""
        return f"{where}: «{self.text}» → {self.term}{english}"


@dataclass(frozen=True)
class FoundName:
    """A Vietnamese person or place no glossary entry holds, and its house form."""

    text: str  # as written
    start: int
    end: int
    english: str  # the house form it comes out as
    file: str | None = None
    paragraph: int | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def line(self) -> str:
        """`file:paragraph: «Phạm Minh Chính» → Pham Minh Chinh` (or `start-end: ...`)."""
        where = f"{self.file}:{self.paragraph}" if self.file else f"{self.start}-{self.end}"
        return f"{where}: «{self.text}» → {self.english}"


def _found(
    hits: list[TermHit], file: str | None = None, paragraph: int | None = None
) -> tuple[list[FoundTerm], list[FoundName]]:
    terms = [
        FoundTerm(h.entry, h.variant, h.start, h.end, h.target, file, paragraph)
        for h in hits
        if h.kind == "term"
    ]
    names = [
        FoundName(h.variant, h.start, h.end, h.target, file, paragraph)
        for h in hits
        if h.kind == "name"
    ]
    return terms, names


def find_terms(
    source: str, policy: TermPolicy, from_encoding: str | None = None
) -> tuple[list[FoundTerm], list[FoundName]]:
    """The glossary variants and the names in `source`: an article file, a folder of
    articles (those not in UTF-8 in the legacy encoding `from_encoding`), or else
    Vietnamese text itself, as `translit translate` finds them (an
    article's names with what the whole article says). Raises InputError for an
    article that cannot be read (any kind translit reads)."""
    from translit.articles import find_articles
    from translit.formats.registry import read_document

    path = Path(source)
    terms: list[FoundTerm] = []
    names: list[FoundName] = []
    if source and path.exists():
        for article in find_articles([path]):
            doc = read_document(article.path, from_encoding)
            context = policy.name_context(doc.paragraphs)
            for number, paragraph in enumerate(doc.paragraphs, 1):
                found = _found(policy.hits(paragraph, context), str(article.path), number)
                terms += found[0]
                names += found[1]
        return terms, names
    text = nfc(source)
    return _found(policy.hits(text, policy.name_context([text])))


def lookup(glossary: Glossary, term: str) -> tuple[Entry | None, str, list[str]]:
    """The entry `term` names: its canonical term (in any case) or, failing that, one
    of its Vietnamese variants (folded as matching folds them). Returns the entry, how
    it was found ("" or " (found as a vi variant: X)") and, when none is found, up to
    three close terms to suggest."""
    from translit.glossary.fold import variant_forms

    wanted = term.strip()
    entry = glossary.entries.get(wanted)
    if entry is None:
        lowered = {t.casefold(): e for t, e in glossary.entries.items()}
        entry = lowered.get(wanted.casefold())
    if entry is not None:
        return entry, "", []
    forms = set(variant_forms(term))
    for candidate in glossary.entries.values():
        if any(set(variant_forms(v)) & forms for v in candidate.vi):
            return candidate, f" (found as a vi variant: {wanted})", []
    return None, "", difflib.get_close_matches(term, list(glossary.entries), n=3)


def describe(entry: Entry) -> list[str]:
    """`translit glossary show`'s lines for an entry, after its term."""
    fields = [
        ("vi", ", ".join(entry.plain_vi)),
        ("en (also right)", ", ".join(entry.en)),
        *((f"mention {english}", ", ".join(variants)) for english, variants in entry.mentions),
        ("en_variants", ", ".join(entry.en_variants)),
        ("note", entry.note),
        ("case", "sensitive" if entry.case_sensitive else "insensitive"),
        ("not_followed_by", ", ".join(entry.not_followed_by)),
        ("not_preceded_by", ", ".join(entry.not_preceded_by)),
        ("keep", "true (emitted as written)" if entry.keep else ""),
        ("section", entry.section or ""),
    ]
    lines = [f"  {name}: {text}" for name, text in fields if text]
    return [*lines, f"  defined in: {entry.origin}"]
