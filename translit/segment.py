"""Split Vietnamese news paragraphs into sentences (segments with stable keys).

A sentence ends at ``.``, ``!``, ``?``, ``…`` or ``...`` (closing quotes and brackets
right after the terminator stay with it) when whitespace and then the start of a new
sentence follow: an uppercase letter, a digit, an opening quote or bracket, or a dash or
bullet. A line break always ends a sentence. Everything else continues the sentence:

- lowercase after the terminator (``2,5 tr. đồng``, ``Iran... và``, ``“Sao?” ông hỏi``),
  except a camel-case brand name such as ``iPhone``;
- a period with no space after it (``J.Biden``, ``TP.HCM``, ``GS.TS``, ``Q.1``, ``7.12``,
  ``30/1/2022``, ``1.500.000``, ``vnexpress.net``);
- a single period after a title or an abbreviation (``TS.``, ``ThS.``, ``TP.``, ``Mr.``,
  ``St.``, ``v.`` ...) or after an initial (``J. Biden``, ``Q. 1``), unless the initial
  is a label such as ``nhóm B.``; a list number at the start (``1. Giới thiệu``);
- colons and semicolons.

A photo credit at the end of a caption line (``... ngày 7.12 Ảnh: AFP``,
``... V.Putin Ảnh SPUTNIK``, ``... (Ảnh: TTXVN)``, ``Nguồn: ...``) is split off as a
segment of its own. Everything is one linear pass with precompiled regexes; no
module-level mutable state.
"""

from __future__ import annotations

import re

from translit.document import Segment

__all__ = ["segment_paragraphs", "split_sentences"]

# A run of sentence terminators, the closing quotes/brackets glued to it, then any
# whitespace. Every part after the first is optional, so a match never backtracks and the
# scan stays linear even over a long run of dots; runs with no whitespace after them
# ("J.Biden", "1.500.000") are skipped by the caller. Matched inside one line (endpos stops
# at the newline), so the whitespace never spans lines.
_TERMINATOR = re.compile(r"(?P<term>[.!?…]+)(?P<close>[”’\"'»)\]}]*)\s*")

_NON_SPACE = re.compile(r"\S")

# Characters that may open a sentence besides uppercase letters and digits.
_OPENERS = frozenset("“‘\"'«‹([{„‚–—-•*►▪●■□◆♦")

_QUOTES = frozenset("“‘\"'«‹„‚")

# Characters stripped from the front of the word before a period ("(TP." -> "TP").
_LEADING_PUNCT = "([{“‘\"'«‹„‚"

# Titles and abbreviations that a period does not end when a name or number follows
# ("TS. Nguyễn", "TP. Hồ Chí Minh", "St. Louis", "tr. 109", "Roe v. Wade"). Only the part
# after the last inner period counts ("GS.TS." -> "TS", "PGS.TS.BS." -> "BS").
_ABBREVIATIONS = frozenset(
    {
        # Vietnamese titles and administrative units
        "TP", "Tp", "tp", "TX", "Tx", "TT", "GS", "TS", "ThS", "Ths", "PGS", "BS", "BSCKI",
        "BSCKII", "KS", "LS", "NS", "NSND", "NSƯT", "NXB", "ĐH", "Đ/c", "đ/c", "Ng", "Th",
        "Tr", "tr", "Ph", "Nxb",
        # English titles and the like that occur in Vietnamese news
        # ("no", "Sen", "Gen" left out: Vietnamese words "no" = full, "sen" = lotus, "gen")
        "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Mt", "Ft", "Lt", "Col", "Capt", "Sgt", "Gov",
        "Rep", "Rev", "Pres", "No", "Vol", "vol", "pp", "v", "vs", "Vs",
    }
)  # fmt: skip

# Single letters that are initials of a name ("J. Biden", "Đ. Nguyễn") or of an address
# unit ("Q. 1", "P. 5"). Accented capitals are words (Ý = Italy, Ở = at), not initials.
_INITIALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĐ")

# Words after which a single capital letter is a label, so "nhóm B. Ông ..." ends there.
_LABEL_WORDS = frozenset(
    {
        "nhóm", "loại", "hạng", "khu", "vitamin", "bảng", "đội", "tòa", "toà", "khối",
        "lớp", "tầng", "cấp", "mục", "điểm", "phần", "kiểu", "dạng", "án", "sân", "cổng",
        "ga", "lô", "dãy", "phòng", "căn", "câu", "hình", "lục", "hoạch", "gen", "tuýp",
        "type", "gan", "hàng", "tuyến", "mẫu", "chữ", "bậc", "vòng", "làn", "khoa", "plan",
        "group", "class", "ô", "phương", "nốt", "vị", "trí", "khoang", "cửa",
    }
)  # fmt: skip

# A list number or letter that is the whole sentence so far: "1.", "IV.", "a.".
_ENUMERATOR = re.compile(r"(?:\d{1,3}|[IVXLC]{1,6}|[A-Za-z])\Z")

