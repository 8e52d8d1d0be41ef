"""The review formats on a Document built by hand (tests/sample_docs.py): Markdown
through a real CommonMark renderer with GFM tables, TSV through the csv reader a
spreadsheet import behaves like, TMX and XLIFF through xmllint and the published
TMX 1.4b DTD and XLIFF 2.0 schema (tests/schemas/)."""

from __future__ import annotations

import csv
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.sample_docs import (
    AWKWARD_EN,
    CONTROL_VI,
    RUN,
    SCRIPT_EN,
    SCRIPT_VI,
    sample_document,
)
from translit.document import Document
from translit.formats import count, md, tmx, tsv, xliff
from translit.formats.registry import DEFAULT_FORMATS, WRITERS, parse_formats, writer
from translit.io import InputError

SCHEMAS = Path(__file__).parent / "schemas"
XLIFF_NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def xmllint(*args: str) -> subprocess.CompletedProcess[str]:
    if shutil.which("xmllint") is None:
        pytest.skip("xmllint is not installed (apt-get install libxml2-utils)")
    return subprocess.run(
        ["xmllint", "--noout", "--nonet", *args], capture_output=True, text=True, timeout=60
    )


def validate_tmx(path: Path) -> None:
    result = xmllint("--dtdvalid", str(SCHEMAS / "tmx14.dtd"), str(path))
    assert result.returncode == 0, result.stderr


def validate_xliff(path: Path) -> None:
    result = xmllint("--schema", str(SCHEMAS / "xliff_core_2.0.xsd"), str(path))
    assert result.returncode == 0, result.stderr
    assert "validates" in result.stderr


def written(tmp_path: Path, module, doc: Document | None = None) -> Path:
    path = tmp_path / f"mau{module.SUFFIX}"
    path.write_text(module.render(doc or sample_document(), RUN), encoding="utf-8")
    return path


# --- counts --------------------------------------------------------------------------


def test_counts_cover_every_status_and_severity():
    c = count(sample_document())
    assert (c.segments, c.reviewed, c.fuzzy, c.untranslated) == (5, 2, 2, 1)
    assert c.flagged == 4  # everything but the reviewed p1.s1 without findings
    assert c.hits == 6
    assert c.findings == {"error": 1, "warning": 1, "info": 1}


# --- Markdown ------------------------------------------------------------------------


def rendered_table(markdown: str) -> list[list[str]]:
    """The body rows of the first table, as GitHub-style Markdown renders them."""
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)
    assert "<script" not in html  # article text never becomes markup
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    return [[c.split(">", 1)[1] for c in row.split("</td>")[:-1]] for row in rows]


def test_markdown_table_renders_one_row_per_segment_with_text_intact():
    doc = sample_document()
    rows = [r for r in rendered_table(md.render(doc, RUN)) if any(r)]
    assert [r[0] for r in rows] == [s.key for s in doc.segments]
    assert all(len(r) == 5 for r in rows)  # no `|` in the text split a cell
    by_key = {r[0]: r for r in rows}
    # the renderer turns our escapes back into exactly the article's text
    assert by_key["p1.s2"][1] == SCRIPT_VI.replace("&", "&amp;").replace("<", "&lt;").replace(
        ">", "&gt;"
    ).replace('"', "&quot;")
    assert by_key["p1.s2"][2].startswith("The White House said: &lt;script&gt;")
    english = by_key["p2.s2"][2]
    assert english == (
        "Ukraina needs &quot;aid&quot; now,<br>says \\ the | minister *really* [x](y) "
        "`z` ~w~ &amp;lt;"
    )  # no emphasis, link or code span; the newline is a <br>, the tab a space
    assert by_key["p2.s1"][2] == "<em>(not translated)</em>"
    assert by_key["p2.s2"][3] == "<strong>fuzzy</strong>"
    assert "error term-missing" in by_key["p2.s2"][4]
    assert by_key["p1.s1"][4] == "glossary: Mátxcơva → Moscow<br>glossary: Moskva → Moscow"


def test_markdown_paragraphs_are_separated_by_an_empty_row():
    rows = rendered_table(md.render(sample_document(), RUN))
    assert [r[0] for r in rows] == ["p1.s1", "p1.s2", "", "p2.s1", "p2.s2", "", "p3.s1"]


def test_markdown_header_counts():
    text = md.render(sample_document(), RUN)
    assert "5 segments: 2 reviewed, 2 fuzzy, 1 untranslated; 6 glossary hits" in text
    assert "findings: 1 error, 1 warning, 1 info." in text


