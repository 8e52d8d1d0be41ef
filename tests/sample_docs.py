"""A Document built by hand for the output-format tests: every status, glossary hits
(one term twice in the English, one lost), findings of each severity, and text that
tries to break each format (markup, `&`, `|`, tab, newline, quotes, control characters).
"""

from __future__ import annotations

from pathlib import Path

from translit.document import Document, Finding, Segment, TermHit
from translit.formats import RunInfo

RUN = RunInfo(tool_version="9.9.9", model="copy-test 1.0", created="2024-03-14 09:30+0700")

SCRIPT_VI = 'Nhà Trắng nói: <script>alert("vi")</script> & AT&T | 5%'
SCRIPT_EN = 'The White House said: <script>alert("en")</script> & AT&T | 5%'
AWKWARD_EN = 'Ukraina needs "aid"\tnow,\nsays \\ the | minister *really* [x](y) `z` ~w~ &lt;'
CONTROL_VI = "Giá dầu\x0ctăng\x01 2%\r."
CONTROL_EN = "Oil\x0c prices\x00 rise 2%\r."


def hit(source: str, variant: str, term: str, applied: bool = True) -> TermHit:
    start = source.index(variant)
    return TermHit(term, variant, start, start + len(variant), term, applied)


def segment(key: str, source: str, target: str, *, reviewed: bool = False, **kw) -> Segment:
    paragraph = int(key[1 : key.index(".")])
    origin = "reviewed" if reviewed else ("machine" if target else "none")
    return Segment(
        key, source, paragraph, 0, len(source), target=target, origin=origin,
        fuzzy=bool(target) and not reviewed, **kw,
    )  # fmt: skip


def sample_document() -> Document:
    s1 = "Mátxcơva phản đối lệnh trừng phạt, Moskva tuyên bố."
    s3 = "Kiev và Mátxcơva đàm phán."
    s4 = "Ukraina cần viện trợ."
    segments = [
        segment(
            "p1.s1",
            s1,
            "Moscow opposes the sanctions, Moscow declares.",
            reviewed=True,
            hits=[hit(s1, "Mátxcơva", "Moscow"), hit(s1, "Moskva", "Moscow")],
        ),
        segment(
            "p1.s2",
            SCRIPT_VI,
            SCRIPT_EN,
            line_break=True,
            hits=[hit(SCRIPT_VI, "Nhà Trắng", "the White House")],
        ),
        segment("p2.s1", s3, "", hits=[hit(s3, "Kiev", "Kyiv"), hit(s3, "Mátxcơva", "Moscow")]),
        segment(
            "p2.s2",
            s4,
            AWKWARD_EN,
            hits=[hit(s4, "Ukraina", "Ukraine", applied=False)],
            findings=[
                Finding("term-missing", "glossary term “Ukraine” is not in the English", "error"),
                Finding("length-ratio", "the English is much longer", "warning"),
            ],
        ),
        segment(
            "p3.s1",
            CONTROL_VI,
            CONTROL_EN,
            reviewed=True,
            findings=[Finding("control-char", "odd characters in the text", "info")],
        ),
    ]
    return Document("mau", Path("mau.txt"), ["", "", ""], segments)
