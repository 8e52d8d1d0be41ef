"""Vietnamese people and places in a source sentence: found, and written one way.

No glossary can list every person and place a Vietnamese article names, and a model
translates the syllables of a name as words (Nguyễn Thị Hồng → "Nguyen Thi Pink"). So
names are found by their shape and context, and come out in the house form:

- romanized (the default): diacritics removed, đ → d, the syllables kept and
  capitalized as in the source (Phạm Minh Chính → Pham Minh Chinh, Đà Nẵng → Da Nang),
  as English-language news writes them;
- or kept with diacritics (`names = "diacritics"`), when the desk chooses.

What is a name (`find_names`), among a sentence's words that no glossary hit holds (an
established English form such as Hanoi or Hue is the glossary's):

- a known place: the 63 provinces and cities and the cities, districts and areas the
  press names most (`translit.vietnamese.PROVINCES`, `PLACES`);
- after a place word (tỉnh, quận, huyện, phường, xã, đường, phố, TP., H. ...): one to
  four capitalized syllables (đường Lê Lợi, phường Bến Nghé), and the names listed after
  it (các xã Trà Leng, Trà Vân và Trà Mai); a name followed by a province (Thuận Nam,
  Ninh Thuận);
- a person: a family name and one to three capitalized syllables (Phạm Minh Chính,
  Nguyễn Thị Mỹ Linh); a family name that is also a common word (Hà, Mai, Châu, Thái)
  only with a middle name (Hà Thị Lan), in three syllables or more, or after a title;
- after a title, an honorific or a role (ông, bà, Thủ tướng, GS.TS, ca sĩ, tài xế,
  Ảnh:): a short form of one to three syllables (ông Chính, ca sĩ Mỹ Tâm);
- what the article said in full elsewhere (`NameContext`): a given name of a person
  named in full (Tiến Linh after Nguyễn Tiến Linh), and a short form without diacritics
  (bà Lan after Trương Mỹ Lan), which alone could be a foreign name (ông Ma, ông Kim).

Never a name: a word capitalized only because it starts the sentence, an organisation
(Bộ Y tế, Quốc hội, Thủ tướng Chính phủ), a word that is not a Vietnamese syllable or is
joined to one by a hyphen (Biden, Lavrov, Kim Jong-un: foreign names are the
glossary's), capitalized common nouns and Sino-Vietnamese foreign places (Vũ Trụ, Châu
Âu, Hà Lan), a name next to a foreign glossary hit (Đại sứ Trung Quốc Hà Vĩ), and that
name wherever else the article has it.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from translit import vietnamese as vn
from translit.config import NameStyle
from translit.document import TermHit
from translit.glossary.fold import fold

NameKind = Literal["person", "place"]

MAX_NAME = 4  # syllables of a name: a family name and up to three more
MAX_SHORT = 3  # syllables of a short form after a title (ông Chính, ca sĩ Mỹ Tâm)

_WORD = re.compile(r"\w+")
# A Vietnamese syllable: an initial consonant, a vowel sequence, a final consonant. A
# foreign name has other vowel sequences (Lee, Yoon, Seoul) or ends otherwise (Biden).
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    rf"(?:{'|'.join(sorted(vn.VOWEL_NUCLEI, key=len, reverse=True))})(?:ch|nh|ng|[cmnpt])?"
)
_SENTENCE_GAP = re.compile(r"[.!?…:;“\"«\n]")
_DASHES = "-\u2010\u2011\u2013"
# what may stand between the words of a name: spaces, a no-break space, and the invisible
# characters web text carries (zero-width space and joiners, word joiner, BOM)
_SPACES = " \u00a0\u202f\u200b\u200c\u200d\u2060\ufeff"
_GAP_RUN = re.compile(f"[{_SPACES}]+")

Words = tuple[str, ...]  # a name as folded words, the key of NameContext


@dataclass(frozen=True)
class Name:
    """A Vietnamese person or place at text[start:end]."""

    start: int
    end: int
    text: str
    kind: NameKind


@dataclass(frozen=True)
class NameContext:
    """What a whole article says about its names, for finding them in each sentence.

    `known`: people the article names with a family name or after a title, and their
    given names (Nguyễn Tiến Linh gives Tiến Linh and Linh); `places`: places it names
    after a place word (huyện Nam Trà My), found wherever else they stand; `foreign`:
    names it has right after a foreign country (Đại sứ Trung Quốc Hà Vĩ), which are not
    Vietnamese wherever they stand. Names are folded word tuples.
    """

    known: frozenset[Words] = frozenset()
    foreign: frozenset[Words] = frozenset()
    places: frozenset[Words] = frozenset()  # places of two words or more found in it


def romanize(text: str) -> str:
    """Vietnamese without diacritics: Phạm Minh Chính → Pham Minh Chinh, Đà Nẵng → Da Nang."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare.replace("đ", "d").replace("Đ", "D"))


