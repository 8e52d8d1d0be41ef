"""Glossary enforcement around any engine: protect → (engine) → restore → verify.

protect: each glossary hit in the source is rewritten so the engine carries the
canonical English through — inline (the English term itself, default) or a
placeholder token (`TERM1`) put back after translation.
restore: placeholders back, forbidden English variants rewritten (`Kiev` → `Kyiv`),
a lowercase term that starts a sentence capitalized (`The White House said`).
verify: every hit's term must be in the English; if one is not, the caller asks the
engine for more hypotheses and takes the best complete one (`pick_hypothesis`), else
keeps the best and records a `term-missing` finding. A term is never dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from translit.document import Finding, Glossary, Segment, TermHit
from translit.termmatch import Matcher, TermMatch, compile_matcher

Strategy = Literal["inline", "placeholder"]
STRATEGIES: tuple[Strategy, ...] = ("inline", "placeholder")
PLACEHOLDER = "TERM{}"
_PLACEHOLDER = re.compile(r"\bTERM(\d+)\b")
# Where a sentence starts: the text start, or after . ! ? (and closing quotes) + space.
_SENTENCE_START = re.compile(r"(?:^|[.!?…][\"”’)\]]*\s+)$")


@dataclass(frozen=True)
class Protected:
    """A source prepared for the engine, and what must come back."""

    text: str  # what the engine gets
    hits: tuple[TermHit, ...]
    slots: tuple[str, ...] = ()  # placeholder n (1-based) → term, for "placeholder"


def protect(source: str, matches: Sequence[TermMatch], strategy: Strategy) -> Protected:
    """Rewrite each match so the engine carries the canonical term through."""
    parts: list[str] = []
    hits: list[TermHit] = []
    slots: list[str] = []
    pos = 0
    for m in matches:
        term = m.entry.term
        if strategy == "placeholder":
            slots.append(term)
            replacement = PLACEHOLDER.format(len(slots))
        else:
            replacement = term
        parts += [source[pos : m.start], replacement]
        pos = m.end
        hits.append(TermHit(entry=term, variant=m.text, start=m.start, end=m.end, target=term))
    parts.append(source[pos:])
    return Protected("".join(parts), tuple(hits), tuple(slots))


def _term_pattern(term: str) -> re.Pattern[str]:
    """Word-bounded term; a term starting lowercase may also start uppercase."""
    first = re.escape(term[0])
    if term[0].islower():
        first = f"[{re.escape(term[0])}{re.escape(term[0].upper())}]"
    return re.compile(rf"(?<!\w){first}{re.escape(term[1:])}(?!\w)")


class EnglishRewriter:
    """Rewrites English variants (`en_variants`) to their canonical terms."""

    def __init__(self, glossary: Glossary) -> None:
        self._to_term: dict[str, str] = {}
        canonical = set(glossary.entries)
        for entry in glossary.entries.values():
            for variant in entry.en_variants:
                # never rewrite a form another entry declares canonical (a desk's "Kiev")
                if variant and variant not in canonical:
                    self._to_term[variant] = entry.term
        names = sorted(self._to_term, key=len, reverse=True)
        alternation = "|".join(re.escape(n) for n in names)
        self._pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)") if names else None

    def rewrite(self, text: str) -> str:
        if self._pattern is None:
            return text
        protected = [
            (m.start(), m.end())
            for term in set(self._to_term.values())
            for m in _term_pattern(term).finditer(text)
        ]

        def swap(m: re.Match[str]) -> str:
            inside = any(s <= m.start() and m.end() <= e for s, e in protected)
            return m.group() if inside else self._to_term[m.group()]

        return self._pattern.sub(swap, text)


def capitalize_sentence_starts(text: str, terms: Sequence[str]) -> str:
    """Capitalize lowercase-initial terms that start a sentence ("the White House")."""
    for term in {t for t in terms if t[:1].islower()}:
        for m in reversed(list(re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text))):
            if _SENTENCE_START.search(text[: m.start()]):
                text = text[: m.start()] + term[0].upper() + text[m.start() + 1 :]
    return text


@dataclass(frozen=True)
class TermPolicy:
    """Everything the pipeline needs to enforce one merged glossary."""

    matcher: Matcher
    rewriter: EnglishRewriter
    strategy: Strategy = "inline"
    retry_hypotheses: int = 4

    def protect_segment(self, segment: Segment) -> Protected:
        prepared = protect(segment.source, self.matcher.find(segment.source), self.strategy)
        segment.hits = list(prepared.hits)
        return prepared

    def restore(self, output: str, prepared: Protected) -> str:
        """Engine output → final English (placeholders, variants, capitals)."""
        if prepared.slots:

            def fill(m: re.Match[str]) -> str:
                n = int(m.group(1))
                return prepared.slots[n - 1] if 0 < n <= len(prepared.slots) else m.group()

            output = _PLACEHOLDER.sub(fill, output)
        output = self.rewriter.rewrite(output)
        return capitalize_sentence_starts(output, [h.target for h in prepared.hits])


def term_policy(glossary: Glossary, strategy: Strategy = "inline") -> TermPolicy:
    return TermPolicy(compile_matcher(glossary), EnglishRewriter(glossary), strategy)


def missing_terms(english: str, hits: Sequence[TermHit]) -> list[TermHit]:
    """Hits whose term does not occur in the English at all."""
    present: dict[str, bool] = {}
    for hit in hits:
        if hit.target not in present:
            present[hit.target] = _term_pattern(hit.target).search(english) is not None
    return [hit for hit in hits if not present[hit.target]]


def pick_hypothesis(
    candidates: Sequence[str], hits: Sequence[TermHit]
) -> tuple[str, list[TermHit]]:
    """The first (best-scored) candidate with every term, else the best and what it lacks."""
    for text in candidates:
        if not missing_terms(text, hits):
            return text, []
    return candidates[0], missing_terms(candidates[0], hits)


def record_terms(segment: Segment, english: str, missing: Sequence[TermHit]) -> None:
    """Set the segment's English, mark applied hits, add a finding per missing term."""
    segment.target = english
    lost = {id(h) for h in missing}
    for hit in segment.hits:
        hit.applied = id(hit) not in lost
    for hit in missing:
        segment.fuzzy = True
        segment.findings.append(
            Finding(
                "term-missing",
                f"glossary term “{hit.target}” (for “{hit.variant}”) is not in the English",
                "error",
            )
        )
