"""Glossary enforcement around any engine: find → protect → (engine) → restore → verify.

find: glossary hits in a source sentence, then numbers, dates and times
(translit.conventions) as hits of kind "number", "date" or "time" (`1.500.000` →
`1,500,000`, `tối 7.12` → `December 7`); where a glossary match and a number overlap,
the glossary wins.
protect: for the `inline` and `placeholder` strategies, each hit is rewritten before
translation so the engine carries its English through: the English term itself, or a
placeholder token (`TERM1`) put back after translation. The default strategy, `verify`
(translit.glossary.repair), sends the source as written and repairs afterwards.
restore: placeholders back, forbidden English variants rewritten (`Kiev` → `Kyiv`),
a lowercase term that starts a sentence capitalized (`The White House said`), no
second period after one that ends a term (`at 8:30 p.m.` ending a sentence).
verify: `missing_terms` lists the hits whose entity the English lacks (no accepted
form; a number or date in no usual English form); translit.glossary.repair decides
what to do about them. A term is never dropped silently: translit.qa reports it
(`term-missing`, `number-mismatch`, `date-mismatch`).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from translit.conventions import Span, rendered, scan
from translit.document import Entry, Glossary, Segment, TermHit
from translit.glossary.fold import strip_format, without_format
from translit.glossary.match import Matcher, TermMatch, compile_matcher
from translit.glossary.trie import WordTrie
from translit.names import (
    NameContext,
    NameStyle,
    find_names,
    name_context,
    name_hits,
    name_status,
    overlapping,
    vietnamese_place,
)

Strategy = Literal["verify", "inline", "placeholder"]
PLACEHOLDER = "TERM{}"
_PLACEHOLDER = re.compile(r"\bTERM(\d+)\b")


@dataclass(frozen=True)
class Protected:
    """A source prepared for the engine, and what must come back."""

    text: str  # what the engine gets
    hits: tuple[TermHit, ...]
    slots: tuple[str, ...] = ()  # placeholder n (1-based) → term, for "placeholder"


def find_hits(
    source: str,
    matches: Sequence[TermMatch],
    conventions: bool = True,
    spans: Sequence[Span] | None = None,
    names: Sequence[TermHit] = (),
) -> list[TermHit]:
    """Glossary matches and names (translit.names), then the numbers, dates and times
    to convert that overlap neither, as TermHits in source order. `spans`: the source's
    scan when the caller already has it (`scan(source)`).

    An acronym in brackets right after the long name of the same entity stays an
    acronym (`Liên minh châu Âu (EU)` → `European Union (EU)`, not the long name twice).
    """
    hits = [
        TermHit(
            entry=m.entry.term,
            variant=m.text,
            start=m.start,
            end=m.end,
            target=m.english or m.entry.term,
            accepted=m.entry.accepted,
        )
        for m in matches
    ]
    for first, second in zip(hits, hits[1:], strict=False):
        if (
            first.entry == second.entry
            and _OPEN_BRACKET.fullmatch(source, first.end, second.start)
            and _CLOSE_BRACKET.match(source, second.end)
        ):
            second.target = _acronym(second) or second.target
    hits += names
    hits.sort(key=lambda h: h.start)
    if conventions:
        taken = [(h.start, h.end) for h in hits]
        for span in scan(source) if spans is None else spans:
            if span.converted and not any(
                span.start < end and start < span.end for start, end in taken
            ):
                hits.append(
                    TermHit(
                        entry="",
                        variant=span.text,
                        start=span.start,
                        end=span.end,
                        target=span.english,
                        kind=span.kind,
                    )
                )
        hits.sort(key=lambda h: h.start)
    return hits


_OPEN_BRACKET = re.compile(r"\s*\(\s*")
_CLOSE_BRACKET = re.compile(r"\s*\)")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&.\-]*[A-Z0-9.]")


def _acronym(hit: TermHit) -> str:
    """The acronym a bracketed hit should stay: as written when the entity accepts it
    (EU), else the entity's accepted acronym (LHQ → UN), else as written if it is a
    Latin acronym; "" if none of these."""
    if hit.variant in hit.accepted:
        return hit.variant
    acronyms = [form for form in hit.accepted if _ACRONYM.fullmatch(form)]
    if acronyms:
        return acronyms[0]
    return hit.variant if _ACRONYM.fullmatch(hit.variant) else ""


def protect(source: str, hits: Sequence[TermHit], strategy: Strategy) -> Protected:
    """Rewrite each hit (in source order, not overlapping) so the engine carries its
    English through."""
    parts: list[str] = []
    slots: list[str] = []
    pos = 0
    for hit in hits:
        if strategy == "placeholder":
            slots.append(hit.target)
            replacement = PLACEHOLDER.format(len(slots))
        else:
            replacement = hit.target
        parts += [source[pos : hit.start], replacement]
        pos = hit.end
    parts.append(source[pos:])
    return Protected("".join(parts), tuple(hits), tuple(slots))


def _form_regex(form: str) -> str:
    """A form's words as a regex: a space or hyphen between words matches either, and
    the letter after a hyphen either case (`Kim Jong-un`, `Kim Jong Un`); a typographic
    apostrophe matches a straight one."""
    parts = []
    for i, char in enumerate(form):
        if char in " -\u2010\u2011":
            parts.append(r"[\s\-\u2010\u2011]")
        elif char in "'\u2019":
            parts.append("['\u2019]")
        elif i and form[i - 1] in "-\u2010\u2011" and char.isalpha():
            parts.append(f"[{re.escape(char.lower())}{re.escape(char.upper())}]")  # Jong-un
        else:
            parts.append(re.escape(char))
    return "".join(parts)


_WORD_CHAR = re.compile(r"\w")
# Compass words English capitalizes or not at the start of a region (Western Europe,
# western Europe; Southeast Asia, southeast Asia).
_COMPASS = frozenset(
    f"{d}{end}"
    for d in ("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest")
    for end in ("", "ern")
) | {"central"}


@functools.lru_cache(maxsize=4096)
def _form_pattern(form: str) -> re.Pattern[str]:
    """Where an accepted form counts as present: word-bounded, a lowercase start may be
    capitalized, with a plural ending (`Russian` → `Russians`), or in capitals (a
    headline)."""
    first = re.escape(form[0])
    if form[0].islower() or form.split()[0].lower() in _COMPASS:  # western Europe
        first = f"[{re.escape(form[0].lower())}{re.escape(form[0].upper())}]"
    plural = "(?:e?s)?" if form[-1].isalpha() else ""
    body = rf"{first}{_form_regex(form[1:])}{plural}"
    if form.upper() != form:
        body = rf"(?:{body}|{_form_regex(form.upper())})"
    before = r"(?<!\w)" if _WORD_CHAR.match(form) else ""  # a symbol (£, $) may touch a number
    after = r"(?!\w)" if _WORD_CHAR.match(form[-1]) else ""
    return re.compile(f"{before}{body}{after}")


def form_spans(text: str, form: str) -> list[tuple[int, int]]:
    """Where an accepted form occurs in English text, found as `hit_present` finds it
    (plural endings, capitals; format characters inside it are not looked through)."""
    return [m.span() for m in _form_pattern(form).finditer(text)] if form else []


CLOSERS = "”’\"')]»"  # what may close a sentence after its final punctuation


def starts_sentence(text: str, pos: int) -> bool:
    """Whether text[pos:] starts a sentence: at the start, or after . ! ? … (closers) + space."""
    i = pos
    if i == 0:
        return True
    if not text[i - 1].isspace():
        return False
    while i > 0 and text[i - 1].isspace():
        i -= 1
    while i > 0 and text[i - 1] in CLOSERS:
        i -= 1
    return i == 0 or text[i - 1] in ".!?…"


def _capitalized(term: str) -> str:
    return term[:1].upper() + term[1:]


_WORD = re.compile(r"\w+")


# What makes a capitalized word before a rejected form part of a longer name (Tom
# Holland) unless it is one of these: words that start a sentence or a phrase ("In
# Kiev", "From Kiev") and titles before a person's name ("President Zelenskiy").
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NOT_NAME_WORDS = _words(
    """
    a an the in at on to of for from by with and or but as after before since until
    near like via into onto over under across through about against between during
    outside inside around toward towards while when where if so yet not only both
    this that these those his her their its our my your whose which who what
    president prime minister mr mrs ms dr sir dame king queen prince princess pope
    chancellor secretary general premier governor mayor senator sen rep gen col
    ambassador spokesman spokeswoman spokesperson leader chairman chairwoman chief
    foreign defense defence deputy vice former late then said says told
    """
)
# "Odessa, Texas" and "Moscow, Idaho" are other places than the cities.
_STATES = _words(
    """
    Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida
    Georgia Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland
    Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada
    Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Washington
    Wisconsin Wyoming Alberta Ontario Quebec Manitoba Saskatchewan
    New North South West Rhode British Nova Prince
    """
)
_NEXT_WORD = re.compile(r"(?:(?P<of>[ \t]+of[ \t]+)|[ \t]+|[-\u2010\u2011])(?P<word>\w+)")
_STATE_AFTER = re.compile(r",[ \t]+(?P<word>\w+)")
_PREVIOUS_WORD = re.compile(r"(?P<word>\w+)(?:[ \t]+of)?(?:[ \t]+|[-\u2010\u2011])$")


def _word_keys(text: str) -> tuple[list[str], list[str | None], list[tuple[int, int]]]:
    """A text's words, the same words prefixed by the exact gap before each (the trie
    key of a word that continues a name), and their spans."""
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    words = [text[s:e] for s, e in spans]
    keys: list[str | None] = [
        text[spans[i - 1][1] if i else s : e] for i, (s, e) in enumerate(spans)
    ]
    return words, keys, spans


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() and word.lower() not in _NOT_NAME_WORDS


def in_longer_name(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is part of a longer proper name: a capitalized word joined
    to it by a space or hyphen (`USA Today`, `Tom Holland`, `Burma Road`, `Austria-
    Hungary`), through "of" (`United States of America`, `University of Kiev`), a
    letter or period run on (`U.S.S.R.`), or a US state or Canadian province after a
    comma (`Odessa, Texas`)."""
    after = text[end : end + 2]
    if after[:1].isalnum() or (after[:1] == "." and after[1:2].isalnum()):
        return True
    before = text[max(0, start - 2) : start]
    if before[-1:].isalnum() or (before[-1:] == "." and before[:1].isalnum()):
        return True
    following = _NEXT_WORD.match(text, end)
    if following and _is_name_word(following["word"]):
        return True
    state = _STATE_AFTER.match(text, end)
    if state and state["word"] in _STATES:
        return True
    preceding = _PREVIOUS_WORD.search(text, max(0, start - 60), start)
    return preceding is not None and _is_name_word(preceding["word"])