# Photo credits at the end of a caption line. Searched only in the last _CREDIT_WINDOW
# characters of a line, so the cost per line is constant.
_CREDIT_WINDOW = 96
_AGENCY = (
    r"(?:[A-ZĐ][A-Z0-9ĐƯƠÂÊÔĂ&.\-]+|Reuters|Getty(?:\s+Images)?|Xinhua|Bloomberg|Sputnik"
    r"|Tass|Kyodo|Yonhap|Internet|Shutterstock|Pixabay)"
)
_CREDIT_WORD = r"(?:Ảnh|ẢNH|Nguồn|NGUỒN|Nguồn ảnh|Đồ họa|Đồ hoạ|Video|Clip)"
_CREDIT = re.compile(
    r"(?<=\s)(?P<credit>"
    r"\((?:" + _CREDIT_WORD + r"\s*:|Ảnh\s)\s*[^\s()][^()\n]*\)\.?"
    r"|" + _CREDIT_WORD + r"\s*:\s*\S.*"
    r"|(?:Ảnh|ẢNH)\s+" + _AGENCY + r"(?:\s*[/,&-]\s*" + _AGENCY + r"|\s+" + _AGENCY + r"){0,3}"
    r"\.?"
    r"|\(?Ảnh minh h(?:ọa|oạ)\)?\.?"
    r")\s*\Z"
)
_CREDIT_MAX_WORDS = 8
# Cheap pre-check: most lines have none of the words a credit starts with.
_CREDIT_HINT = re.compile(r"Ảnh|ẢNH|Nguồn|NGUỒN|Đồ h|Video|Clip")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in `text`, whitespace trimmed, in order; a "\\n" in text
    is always a boundary."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    pos = 0
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        _split_line(text, pos, nl, spans)
        pos = nl + 1
    return spans


def segment_paragraphs(paragraphs: list[str]) -> list[Segment]:
    """Segments for a document's paragraphs: key f"p{n}.s{m}" (both 1-based, n = index in
    paragraphs + 1, m counts within the paragraph), source = text[start:end], start/end
    offsets into the paragraph text, paragraph=n, line_break=True when the source has a
    "\\n" between this segment and the next one in the same paragraph. Empty or
    whitespace-only paragraphs produce no segments but still consume their number."""
    segments: list[Segment] = []
    for n, text in enumerate(paragraphs, 1):
        spans = split_sentences(text)
        last = len(spans) - 1
        for i, (start, end) in enumerate(spans):
            line_break = i < last and text.find("\n", end, spans[i + 1][0]) >= 0
            segments.append(
                Segment(
                    key=f"p{n}.s{i + 1}",
                    source=text[start:end],
                    paragraph=n,
                    start=start,
                    end=end,
                    line_break=line_break,
                )
            )
    return segments


def _split_line(text: str, lo: int, hi: int, out: list[tuple[int, int]]) -> None:
    """Append the sentence spans of text[lo:hi] (one line, no "\\n" inside) to `out`."""
    first = _NON_SPACE.search(text, lo, hi)
    if first is None:
        return
    lo = first.start()
    while text[hi - 1].isspace():
        hi -= 1

    body_end = hi
    credit_start = -1
    window = max(lo + 1, hi - _CREDIT_WINDOW)
    if hi - lo > 4 and _CREDIT_HINT.search(text, window, hi):
        m = _CREDIT.search(text, window, hi)
        if m is not None and _is_credit(text, m.start(), hi):
            credit_start = m.start()
            body_end = credit_start
            while text[body_end - 1].isspace():
                body_end -= 1

    start = lo
    for m in _TERMINATOR.finditer(text, lo, body_end):
        nxt = m.end()
        if nxt == m.end("close") or nxt == body_end:
            continue  # no whitespace after it, or the end of the line
        if _is_boundary(text, start, m.start(), m.group("term"), m.group("close"), nxt):
            out.append((start, m.end("close")))
            start = nxt
    out.append((start, body_end))
    if credit_start >= 0:
        out.append((credit_start, hi))


def _is_credit(text: str, start: int, end: int) -> bool:
    """A credit is short and holds no sentence boundary of its own."""
    credit = text[start:end]
    if len(credit.split()) > _CREDIT_MAX_WORDS:
        return False
    for m in _TERMINATOR.finditer(credit):
        if m.end() > m.end("close") and m.end() < len(credit) and credit[m.end()].isupper():
            return False
    return True


def _is_boundary(text: str, start: int, term_at: int, term: str, close: str, nxt: int) -> bool:
    """Does the terminator run `term` at text[term_at] (plus closers) end a sentence that
    began at `start`, given the next sentence would begin at text[nxt]?"""
    c = text[nxt]
    if c.islower():
        # Lowercase continues the sentence, except a camel-case name ("iPhone", "eBay").
        if not (nxt + 1 < len(text) and text[nxt + 1].isupper()):
            return False
    elif c in _OPENERS:
        # A quote with a space after it (or nothing) closes, it does not open: 'nói. "'
        if c in _QUOTES and (nxt + 1 >= len(text) or text[nxt + 1].isspace()):
            return False
    elif not (c.isupper() or c.isdigit()):
        return False
    if term != "." or close:
        return True

    # A single period with no closer: is the word before it an abbreviation or initial?
    w = term_at
    limit = max(start, term_at - 40)
    while w > limit and not text[w - 1].isspace():
        w -= 1
    word = text[w:term_at].lstrip(_LEADING_PUNCT)
    if not word:
        return True
    last = word.rpartition(".")[2]
    if last in _ABBREVIATIONS:
        return word == "v.v"  # "v.v. Sau đó" ends; "Roe v. Wade" does not
    if last in _INITIALS and not c.islower() and c not in _OPENERS:
        return _word_before(text, start, w).lower() in _LABEL_WORDS
    # "1. Giới thiệu", "IV. Kết luận": a list number opening the line or sentence.
    return not (w == start and _ENUMERATOR.match(word))


def _word_before(text: str, start: int, w: int) -> str:
    """The word ending just before position `w` (skipping spaces), not before `start`."""
    e = w
    while e > start and text[e - 1].isspace():
        e -= 1
    b = e
    limit = max(start, e - 40)
    while b > limit and not text[b - 1].isspace():
        b -= 1
    return text[b:e].strip(_LEADING_PUNCT + ",;:")