def house_form(text: str, style: NameStyle = "romanized") -> str:
    """How a name comes out in the English: romanized, or as written; one plain space
    between its words whatever the source had (a no-break or zero-width space)."""
    text = _GAP_RUN.sub(" ", text)
    return romanize(text) if style == "romanized" else text


_NAME_TEXT = re.compile(r"[^\W\d_]+(?:[ .'’-]+[^\W\d_]+)*\.?")


def looks_like_name(text: str) -> bool:
    """Whether `text` can be a name as the finder shows one: words of letters joined by
    spaces, hyphens, periods or apostrophes (Bà Rịa - Vũng Tàu, Nguyễn Văn N., H'Hen
    Niê); not a phrase with digits or other punctuation (Phạm: Minh, - Lê Lợi)."""
    return bool(_NAME_TEXT.fullmatch(text))


def is_syllable(word: str) -> bool:
    """Whether a word is one Vietnamese syllable (Chính, Nguyễn, Đà), not a foreign
    word (Biden, Lavrov, Lee) or a transliteration written joined (Putin)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(1 for c in decomposed if c in vn.TONE_MARKS) > 1:
        return False
    toneless = unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if c not in vn.TONE_MARKS)
    )
    return _SYLLABLE.fullmatch(toneless) is not None


def _capitalized(word: str) -> bool:
    return word[:1].isupper() and word[1:] == word[1:].lower()


def _initial(word: str) -> bool:
    """A single capital letter: the initial of Nguyễn Văn N., phường Bình Trị Đông B."""
    return len(word) == 1 and word.isupper()


@functools.lru_cache(maxsize=32)
def _first_words(phrases: frozenset[Words]) -> dict[str, int]:
    """The first words of a set of phrases (a phrase_at lookup starts only there)."""
    first: dict[str, int] = {}
    for phrase in phrases:
        first[phrase[0]] = max(first.get(phrase[0], 0), len(phrase))
    return first


def _phrases(lines: Iterable[str]) -> frozenset[Words]:
    return frozenset(tuple(fold(line).split()) for line in lines)


def _longest(phrases: Iterable[Words]) -> int:
    return max((len(p) for p in phrases), default=0)


_PROVINCES = _phrases(vn.PROVINCES)
_KNOWN_PLACES = _PROVINCES | _phrases(vn.PLACES)
# credits: a name after them only with a colon ("Ảnh: Phi Long", "Đồ hoạ: Đồng Toàn")
_CREDITS = frozenset({("ảnh",), ("đồ", "hoạ"), ("video",)})
_TITLES = frozenset((t,) for t in vn.TITLES) | vn.TITLE_PHRASES | vn.NAME_INTRODUCERS | _CREDITS
_ABBREVIATIONS = vn.TITLE_ABBREVIATIONS | vn.INTRODUCER_ABBREVIATIONS
_HONORIFICS = frozenset(vn.TITLES)  # one-word titles, which may start a stage name
# Glossary hits that are Vietnam or a place in it, which a name may stand next to.
_VIETNAMESE_HITS = _KNOWN_PLACES | _phrases(
    ("Việt Nam", "TP HCM", "TPHCM", "Sài Gòn", "Thành phố Hồ Chí Minh", "TP Hồ Chí Minh")
)


def _sorted_spans(spans: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The spans' starts in order, and the furthest end among the spans up to each."""
    ordered = sorted(spans)
    furthest = list(itertools.accumulate((end for _, end in ordered), max))
    return [start for start, _ in ordered], furthest


def overlapping(words: Sequence[tuple[int, int]], spans: Iterable[tuple[int, int]]) -> list[bool]:
    """For each of `words` (start, end spans), whether one of `spans` overlaps it (by
    bisection, not a scan: a long text with thousands of glossary hits stays linear)."""
    starts, furthest = _sorted_spans(spans)
    overlap = []
    for s, e in words:
        k = bisect_left(starts, e)  # the spans that start before the word ends
        overlap.append(k > 0 and furthest[k - 1] > s)
    return overlap


def _within(words: Sequence[tuple[int, int]], spans: Iterable[tuple[int, int]]) -> list[bool]:
    """For each word span, whether it lies within one of `spans`."""
    starts, furthest = _sorted_spans(spans)
    inside = []
    for s, e in words:
        k = bisect_right(starts, s)  # the spans that start at or before the word
        inside.append(k > 0 and furthest[k - 1] >= e)
    return inside