class RejectedSpan(NamedTuple):
    """A rejected English form found in a text, and what it should read."""

    start: int
    end: int
    replacement: str  # the canonical English, capitalized where the form was
    entry: str  # the entity whose form it is (its canonical term)


@dataclass(frozen=True)
class _Rejected:
    """A rejected English form of an entity, and what it is rewritten to."""

    entry: str  # the entity (its canonical term)
    target: str  # the term, or the entity's form with as many words (Zelenskiy → Zelensky)
    capitalized: bool  # stored capitalized from a form written lowercase
    tail: str  # a final period the words do not cover ("U.S.")


def _rewrite_target(entry: Entry, form: str) -> str:
    """What a rejected form becomes: the entity's term, or the mention with as many
    words (a surname for a surname: `Zelenskiy` → `Zelensky`, not the full name)."""
    size = len(form.split())
    if len(entry.term.split()) == size:
        return entry.term
    return next((e for e, _ in entry.mentions if len(e.split()) == size), entry.term)


class EnglishRewriter:
    """Rewrites the English forms an entry rejects (`en_variants`: Kiev, Moskva) to
    its canonical English (Kyiv, Moscow), and finds them for the checks.

    Rejected forms are stored in the word trie (`trie.WordTrie`, exact words, each after
    the first keyed with the exact gap before it), walked from each word of the English,
    so the cost per segment does not grow with the glossary. Never rewritten: a form
    another entry accepts (a term, `en`, a mention's English), a form inside an accepted
    form (`White House` in `the White House`), a form inside a longer proper name
    (`in_longer_name`: USA Today, Tom Holland, Burma Road, Odessa, Texas), and, when the
    caller names the entities its source mentions, the forms of any other entity. A
    form starting lowercase also matches capitalized; the term is then capitalized, as
    it is where it starts a sentence.
    """

    def __init__(self, glossary: Glossary) -> None:
        accepted = {form for entry in glossary.entries.values() for form in entry.accepted}
        self._trie: WordTrie[_Rejected] = WordTrie()
        self._inside: dict[str, list[tuple[str, int]]] = {}  # form → (accepted, offset)
        by_word: dict[str, list[str]] = {}
        for form in accepted:
            for word in set(form.lower().split()):
                by_word.setdefault(word, []).append(form)
        for entry in glossary.entries.values():
            for variant in entry.en_variants:
                if not variant or variant in accepted:
                    continue
                target = _rewrite_target(entry, variant)
                forms = [variant]
                if variant[0].islower():
                    forms.append(_capitalized(variant))
                for form in forms:
                    self._add(form, _Rejected(entry.term, target, form is not variant, ""))
                words = variant.lower().split()
                for form in by_word.get(words[0], []) if words else []:
                    for m in re.finditer(re.escape(variant.lower()), form.lower()):
                        self._inside.setdefault(variant.lower(), []).append((form, m.start()))

    def _add(self, form: str, rejected: _Rejected) -> None:
        words, keys, spans = _word_keys(form)
        if words:
            tail = form[spans[-1][1] :]  # the final period of "U.S."
            keys_after = [k for k in keys[1:] if k is not None]  # every one is, for a form
            self._trie.add([words[0], *keys_after], dataclasses.replace(rejected, tail=tail))

    def _within_accepted(self, text: str, start: int, end: int) -> bool:
        for form, offset in self._inside.get(text[start:end].lower(), ()):
            at = start - offset
            if at >= 0 and text[at : at + len(form)].lower() == form.lower():
                return True
        return False

    def find(self, text: str, entities: Collection[str] | None = None) -> list[RejectedSpan]:
        """Rejected forms in `text`, left to right. With `entities`, only the forms of
        those entities (the ones the source names)."""
        if not self._trie:
            return []
        stripped, offsets = strip_format(text)
        words, keys, spans = _word_keys(stripped)
        found_spans: list[RejectedSpan] = []
        i = 0
        while i < len(words):
            found = self._longest_at(stripped, words, keys, spans, i, entities)
            if found is None:
                i += 1
                continue
            rejected, start, end = found
            term = rejected.target
            if term.startswith("the ") and stripped[max(0, start - 4) : start].lower() == "the ":
                term = term[4:]  # "the Holland team" → "the Netherlands team", not "the the"
            if rejected.capitalized or starts_sentence(stripped, start):
                term = _capitalized(term)
            if offsets is not None:
                start, end = offsets[start], offsets[end - 1] + 1
            found_spans.append(RejectedSpan(start, end, term, rejected.entry))
            i = next(k for k in range(i, len(words) + 1) if k == len(words) or spans[k][0] >= end)
        return found_spans

    def _longest_at(
        self,
        text: str,
        words: list[str],
        keys: list[str | None],
        spans: list[tuple[int, int]],
        i: int,
        entities: Collection[str] | None,
    ) -> tuple[_Rejected, int, int] | None:
        for last, values in reversed(self._trie.prefixes(words[i], keys, i)):
            for rejected in values:
                if entities is not None and rejected.entry not in entities:
                    continue
                start, end = spans[i][0], spans[last][1]
                tail = rejected.tail
                if tail and not text.startswith(tail, end):
                    continue
                if tail and text[end + len(tail) :].strip(CLOSERS + " "):
                    end += len(tail)  # "the U.S. Navy" → "US"; "in the U.S." keeps its period
                if self._within_accepted(text, start, end) or in_longer_name(text, start, end):
                    continue
                return rejected, start, end
        return None

    def rewrite(self, text: str, entities: Collection[str] | None = None) -> str:
        """`text` with every rejected form (of `entities`, if given) rewritten."""
        parts: list[str] = []
        pos = 0
        for found in self.find(text, entities):
            parts += [text[pos : found.start], found.replacement]
            pos = found.end
        parts.append(text[pos:])
        return "".join(parts)