# --- TSV -----------------------------------------------------------------------------


def test_tsv_reads_back_exactly_with_tabs_newlines_and_quotes(tmp_path):
    doc = sample_document()
    path = written(tmp_path, tsv)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfkey\t")  # BOM for Excel
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    assert rows[0] == ["key", "source", "target", "status", "findings", "glossary"]
    assert len(rows) == 1 + len(doc.segments)
    for row, seg in zip(rows[1:], doc.segments, strict=True):
        assert row[:4] == [seg.key, seg.source, seg.target, seg.status]
    by_key = {r[0]: r for r in rows[1:]}
    assert by_key["p2.s2"][2] == AWKWARD_EN
    assert by_key["p3.s1"][1] == CONTROL_VI  # the lone CR is quoted, not a row end
    assert by_key["p2.s2"][4] == (
        "error term-missing: glossary term “Ukraine” is not in the English; "
        "warning length-ratio: the English is much longer"
    )
    assert by_key["p2.s1"][5] == "glossary: Kiev → Kyiv; glossary: Mátxcơva → Moscow"


def test_tsv_rows_without_tabs_or_breaks_are_plain_lines(tmp_path):
    doc = sample_document()
    raw = written(tmp_path, tsv, doc).read_bytes().decode("utf-8-sig")
    lines = raw.split("\r\n")
    assert lines[0] == "key\tsource\ttarget\tstatus\tfindings\tglossary"
    assert lines[3] == (
        "p2.s1\tKiev và Mátxcơva đàm phán.\t\tuntranslated\t\t"
        "glossary: Kiev → Kyiv; glossary: Mátxcơva → Moscow"
    )
    assert '"Ukraina needs ""aid""\tnow,\nsays' in raw  # quoted, quotes doubled


# --- TMX -----------------------------------------------------------------------------


def test_tmx_validates_against_the_tmx14_dtd(tmp_path):
    validate_tmx(written(tmp_path, tmx))


def test_tmx_holds_translated_pairs_with_status_and_notes(tmp_path):
    doc = sample_document()
    root = ET.parse(written(tmp_path, tmx)).getroot()
    header = root.find("header")
    assert root.get("version") == "1.4"
    assert header.get("srclang") == "vi" and header.get("segtype") == "sentence"
    assert header.get("creationdate") == "20240314T023000Z"  # 09:30 at +0700, in UTC
    units = root.findall("body/tu")
    # the untranslated p2.s1 has no pair to remember
    assert [tu.get("tuid") for tu in units] == ["p1.s1", "p1.s2", "p2.s2", "p3.s1"]
    by_key = {tu.get("tuid"): tu for tu in units}
    status = {k: tu.find("prop[@type='x-translit-status']").text for k, tu in by_key.items()}
    assert status == {"p1.s1": "reviewed", "p1.s2": "fuzzy", "p2.s2": "fuzzy", "p3.s1": "reviewed"}
    segs = {k: [tuv.get(XML_LANG) for tuv in tu.findall("tuv")] for k, tu in by_key.items()}
    assert set(map(tuple, segs.values())) == {("vi", "en")}
    assert [t.text for t in by_key["p1.s2"].findall("tuv/seg")] == [SCRIPT_VI, SCRIPT_EN]
    assert by_key["p2.s2"].findall("tuv/seg")[1].text == AWKWARD_EN
    notes = [n.text for n in by_key["p2.s2"].findall("note")]
    assert notes[0] == "glossary: Ukraina → Ukraine"
    assert notes[1].startswith("error term-missing: ")
    assert len(units) == sum(1 for s in doc.segments if s.target)


def test_tmx_replaces_characters_xml_cannot_hold(tmp_path):
    root = ET.parse(written(tmp_path, tmx)).getroot()
    unit = root.find("body/tu[@tuid='p3.s1']")
    source, target = (seg.text for seg in unit.findall("tuv/seg"))
    assert source == "Giá dầu\ufffdtăng\ufffd 2%\r."  # the CR survives as &#13;
    assert target == "Oil\ufffd prices\ufffd rise 2%\r."


def test_tmx_of_an_article_with_nothing_translated_is_valid(tmp_path):
    doc = sample_document()
    doc.segments = [doc.segments[2]]
    path = written(tmp_path, tmx, doc)
    validate_tmx(path)
    assert ET.parse(path).getroot().findall("body/tu") == []


# --- XLIFF 2.0 -----------------------------------------------------------------------


