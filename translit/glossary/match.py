"""Finding glossary variants in Vietnamese text.

The text is folded (`fold.fold`: tone placement, hyphens, case) and cut into words;
variants are compiled into a trie of words, walked from each word start. Each step
is one dict lookup, so the cost grows with the length of the text (times the few words
a name has), not with the size of the glossary.

Rules: whole words only; between the words of a multi-word variant the text may have
spaces or hyphens where the variant has a space or hyphen, and a period (plus spaces)
where the variant has one (`J.Biden` matches `J. Biden`); a hyphenated respelling also
matches written joined (`Mát-xcơ-va`, `Mát xcơ va`, `Mátxcơva`); the longest match at
a position wins, and a match whose case (for case-sensitive entries; capitals where
the variant has lowercase are accepted, as in all-caps headlines) or context guards
fail gives way to a shorter one; matches never overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from translit.document import Entry, Glossary
from translit.glossary.fold import fold, nfc, variant_forms

_WORD = re.compile(r"\w+")
# A gap between two words of one name: spaces (hyphens are folded to spaces), or a
# period with optional spaces after it.
_GAP_SPACE = re.compile(r" +")
_GAP_DOT = re.compile(r"\. *")
_JOINERS = frozenset({"'", "&", "/", "+"})
_PLAIN = re.compile(r"\w+(?: \w+)*")


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


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    targets: list[_Target] = field(default_factory=list)


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


class Matcher:
    """A compiled glossary; `find(text)` lists the variants in a text."""

    def __init__(self, glossary: Glossary) -> None:
        self.root = _Node()
        self.guards: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
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
        node = self.root
        for key in [words[0], *(gap + word for gap, word in zip(gaps, words[1:], strict=True))]:
            child = node.children.get(key)
            if child is None:
                child = node.children[key] = _Node()
            node = child
        node.targets.append(_Target(entry, tuple(_WORD.findall(cased)), english))

    def find(self, text: str) -> list[TermMatch]:
        """Glossary variants in NFC `text`, left to right, not overlapping."""
        folded = fold(text)
        spans = [(m.start(), m.end()) for m in _WORD.finditer(folded)]
        words = [folded[s:e] for s, e in spans]
        gaps = [None] + [
            _gap_kind(folded[spans[i - 1][1] : spans[i][0]]) for i in range(1, len(spans))
        ]
        matches: list[TermMatch] = []
        i = 0
        while i < len(words):
            found = self._longest_at(text, spans, words, gaps, i)
            if found is None:
                i += 1
                continue
            target, last = found
            start, end = spans[i][0], spans[last][1]
            matches.append(TermMatch(target.entry, start, end, text[start:end], target.english))
            i = last + 1
        return matches

    def _longest_at(
        self,
        text: str,
        spans: list[tuple[int, int]],
        words: list[str],
        gaps: list[str | None],
        i: int,
    ) -> tuple[_Target, int] | None:
        node = self.root.children.get(words[i])
        candidates: list[tuple[_Node, int]] = []
        j = i
        while node is not None:
            if node.targets:
                candidates.append((node, j))
            j += 1
            if j >= len(words) or gaps[j] is None:
                break
            node = node.children.get(gaps[j] + words[j])
        for node, last in reversed(candidates):  # longest first
            for target in node.targets:
                if self._accepts(target, text, spans, words, gaps, i, last):
                    return target, last
        return None

    def _accepts(
        self,
        target: _Target,
        text: str,
        spans: list[tuple[int, int]],
        words: list[str],
        gaps: list[str | None],
        i: int,
        last: int,
    ) -> bool:
        entry = target.entry
        if entry.case_sensitive:
            cased = [fold(text[s:e], lower=False) for s, e in spans[i : last + 1]]
            if len(cased) != len(target.cased) or not all(
                _same_case(word, want) for word, want in zip(cased, target.cased, strict=True)
            ):
                return False
        before, after = self.guards[entry.term]
        if before and i > 0 and gaps[i] == " " and words[i - 1] in before:
            return False
        return not (
            after and last + 1 < len(words) and gaps[last + 1] == " " and words[last + 1] in after
        )


def compile_matcher(glossary: Glossary) -> Matcher:
    """Compile a glossary for `Matcher.find`."""
    return Matcher(glossary)