@dataclass
class _Sentence:
    """A text cut into words, with what the finder knows about each word."""

    text: str
    spans: list[tuple[int, int]]
    words: list[str]
    folded: list[str]
    gaps: list[str]  # gaps[i]: the text between word i-1 and word i ("" for i = 0)
    free: list[bool]  # not inside a glossary hit (or inside one a name takes over)
    loose: list[bool]  # the whole of a one-word glossary hit (Mỹ, Nga, Đức)
    own: list[bool]  # inside a glossary hit that is a Vietnamese place (Hà Nội)
    common: list[bool] = field(default_factory=list)  # in a capitalized common noun (Vũ Trụ)
    title: list[bool] = field(default_factory=list)  # part of a title (ông, Thủ tướng)
    # what ends right before the word: "" nothing, "office" a title of several words,
    # which may head a body (Chủ tịch Quốc hội), "person" an honorific (ông, bà, vợ)
    titled: list[str] = field(default_factory=list)
    place: list[bool] = field(default_factory=list)  # part of a known place found first

    @classmethod
    def of(
        cls, text: str, taken: Sequence[tuple[int, int]], own: Sequence[tuple[int, int]]
    ) -> _Sentence:
        spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        words = [text[s:e] for s, e in spans]
        gaps = [""] + [text[spans[i - 1][1] : spans[i][0]] for i in range(1, len(spans))]
        n = len(spans)
        folded = fold(text)  # same length as the text: its spans are the words'
        exact = set(taken)
        return cls(
            text,
            spans,
            words,
            [folded[s:e] for s, e in spans],
            gaps,
            free=[not hit for hit in overlapping(spans, taken)],
            loose=[span in exact for span in spans],
            own=_within(spans, own),
            common=[False] * n,
            title=[False] * n,
            titled=[""] * n,
            place=[False] * n,
        )

    def spaced(self, i: int) -> bool:
        """Word i follows word i-1 after spaces only."""
        return 0 < i < len(self.words) and self.gaps[i] != "" and not self.gaps[i].strip(_SPACES)

    def hyphened(self, i: int) -> bool:
        """Word i is joined to word i-1 by a hyphen without spaces (Jong-un, Pu-tin)."""
        return 0 < i < len(self.words) and len(self.gaps[i]) == 1 and self.gaps[i] in _DASHES

    def dotted(self, i: int) -> bool:
        """Word i follows word i-1 after a period (GS.TS, TP. Huế, H.Phú Ninh)."""
        return 0 < i < len(self.words) and self.gaps[i].strip(_SPACES) == "."

    def sentence_start(self, i: int) -> bool:
        """Word i starts a sentence: the text's first word, or one after a sentence mark;
        a period with no space after it is an abbreviation's (T.Ư, TP.Huế, N.Đức)."""
        before = self.gaps[i] if i else self.text[: self.spans[0][0]]
        if i and before == ".":
            return False
        return (i == 0 and not before.strip(_SPACES)) or bool(_SENTENCE_GAP.search(before))

    def syllable(self, i: int) -> bool:
        """A capitalized Vietnamese syllable no glossary hit, title or hyphen holds."""
        return (
            self.free[i]
            and not self.title[i]
            and not self.common[i]
            and _capitalized(self.words[i])
            and is_syllable(self.words[i])
            and not self.hyphened(i)
            and not self.hyphened(i + 1)
        )

    def foreign(self, i: int) -> bool:
        """Word i is a capitalized word of a foreign name: not a Vietnamese syllable
        (Biden, Jong), or hyphenated to a neighbour (Sang-sik)."""
        w = self.words[i]
        if not self.free[i] or not w[:1].isupper() or w.isupper():
            return False
        return not is_syllable(w) or self.hyphened(i) or self.hyphened(i + 1)

    def phrase_at(self, i: int, phrases: frozenset[Words], longest: int, end: int = -1) -> int:
        """Length of the longest phrase starting at word i (words joined by spaces, or
        dashes for places such as Bà Rịa - Vũng Tàu), ending at `end` at the latest."""
        end = len(self.words) if end < 0 else end
        if i >= end or _first_words(phrases).get(self.folded[i], 0) == 0:
            return 0
        for n in range(min(longest, end - i), 0, -1):
            if tuple(self.folded[i : i + n]) in phrases and all(
                self.spaced(k) or not self.gaps[k].strip(_SPACES + _DASHES)
                for k in range(i + 1, i + n)
            ):
                return n
        return 0

    def phrase_before(
        self, i: int, phrases: frozenset[Words], longest: int, colon: bool = False
    ) -> int:
        """Length of the longest phrase ending right before word i (after spaces, or a
        colon if `colon`), or 0."""
        if not (self.spaced(i) or (colon and self.gaps[i].strip(_SPACES) == ":")):
            return 0
        for n in range(min(longest, i), 0, -1):
            first = i - n
            if tuple(self.folded[first:i]) in phrases and all(
                self.spaced(k) for k in range(first + 1, i)
            ):
                return n
        return 0