def test_xliff_validates_against_the_xliff_2_0_core_schema(tmp_path):
    validate_xliff(written(tmp_path, xliff))


def text_with_cp(element: ET.Element) -> str:
    """An element's text with each <cp hex=""/> turned back into its character."""
    parts = [element.text or ""]
    for child in element:
        assert child.tag == f"{{{XLIFF_NS['x']}}}cp"
        parts += [chr(int(child.get("hex"), 16)), child.tail or ""]
    return "".join(parts)


def test_xliff_units_states_notes_and_exact_text(tmp_path):
    doc = sample_document()
    root = ET.parse(written(tmp_path, xliff)).getroot()
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "vi", "en")
    file = root.find("x:file", XLIFF_NS)
    assert file.get("original") == "mau.txt"
    groups = file.findall("x:group", XLIFF_NS)
    assert [g.get("id") for g in groups] == ["p1", "p2", "p3"]
    units = file.findall("x:group/x:unit", XLIFF_NS)
    assert [u.get("id") for u in units] == [s.key for s in doc.segments]
    for unit, seg in zip(units, doc.segments, strict=True):
        segment = unit.find("x:segment", XLIFF_NS)
        expected = {"untranslated": "initial", "fuzzy": "translated", "reviewed": "reviewed"}
        assert segment.get("state") == expected[seg.status]
        assert text_with_cp(segment.find("x:source", XLIFF_NS)) == seg.source
        target = segment.find("x:target", XLIFF_NS)
        if seg.target:
            assert text_with_cp(target) == seg.target  # control characters and CR too
        else:
            assert target is None  # initial: nothing to show
    notes = units[3].findall("x:notes/x:note", XLIFF_NS)
    assert [(n.get("category"), n.get("priority")) for n in notes] == [
        ("glossary", None),
        ("term-missing", "1"),
        ("length-ratio", "2"),
    ]
    assert notes[0].text == "glossary: Ukraina → Ukraine"
    assert units[0].find("x:segment/x:target", XLIFF_NS).text.count("Moscow") == 2
    assert units[4].find("x:segment/x:target", XLIFF_NS).find("x:cp", XLIFF_NS).get("hex") == "000C"


def test_xliff_keys_that_are_not_xml_names_get_safe_unique_ids(tmp_path):
    doc = sample_document()
    doc.segments[0].key = "p1 s1 <odd>"  # e.g. a hand-edited PO context
    doc.segments[1].key = "p2"  # would clash with the group of paragraph 2
    path = written(tmp_path, xliff, doc)
    validate_xliff(path)
    units = ET.parse(path).getroot().findall(".//x:unit", XLIFF_NS)
    assert [(u.get("id"), u.get("name")) for u in units[:2]] == [
        ("u1", "p1 s1 <odd>"),
        ("u2", "p2"),
    ]


def test_xliff_of_an_empty_document_is_valid(tmp_path):
    doc = sample_document()
    doc.segments = []
    validate_xliff(written(tmp_path, xliff, doc))


# --- choosing formats ----------------------------------------------------------------


def test_format_names_lists_all_and_defaults():
    assert DEFAULT_FORMATS == ("po", "txt", "html")
    assert parse_formats("md, TSV,md") == ("md", "tsv")
    assert parse_formats("all") == tuple(w.name for w in WRITERS) == (
        "po", "txt", "html", "md", "tsv", "tmx", "xliff", "docx",
    )  # fmt: skip
    with pytest.raises(InputError, match=r"unknown format 'pdf': choose from po, txt, html, md"):
        parse_formats("po,pdf")
    with pytest.raises(InputError, match="no format: choose from"):
        parse_formats("")


def test_every_format_names_a_distinct_file():
    suffixes = [w.suffix for w in WRITERS]
    assert len(set(suffixes)) == len(suffixes)
    for w in WRITERS:  # the registry and the module agree
        assert w.suffix == w.load(Path("x")).SUFFIX, w.name
    assert {writer(n).suffix for n in ("html", "md", "tsv", "tmx", "xliff", "docx")} == {
        ".html", ".md", ".tsv", ".tmx", ".xlf", ".en.docx",
    }  # fmt: skip


def test_every_format_renders_the_same_document_without_error():
    doc = sample_document()
    for w in WRITERS:
        data = w.load(Path("x")).render(doc, RUN)
        if isinstance(data, bytes):  # Word: a zip archive
            assert data.startswith(b"PK\x03\x04"), w.name
            continue
        assert data.endswith("\n"), w.name
        data.encode("utf-8")  # nothing unencodable
