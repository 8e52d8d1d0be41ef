"""Checks: what a reviewer should look at in each segment's English, with stable codes.

`check_document(doc, policy)` recomputes every segment's glossary hits and findings
from its source and its English as they are now, so the same checks serve machine
output, a human translation and a reviewer's edit. It is the only producer of
findings. `CHECKS` lists each code with its severity and a one-line description.

Severity: `error` for a glossary term, number or date the English gets wrong (the
English says something else than the source); `warning` for everything that is often
a mistake but may be right (the reviewer decides).

A segment without English gets no findings but `empty`, and only when something was
supposed to fill it (the engine, or a reviewer who approved an empty entry): a segment
nobody has translated yet (`--no-mt`, an empty PO entry) is reported by its status,
`untranslated`, not as a problem. Fuzzy flags are left as they are: machine output is
fuzzy until a reviewer approves it, and a check never overrules a reviewer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from decimal import Decimal
from typing import NamedTuple, cast

from translit.conventions import (
    EN_NUMBER_START,
    Span,
    english_numbers,
    rendered,
    scan,
    stated,
)
from translit.document import Document, Entry, Finding, Segment, Severity, TermHit
from translit.glossary.enforce import CLOSERS, TermPolicy, hit_entities, hit_present
from translit.names import NameContext, NameStatus, name_status


class Check(NamedTuple):
    """A registered check: its severity and a one-line description (keyed by code)."""

    severity: Severity
    description: str


# The registry of checks, in the order findings are listed; README's Checks table
# lists the same codes and severities (tests/test_qa.py compares them).
CHECKS: dict[str, Check] = {
    code: Check(cast(Severity, severity), description)
    for code, (severity, description) in {
        "term-missing": (
            "error",
            "a glossary entity found in the source is in none of its accepted English forms",
        ),
        "term-variant": (
            "error",
            "the English keeps a form the glossary rejects (a Vietnamese variant, or an "
            "English form such as Kiev for Kyiv)",
        ),
        "name-missing": (
            "error",
            "a Vietnamese person or place in the source is not in the English in the house "
            "form (Nguyen Thi Pink for Nguyễn Thị Hồng)",
        ),
        "number-mismatch": (
            "error",
            "a number in the source has no counterpart in the English (after conversion)",
        ),
        "date-mismatch": ("error", "a date or time in the source is not in the English"),
        "ambiguous": (
            "warning",
            "a number, date or time that could be read two ways was left as written",
        ),
        "empty": ("warning", "no English, though the segment was translated or approved"),
        "same-as-source": ("warning", "the English is the Vietnamese source unchanged"),
        "untranslated": ("warning", "Vietnamese words or diacritics left in the English"),
        "name-style": (
            "warning",
            "a name is written with diacritics where the house style romanizes names (or "
            'without them under `names = "diacritics"`)',
        ),
        "brackets": ("warning", "brackets ( ) [ ] { } differ in number from the source"),
        "quotes": ("warning", "double quotation marks differ in number from the source"),
        "length-ratio": ("warning", "the English is much shorter or longer than the source"),
        "double-space": ("warning", "two spaces in a row in the English, not in the source"),
        "end-punctuation": ("warning", "the English ends with other punctuation than the source"),
    }.items()
}

# (English length + SMOOTHING) / (Vietnamese length + SMOOTHING), in characters; the
# smoothing keeps a short sentence from being judged by a word or two ("Tối 7.12" →
# "On the evening of December 7"). On FLORES (2,009 sentences) professional
# translations fall between 0.48 and 1.60 (median 0.95).
MIN_RATIO = 0.45
MAX_RATIO = 1.8
SMOOTHING = 10
MIN_RATIO_LENGTH = 10  # shorter sources (a name, a credit) are not judged at all

# Vietnamese words an English text has no business holding, though they have only
# letters French or Spanish names also use (the others are caught by their letters).
_VIETNAMESE_WORDS = frozenset(
    {"và", "là", "các", "có", "không", "ông", "bà", "cho", "theo", "trong", "khi"}
)
_WORD = re.compile(r"\w+")
# grave, acute, circumflex, tilde, breve, hook above, horn, dot below
_VIETNAMESE_MARKS = frozenset("\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
_THU = re.compile(r"(?<!\w)thứ\s+$", re.IGNORECASE)
_RANGE_WORD = re.compile(r"\s+(?:đến|tới)\s+(?:ngày\s+)?", re.IGNORECASE)  # "28/11 đến 2/12"
_BRACKETS = "()[]{}"
_DOUBLE_QUOTES = '“”"«»„'
# English endings that carry their own period: "the U.S.", "8 a.m.", "Inc."
_ABBREVIATION_END = re.compile(r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Inc|Co|Corp|Ltd|Jr|Sr|St|etc)\.)$")


def finding(code: str, message: str, span: tuple[int, int] | None = None) -> Finding:
    """A Finding with the severity CHECKS gives its code."""
    return Finding(code, message, CHECKS[code].severity, span)


def vietnamese_letter(char: str) -> bool:
    """A letter only Vietnamese writes: đ, ă, ơ, ư, a dot below, a hook above, two marks
    (ấ, ờ), or a tilde on e, i, u, y. (à, é, ô, ã ... also occur in French or Spanish.)"""
    if char in "đĐ":
        return True
    decomposed = unicodedata.normalize("NFD", char)
    marks = decomposed[1:]
    if not marks:
        return False
    if len(marks) > 1 or any(m in "\u0323\u0309\u031b\u0306" for m in marks):
        return True
    return marks == "\u0303" and decomposed[0].lower() in "eiuy"


def _vietnamese_alphabet() -> frozenset[str]:
    """Every lowercase letter Vietnamese writes (a-z, đ, and each vowel with each tone)."""
    tones = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
    vowels = {unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in tones}
    return frozenset("abcdefghijklmnopqrstuvwxyzđ0123456789_") | vowels


_VIETNAMESE_ALPHABET = _vietnamese_alphabet()


def _in_vietnamese_alphabet(char: str) -> bool:
    return char.lower() in _VIETNAMESE_ALPHABET


def vietnamese_words(text: str) -> list[str]:
    """Words of `text` that are Vietnamese, in order, without repeats: a word with a
    letter only Vietnamese writes and none Vietnamese does not (Chişinău is Romanian),
    or a common Vietnamese word."""
    found: dict[str, None] = {}
    for word in _WORD.findall(text):
        if word in _VIETNAMESE_WORDS or (
            any(vietnamese_letter(c) for c in word)
            and all(_in_vietnamese_alphabet(c) for c in word)
        ):
            found.setdefault(word, None)
    return list(found)


def _masked(text: str, terms: Iterable[str]) -> str:
    """The text with every occurrence of the given terms blanked out."""
    for term in sorted(set(terms), key=len, reverse=True):
        if term:
            text = text.replace(term, " " * len(term))
    return text


def _quoted(items: Sequence[str], limit: int = 3) -> str:
    shown = ", ".join(f"“{item}”" for item in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _end_mark(text: str) -> str:
    """The sentence-final punctuation of a text ("" for none); ... counts as …."""
    stripped = text.rstrip().rstrip(CLOSERS).rstrip()
    if stripped.endswith(("...", "…")):
        return "…"
    return stripped[-1] if stripped and stripped[-1] in ".!?:;" else ""


def _overlaps(span: Span, hits: Sequence[TermHit]) -> bool:
    return any(span.start < h.end and h.start < span.end for h in hits)


def _literal_in(text: str, english: str) -> bool:
    """Whether an ambiguous form is still in the English as written (`VND1,500` too;
    both ends of `28/11 đến 2/12` as `28/11 to 2/12`)."""
    return all(
        re.search(rf"{EN_NUMBER_START}{re.escape(part)}(?!\w|[.,]\d)", english) is not None
        for part in _RANGE_WORD.split(text)
    )


def _number_found(span: Span, source: str, english: str, values: set[Decimal]) -> bool:
    if stated(span, values):
        return True
    if _THU.search(source[: span.start]) and span.text in "234567":
        weekday = _WEEKDAYS[int(span.text) - 2]  # "thứ 2" is Monday
        return re.search(rf"\b{weekday}\b", english) is not None
    return False


def _term_findings(seg: Segment, english: str, reported: set[str]) -> list[Finding]:
    """term-missing for each entity of the hits that is in no accepted form, unless a
    term-variant already reports that entity (one finding per problem)."""
    findings: list[Finding] = []
    reported = set(reported)
    present: dict[tuple[str, tuple[str, ...]], bool] = {}  # once per form: a line may
    for hit in seg.hits:  # name one entity thousands of times, each a scan of the English
        if hit.kind == "term":
            forms = (hit.target, hit.accepted)
            if forms not in present:
                present[forms] = hit_present(hit, english)
            hit.applied = present[forms]
            if not hit.applied and hit.entry not in reported:
                reported.add(hit.entry)  # once per entity, however often the source names it
                findings.append(
                    finding(
                        "term-missing",
                        f"glossary term “{hit.target}” (for “{hit.variant}”) is not in the English",
                    )
                )
    return findings


def _name_findings(seg: Segment, english: str) -> tuple[list[Finding], list[str]]:
    """name-missing and name-style, one per name; sets the `applied` of name hits. Also
    returns the names' forms, never to be reported again as untranslated."""
    missing: list[Finding] = []
    style: list[Finding] = []
    found: list[str] = []
    seen: set[tuple[str, str]] = set()
    known: dict[tuple[str, str, tuple[str, ...]], tuple[NameStatus, str]] = {}
    for hit in seg.hits:
        if hit.kind != "name":
            continue
        name = (hit.variant, hit.target, hit.accepted)  # each scans the English: once a name
        status, form = known[name] = known.get(name) or name_status(hit, english)
        hit.applied = status == "ok"
        found += [form, hit.variant]
        if status == "ok" or (hit.variant, hit.target) in seen:
            continue
        seen.add((hit.variant, hit.target))
        if status == "missing":
            message = f"name “{hit.variant}” is not in the English" + (
                f" as “{hit.target}”" if hit.target != hit.variant else ""
            )
            missing.append(finding("name-missing", message))
        else:
            message = f"“{form}” should read “{hit.target}” (house style for names)"
            style.append(finding("name-style", message))
    return missing + style, found