_LONGEST_TITLE = _longest(_TITLES)
_LONGEST_PLACE = _longest(_KNOWN_PLACES)
_LONGEST_CLASSIFIER = _longest(vn.PLACE_CLASSIFIERS)
_LONGEST_NOT_NAME = _longest(vn.NOT_NAMES)


def _mark_common(s: _Sentence) -> None:
    """Capitalized common nouns and Sino-Vietnamese foreign places (Vũ Trụ, Thái Bình
    Dương, Hà Lan): never names, nor parts of one."""
    i = 0
    while i < len(s.words):
        if not s.words[i][:1].isupper():
            i += 1
            continue
        n = s.phrase_at(i, vn.NOT_NAMES, _LONGEST_NOT_NAME)
        if n and all(_capitalized(w) for w in s.words[i : i + n]):
            s.common[i : i + n] = [True] * n
            i += n
        else:
            i += 1


def _mark_places(s: _Sentence) -> list[tuple[int, int]]:
    """Known places that stand on their own: not inside a longer capitalized run (Nguyễn
    Hoà Bình is a person, Từ Hà Nội is decided in the run) and not right after a title
    (ông Vinh). A one-syllable place (Huế, Vinh) only alone."""
    found = []
    i = 0
    while i < len(s.words):
        if not s.words[i][:1].isupper():
            i += 1
            continue
        n = s.phrase_at(i, _KNOWN_PLACES, _LONGEST_PLACE)
        j = i + n
        # a known place may hold a one-word glossary hit (Thừa Thiên Huế holds Huế), not
        # be one (Hà Nội is the glossary's Hanoi)
        held = [s.free[k] or s.own[k] or s.loose[k] for k in range(i, j)]
        if (
            n
            and all(held)
            and any(s.free[i:j])
            and not any(s.common[i:j])
            and all(_capitalized(w) for w in s.words[i:j])
            and not (s.spaced(i) and s.syllable(i - 1) and not _classifier_before(s, i))
            and not (s.spaced(i) and s.phrase_before(i, _TITLES, _LONGEST_TITLE))
            and (n > 1 or not (s.spaced(j) and s.syllable(j)))
        ):
            found.append((i, j))
            s.place[i:j] = [True] * n
            s.free[i:j] = [True] * n
            i = j
        else:
            i += 1
    return found


def _mark_titles(s: _Sentence) -> None:
    """Titles, honorifics, roles and photo credits; the word after one is `titled`.

    A one-word honorific right after another title, capitalized and followed by a
    name, is part of the name (MC Anh Tuấn, ca sĩ Anh Thơ)."""
    i = 0
    first_words = _first_words(_TITLES)
    while i < len(s.words):
        folded = s.folded[i]
        if (
            s.place[i]
            or not s.free[i]
            or (folded not in first_words and folded not in _ABBREVIATIONS)
        ):
            i += 1
            continue
        n = s.phrase_at(i, _TITLES, _LONGEST_TITLE)
        j = i + n
        credit = tuple(s.folded[i:j]) in _CREDITS
        if n and credit and (j >= len(s.words) or s.gaps[j].strip() != ":"):
            n = 0  # ảnh is a title only as a photo credit, "Ảnh: Phi Long"
        # capitalized within a sentence, an honorific is part of a name (Hoàng Anh Tuấn,
        # MC Anh Tuấn); a title only where the sentence starts (Ông Chính)
        if (
            n == 1
            and s.folded[i] in _HONORIFICS
            and _capitalized(s.words[i])
            and (
                not s.sentence_start(i)
                or (s.spaced(i + 1) and s.phrase_at(i + 1, _TITLES, _LONGEST_TITLE))
            )
        ):
            n = 0
        if n:
            s.title[i:j] = [True] * n
            if j < len(s.words):
                s.titled[j] = "office" if n > 1 else "person"
            i = j
            continue
        if _abbreviation_at(s, i):
            j = i + 1
            while j < len(s.words) and s.dotted(j) and s.folded[j] in _ABBREVIATIONS:
                j += 1
            s.title[i:j] = [True] * (j - i)
            if j < len(s.words) and (s.spaced(j) or s.dotted(j)):
                s.titled[j] = "person"
            i = j
            continue
        i += 1


