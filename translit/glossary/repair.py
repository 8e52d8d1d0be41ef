"""Verify-first term enforcement: trust the model, check its English, repair what it
got wrong, and say how each term was fixed.

The default strategy (`verify`) sends every sentence to the engine as written. A
segment's English is kept when every hit is satisfied (`failing` finds none): the
hit's entity is there in an accepted form (`enforce.missing_terms`: Russia, Russian, ...;
a number or date in any usual English form) and no rejected form of it is (an English
variant the house rewrites, `Kiev`, which `TermPolicy.restore` rewrites anyway, or one
of its Vietnamese variants left in the English, `Mátxcơva`). Numbers, dates and times
take the same path: the model's `1.5 million` for `1.500.000` stands.

Otherwise the segment is repaired, each stage one engine call over every segment that
still needs it, in `TermPolicy.repairs` order:

1. `aligned`: the English span the model's attention aligns to the source term is
   replaced by the term (`align_repair`; needs the first pass's alignment).
2. `inline`: the sentence is translated again with the failing terms written inline
   in the source (what `--term-strategy inline` does from the start).
3. `n-best`: the sentence is decoded again for several hypotheses with what the model
   wrote wrongly banned (`bans`: the Vietnamese variant copied as it is, the English
   it aligned to the term); the best hypothesis that satisfies every hit wins.
4. Otherwise the best English seen (fewest failing hits, earliest stage first) is kept;
   the segment stays fuzzy and translit.qa reports each lost term (`term-missing`).

Each hit records how its term got into the English (`TermHit.repair`): `model` (the
model wrote it), `rewrite` (a rejected English form rewritten), `aligned`, `inline`,
`placeholder`, `n-best`, or "" when it is not there. The `inline` and `placeholder`
strategies protect every hit before the first pass and retry with n-best only.

The decisions (`failing`, `aligned_span`, `align_repair`, `best`) are pure functions
of text, hits and alignment, so they are tested on recorded professional English.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from translit.document import Segment, TermHit
from translit.engines.base import Engine, Link
from translit.glossary.enforce import (
    CLOSERS,
    Protected,
    TermPolicy,
    hit_entities,
    in_longer_name,
    missing_terms,
    protect,
    record_terms,
    starts_sentence,
)
from translit.qa import variant_spans, vietnamese_words

STAGES = ("aligned", "inline", "n-best")  # the repairs a policy may list, in this order
_WORD_CHAR = re.compile(r"\w")
_WORDS = re.compile(r"\w+")
_TRAILING = ",;:!?)]}”’\"'»"
_THE = re.compile(r"(?<!\w)the\s+$", re.IGNORECASE)
_ABBREVIATION = re.compile(r"(?:\b\w\.){2,}$")  # U.S., p.m.


def rejected_entities(english: str, policy: TermPolicy, hits: Sequence[TermHit]) -> set[str]:
    """Entities the hits name that the English holds in a form the glossary does not
    accept (what translit.qa reports as `term-variant`): an English variant the
    glossary rewrites (`Kiev`), or a Vietnamese variant that is no accepted form
    (`Mátxcơva`, `Điện Kremlin`)."""
    named = hit_entities(hits)
    return {v.entry for v in variant_spans(english, policy, named) if v.entry in named}


def left_as_written(hit: TermHit, english: str) -> bool:
    """Whether a number, date or time is in the English with the Vietnamese words the
    source writes it with (`năm 2018`, `20 giờ`). (Other Vietnamese spellings, such as
    `1.500.000` or `7.12`, do not state the value in English: `missing_terms` finds
    them; `11:00` and `2018` are English too.)"""
    variant = hit.variant.strip()
    if not vietnamese_words(variant):
        return False
    return re.search(rf"(?<![\w.,]){re.escape(variant)}(?!\w|[.,]\d)", english) is not None


def failing(english: str, hits: Sequence[TermHit], policy: TermPolicy) -> frozenset[int]:
    """Indices of the hits the English does not satisfy: no accepted form of the
    entity (number, date) is there, or a rejected form of it is (for a number, date or
    time, its Vietnamese spelling)."""
    missing = {id(hit) for hit in missing_terms(english, hits)}
    terms = any(hit.kind == "term" for hit in hits)
    rejected = rejected_entities(english, policy, hits) if english and terms else set()
    return frozenset(
        i
        for i, hit in enumerate(hits)
        if id(hit) in missing
        or (hit.entry in rejected if hit.kind == "term" else left_as_written(hit, english))
    )


def aligned_span(english: str, alignment: Sequence[Link], hit: TermHit) -> tuple[int, int] | None:
    """The span of `english` aligned to the hit's source span, or None when the
    alignment gives none that can safely be replaced.

    The target tokens attending to the source span must be one run (tokens between
    them may only be punctuation); the span is widened to whole words and trimmed of
    surrounding punctuation (a final period stays when the span is an abbreviation
    such as U.S.), and may hold at most twice as many words as the longer of the
    source variant and the term, plus one.
    """
    chosen = [
        i
        for i, link in enumerate(alignment)
        if link.source_start < hit.end and hit.start < link.source_end
    ]
    if not chosen:
        return None
    inside = set(chosen)
    for i in range(chosen[0], chosen[-1] + 1):
        link = alignment[i]
        if i not in inside and _WORD_CHAR.search(english[link.target_start : link.target_end]):
            return None  # the term's tokens are not together in the English
    left = max(0, min(alignment[i].target_start for i in chosen))
    right = min(len(english), max(alignment[i].target_end for i in chosen))
    while 0 < left < len(english) and _joined(english, left - 1, left):
        left -= 1
    while 0 < right < len(english) and _joined(english, right - 1, right):
        right += 1
    while left < right and not _WORD_CHAR.match(english[left]):
        left += 1
    while left < right and (english[right - 1].isspace() or english[right - 1] in _TRAILING):
        right -= 1
    if english[right - 1 : right] == "." and not _ABBREVIATION.search(english[left:right]):
        right -= 1  # "Russia." ends the sentence; "U.S." and "p.m." keep their period
    if left >= right:
        return None
    longest = max(len(_WORDS.findall(hit.variant)), len(_WORDS.findall(hit.target)), 1)
    return (left, right) if len(_WORDS.findall(english[left:right])) <= 2 * longest + 1 else None


def _joined(text: str, i: int, j: int) -> bool:
    """Whether text[i] and text[j] are letters or digits of one word."""
    return bool(_WORD_CHAR.match(text[i]) and _WORD_CHAR.match(text[j]))


def replace_spans(english: str, replacements: Sequence[tuple[int, int, str]]) -> str:
    """`english` with each (start, end, term) span replaced by the term, as it reads
    there: capitalized where it starts a sentence, without its leading "the" after a
    "the" (`the the Kremlin`), and keeping the sentence's final period when the span
    ended the sentence with an abbreviation's (`in the U.S.` → `in the US.`)."""
    parts: list[str] = []
    pos = 0
    for start, end, term in sorted(replacements):
        if term[:4].lower() == "the " and _THE.search(english[:start]):
            term = term[4:]
        if starts_sentence(english, start) and term[:1].islower():
            term = term[:1].upper() + term[1:]
        ends = not english[end:].strip(CLOSERS + " ")
        if english[start:end].endswith(".") and not term.endswith(".") and ends:
            term += "."
        parts += [english[pos:start], term]
        pos = end
    parts.append(english[pos:])
    return "".join(parts)