def _accepted_text(text: str, entry: Entry) -> bool:
    """Whether a variant found in the English is (part of) a form the entry accepts:
    `Biden` of Joe Biden, `Kremlin` of the Kremlin, `EU` of the European Union."""
    lowered = re.escape(text.lower())
    return any(
        re.search(rf"(?<!\w){lowered}(?!\w)", form.lower()) is not None
        for form in (entry.term, *entry.accepted)
    )


class VariantSpan(NamedTuple):
    """A form of an entity in the English that the glossary does not accept there."""

    start: int
    end: int
    text: str  # the form as found
    entry: str  # the entity (its canonical term)
    message: str  # what a reviewer reads


def variant_spans(
    english: str, policy: TermPolicy, in_source: Collection[str]
) -> list[VariantSpan]:
    """Rejected English forms (of any entity: the pipeline rewrites only those of the
    entities the source names, `in_source`, so a reviewer sees the rest); Vietnamese
    variants that are no accepted English form and either look Vietnamese or belong to
    an entity the source names."""
    spans: list[VariantSpan] = []
    seen: set[tuple[int, int]] = set()
    for rejected in policy.rewriter.find(english):
        text = english[rejected.start : rejected.end]
        seen.add((rejected.start, rejected.end))
        message = f"“{text}” should read “{rejected.replacement}” (glossary)"
        spans.append(VariantSpan(rejected.start, rejected.end, text, rejected.entry, message))
    for m in policy.matcher.find(english):
        if (m.start, m.end) in seen or _accepted_text(m.text, m.entry):
            continue
        if m.text.lower() in (form.lower() for form in m.entry.en_variants):
            continue  # a rejected English form: the rewriter's (it spares longer names)
        if m.entry.term in in_source or vietnamese_words(m.text):
            message = f"“{m.text}” is left in the English; the glossary has “{m.entry.term}”"
            spans.append(VariantSpan(m.start, m.end, m.text, m.entry.term, message))
    return spans


