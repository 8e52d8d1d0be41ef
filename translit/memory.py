"""Translation memory from an earlier review file: a reviewer's work is never lost.

`merge_previous(doc, old)` fills a freshly segmented article from the PO an earlier
run wrote (and a reviewer may have edited), the way gettext's msgmerge does:

- a sentence whose source is unchanged keeps its entry exactly: English, fuzzy flag,
  reviewer note (wherever the sentence moved in the article, and also when it comes
  back from an obsolete entry; a sentence that occurs several times is matched
  occurrence by occurrence, see `_pair`); only entries with no English go to the
  engine again;
- a changed sentence whose old entry was reviewed (no fuzzy flag) keeps the old
  English, marked fuzzy, with the old source as `previous_source` (`#| msgid`), so
  the reviewer sees what changed; it is not sent to the engine;
- an old entry whose sentence left the article is kept as obsolete (`#~`) if it holds
  any English or note, never deleted (unless an active entry holds the same sentence
  and English); this includes a reviewed entry whose English a changed sentence took
  (fuzzy), so an edit that is undone brings the sentence back approved.

Everything else (new sentences, changed sentences whose old English was unreviewed
machine output) is left for the engine.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from translit.document import Document, Segment, key_order

# How alike a changed sentence must be to an old reviewed one to inherit its English.
SIMILARITY = 0.6


def merge_previous(doc: Document, old: Document) -> None:
    """Fill `doc`'s segments from `old` (read from the earlier PO); see the module doc."""
    candidates = old.segments + old.obsolete  # active in document order, then obsolete
    old_by_source: dict[str, list[Segment]] = {}
    for seg in candidates:
        old_by_source.setdefault(seg.source, []).append(seg)
    new_by_source: dict[str, list[Segment]] = {}
    for seg in doc.segments:
        new_by_source.setdefault(seg.source, []).append(seg)
    used: set[int] = set()  # old entries an unchanged sentence took
    lent: set[int] = set()  # reviewed entries whose English a changed sentence took
    unmatched: list[Segment] = []
    for source, segments in new_by_source.items():
        olds = old_by_source.get(source)
        if not olds:
            unmatched += segments
            continue
        for seg, match in zip(segments, _pair(len(segments), olds), strict=True):
            used.add(id(match))
            _inherit(seg, match)
    reviewed = [s for s in old.segments if id(s) not in used and s.status == "reviewed"]
    for seg in sorted(unmatched, key=lambda s: key_order(s.key)):
        similar = _similar(seg, [s for s in reviewed if id(s) not in lent])
        if similar is not None:
            lent.add(id(similar))
            _inherit(seg, similar)
            seg.fuzzy = True
            seg.previous_source = similar.source
    doc.obsolete = _obsolete(
        [s for s in candidates if id(s) not in used and (s.target or s.note)], doc.segments
    )
    doc.review_header = dict(old.review_header)
    doc.header_comment = old.header_comment


def _pair(count: int, olds: list[Segment]) -> list[Segment]:
    """The old entries for the `count` occurrences of an unchanged sentence, in order.

    The n-th occurrence gets the n-th old entry, so an unchanged article keeps every
    entry exactly, and a sentence that occurs twice keeps each occurrence's English
    when the article around it changes. Where the sentence now occurs fewer times,
    the approved entries (then those with English, then those with a reviewer's
    note) are the ones kept; where it occurs more often, the extra occurrences get
    the first approved entry (else the first with English) — the same sentence,
    translated as a reviewer approved it.
    """

    def rank(i: int) -> tuple[bool, bool, bool, int]:
        return (olds[i].status != "reviewed", not olds[i].target, not olds[i].note, i)

    best = olds[min(range(len(olds)), key=rank)]
    if len(olds) > count:
        olds = [olds[i] for i in sorted(sorted(range(len(olds)), key=rank)[:count])]
    return [olds[i] if i < len(olds) else best for i in range(count)]


def _obsolete(leftover: list[Segment], active: list[Segment]) -> list[Segment]:
    """Old entries no sentence took, as obsolete entries a PO tool accepts.

    One whose source and English an active entry already holds adds nothing and is
    dropped (as is a repeat of another), unless it carries a note no such entry has:
    a reviewer's note is never deleted. The rest are kept, and where one would share
    its key and source with another entry (gettext refuses such duplicates) its key
    gets a `~N` suffix.
    """
    seen = {(s.source, s.target) for s in active}
    noted = {(s.source, s.target, s.note) for s in active}
    taken = {(s.key, s.source) for s in active}
    kept: list[Segment] = []
    for seg in leftover:
        held = (seg.source, seg.target) in seen
        if seg.target and held and (not seg.note or (seg.source, seg.target, seg.note) in noted):
            continue
        seen.add((seg.source, seg.target))
        noted.add((seg.source, seg.target, seg.note))
        base, n = seg.key.split("~")[0], 1
        while (seg.key, seg.source) in taken:
            n += 1
            seg.key = f"{base}~{n}"
        taken.add((seg.key, seg.source))
        seg.hits, seg.findings = [], []
        kept.append(seg)
    return kept


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
    seg.plural_source, seg.plural_targets = old.plural_source, old.plural_targets
    seg.previous_source = old.previous_source if seg.fuzzy else ""
    seg.repairs = dict(old.repairs)