def _free_embedded(s: _Sentence) -> None:
    """Give names back the one-word glossary hits inside them: a country syllable after
    a family name and up to two more syllables, or a middle name (Trương Mỹ Lan, Hồ Hùng
    Anh, Á hậu Phương Nga, Nguyễn Lâm Anh Vũ), inside
    a place after a place word (quận Thủ Đức, xã Hoà Mỹ), or starting a name after a
    title or a place word (Ảnh: Đức Đồng, huyện Anh Sơn). The glossary's Mỹ in Tổng thống
    Mỹ Joe Biden stays."""
    for i, word in enumerate(s.words):
        if s.free[i] or not s.loose[i] or not _capitalized(word) or not is_syllable(word):
            continue
        if s.spaced(i + 1) and s.words[i + 1][:1].isupper() and not s.syllable(i + 1):
            continue  # Đại sứ Mỹ Marc Knapper
        before = s.spaced(i) and s.syllable(i - 1)
        first = i - 1
        while before and first > max(0, i - 3) and s.spaced(first) and s.syllable(first - 1):
            first -= 1  # the capitalized words before it: Hồ Hùng [Anh]
        name_before = before and (
            s.folded[i - 1] in vn.MIDDLE_NAMES
            or s.folded[first] in vn.FAMILY_NAMES
            or bool(s.titled[first])
            or _classifier_before(s, first)
        )
        starts_name = (bool(s.titled[i]) or _classifier_before(s, i)) and (
            s.spaced(i + 1) and s.syllable(i + 1)
        )  # Ảnh: Đức Đồng; huyện Anh Sơn, ấp Mỹ Phú
        if name_before or starts_name:
            s.free[i] = True


def _abbreviation_at(s: _Sentence, i: int) -> bool:
    """GS.TS, PGS. TS., HLV: an abbreviated title (in capitals) at word i."""
    word = s.words[i]
    if not (word[:1].isupper() and s.folded[i] in _ABBREVIATIONS):
        return False
    j = i + 1
    while j < len(s.words) and s.dotted(j) and s.folded[j] in _ABBREVIATIONS:
        j += 1
    return j < len(s.words) and (s.spaced(j) or s.dotted(j)) and _capitalized(s.words[j])


def _classifier_before(s: _Sentence, i: int) -> bool:
    """A place word right before word i: lowercase (a capitalized one is part of a
    longer name: Thành phố Vườn, Garden City) unless it starts the sentence; or an
    abbreviated one with a period (TP.Tam Kỳ, H.Phú Ninh)."""
    if i > 0 and s.dotted(i) and s.folded[i - 1] in vn.PLACE_ABBREVIATIONS:
        return s.words[i - 1][:1].isupper()
    n = s.phrase_before(i, vn.PLACE_CLASSIFIERS, _LONGEST_CLASSIFIER)
    if not n and i > 0 and s.gaps[i].strip(_SPACES) == ":":  # các xã: Trà Đốc, Trà Tân
        n = s.phrase_before(i, vn.PLACE_CLASSIFIERS, _LONGEST_CLASSIFIER, colon=True)
    if not n:
        return i > 0 and s.folded[i - 1] == "tp" and s.words[i - 1] == "TP" and s.spaced(i)
    first = i - n
    return s.words[first].islower() or s.sentence_start(first) or s.words[first] == "TP"


def _runs(s: _Sentence) -> list[tuple[int, int]]:
    """Maximal runs [i, j) of name words joined by spaces (a trailing initial included)."""
    runs = []
    i = 0
    n = len(s.words)
    while i < n:
        if s.place[i] or not s.syllable(i):
            i += 1
            continue
        j = i + 1
        while j < n and s.spaced(j) and not s.place[j] and s.syllable(j):
            j += 1
        if j < n and s.spaced(j) and _initial(s.words[j]) and s.free[j]:
            j += 1  # Nguyễn Văn N., Bình Trị Đông B
        runs.append((i, j))
        i = j
    return runs