def _variant_findings(
    seg: Segment, policy: TermPolicy, english: str
) -> tuple[list[Finding], list[str], set[str]]:
    """term-variant for each `variant_spans` form. Also returns the variants found, so
    they are not reported again as untranslated, and the entities reported."""
    spans = variant_spans(english, policy, hit_entities(seg.hits))
    findings = [finding("term-variant", v.message, (v.start, v.end)) for v in spans]
    return findings, [v.text for v in spans], {v.entry for v in spans}


def _convention_findings(seg: Segment, english: str, spans: Sequence[Span]) -> list[Finding]:
    """number-mismatch, date-mismatch and ambiguous, in source order per code; sets the
    `applied` of the segment's number, date and time hits. `spans`: `scan(seg.source)`."""
    terms = [h for h in seg.hits if h.kind == "term"]
    converted = {(h.start, h.end): h for h in seg.hits if h.kind != "term"}
    values = english_numbers(english)
    numbers: list[Finding] = []
    dates: list[Finding] = []
    ambiguous: list[Finding] = []
    for span in spans:
        if _overlaps(span, terms):
            continue
        if span.ambiguous and _literal_in(span.text, english):
            ambiguous.append(finding("ambiguous", f"{span.ambiguous}; left as written"))
            continue
        if span.ambiguous and not span.readings:
            continue  # read another way in the English: nothing to hold it to
        as_number = span.kind == "number" or bool(span.ambiguous)  # "gần 22h": 22, or 10 p.m.
        if as_number:
            found = _number_found(span, seg.source, english, values)
        else:
            found = rendered(span.kind, span.english, english)
        hit = converted.get((span.start, span.end))
        if hit is not None:
            hit.applied = found
        if found:
            continue
        said = f"“{span.text}”" + (f" ({span.english})" if span.english != span.text else "")
        if as_number:
            numbers.append(finding("number-mismatch", f"{said} has no counterpart in the English"))
        else:
            dates.append(finding("date-mismatch", f"{said} is not in the English"))
    return numbers + dates + ambiguous


