"""Finding glossary variants in Vietnamese text.

The text is folded (`fold.fold`: tone placement, hyphens, case; invisible format
characters such as a soft hyphen are dropped first and offsets mapped back) and cut
into words; variants are stored in a word trie (`trie.WordTrie`), walked from each word
start. Each step is one dict lookup, so the cost grows with the length of the text
(times the few words a name has), not with the size of the glossary.

Rules: whole words only; between the words of a multi-word variant the text may have
spaces or hyphens where the variant has a space or hyphen, and a period (plus spaces)
where the variant has one (`J.Biden` matches `J. Biden`); a hyphenated respelling also
matches written joined (`Mát-xcơ-va`, `Mát xcơ va`, `Mátxcơva`); the longest match at
a position wins, and a match whose case (for case-sensitive entries; capitals where
the variant has lowercase are accepted, as in all-caps headlines) or context guards
fail gives way to a shorter one; matches never overlap.

Names are not places: a capitalized Vietnamese syllable that is part of a person's name
does not match, whatever entry it would be (`Nguyễn Minh Đức` is not Germany, `Trần Thị
Mỹ Linh` not the US, `bà Nga` not Russia). It is part of a name when it follows, joined
by a space, a family name or a middle name (`translit.vietnamese`), a form of address
(ông, bà, anh, chị...), or a title (ca sĩ, Hoa hậu, Thủ tướng...) when a Vietnamese
given name comes right after it (`ca sĩ Mỹ Tâm`, but `ca sĩ Mỹ Taylor Swift` and
`Tổng thống Pháp Ma-crông` are the country).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from translit.document import Entry, Glossary
from translit.glossary.fold import fold, nfc, strip_format, variant_forms
from translit.glossary.trie import WordTrie
from translit.vietnamese import (
    FAMILY_NAMES,
    MIDDLE_NAMES,
    TITLE_ABBREVIATIONS,
    TITLE_PHRASES,
    TITLES,
)

_WORD = re.compile(r"\w+")
# A gap between two words of one name: spaces (hyphens are folded to spaces), or a
# period with optional spaces after it.
_GAP_SPACE = re.compile(r" +")
_GAP_DOT = re.compile(r"\. *")
_JOINERS = frozenset({"'", "&", "/", "+"})
_PLAIN = re.compile(r"\w+(?: \w+)*")


def _with_tones(vowels: str) -> str:
    marks = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
    return "".join(unicodedata.normalize("NFC", v + m) for v in vowels for m in marks)


# One Vietnamese syllable, lowercase: an onset, one to three vowels, a coda (`linh`,
# `tâm`, `nguyễn`); a foreign name (`taylor`, `putin`, `biden`) is not one.
_SYLLABLE = re.compile(
    rf"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?"
    rf"[{_with_tones('aăâeêioôơuưy')}]{{1,3}}(?:ch|ng|nh|[cmnpt])?"
)
_LONGEST_TITLE = max(len(phrase) for phrase in TITLE_PHRASES)
# Words that make a following form of address part of a compound or a plural: trẻ em
# (children), anh em, chị em, ông bà, đàn ông, dụng cụ (tool), các ông, những bà.
_COMPOUND_TEXT = """
    trẻ anh chị em ông bà cô chú bác cháu con thầy đàn dụng công khí đạo ngư nông
    các những mấy vài nhiều hai ba bốn năm
