"""`translit glossary find`: which entries match where, in articles or in a text; and
`translit glossary show`: one entry, looked up by its term or any variant."""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass
from pathlib import Path

from translit.document import Entry, Glossary
from translit.glossary.fold import nfc
from translit.glossary.match import Matcher
from translit.io import find_articles, read_article


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


def find_terms(source: str, matcher: Matcher) -> list[FoundTerm]:
    """The glossary variants in `source`: an article file, a folder of articles, or else
    Vietnamese text itself. Raises InputError for an article that cannot be read."""
    path = Path(source)
    if source and path.exists():
        found = []
        for article in find_articles([path]):
            doc = read_article(article)
            for number, paragraph in enumerate(doc.paragraphs, 1):
                found += [
                    FoundTerm(m.entry.term, m.text, m.start, m.end, m.english, str(article), number)
                    for m in matcher.find(paragraph)
                ]
        return found
    return [
        FoundTerm(m.entry.term, m.text, m.start, m.end, m.english)
        for m in matcher.find(nfc(source))
    ]


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