def _count_findings(source: str, english: str) -> list[Finding]:
    findings: list[Finding] = []
    differ = [b for b in _BRACKETS if source.count(b) != english.count(b)]
    if differ:
        counts = "; ".join(
            f"“{b}” {source.count(b)} in the source, {english.count(b)} in the English"
            for b in differ
        )
        findings.append(finding("brackets", counts))
    want = sum(source.count(q) for q in _DOUBLE_QUOTES)
    have = sum(english.count(q) for q in _DOUBLE_QUOTES)
    if want != have:
        findings.append(finding("quotes", f"{have} double quotation marks; the source has {want}"))
    return findings


def _form_findings(source: str, english: str) -> list[Finding]:
    findings: list[Finding] = []
    if len(source) >= MIN_RATIO_LENGTH:
        ratio = (len(english) + SMOOTHING) / (len(source) + SMOOTHING)
        if not MIN_RATIO <= ratio <= MAX_RATIO:
            findings.append(
                finding(
                    "length-ratio",
                    f"the English is {ratio:.2f} times the length of the source "
                    f"(usual: {MIN_RATIO}–{MAX_RATIO})",
                )
            )
    if "  " in english.strip() and "  " not in source.strip():
        findings.append(finding("double-space", "two spaces in a row"))
    want, have = _end_mark(source), _end_mark(english)
    if want != have and not (
        want == "" and have == "." and _ABBREVIATION_END.search(english.rstrip().rstrip(CLOSERS))
    ):
        findings.append(
            finding(
                "end-punctuation",
                f"the English ends with {f'“{have}”' if have else 'no punctuation'}; "
                f"the source with {f'“{want}”' if want else 'none'}",
            )
        )
    return findings


def check_segment(seg: Segment, policy: TermPolicy, context: NameContext | None = None) -> None:
    """Recompute one segment's hits (with `applied`) and findings from its text now
    (`context`: what the article says about its names, see TermPolicy.name_context).

    A hit keeps the `repair` label the run gave it while its term is still applied."""
    labels = {(h.start, h.end, h.target): h.repair for h in seg.hits if h.repair}
    spans = scan(seg.source)  # one scan for the conversions and their checks
    seg.hits = policy.hits(seg.source, context, spans=spans)
    english = seg.target
    if not english.strip():
        for hit in seg.hits:
            hit.applied = False
        seg.findings = (
            [] if seg.origin == "none" else [finding("empty", "no English for this sentence")]
        )
        return
    variants, reported, entities = _variant_findings(seg, policy, english)
    findings = _term_findings(seg, english, entities) + variants
    names, named = _name_findings(seg, english)
    findings += names
    findings += _convention_findings(seg, english, spans)
    same = " ".join(english.split()) == " ".join(seg.source.split())
    forms = [form for h in seg.hits for form in (h.target, *h.accepted)]
    # a name's words on their own (Chính for Phạm Minh Chính) are the name, not text
    name_words = {w for h in seg.hits if h.kind == "name" for w in _WORD.findall(h.variant)}
    left = vietnamese_words(_masked(english, [*forms, *reported, *named]))
    left = [w for w in left if w not in name_words]
    if same and left:
        findings.append(finding("same-as-source", "the English is the source, unchanged"))
    elif left:
        findings.append(finding("untranslated", f"Vietnamese left in the English: {_quoted(left)}"))
    findings += _count_findings(seg.source, english)
    findings += _form_findings(seg.source, english)
    order = list(CHECKS)
    seg.findings = sorted(findings, key=lambda f: order.index(f.code))
    for hit in seg.hits:
        # a label holds while the English is still unreviewed machine output (this run's,
        # or the review file's); once a reviewer approves it, the English is theirs
        label = labels.get((hit.start, hit.end, hit.target)) or seg.repairs.get(
            (hit.variant, hit.target), ""
        )
        hit.repair = label if hit.applied and seg.fuzzy else ""


def check_document(doc: Document, policy: TermPolicy) -> None:
    """Recompute every segment's hits and findings (replacing what they held); names are
    found with what the whole article says about them."""
    context = policy.name_context([seg.source for seg in doc.segments])
    for seg in doc.segments:
        check_segment(seg, policy, context)