def align_repair(
    english: str,
    alignment: Sequence[Link],
    hits: Sequence[TermHit],
    indices: Sequence[int],
    policy: TermPolicy,
) -> str | None:
    """`english` with the span aligned to each hit in `indices` replaced by its term;
    None when nothing was replaced. A span that already holds an accepted form of its
    hit and no rejected one is left as it is (another mention is the wrong one), so is
    a term's span that is part of a longer proper name and holds no rejected form (the
    model's `Deutsche Bank` for `Ngân hàng Đức` is no `Germany Bank`), and so are spans
    that overlap each other, unless they are one span for one term."""
    kept: dict[tuple[int, int], str] = {}
    clashes: set[tuple[int, int]] = set()
    for i in indices:
        hit = hits[i]
        span = aligned_span(english, alignment, hit)
        if span is None or span in kept and kept[span] == hit.target:
            continue
        if not failing(english[span[0] : span[1]], [hit], policy):
            continue
        if (
            hit.kind == "term"
            and in_longer_name(english, *span)
            and not rejected_entities(english[span[0] : span[1]], policy, [hit])
        ):
            continue
        clashes.update(
            pair
            for other in kept
            for pair in (other, span)
            if other[0] < span[1] and span[0] < other[1]
        )
        kept[span] = hit.target
    chosen = [(s, e, t) for (s, e), t in kept.items() if (s, e) not in clashes]
    return replace_spans(english, chosen) if chosen else None


def bans(
    english: str,
    alignment: Sequence[Link] | None,
    hits: Sequence[TermHit],
    indices: Sequence[int],
) -> list[str]:
    """What the model wrote wrongly for the failing hits, to ban in an n-best retry:
    each hit's Vietnamese spelling (copied as it is) unless it is part of an accepted
    form (`Kremlin`, `2018`), and the English aligned to it when that is a name or a
    number (it has a capital or a digit) and holds no accepted form of any hit."""
    accepted = [f.lower() for hit in hits for f in (hit.target, *hit.accepted) if f]
    found: list[str] = []
    for i in indices:
        hit = hits[i]
        if not any(hit.variant.lower() in form for form in accepted):
            found.append(hit.variant)
        span = aligned_span(english, alignment, hit) if alignment else None
        wrong = english[span[0] : span[1]] if span else ""
        name = any(c.isupper() or c.isdigit() for c in wrong)
        if name and not any(form in wrong.lower() for form in accepted):
            found.append(wrong)
    return list(dict.fromkeys(found))