class _Finder:
    def __init__(self, s: _Sentence, context: NameContext) -> None:
        self.s = s
        self.context = context
        self.found: list[Name] = []
        self.foreign: set[Words] = set()  # runs seen next to a foreign name
        self.last_place = -1  # index after the last place found, for lists of places

    def add(self, i: int, j: int, kind: NameKind) -> None:
        s = self.s
        start, end = s.spans[i][0], s.spans[j - 1][1]
        self.found.append(Name(start, end, s.text[start:end], kind))
        if kind == "place":
            self.last_place = j

    def next_to_foreign(self, i: int, j: int) -> bool:
        """The run touches a foreign name: a capitalized word that is not Vietnamese
        (Kim Jong-un; before a full Vietnamese name it is a company: Chủ tịch Vingroup
        Phạm Nhật Vượng), a glossary hit after it, or a foreign country between a title
        and it (Đại sứ Trung Quốc Hà Vĩ; not Đại sứ Việt Nam tại Pháp Đinh Toàn Thắng)."""
        s = self.s
        if (s.spaced(j) or s.hyphened(j)) and (s.foreign(j) or not (s.free[j] or s.own[j])):
            return True
        k = i - 1
        if not (s.spaced(i) or s.hyphened(i)) or k < 0:
            return False
        if s.foreign(k):
            full = s.folded[i] in vn.FAMILY_NAMES and (self.strong(i) or j - i > 2)
            return not (full and j - i > 1 and s.spaced(i))
        if s.free[k] or s.own[k]:
            return False
        while k > 0 and not s.free[k - 1] and s.spaced(k):
            k -= 1  # the first word of the glossary hit
        return bool(s.titled[k])

    def in_list(self, i: int) -> bool:
        """Word i continues a list of places: "các xã Trà Leng, Trà Vân và Trà Mai"."""
        if self.last_place < 0 or i < self.last_place:
            return False
        between = self.s.text[self.s.spans[self.last_place - 1][1] : self.s.spans[i][0]]
        return between.strip(_SPACES) in {",", "và", ", và", ";", "-", "–"}

    def province_after(self, j: int) -> bool:
        """A province follows after a comma or in brackets: "(Thuận Nam, Ninh Thuận)",
        "huyện vùng cao Nam Trà My (Quảng Nam)", "Vạn Mai (tỉnh Hòa Bình)"."""
        s = self.s
        if j >= len(s.words) or s.gaps[j].strip(_SPACES) not in {",", "("}:
            return False
        if s.gaps[j].strip(_SPACES) == "(" and s.folded[j] == "tỉnh" and s.spaced(j + 1):
            j += 1
        return bool(s.phrase_at(j, _PROVINCES, _LONGEST_PLACE)) and s.place[j]

    def run(self, i: int, j: int) -> None:  # noqa: C901 (one rule after another)
        """Names in the run of capitalized syllables [i, j): what the article named,
        places, what a title or a place word introduces, people. A capitalized phrase
        that is none of these (Công Viên Quốc Gia, Đại Kim Tự Tháp) ends the search."""
        s = self.s
        if self.next_to_foreign(i, j):
            self.foreign.add(tuple(s.folded[i:j]))
            return
        titled = s.titled[i]
        listed = self.in_list(i) and not self.compound_at(j)
        classified = _classifier_before(s, i) or listed
        first = i
        while i < j:
            if self.foreign_name(i, j, titled):
                return
            if self.leading_classifier(i, j):
                i += 1  # Đường Lê Lợi, Huyện Phong Điền: the place word starts the sentence
                classified = True
                continue
            known = s.phrase_at(i, self.context.known, MAX_NAME, j)
            if known and not classified and (known > 1 or self.alone(i, j, first, titled)):
                self.add(i, i + known, "person")
                i += known
                titled = ""
                continue
            named = s.phrase_at(i, self.context.places, MAX_NAME, j)
            if named > 1 and not titled:
                self.add(i, i + named, "place")
                i += named
                classified = False
                continue
            family = s.folded[i] in vn.FAMILY_NAMES
            place = 0 if titled else s.phrase_at(i, _KNOWN_PLACES, _LONGEST_PLACE, j)
            if place and (place > 1 or i + 1 == j or classified):
                self.add(i, i + place, "place")
                i += place
                titled, classified = "", False
                continue
            if s.sentence_start(i) and not (family or titled or classified):
                if j - i <= MAX_NAME and self.province_after(j):
                    self.add(i, j, "place")  # "...như: Vạn Mai (tỉnh Hòa Bình)"
                    return
                i += 1  # capitalized because it starts the sentence
                continue
            end = self.name_end(i, j, titled, classified, family)
            if not end:
                # a capitalized phrase that is not a name; a person named in full may
                # follow a short one in the same run (Bệnh viện Bạch Mai Đào Xuân Cơ),
                # not a title-case phrase (Hội Đồng Bầu Cử Lâm Thời)
                k = next((k for k in range(i + 1, min(i + 3, j)) if self.strong(k)), j)
                if k - first > 2 or j - k < 3 or s.sentence_start(first):
                    return
                i = k
                titled, classified = "", False
                continue
            self.add(i, end, "place" if classified or self.province_after(end) else "person")
            i = end
            titled, classified = "", False

    def leading_classifier(self, i: int, j: int) -> bool:
        """Word i, in a run ending at j, is a one-word place word capitalized because it
        starts the sentence, before a name (Đường Lê Lợi; not Đường Văn Thái, a person)."""
        s = self.s
        return (
            s.sentence_start(i)
            and i + 1 < j
            and (s.folded[i],) in vn.PLACE_CLASSIFIERS
            and s.folded[i + 1] not in vn.NAME_MARKERS
            and s.folded[i + 1] not in vn.NOT_GIVEN_NAMES  # Bản Báo cáo: the report
            and not self.compound_at(j)
        )

    def compound_at(self, j: int) -> bool:
        """The capitalized word before word j and the lowercase word j are a common
        noun or a body (Thị trấn, Chính phủ, Quốc hội), not a name and a word after it."""
        s = self.s
        return (
            s.spaced(j) and s.words[j].islower() and (s.folded[j - 1], s.folded[j]) in vn.COMPOUNDS
        )

    def alone(self, i: int, j: int, first: int, titled: str) -> bool:
        """A one-word given name the article gave a person, standing alone within the
        sentence (khi Linh và anh Quang quen nhau): not part of a longer capitalized
        phrase (Diễm My, Đức Vua), a direction (phía Nam) or a body (Chính phủ)."""
        s = self.s
        if j != i + 1 or (i != first and not titled):
            return False
        if self.compound_at(j) or (s.spaced(j) and s.words[j][:1].isupper()):
            return False  # Chính phủ; Đức Vua (His Majesty), Đức Phật
        return bool(titled) or (not s.sentence_start(i) and s.folded[i] not in vn.NOT_ALONE)

    def after_person(self, i: int) -> bool:
        """Word i continues a list of people: "Hoa hậu Đặng Thu Thảo, Xuân Lan, ..."."""
        s = self.s
        last = self.found[-1] if self.found else None
        if last is None or last.kind != "person" or i == 0:
            return False
        between = s.text[last.end : s.spans[i][0]]
        return between.strip(_SPACES) in {",", "và", ", và"}

    def strong(self, k: int) -> bool:
        folded = self.s.folded[k]
        return folded in vn.FAMILY_NAMES and folded not in vn.WORDLIKE_FAMILY_NAMES

    def foreign_name(self, i: int, j: int, titled: str) -> bool:
        """The words [i, j) are a name the article gave a foreign country, or its family
        name after a title (ông Tập after Chủ tịch Trung Quốc Tập Cận Bình)."""
        words = tuple(self.s.folded[i:j])
        foreign = self.context.foreign
        if words in foreign:
            return True
        return (
            bool(titled)
            and len(words) == 1
            and any(len(name) > 1 and name[0] == words[0] for name in foreign)
        )

    def name_end(self, i: int, j: int, titled: str, classified: bool, family: bool) -> int:
        """End of the name starting at word i of a run ending at j, or 0 for none."""
        s = self.s
        strong = self.strong(i)
        # a known place inside the run ends the name before it (Từ Hà Nội: "from
        # Hanoi"), except after a family name that marks a person (Nguyễn Hoà Bình)
        if not strong:
            j = next(
                (k for k in range(i + 1, j) if s.phrase_at(k, _KNOWN_PLACES, _LONGEST_PLACE, j)),
                j,
            )
        n = j - i
        folded = s.folded[i:j]
        if classified:
            return j if n <= MAX_NAME and not self.foreign_place(j) else 0
        if (
            family
            and 1 < n <= MAX_NAME
            and (titled or strong or n >= 3 or folded[1] in vn.NAME_MARKERS)
        ):
            return j
        if not titled and 1 < n <= MAX_SHORT and self.after_person(i):
            titled = "person"  # Hoa hậu Đặng Thu Thảo, Xuân Lan, Hoàng Thùy Linh
        if titled and n <= MAX_SHORT and folded[0] not in vn.NOT_GIVEN_NAMES:
            if self.compound_at(j):
                return 0  # Thủ tướng Chính phủ, Chủ tịch Quốc hội
            if n == 1 and titled == "office" and s.spaced(j) and s.words[j].islower():
                return 0  # Trưởng ban Liên lạc, Giám đốc Sở Y tế: the title's body
            if (
                n > 1
                or not s.words[i].isascii()
                or folded[0] in vn.PLAIN_GIVEN_NAMES
                or tuple(folded) in self.context.known
            ):
                return j
            return 0  # ông Ma, ông Kim: not known to be Vietnamese
        if n <= MAX_NAME and self.province_after(j):
            return j
        return 0

    def foreign_place(self, j: int) -> bool:
        """A foreign glossary hit within three words after a place ending at word j:
        tỉnh Phúc Kiến của Trung Quốc, thành phố Vũ Hán (Trung Quốc)."""
        s = self.s
        for k in range(j, min(j + 3, len(s.words))):
            if not (s.free[k] or s.own[k]):
                return True
            if _SENTENCE_GAP.search(s.gaps[k]) and "(" not in s.gaps[k]:
                return False
        return False


