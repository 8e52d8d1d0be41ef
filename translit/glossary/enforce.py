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

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from translit.conventions import rendered, scan
from translit.document import Glossary, Segment, TermHit
from translit.glossary.match import Matcher, TermMatch, compile_matcher

Strategy = Literal["verify", "inline", "placeholder"]
PLACEHOLDER = "TERM{}"
_PLACEHOLDER = re.compile(r"\bTERM(\d+)\b")


@dataclass(frozen=True)
class Protected:
    """A source prepared for the engine, and what must come back."""

    text: str  # what the engine gets
    hits: tuple[TermHit, ...]
    slots: tuple[str, ...] = ()  # placeholder n (1-based) → term, for "placeholder"


def find_hits(source: str, matches: Sequence[TermMatch], conventions: bool = True) -> list[TermHit]:
    """Glossary matches, then the numbers, dates and times to convert that overlap no
    match, as TermHits in source order."""
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
    if conventions:
        taken = [(h.start, h.end) for h in hits]
        for span in scan(source):
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


def _term_pattern(term: str) -> re.Pattern[str]:
    """Word-bounded term; a term starting lowercase may also start uppercase."""
    first = re.escape(term[0])
    if term[0].islower():
        first = f"[{re.escape(term[0])}{re.escape(term[0].upper())}]"
    return re.compile(rf"(?<!\w){first}{re.escape(term[1:])}(?!\w)")


def term_spans(text: str, term: str) -> list[tuple[int, int]]:
    """Where a glossary term occurs in English text, found as `missing_terms` finds it."""
    return [m.span() for m in _term_pattern(term).finditer(text)] if term else []


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


def _word_keys(text: str) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    """A text's words, the same words prefixed by the exact gap before each (the trie
    key of a word that continues a name), and their spans."""
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    words = [text[s:e] for s, e in spans]
    keys = [text[spans[i - 1][1] if i else s : e] for i, (s, e) in enumerate(spans)]
    return words, keys, spans


class EnglishRewriter:
    """Rewrites English variants (`en_variants`) to their canonical terms.

    Variants are compiled into a trie of exact words (each after the first keyed with
    the exact gap before it), walked from each word of the English, so the cost per
    segment does not grow with the glossary. Per match only the few canonical terms
    containing the variant are checked (a variant inside its own term, as "White
    House" in "the White House", is left alone). A form another entry declares
    canonical is never rewritten. A variant starting lowercase also matches
    capitalized; the term is then capitalized, as it is where it starts a sentence.
    """

    def __init__(self, glossary: Glossary) -> None:
        canonical = set(glossary.entries)
        self._trie: dict[str, dict] = {}
        self._inside: dict[str, list[tuple[str, int]]] = {}  # variant → (term, offset)
        by_word: dict[str, list[str]] = {}
        for term in canonical:
            for word in set(term.lower().split()):
                by_word.setdefault(word, []).append(term)
        for entry in glossary.entries.values():
            for variant in entry.en_variants:
                if not variant or variant in canonical:
                    continue
                forms = [variant]
                if variant[0].islower():
                    forms.append(_capitalized(variant))
                for form in forms:
                    self._add(form, entry.term, lowered=form is not variant)
                words = variant.lower().split()
                for term in by_word.get(words[0], []) if words else []:
                    for m in re.finditer(re.escape(variant.lower()), term.lower()):
                        self._inside.setdefault(variant.lower(), []).append((term, m.start()))

    def _add(self, form: str, term: str, lowered: bool) -> None:
        words, keys, spans = _word_keys(form)
        if not words:
            return
        node = self._trie.setdefault(words[0], {})
        for key in keys[1:]:
            node = node.setdefault(key, {})
        tail = form[spans[-1][1] :]  # the final period of "U.S."
        node[""] = (term, lowered, tail)  # "" is never a word key

    def _within_term(self, text: str, start: int, end: int) -> bool:
        for term, offset in self._inside.get(text[start:end].lower(), ()):
            at = start - offset
            if at >= 0 and text[at : at + len(term)].lower() == term.lower():
                return True
        return False

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """English variants in `text`: (start, end, canonical term as it should read)."""
        if not self._trie:
            return []
        words, keys, spans = _word_keys(text)
        found_spans: list[tuple[int, int, str]] = []
        i = 0
        while i < len(words):
            node, j, found = self._trie.get(words[i]), i, None
            while node is not None:
                if "" in node:
                    found = (node[""], j)
                j += 1
                node = node.get(keys[j]) if j < len(keys) else None
            if found is None or self._within_term(text, spans[i][0], spans[found[1]][1]):
                i += 1
                continue
            (term, capitalized, tail), last = found
            start, end = spans[i][0], spans[last][1]
            if tail and text.startswith(tail, end) and text[end + len(tail) :].strip(CLOSERS + " "):
                end += len(tail)  # "the U.S. Navy" → "the US Navy"; "in the U.S." keeps its period
            if capitalized or starts_sentence(text, start):
                term = _capitalized(term)
            found_spans.append((start, end, term))
            i = last + 1
        return found_spans

    def rewrite(self, text: str) -> str:
        parts: list[str] = []
        pos = 0
        for start, end, term in self.find(text):
            parts += [text[pos:start], term]
            pos = end
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

    def hits(self, source: str) -> list[TermHit]:
        """Glossary hits and conversions in a source sentence (fresh objects)."""
        return find_hits(source, self.matcher.find(source), self.conventions)

    def protect_segment(self, segment: Segment) -> Protected:
        """The segment's first engine input: the source as written for `verify`, its
        hits protected for `inline` and `placeholder`. Sets the segment's hits."""
        hits = self.hits(segment.source)
        segment.hits = hits
        if self.strategy == "verify":
            return Protected(segment.source, tuple(hits))
        strategy = self.strategy
        if strategy == "placeholder" and _PLACEHOLDER.search(segment.source):
            strategy = "inline"  # the source already holds a TERMn: ours would collide
        return protect(segment.source, hits, strategy)

    def restore(self, output: str, prepared: Protected) -> str:
        """Engine output → final English (placeholders, variants, capitals)."""
        if prepared.slots:

            def fill(m: re.Match[str]) -> str:
                n = int(m.group(1))
                return prepared.slots[n - 1] if 0 < n <= len(prepared.slots) else m.group()

            output = _PLACEHOLDER.sub(fill, output)
        output = self.rewriter.rewrite(output)
        for target in {h.target for h in prepared.hits if h.target.endswith(".")}:
            output = output.replace(target + ".", target)  # "at 8:30 p.m." ends a sentence
        return capitalize_sentence_starts(output, [h.target for h in prepared.hits])


def term_policy(
    glossary: Glossary, strategy: Strategy = "verify", conventions: bool = True
) -> TermPolicy:
    return TermPolicy(
        compile_matcher(glossary), EnglishRewriter(glossary), strategy, conventions=conventions
    )


def hit_present(hit: TermHit, english: str) -> bool:
    """Whether the English has the hit's entity: its target or any other accepted form
    of the entry (word-bounded, a lowercase start may be capitalized), or for a number,
    date or time the same value in any usual English form (`1.5 million`, `Dec. 7`)."""
    if hit.kind == "term":
        return any(
            _term_pattern(form).search(english) is not None
            for form in dict.fromkeys((hit.target, *hit.accepted))
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