def capitalize_sentence_starts(text: str, terms: Sequence[str]) -> str:
    """Capitalize lowercase-initial terms that start a sentence ("the White House")."""
    for term in {t for t in terms if t[:1].islower()}:
        for m in reversed(list(re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text))):
            if starts_sentence(text, m.start()):
                text = text[: m.start()] + _capitalized(term) + text[m.end() :]
    return text


@dataclass(frozen=True)
class TermPolicy:
    """Everything the pipeline needs to enforce one merged glossary."""

    matcher: Matcher
    rewriter: EnglishRewriter
    strategy: Strategy = "verify"  # translit.glossary.repair; inline/placeholder: protect()
    retry_hypotheses: int = 4
    conventions: bool = True  # convert numbers, dates and times (translit.conventions)
    repairs: tuple[str, ...] = ("aligned", "inline", "n-best")  # verify's, in this order
    glossaries: tuple[str, ...] = ()  # file names of the merged glossaries, in order
    # Vietnamese people and places without a glossary entry (translit.names) come out
    # romanized or with their diacritics; None: not looked for
    names: NameStyle | None = "romanized"

    def _matches(self, source: str) -> tuple[list[TermMatch], list[tuple[int, int]], list]:
        matches = self.matcher.find(source)
        taken = [(m.start, m.end) for m in matches]
        own = [(m.start, m.end) for m in matches if vietnamese_place(m.text)]
        return matches, taken, own

    def hits(
        self,
        source: str,
        context: NameContext | None = None,
        spans: Sequence[Span] | None = None,
    ) -> list[TermHit]:
        """Glossary hits, names and conversions in a source sentence (fresh objects).

        A name takes over a one-word glossary hit inside it (the Mỹ of Trương Mỹ Lan
        is not the US); `context` is what the whole article says about its names
        (`name_context`); `spans`: the source's scan when the caller already has it."""
        matches, taken, own = self._matches(source)
        found = []
        if self.names:
            found = find_names(source, taken, own, context)
            named = overlapping(
                [(m.start, m.end) for m in matches], [(n.start, n.end) for n in found]
            )
            matches = [m for m, lost in zip(matches, named, strict=True) if not lost]
        names = name_hits(found, self.names or "romanized")
        return find_hits(source, matches, self.conventions, spans, names)

    def name_context(self, sources: Sequence[str]) -> NameContext | None:
        """What an article's sentences say about its names (None when names are off)."""
        if not self.names:
            return None
        return name_context((source, *self._matches(source)[1:]) for source in sources)

    def protect_segment(self, segment: Segment, context: NameContext | None = None) -> Protected:
        """The segment's first engine input: the source as written for `verify`, its
        hits protected for `inline` and `placeholder`. Sets the segment's hits."""
        hits = self.hits(segment.source, context)
        if self.strategy == "verify":
            segment.hits = hits
            return Protected(segment.source, tuple(hits))
        strategy = self.strategy
        if strategy == "placeholder" and _PLACEHOLDER.search(segment.source):
            strategy = "inline"  # the source already holds a TERMn: ours would collide
        prepared = protect(segment.source, hits, strategy)
        segment.hits = list(prepared.hits)
        return prepared

    def restore(self, output: str, prepared: Protected) -> str:
        """Engine output → final English (placeholders, variants, capitals)."""
        if prepared.slots:

            def fill(m: re.Match[str]) -> str:
                n = int(m.group(1))
                return prepared.slots[n - 1] if 0 < n <= len(prepared.slots) else m.group()

            output = _PLACEHOLDER.sub(fill, output)
        output = self.rewriter.rewrite(output, hit_entities(prepared.hits))
        for target in {h.target for h in prepared.hits if h.target.endswith(".")}:
            output = output.replace(target + ".", target)  # "at 8:30 p.m." ends a sentence
        return capitalize_sentence_starts(output, [h.target for h in prepared.hits])


