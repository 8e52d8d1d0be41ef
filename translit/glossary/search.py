"""`translit glossary find`: which entries match where, in articles or in a text."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

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
