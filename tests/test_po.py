"""The PO review file: written, read back as the reviewer left it, and bad files refused."""

from __future__ import annotations

import os
from pathlib import Path

import polib
import pytest

from translit.document import Document
from translit.formats import RunInfo, po, txt
from translit.io import InputError, split_paragraphs
from translit.segment import segment_paragraphs

RUN = RunInfo(tool_version="test", model="copy 1.9", created="2026-11-24 10:00+0000")

ARTICLE = """Giá xăng tăng lần thứ ba trong tháng

Sáng nay, giá xăng tăng thêm 500 đồng mỗi lít. Người dân lo lắng về chi phí đi lại.

Một trạm xăng ở Hà Nội sáng nay.
Ảnh: Minh Anh
"""


def article(text: str = ARTICLE, name: str = "gia-xang.txt") -> Document:
    paragraphs, layout = split_paragraphs(text)
    doc = Document(Path(name).stem, Path(name), paragraphs, layout=layout)
    doc.segments = segment_paragraphs(paragraphs)
    return doc


def write(doc: Document, folder: Path) -> Path:
    path = folder / f"{doc.id}.po"
    path.write_text(po.render(doc, RUN), encoding="utf-8")
    return path


def test_read_gives_back_what_render_wrote(tmp_path):
    doc = article()
    for i, seg in enumerate(doc.segments):
        seg.target = f"English {i}" if i != 2 else ""
        seg.fuzzy = i % 2 == 0 and bool(seg.target)
    doc.segments[1].note = "kiểm tra lại con số"
    doc.segments[3].previous_source = "Một trạm xăng ở Hà Nội."
    back = po.read(write(doc, tmp_path))
    assert back.id == "gia-xang" and back.path.name == "gia-xang.txt"
    fields = ("key", "source", "target", "fuzzy", "note", "previous_source", "line_break")
    for a, b in zip(doc.segments, back.segments, strict=True):
        assert [getattr(b, f) for f in fields] == [getattr(a, f) for f in fields]
    assert [s.status for s in back.segments] == [s.status for s in doc.segments]
    assert back.review_header["X-Translit-Model"] == "copy 1.9"


@pytest.mark.parametrize(
    "text",
    [ARTICLE, "Dòng một.\nDòng hai có hai câu. Câu sau.\nDòng ba\n"],
    ids=["blank-lines-with-caption", "one-paragraph-per-line"],
)
def test_the_article_rebuilt_from_the_po_alone_has_the_same_layout(tmp_path, text):
    doc = article(text)
    for seg in doc.segments:
        seg.target = seg.source
    back = po.read(write(doc, tmp_path))
    assert txt.render(back, RUN) == txt.render(doc, RUN)
    assert back.paragraphs == doc.paragraphs


def test_obsolete_entries_survive_a_read_and_a_write(tmp_path):
    doc = article()
    gone = segment_paragraphs(["Câu này đã bị xóa khỏi bài."])[0]
    gone.target, gone.note = "This sentence was removed.", "đã duyệt"
    doc.obsolete = [gone]
    path = write(doc, tmp_path)
    assert "#~ msgid" in path.read_text(encoding="utf-8")
    back = po.read(path)
    assert [(s.source, s.target, s.note) for s in back.obsolete] == [
        ("Câu này đã bị xóa khỏi bài.", "This sentence was removed.", "đã duyệt")
    ]
    assert len(back.segments) == len(doc.segments)


def test_a_reviewers_header_fields_are_kept(tmp_path):
    path = write(article(), tmp_path)
    edited = polib.pofile(str(path))
    edited.metadata["Last-Translator"] = "Lan <lan@example.org>"
    edited.metadata["X-Poedit-SourceCharset"] = "UTF-8"  # a field of the reviewer's tool
    edited.metadata["X-Translit-Model"] = "an old model"
    edited.save()
    doc = article()
    doc.review_header = po.read(path).review_header
    rendered = po.render(doc, RUN)
    assert "Last-Translator: Lan <lan@example.org>" in rendered
    assert "X-Poedit-SourceCharset: UTF-8" in rendered
    assert "X-Translit-Model: copy 1.9" in rendered  # ours say what this run did


def bad(tmp_path: Path, text: str | bytes, name: str = "bai.po") -> str:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        po.read(path)
    return str(err.value)


def test_a_syntax_error_names_file_and_line(tmp_path):
    good = po.render(article(), RUN)
    broken = good.replace('msgctxt "p2.s1"\n', 'msgctxt "p2.s1"\nnot po at all\n')
    assert broken != good
    message = bad(tmp_path, broken)
    line = broken.splitlines().index("not po at all") + 1
    assert message.startswith(f"{tmp_path / 'bai.po'}:")
    assert message.split(":")[1].isdigit() and abs(int(message.split(":")[1]) - line) <= 1
    assert "not a valid PO file" in message


def test_other_bad_po_files_are_refused_with_one_line(tmp_path):
    good = po.render(article(), RUN)
    assert "vi→en" in bad(tmp_path, good.replace("X-Source-Language: vi", "X-Source-Language: fr"))
    assert "another article" in bad(tmp_path, good.replace("#: gia-xang.txt:2", "#: khac.txt:2"))
    assert "no segment key" in bad(tmp_path, good.replace('msgctxt "p1.s1"\n', ""))
    assert ":1: not UTF-8" in bad(tmp_path, good.encode("utf-16"))
    with pytest.raises(InputError, match="no such file"):
        po.read(tmp_path / "khong-co.po")
    for message in (bad(tmp_path, "\x00\x01"), bad(tmp_path, "")):
        assert "\n" not in message


def test_a_regional_english_language_code_is_accepted(tmp_path):
    for code in ("en_US", "en-GB", "en"):
        text = po.render(article(), RUN).replace('"Language: en\\n"', f'"Language: {code}\\n"')
        path = tmp_path / "gia-xang.po"
        path.write_text(text, encoding="utf-8")
        assert len(po.read(path).segments) == 5


def test_a_named_pipe_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "ong.po"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="named pipe"):
        po.read(fifo)