def term_policy(
    glossary: Glossary,
    strategy: Strategy = "verify",
    conventions: bool = True,
    names: NameStyle | None = "romanized",
) -> TermPolicy:
    return TermPolicy(
        compile_matcher(glossary),
        EnglishRewriter(glossary),
        strategy,
        conventions=conventions,
        glossaries=tuple(path.name for path in glossary.files),
        names=names,
    )


def hit_entities(hits: Sequence[TermHit]) -> set[str]:
    """The entities (canonical terms) a segment's glossary hits name."""
    return {hit.entry for hit in hits if hit.kind == "term"}


def hit_present(hit: TermHit, english: str) -> bool:
    """Whether the English has the hit's entity: its target or any other accepted form
    of the entry (word-bounded; a lowercase start may be capitalized; plural endings and
    all-caps count; invisible format characters are ignored), for a name its house form
    (translit.names), or for a number, date or time the same value in any usual English
    form (`1.5 million`, `Dec. 7`)."""
    if hit.kind == "name":
        return name_status(hit, english)[0] == "ok"
    if hit.kind == "term":
        english = without_format(english)
        return any(
            _form_pattern(form).search(english) is not None
            for form in dict.fromkeys((hit.target, *hit.accepted))
            if form
        )
    return rendered(hit.kind, hit.target, english)


def missing_terms(english: str, hits: Sequence[TermHit]) -> list[TermHit]:
    """Hits whose term (or number, date, time) does not occur in the English at all."""
    present: dict[tuple[str, str, tuple[str, ...]], bool] = {}
    for hit in hits:
        key = (hit.kind, hit.target, hit.accepted)
        if key not in present:
            present[key] = hit_present(hit, english)
    return [hit for hit in hits if not present[(hit.kind, hit.target, hit.accepted)]]


def pick_hypothesis(
    candidates: Sequence[str], hits: Sequence[TermHit]
) -> tuple[str, list[TermHit]]:
    """The first (best-scored) candidate with every term, else the best and what it lacks."""
    for text in candidates:
        if not missing_terms(text, hits):
            return text, []
    return candidates[0], missing_terms(candidates[0], hits)


def record_terms(segment: Segment, english: str, missing: Sequence[TermHit]) -> None:
    """Set the segment's English and mark which hits it applies.

    A lost term makes no finding here: translit.qa.check_document reports it, for
    machine and human English alike. A segment that lost one is marked fuzzy.
    """
    segment.target = english
    lost = {id(h) for h in missing}
    for hit in segment.hits:
        hit.applied = id(hit) not in lost
    if missing:
        segment.fuzzy = True
