"""Word files in and out: paragraphs in order with their styles, runs split mid-word
joined, tables and text boxes read, what is left out said; `<id>.en.docx` with the
source's structure, made from the PO so `translit build` remakes it after review."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import docx
import polib
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sample_docs import RUN, sample_document
from tests.sample_inputs import ARTICLE, TITLE, split_runs, word_file, write_all
from translit.document import Para, Table
from translit.formats import po, word
from translit.io import InputError
from translit.pipeline import load_document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT_BOX = f"""<w:r xmlns:w="{W_NS}"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
 xmlns:v="urn:schemas-microsoft-com:vml">
<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>
<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:txbx><w:txbxContent>
<w:p><w:r><w:t>Giá điện bình quân năm 2021 là 120 euro.</w:t></w:r></w:p>
</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>
</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
<w:p><w:r><w:t>Giá điện bình quân năm 2021 là 120 euro.</w:t></w:r></w:p>
</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""


def texts(path: Path) -> list[tuple[str, str]]:
    """A Word file's body paragraphs as python-docx reads them: (style, text)."""
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def test_a_word_file_gives_the_segments_of_its_text_file(tmp_path):
    files = write_all(tmp_path)
    from_word = [(s.key, s.source) for s in load_document(files["docx"]).segments]
    assert from_word == [(s.key, s.source) for s in load_document(files["txt"]).segments]
    assert from_word[0] == ("p1.s1", TITLE)


def test_runs_split_mid_word_are_joined(tmp_path):
    path = word_file(tmp_path / "bai.docx")
    runs = docx.Document(str(path)).paragraphs[1].runs
    assert len(runs) > 10 and runs[0].text == "Giá đ"  # the trap: no run holds a word
    assert load_document(path).paragraphs[1] == ARTICLE[1][1]