@dataclass
class Attempt:
    """One English for a segment, where it came from and which hits it fails."""

    english: str
    stage: str
    failing: frozenset[int]


def best(attempts: Sequence[Attempt]) -> Attempt:
    """The attempt failing the fewest hits; among equals the earliest (the model's own
    English before any repair)."""
    return min(enumerate(attempts), key=lambda pair: (len(pair[1].failing), pair[0]))[1]


@dataclass
class Job:
    """A segment being enforced: its hits, what its first pass gave, what was tried."""

    segment: Segment
    prepared: Protected  # the first pass's engine input (the source, for verify)
    raw: str = ""  # the first pass's English as the engine gave it
    alignment: tuple[Link, ...] | None = None
    rewritten: frozenset[str] = frozenset()  # entities whose rejected form `raw` holds
    attempts: list[Attempt] = field(default_factory=list)

    @property
    def hits(self) -> list[TermHit]:
        return list(self.prepared.hits)

    @property
    def latest(self) -> Attempt:
        return self.attempts[-1]


def first_pass(job: Job, raw: str, alignment: tuple[Link, ...] | None, policy: TermPolicy) -> None:
    """Judge the first pass's English: the engine's own text, then as restored (rejected
    English forms rewritten, placeholders filled)."""
    job.raw, job.alignment = raw, alignment
    named = hit_entities(job.hits)
    job.rewritten = frozenset(span.entry for span in policy.rewriter.find(raw, named))
    english = policy.restore(raw, job.prepared)
    job.attempts.append(Attempt(english, "first", failing(english, job.hits, policy)))


def enforce(jobs: Sequence[Job], engine: Engine, policy: TermPolicy) -> None:
    """Repair every job whose first pass fails a hit, stage by stage, each stage one
    engine call over the jobs still failing; then settle every job's English and hit
    labels."""
    open_jobs = [job for job in jobs if job.latest.failing]
    stages = policy.repairs if policy.strategy == "verify" else ("n-best",)
    for stage in (s for s in STAGES if s in stages):
        if not open_jobs:
            break
        if stage == "aligned":
            _aligned(open_jobs, policy)
        elif stage == "inline":
            _inline(open_jobs, policy, engine)
        else:
            _nbest(open_jobs, policy, engine)
        open_jobs = [job for job in open_jobs if job.latest.failing]
    for job in jobs:
        settle(job, policy)


def _aligned(jobs: Sequence[Job], policy: TermPolicy) -> None:
    for job in jobs:
        if not job.alignment:
            continue
        hits = job.hits
        wanted = sorted(job.attempts[0].failing)
        repaired = align_repair(job.raw, job.alignment, hits, wanted, policy)
        if repaired is not None:
            english = policy.restore(repaired, job.prepared)
            job.attempts.append(Attempt(english, "aligned", failing(english, hits, policy)))


def _inline(jobs: Sequence[Job], policy: TermPolicy, engine: Engine) -> None:
    inputs = []
    for job in jobs:
        wanted = [job.hits[i] for i in sorted(job.attempts[0].failing)]
        inputs.append(protect(job.segment.source, wanted, "inline").text)
    for job, text, hyps in zip(jobs, inputs, engine.translate(inputs), strict=True):
        english = policy.restore(hyps[0].text, Protected(text, job.prepared.hits))
        job.attempts.append(Attempt(english, "inline", failing(english, job.hits, policy)))


def _nbest(jobs: Sequence[Job], policy: TermPolicy, engine: Engine) -> None:
    if policy.retry_hypotheses < 2:
        return
    banned = [
        bans(job.raw, job.alignment, job.hits, sorted(job.attempts[0].failing)) for job in jobs
    ]
    results = engine.translate(
        [job.prepared.text for job in jobs], num_hypotheses=policy.retry_hypotheses, suppress=banned
    )
    for job, hyps in zip(jobs, results, strict=True):
        tried = []
        for hyp in hyps:
            english = policy.restore(hyp.text, job.prepared)
            tried.append(Attempt(english, "n-best", failing(english, job.hits, policy)))
            if not tried[-1].failing:
                break
        if tried:
            job.attempts.append(best(tried))


def settle(job: Job, policy: TermPolicy) -> None:
    """Give the segment the chosen English (the first attempt that satisfies every hit,
    else `best`) and label each hit with how its term got there."""
    chosen = next((a for a in job.attempts if not a.failing), None) or best(job.attempts)
    hits = job.segment.hits
    record_terms(job.segment, chosen.english, [hits[i] for i in chosen.failing])
    first = "model" if policy.strategy == "verify" else policy.strategy
    for i, hit in enumerate(hits):
        if i in chosen.failing:
            hit.repair = ""
        elif chosen.stage != "first" and i in job.attempts[0].failing:
            hit.repair = chosen.stage
        elif hit.kind == "term" and hit.entry in job.rewritten:
            hit.repair = "rewrite"
        else:
            hit.repair = first
