"""Translation memory from an earlier review file: a reviewer's work is never lost.

`merge_previous(doc, old)` fills a freshly segmented article from the PO an earlier
run wrote (and a reviewer may have edited), the way gettext's msgmerge does:

- a sentence whose source is unchanged keeps its entry exactly: English, fuzzy flag,
  reviewer note (wherever the sentence moved in the article, and also when it comes
  back from an obsolete entry; where it occurs twice, an approved entry wins); only
  entries with no English go to the engine again;
- a changed sentence whose old entry was reviewed (no fuzzy flag) keeps the old
  English, marked fuzzy, with the old source as `previous_source` (`#| msgid`), so
  the reviewer sees what changed; it is not sent to the engine;
- an old entry whose sentence left the article is kept as obsolete (`#~`) if it holds
  any English or note, never deleted.

Everything else (new sentences, changed sentences whose old English was unreviewed
machine output) is left for the engine.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from translit.document import Document, Segment

# How alike a changed sentence must be to an old reviewed one to inherit its English.
SIMILARITY = 0.6


def merge_previous(doc: Document, old: Document) -> None:
    """Fill `doc`'s segments from `old` (read from the earlier PO); see the module doc."""
    candidates = old.segments + old.obsolete
    by_source: dict[str, list[Segment]] = {}
    for seg in candidates:
        by_source.setdefault(seg.source, []).append(seg)
    used: set[int] = set()
    unmatched: list[Segment] = []
    for seg in doc.segments:
        match = _exact(seg, by_source.get(seg.source, []))
        if match is None:
            unmatched.append(seg)
            continue
        used.add(id(match))
        _inherit(seg, match)
    reviewed = [s for s in old.segments if id(s) not in used and s.target and not s.fuzzy]
    for seg in unmatched:
        match = _similar(seg, [s for s in reviewed if id(s) not in used])
        if match is not None:
            used.add(id(match))
            _inherit(seg, match)
            seg.fuzzy = True
            seg.previous_source = match.source
    doc.obsolete = [
        _as_obsolete(s) for s in candidates if id(s) not in used and (s.target or s.note)
    ]
    doc.review_header = dict(old.review_header)


def _exact(seg: Segment, same_source: list[Segment]) -> Segment | None:
    """The old entry for an unchanged sentence: a reviewed one first (a sentence that
    occurs twice gets the English a reviewer approved for it), then the one at the same
    key, then one with any English."""
    if not same_source:
        return None
    return max(
        same_source,
        key=lambda s: (bool(s.target) and not s.fuzzy, s.key == seg.key, bool(s.target)),
    )


def _similar(seg: Segment, reviewed: list[Segment]) -> Segment | None:
    """The reviewed old entry most like a changed sentence (same key preferred), if any."""
    best, best_score = None, SIMILARITY
    for old in reviewed:
        matcher = SequenceMatcher(None, old.source, seg.source, autojunk=False)
        if matcher.real_quick_ratio() < best_score or matcher.quick_ratio() < best_score:
            continue
        score = matcher.ratio() + (0.05 if old.key == seg.key else 0.0)
        if score >= best_score:
            best, best_score = old, score
    return best


def _inherit(seg: Segment, old: Segment) -> None:
    seg.target = old.target
    seg.fuzzy = old.fuzzy and bool(old.target)
    seg.origin = old.origin if old.target else "none"
    seg.note = old.note
    seg.previous_source = old.previous_source if seg.fuzzy else ""


def _as_obsolete(seg: Segment) -> Segment:
    seg.hits, seg.findings = [], []
    return seg