"""
_TITLE_COMPOUNDS = frozenset(_COMPOUND_TEXT.split())
_SENTENCE_END = re.compile(r"[.!?…:;\"“”\n(\[]")


def _sentence_start(cut: _Text, k: int) -> bool:
    """Whether word k starts the text, a sentence, a quotation or a bracket."""
    if k == 0:
        return True
    return _SENTENCE_END.search(cut.text, cut.spans[k - 1][1], cut.spans[k][0]) is not None


@dataclass(frozen=True)
class TermMatch:
    """A variant of `entry` found at text[start:end]; `english` is what it comes out as
    (the entry's term, or the variant's own English: `Entry.mentions`)."""

    entry: Entry
    start: int
    end: int
    text: str
    english: str = ""


@dataclass(frozen=True)
class _Target:
    entry: Entry
    cased: tuple[str, ...]  # the variant's words, folded but not lowercased
    english: str  # what the variant comes out as


def _words_and_gaps(folded: str) -> tuple[list[str], list[str]]:
    """Words of a folded variant and the gap kind before each word after the first."""
    if _PLAIN.fullmatch(folded):  # the common case: words and single spaces
        words = folded.split(" ")
        return words, [" "] * (len(words) - 1)
    words, gaps = [], []
    previous_end = None
    for m in _WORD.finditer(folded):
        if previous_end is not None:
            gaps.append(_gap_kind(folded[previous_end : m.start()]) or " ")
        words.append(m.group())
        previous_end = m.end()
    return words, gaps


def _gap_kind(gap: str) -> str | None:
    """How two words of one name may be joined: spaces (" "), a period ("."), or a
    short run of other punctuation kept as it is ("'" in d'Ivoire, "&" in AT&T)."""
    if _GAP_SPACE.fullmatch(gap):
        return " "
    if _GAP_DOT.fullmatch(gap):
        return "."
    mark = gap.replace(" ", "")
    if 0 < len(mark) <= 2 and mark in _JOINERS:
        return mark
    return None


def _same_case(word: str, want: str) -> bool:
    """Case-sensitive equality that also accepts capitals for lowercase (headlines: MỸ)."""
    return len(word) == len(want) and all(
        w == v or w == v.upper() for w, v in zip(word, want, strict=True)
    )


@dataclass
class _Text:
    """A text cut into words for matching: the text without format characters, its
    folded words, their spans, and how each word is joined to the one before."""

    text: str
    spans: list[tuple[int, int]]
    words: list[str]  # folded, lowercase
    gaps: list[str | None]  # gap kind before each word (None: not joined, or first)
    keys: list[str | None]  # trie key of each word continuing a name (gap + word)

    @classmethod
    def of(cls, text: str) -> _Text:
        folded = fold(text)
        spans = [(m.start(), m.end()) for m in _WORD.finditer(folded)]
        words = [folded[s:e] for s, e in spans]
        gaps = [
            None if i == 0 else _gap_kind(folded[spans[i - 1][1] : s])
            for i, (s, _) in enumerate(spans)
        ]
        keys = [None if gap is None else gap + word for gap, word in zip(gaps, words, strict=True)]
        return cls(text, spans, words, gaps, keys)

    def spaced(self, i: int) -> bool:
        """Whether word i follows word i-1 after spaces only (no hyphen, no period)."""
        return i > 0 and self.text[self.spans[i - 1][1] : self.spans[i][0]].isspace()

    def capitalized(self, i: int) -> bool:
        return self.text[self.spans[i][0]].isupper()


class Matcher:
    """A compiled glossary; `find(text)` lists the variants in a text."""

    def __init__(self, glossary: Glossary) -> None:
        self.trie: WordTrie[_Target] = WordTrie()
        self.guards: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        # one-word variants: a middle name that is one (Đức, Mỹ) may be the place itself
        self.one_word: set[str] = set()
        for entry in glossary.entries.values():
            self.guards[entry.term] = (
                frozenset(fold(nfc(w)) for w in entry.not_preceded_by),
                frozenset(fold(nfc(w)) for w in entry.not_followed_by),
            )
            for variant in entry.vi:
                english = entry.english_for(variant)
                for cased in variant_forms(variant, lower=False):
                    lowered = cased.lower()
                    if len(lowered) != len(cased):  # İ: fold's careful lowercasing
                        lowered = fold(cased)
                    self._add(lowered, cased, entry, english)

    def _add(self, lowered: str, cased: str, entry: Entry, english: str) -> None:
        words, gaps = _words_and_gaps(lowered)
        if not words:
            return
        if len(words) == 1:
            self.one_word.add(words[0])
        keys = [words[0], *(gap + word for gap, word in zip(gaps, words[1:], strict=True))]
        self.trie.add(keys, _Target(entry, tuple(_WORD.findall(cased)), english))

    def find(self, text: str) -> list[TermMatch]:
        """Glossary variants in NFC `text`, left to right, not overlapping."""
        stripped, offsets = strip_format(text)
        cut = _Text.of(stripped)
        matches: list[TermMatch] = []
        i = 0
        while i < len(cut.words):
            found = self._longest_at(cut, i)
            if found is None:
                i += 1
                continue
            target, last = found
            start, end = cut.spans[i][0], cut.spans[last][1]
            if offsets is not None:
                start, end = offsets[start], offsets[end - 1] + 1
            matches.append(TermMatch(target.entry, start, end, text[start:end], target.english))
            i = last + 1
        return matches

    def _longest_at(self, cut: _Text, i: int) -> tuple[_Target, int] | None:
        candidates = self.trie.prefixes(cut.words[i], cut.keys, i)
        for last, targets in reversed(candidates):  # longest first
            for target in targets:
                if self._accepts(target, cut, i, last):
                    return target, last
        return None

    def _accepts(self, target: _Target, cut: _Text, i: int, last: int) -> bool:
        entry = target.entry
        words, gaps = cut.words, cut.gaps
        if entry.case_sensitive:
            cased = [fold(cut.text[s:e], lower=False) for s, e in cut.spans[i : last + 1]]
            if len(cased) != len(target.cased) or not all(
                _same_case(word, want) for word, want in zip(cased, target.cased, strict=True)
            ):
                return False
        before, after = self.guards[entry.term]
        if before and i > 0 and gaps[i] == " " and words[i - 1] in before:
            return False
        if after and last + 1 < len(words) and gaps[last + 1] == " " and words[last + 1] in after:
            return False
        return not self._in_name(cut, i, last) and not self._addresses(cut, i, last)

    def _in_name(self, cut: _Text, i: int, last: int) -> bool:
        """Whether word i (a one-word match) is part of a Vietnamese person's name."""
        if last != i or not cut.spaced(i) or not cut.capitalized(i):
            return False
        if not _SYLLABLE.fullmatch(cut.words[i]):
            return False
        k = i - 1  # walk back over middle names to a family name or a title
        while k >= 0 and i - k <= 3:
            word = cut.words[k]
            if self._title_at(cut, k):
                return True  # ông Đức, bà Nga, anh Minh Đức
            if not cut.capitalized(k):
                break
            if word in FAMILY_NAMES and self._name_starts(cut, k):
                return True  # Nguyễn Đức, Trần Thị Mỹ, Nguyễn Minh Đức
            if word not in MIDDLE_NAMES or not cut.spaced(k):
                break
            k -= 1
        return self._after_title(cut, i) and self._given_name_next(cut, i)

    @staticmethod
    def _addresses(cut: _Text, i: int, last: int) -> bool:
        """Whether a one-word match is a form of address before a name (`Anh Nguyễn Đức
        Anh ghi bàn`: brother Anh, not Britain)."""
        n = last + 1
        if last != i or cut.words[i] not in TITLES or n >= len(cut.words):
            return False
        if not cut.spaced(n) or not cut.capitalized(n):
            return False
        return cut.words[n] in FAMILY_NAMES or cut.words[n] in MIDDLE_NAMES

    def _name_starts(self, cut: _Text, k: int) -> bool:
        """Whether a name can start at word k: nothing capitalized joined before it but
        a title (`Viện Hàn Lâm Mỹ` is an institution, `ông Lê Đức` a man)."""
        return (
            not cut.spaced(k)
            or not cut.capitalized(k - 1)
            or self._title_at(cut, k - 1)
            or cut.words[k - 1] in TITLE_ABBREVIATIONS
            or _sentence_start(cut, k)
        )

    @staticmethod
    def _title_at(cut: _Text, k: int) -> bool:
        """Whether word k is a form of address before a name (ông, bà, anh, chị...):
        lowercase, or capitalized at a sentence start; not a compound's second half
        (trẻ em, anh em, dụng cụ) or after a plural (các ông)."""
        if cut.words[k] not in TITLES:
            return False
        if cut.capitalized(k) and not _sentence_start(cut, k):
            return False  # Anh Mỹ: Britain and the US
        return not (cut.spaced(k) and cut.words[k - 1] in _TITLE_COMPOUNDS)

    def _after_title(self, cut: _Text, i: int) -> bool:
        """Whether a title (ca sĩ, Hoa hậu, Thủ tướng, GS) ends right before word i."""
        if cut.words[i - 1] in TITLE_ABBREVIATIONS:
            return True
        for length in range(2, _LONGEST_TITLE + 1):
            first = i - length
            if first < 0:
                break
            if not all(cut.spaced(k) for k in range(first + 1, i)):
                break
            if tuple(cut.words[first:i]) in TITLE_PHRASES:
                return True
        return False

    @staticmethod
    def _given_name_next(cut: _Text, last: int) -> bool:
        """Whether a capitalized Vietnamese syllable follows, itself not the start of a
        hyphenated respelling or an initial (`Mỹ Tâm`, but not `Pháp Ma-crông`, `Mỹ
        A.Blinken`)."""
        n = last + 1
        if n >= len(cut.words) or not cut.spaced(n) or not cut.capitalized(n):
            return False
        if len(cut.words[n]) < 2 or not _SYLLABLE.fullmatch(cut.words[n]):
            return False
        # not the first syllable of a respelling (Ma-crông) or an initial (A.Blinken)
        return n + 1 >= len(cut.words) or cut.gaps[n + 1] is None or cut.spaced(n + 1)


def compile_matcher(glossary: Glossary) -> Matcher:
    """Compile a glossary for `Matcher.find`."""
    return Matcher(glossary)