def _finder(
    text: str,
    taken: Sequence[tuple[int, int]],
    vietnamese: Sequence[tuple[int, int]],
    context: NameContext,
) -> _Finder:
    s = _Sentence.of(text, taken, vietnamese)
    finder = _Finder(s, context)
    if not any(w[:1].isupper() for w in s.words):
        return finder  # every name has a capital
    _mark_common(s)
    for i, j in _mark_places(s):
        finder.add(i, j, "place")
    _mark_titles(s)
    _free_embedded(s)
    for i, j in _runs(s):
        finder.run(i, j)
    finder.found.sort(key=lambda name: name.start)
    return finder


def find_names(
    text: str,
    taken: Sequence[tuple[int, int]] = (),
    vietnamese: Sequence[tuple[int, int]] = (),
    context: NameContext | None = None,
) -> list[Name]:
    """Vietnamese people and places in NFC `text`, left to right, outside the `taken`
    spans (glossary hits; of those, `vietnamese` are Vietnamese places such as Hanoi,
    which a name may stand next to). `context`: what the whole article says (see
    `name_context`)."""
    return _finder(text, taken, vietnamese, context or NameContext()).found


def name_context(
    sentences: Iterable[tuple[str, Sequence[tuple[int, int]], Sequence[tuple[int, int]]]],
) -> NameContext:
    """What an article's sentences (text, taken spans, Vietnamese places among them, as
    `find_names` takes them) say about its names: the people named in full or after a
    title, with their given names, and the names that stand next to a foreign country."""
    known: set[Words] = set()
    foreign: set[Words] = set()
    places: set[Words] = set()
    for text, taken, vietnamese in sentences:
        finder = _finder(text, taken, vietnamese, NameContext())
        foreign |= finder.foreign
        for name in finder.found:
            words = tuple(fold(name.text).replace("-", " ").split())
            if name.kind == "place":
                if len(words) > 1:
                    places.add(words)
                continue
            known.add(words)
            if words[0] in vn.FAMILY_NAMES:
                known.update(words[k:] for k in range(1, len(words)))
    return NameContext(
        frozenset(known - foreign), frozenset(foreign), frozenset(places - known - foreign)
    )