def test_headings_keep_their_style_and_a_custom_style_its_base(tmp_path):
    source = docx.Document()
    custom = source.styles.add_style("Tít bài", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = source.styles["Heading 1"]
    source.add_paragraph("Giá điện tăng", style="Tít bài")
    source.add_paragraph("Đoạn thân bài.")
    source.add_heading("Tiêu đề phụ", level=3)
    source.add_paragraph("Chú thích ảnh.", style="Caption")
    source.save(str(tmp_path / "a.docx"))
    doc = load_document(tmp_path / "a.docx")
    assert doc.blocks == [Para(1, "Heading 1"), Para(2), Para(3, "Heading 3"), Para(4, "Caption")]


def make_table_file(path: Path) -> Path:
    source = docx.Document()
    source.add_paragraph("Bảng giá điện", style="Heading 2")
    table = source.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    for (r, c), text in {(0, 0): "Nước", (0, 1): "Giá", (1, 0): "Đức", (1, 1): "400 euro"}.items():
        table.cell(r, c).text = text
    table.cell(2, 0).text = "Pháp"
    table.cell(2, 1).add_paragraph("hai dòng")  # a cell of two paragraphs (one empty)
    source.add_paragraph("Sau bảng.")
    source.save(str(path))
    return path


def test_tables_are_read_cell_by_cell_and_kept_in_the_layout(tmp_path):
    doc = load_document(make_table_file(tmp_path / "bang.docx"))
    assert doc.paragraphs == [
        "Bảng giá điện", "Nước", "Giá", "Đức", "400 euro", "Pháp", "hai dòng", "Sau bảng.",
    ]  # fmt: skip
    table = doc.blocks[1]
    assert isinstance(table, Table) and table.style == "Table Grid"
    assert [[[p.number for p in cell] for cell in row] for row in table.rows] == [
        [[2], [3]],
        [[4], [5]],
        [[6], [0, 7]],
    ]


def test_a_nested_table_is_read_into_its_cell(tmp_path):
    source = docx.Document()
    outer = source.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "Ngoài"
    inner = outer.cell(0, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "Trong"
    source.save(str(tmp_path / "a.docx"))
    assert load_document(tmp_path / "a.docx").paragraphs == ["Ngoài", "Trong"]


def test_text_boxes_are_read_after_their_paragraph_and_said(tmp_path):
    source = docx.Document()
    anchor = source.add_paragraph("Giá điện tăng mạnh.")
    anchor._p.append(parse_xml(TEXT_BOX))
    source.add_paragraph("Đoạn sau.")
    source.save(str(tmp_path / "hop.docx"))
    doc = load_document(tmp_path / "hop.docx")
    # the box's text once (not again from the fallback copy for old readers)
    assert doc.paragraphs == [
        "Giá điện tăng mạnh.",
        "Giá điện bình quân năm 2021 là 120 euro.",
        "Đoạn sau.",
    ]
    assert doc.notices == [
        "1 text box: translated as ordinary paragraphs after the paragraph each is anchored to"
    ]


def test_deleted_hidden_and_field_code_text_are_left_out_links_and_results_kept(tmp_path):
    source = docx.Document()
    p = source.add_paragraph("Theo ")
    p._p.append(
        parse_xml(
            f'<w:hyperlink xmlns:w="{W_NS}"><w:r><w:t>Bộ Công Thương</w:t></w:r></w:hyperlink>'
        )
    )
    tracked = f'xmlns:w="{W_NS}" w:author="A"'
    p._p.append(parse_xml(f"<w:del {tracked}><w:r><w:delText> cũ</w:delText></w:r></w:del>"))
    p._p.append(parse_xml(f"<w:ins {tracked}><w:r><w:t>, giá</w:t></w:r></w:ins>"))
    hidden = p.add_run(" ẩn")
    hidden.font.hidden = True
    p.add_run(" tăng ")
    for xml in (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        "<w:r><w:instrText> PAGE </w:instrText></w:r>",
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r><w:t>7</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        p._p.append(parse_xml(xml.replace("<w:r>", f'<w:r xmlns:w="{W_NS}">', 1)))
    p.add_run("%.")
    source.save(str(tmp_path / "a.docx"))
    assert load_document(tmp_path / "a.docx").paragraphs == ["Theo Bộ Công Thương, giá tăng 7%."]


def test_line_breaks_tabs_and_empty_paragraphs(tmp_path):
    source = docx.Document()
    p = source.add_paragraph("Một nhà máy điện.")
    p.add_run().add_break()
    p.add_run("Ảnh:\tReuters")
    source.add_paragraph("")
    source.add_paragraph("   ")
    source.add_paragraph("Đoạn hai.")
    source.save(str(tmp_path / "a.docx"))
    doc = load_document(tmp_path / "a.docx")
    assert doc.paragraphs == ["Một nhà máy điện.\nẢnh: Reuters", "Đoạn hai."]
    assert doc.blocks == [Para(1), Para(0), Para(0), Para(2)]
    assert [s.key for s in doc.segments] == ["p1.s1", "p1.s2", "p2.s1"]


def test_headers_and_footers_with_text_are_said_to_be_left_out(tmp_path):
    source = docx.Document()
    source.sections[0].header.paragraphs[0].text = "Bản tin nội bộ"
    source.add_paragraph("Đoạn một.")
    source.save(str(tmp_path / "a.docx"))
    assert load_document(tmp_path / "a.docx").notices == [
        "headers and footers not translated (translit reads the body text, its tables and "
        "text boxes)"
    ]
    plain = word_file(tmp_path / "b.docx")
    assert load_document(plain).notices == []


@pytest.mark.parametrize(
    "data, message",
    [
        ("Giá điện tăng.".encode(), "not a Word file: not a zip archive"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500,
            "not a Word file: not a zip archive (an old .doc file renamed? save it as .docx)",
        ),
        (b"", "not a Word file: not a zip archive"),
    ],
    ids=["text", "old-doc", "empty"],
)
def test_a_file_that_is_not_a_word_file_is_one_line(tmp_path, data, message):
    path = tmp_path / "bai.docx"
    path.write_bytes(data)
    with pytest.raises(InputError, match=f"^{re.escape(f'{path}: {message}')}"):
        load_document(path)


def test_a_zip_that_is_not_a_word_document_is_one_line(tmp_path):
    path = tmp_path / "bai.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(InputError, match=rf"^{path}: not a readable Word document \("):
        load_document(path)
    spreadsheet = tmp_path / "bang.docx"
    data = word_file(tmp_path / "x.docx").read_bytes()
    with zipfile.ZipFile(spreadsheet, "w") as out, zipfile.ZipFile(tmp_path / "x.docx") as src:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "word/document.xml":
                body = body[: len(body) // 2]  # damaged XML
            out.writestr(item, body)
    assert data
    with pytest.raises(InputError, match="not a readable Word document"):
        load_document(spreadsheet)


def test_a_word_file_that_unpacks_too_large_is_refused_first(tmp_path, monkeypatch):
    monkeypatch.setattr(word, "MAX_UNPACKED_BYTES", 10_000)
    path = word_file(tmp_path / "bai.docx")
    with pytest.raises(InputError, match=r"unpacks to \d+ MiB, above the 0 MiB limit"):
        load_document(path)


def rezipped(source: Path, target: Path, document_xml) -> Path:
    """`source` zipped again as `target` with word/document.xml replaced: `document_xml`
    gets the original text and returns the new text, or writes it to the open member
    (for a member too large to hold in memory) and returns None."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            body = src.read(item)
            if item.filename != "word/document.xml":
                out.writestr(item, body)
                continue
            with out.open(item.filename, "w", force_zip64=True) as member:
                text = document_xml(body.decode("utf-8"), member)
                if text is not None:
                    member.write(text.encode("utf-8"))
    return target


def test_a_zip_bomb_of_text_is_refused_at_once(tmp_path):
    """A 0.2 MB file whose XML unpacks past the article bound (64 MiB): python-docx would
    parse it all into memory (gigabytes, minutes) before a word was read."""
    para = "<w:p><w:r><w:t>Giá điện tăng.</w:t></w:r></w:p>".encode()
    chunk = para * (2**20 // len(para))

    def bomb(xml: str, member) -> None:
        head, _, tail = xml.partition("<w:body>")
        member.write(f"{head}<w:body>".encode())
        for _ in range(65):
            member.write(chunk)
        member.write(tail.encode())

    path = rezipped(word_file(tmp_path / "a.docx"), tmp_path / "bom.docx", bomb)
    assert path.stat().st_size < 1_000_000
    started = time.perf_counter()
    with pytest.raises(
        InputError,
        match=rf"^{path}: its text and markup unpack to 6[56] MiB, above the 64 MiB translit "
        "reads; split it into articles$",
    ):
        load_document(path)
    assert time.perf_counter() - started < 5


ENTITIES = "".join(f'<!ENTITY e{n} "{f"&e{n - 1};" * 10 if n else "ha"}">' for n in range(10))


@pytest.mark.parametrize(
    ("doctype", "reference"),
    [
        (f"<!DOCTYPE w:document [{ENTITIES}]>", "&e9;"),  # a billion laughs
        ('<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;"),
        ('<!DOCTYPE w:document [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>', "&x;"),
    ],
    ids=["laughs", "file", "network"],
)
def test_entities_in_a_word_file_are_never_expanded_nor_fetched(tmp_path, doctype, reference):
    def planted(xml: str, member) -> str:
        head, _, body = xml.partition("?>")
        first = TITLE
        return f"{head}?>\n{doctype}" + body.replace(first, f"{first} {reference}", 1)

    path = rezipped(word_file(tmp_path / "a.docx"), tmp_path / "e.docx", planted)
    started = time.perf_counter()
    try:
        doc = load_document(path)
    except InputError as err:  # one line, naming the file
        assert str(err).startswith(f"{path}: not a readable Word document (")
        assert "\n" not in str(err)
    else:
        text = "\n".join(doc.paragraphs)
        assert "root:" not in text and "haha" not in text
        assert TITLE in text
    assert time.perf_counter() - started < 10


def test_a_member_larger_than_it_says_is_refused_not_unpacked(tmp_path):
    """A zip member that unpacks to more than its declared size (how a bomb slips past a
    size check) stops at that size: the document is damaged, one line."""
    path = word_file(tmp_path / "a.docx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("word/document.xml")
    # the uncompressed size in its local header (at 22) and central directory entry (at 24)
    name = b"word/document.xml"
    for signature, header_size, size_at in ((b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)):
        header = data.find(signature)
        while data[header + header_size : header + header_size + len(name)] != name:
            header = data.find(signature, header + 1)
        assert int.from_bytes(data[header + size_at : header + size_at + 4], "little") == (
            info.file_size
        )
        data[header + size_at : header + size_at + 4] = (100).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match=rf"^{path}: not a readable Word document \("):
        load_document(path)


# --- writing .en.docx ----------------------------------------------------------------


def test_the_english_word_file_has_the_layout_of_the_source(tmp_path):
    doc = load_document(make_table_file(tmp_path / "bang.docx"))
    for seg in doc.segments:
        seg.target = f"EN {seg.source}"
    out = tmp_path / "bang.en.docx"
    out.write_bytes(word.render(doc, RUN))
    made = docx.Document(str(out))
    assert [(p.style.name, p.text) for p in made.paragraphs] == [
        ("Heading 2", "EN Bảng giá điện"),
        ("Normal", "EN Sau bảng."),
    ]
    (table,) = made.tables
    assert table.style.name == "Table Grid"
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["EN Nước", "EN Giá"],
        ["EN Đức", "EN 400 euro"],
        ["EN Pháp", "\nEN hai dòng"],
    ]
    props = made.core_properties
    assert props.title == "EN Bảng giá điện" and props.language == "en"
    assert props.author == "" and "translit output" in props.comments


def test_without_a_layout_every_paragraph_is_written_and_nothing_breaks_the_xml(tmp_path):
    doc = sample_document()  # control characters, markup, a line break, an empty English
    out = tmp_path / "mau.en.docx"
    out.write_bytes(word.render(doc, RUN))
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Moscow opposes the sanctions") and "<script>" in paragraphs[0]
    assert "Oil prices rise 2%" in paragraphs[2]


def test_a_paragraph_the_layout_misses_is_still_written(tmp_path):
    doc = load_document(word_file(tmp_path / "bai.docx"))
    for seg in doc.segments:
        seg.target = seg.source
    doc.blocks = doc.blocks[:2]  # a damaged layout
    out = tmp_path / "bai.en.docx"
    out.write_bytes(word.render(doc, RUN))
    assert [t for _, t in texts(out)] == [text for _, text in ARTICLE]


def test_a_damaged_layout_line_in_the_po_is_read_as_no_layout(tmp_path):
    doc = load_document(word_file(tmp_path / "bai.docx"))
    text = po.render(doc, RUN)
    assert po.BLOCKS_FIELD in text
    damaged = tmp_path / "bai.po"
    damaged.write_text(text.replace('[[1,\\"Title\\"]', '[[1,{\\"x\\"'), encoding="utf-8")
    back = po.read(damaged)
    assert back.blocks == [] and len(back.paragraphs) == len(ARTICLE)


def test_the_layout_survives_the_po(tmp_path):
    doc = load_document(make_table_file(tmp_path / "bang.docx"))
    path = tmp_path / "bang.po"
    path.write_text(po.render(doc, RUN), encoding="utf-8")
    assert po.read(path).blocks == doc.blocks


# --- through the CLI: Word in, Word out, review, build --------------------------------


@pytest.fixture
def word_article(tmp_path) -> Path:
    source = docx.Document()
    for style, text in ARTICLE:
        split_runs(source.add_paragraph(style=style or None), text)
    table = source.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    for (r, c), text in {(0, 0): "Nước", (0, 1): "Giá", (1, 0): "Đức", (1, 1): "400 euro"}.items():
        table.cell(r, c).text = text
    source.add_paragraph("")
    source.add_paragraph("Trần Văn Minh", style="Subtitle")
    folder = tmp_path / "in"
    folder.mkdir()
    source.save(str(folder / "bai.docx"))
    return folder / "bai.docx"


def outline(path: Path) -> tuple[list[str], int, list[list[str]]]:
    """What must match between a source and its English: headings (style names),
    paragraph count, table shapes."""
    made = docx.Document(str(path))
    styles = [p.style.name for p in made.paragraphs]
    headings = [name for name in styles if name.startswith(("Title", "Heading"))]
    shapes = [[len(row.cells) for row in t.rows] for t in made.tables]
    return headings, len(made.paragraphs), shapes


def test_word_in_word_out_by_default_then_review_and_build(
    with_model, run_cli, word_article, tmp_path
):
    # the copy model writes the Vietnamese back: with no glossary, no conversions and
    # names kept as written, the English is the source, style for style
    result = run_cli(
        "translate", "in", "-o", "out", "--no-glossary", "--no-conventions", "--names", "diacritics"
    )
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    names = sorted(p.name for p in out.iterdir())
    assert names == ["bai.en.docx", "bai.en.txt", "bai.html", "bai.po"]
    english = out / "bai.en.docx"
    assert outline(english) == outline(word_article)
    assert texts(english) == texts(word_article)
    assert [[c.text for c in r.cells] for r in docx.Document(str(english)).tables[0].rows] == [
        ["Nước", "Giá"],
        ["Đức", "400 euro"],
    ]
    # the reviewer edits the PO: the headline and a table cell, approved
    catalog = polib.pofile(str(out / "bai.po"))
    for entry in catalog:
        if entry.msgctxt == "p1.s1":
            entry.msgstr = "Electricity prices soar in Europe"
        if entry.msgid == "400 euro":
            entry.msgstr = "400 euros"
        if entry.msgstr in ("Electricity prices soar in Europe", "400 euros"):
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
    catalog.save()
    english.unlink()
    built = run_cli("build", "out/bai.po")
    assert built.exit_code == 0, built.output
    assert "bai.en.docx" in built.stderr
    assert outline(english) == outline(word_article)
    rebuilt = texts(english)
    assert rebuilt[0] == ("Title", "Electricity prices soar in Europe")
    assert rebuilt[1:] == texts(word_article)[1:]
    cells = [[c.text for c in r.cells] for r in docx.Document(str(english)).tables[0].rows]
    assert cells == [["Nước", "Giá"], ["Đức", "400 euros"]]
    assert docx.Document(str(english)).core_properties.title == "Electricity prices soar in Europe"


def test_format_chooses_word_out_for_any_article(no_model, run_cli, tmp_path, word_article):
    files = write_all(tmp_path / "more", "trang")
    page = str(files["html"])
    result = run_cli("translate", "in", page, "-o", "out", "--no-mt", "--format", "po")
    assert result.exit_code == 0, result.output
    assert not list((tmp_path / "out").glob("*.docx"))  # --format given: no Word file
    result = run_cli("translate", str(files["html"]), "-o", "out2", "--no-mt", "--format", "docx")
    assert result.exit_code == 0, result.output
    # no English yet (--no-mt), but the page's layout: headline, caption, subheading
    made = docx.Document(str(tmp_path / "out2" / "trang.en.docx"))
    assert [p.style.name for p in made.paragraphs] == [s or "Normal" for s, _ in ARTICLE]


def test_our_word_files_are_never_read_as_articles_but_a_users_are(
    with_model, run_cli, word_article, tmp_path
):
    assert run_cli("translate", "in", "-o", "in", "-q").exit_code == 0
    assert (tmp_path / "in" / "bai.en.docx").is_file()
    again = run_cli("translate", "in", "-o", "in")
    assert again.exit_code == 0 and again.stderr.startswith("1 article,")
    shutil.copy(word_article, tmp_path / "in" / "thu.en.docx")  # a user's file, that name
    third = run_cli("translate", "in", "-o", "in")
    assert third.exit_code == 0 and third.stderr.startswith("2 articles,"), third.output


def test_text_boxes_and_headers_are_warnings_in_a_run(no_model, run_cli, tmp_path):
    source = docx.Document()
    source.sections[0].footer.paragraphs[0].text = "Trang cuối"
    source.add_paragraph("Giá điện tăng mạnh.")._p.append(parse_xml(TEXT_BOX))
    (tmp_path / "in").mkdir()
    source.save(str(tmp_path / "in" / "hop.docx"))
    result = run_cli("translate", "in", "-o", "out", "--no-mt")
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    where = f"warning: in{Path('/')}hop.docx:"
    assert lines[0] == f"{where} 1 text box: translated as ordinary paragraphs after the " + (
        "paragraph each is anchored to"
    )
    assert lines[1].startswith(f"{where} headers and footers not translated")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_opens_the_english_word_file(with_model, run_cli, word_article, tmp_path):
    assert run_cli("translate", "in", "-o", "out", "-q").exit_code == 0
    converted = subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"),
         str(tmp_path / "out" / "bai.en.docx")],
        capture_output=True, text=True, timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert converted.returncode == 0, converted.stderr
    assert (tmp_path / "pdf" / "bai.en.pdf").stat().st_size > 1000


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_a_damaged_word_file_gives_a_document_or_one_line(tmp_path, data):
    source = tmp_path / "goc.docx"
    if not source.exists():
        make_table_file(source)
    with zipfile.ZipFile(source) as archive:
        parts = {item.filename: archive.read(item) for item in archive.infolist()}
    name = data.draw(st.sampled_from(sorted(parts)))
    body = parts[name]
    start = data.draw(st.integers(0, len(body)))
    end = data.draw(st.integers(start, min(len(body), start + 200)))
    parts[name] = body[:start] + data.draw(st.binary(max_size=20)) + body[end:]
    damaged = tmp_path / "hong.docx"
    with zipfile.ZipFile(damaged, "w") as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    try:
        doc = load_document(damaged)
    except InputError as err:
        assert "\n" not in str(err) and str(err).startswith(str(damaged))
    else:
        assert isinstance(doc.paragraphs, list)


def test_a_long_word_file_is_read_and_written_in_linear_time(tmp_path):
    """5,000 paragraphs: python-docx's own style lookup and add_paragraph cost a scan of
    the file per paragraph (minutes at this size); translit's take seconds."""
    source = docx.Document()
    for i in range(5000):
        source.add_paragraph(f"Đoạn {i}.", style="Heading 2" if i % 100 == 0 else None)
    source.save(str(tmp_path / "dai.docx"))
    started = time.perf_counter()
    doc = load_document(tmp_path / "dai.docx")
    for seg in doc.segments:
        seg.target = seg.source
    (tmp_path / "dai.en.docx").write_bytes(word.render(doc, RUN))
    assert time.perf_counter() - started < 30
    made = docx.Document(str(tmp_path / "dai.en.docx")).paragraphs
    assert len(made) == 5000 and made[100].style.name == "Heading 2"
    assert made[4999].text == "Đoạn 4999."


def test_a_save_in_translit_serve_rebuilds_the_word_file(no_model, run_cli, word_article, tmp_path):
    from translit.document import Glossary
    from translit.glossary.enforce import term_policy
    from translit.serve.store import ReviewFolder, SegmentEdit

    assert run_cli("translate", "in", "-o", "out", "--no-mt", "-q").exit_code == 0
    english = tmp_path / "out" / "bai.en.docx"
    assert texts(english)[0] == ("Title", "")  # no English yet
    folder = ReviewFolder(tmp_path / "out", term_policy(Glossary()))
    version = folder.read("bai").version
    folder.save("bai", "p1.s1", SegmentEdit("Electricity prices soar in Europe", True, version))
    assert texts(english)[0] == ("Title", "Electricity prices soar in Europe")
    assert outline(english) == outline(word_article)