def vietnamese_place(text: str) -> bool:
    """Whether a glossary hit's Vietnamese is Vietnam or a place in it (Hà Nội,
    TP.HCM): a name may stand next to it (Đại sứ Việt Nam Nguyễn Văn A)."""
    return tuple(fold(word) for word in _WORD.findall(text)) in _VIETNAMESE_HITS


def name_hits(names: Sequence[Name], style: NameStyle) -> list[TermHit]:
    """The names as hits of kind "name": the English they come out as (the house form)
    and, for a place, the joined form English also writes (Da Nang, Danang)."""
    hits = []
    for name in names:
        target = house_form(name.text, style)
        words = target.replace("-", " ").split()
        joined = "".join(words) if name.kind == "place" and len(words) > 1 else ""
        hits.append(
            TermHit(
                entry="",
                variant=name.text,
                start=name.start,
                end=name.end,
                target=target,
                kind="name",
                accepted=(joined,) if joined else (),
            )
        )
    return hits


_NAME_GAP = r"(?:[\s\u00a0]*[-\u2010\u2011\u2013][\s\u00a0]*|[\s\u00a0]+)"


def _name_pattern(form: str) -> re.Pattern[str]:
    """A name in English text: its words in order, separated by spaces or a hyphen (Ba
    Ria - Vung Tau, Ba Ria-Vung Tau), whole words, any case (PHAM MINH CHINH)."""
    words = form.replace("-", " ").split()
    return re.compile(
        r"(?<!\w)" + _NAME_GAP.join(re.escape(w) for w in words) + r"(?!\w)", re.IGNORECASE
    )


def name_spans(english: str, forms: Iterable[str]) -> list[tuple[int, int]]:
    """Where any of the forms of a name occurs in English text."""
    return [m.span() for form in forms if form for m in _name_pattern(form).finditer(english)]


NameStatus = Literal["ok", "style", "missing"]


def name_status(hit: TermHit, english: str) -> tuple[NameStatus, str]:
    """Whether the English has the name in the house form ("ok"), in the other form
    (with diacritics under the romanized style, or without under the diacritics style:
    "style", with the form found), or not at all ("missing": Nguyen Thi Pink)."""
    if name_spans(english, (hit.target, *hit.accepted)):
        return "ok", hit.target
    other = romanize(hit.variant) if hit.target == hit.variant else hit.variant
    if other != hit.target:
        found = name_spans(english, [other])
        if found:
            start, end = found[0]
            return "style", english[start:end]
        # partly romanized (Pham Minh Chính): compare without diacritics
        found = name_spans(romanize(english), [romanize(hit.variant)])
        if found:
            start, end = found[0]
            return "style", english[start:end]
    return "missing", ""
