"""Word files: `.docx` articles in (python-docx), `<id>.en.docx` out.

Reading takes the body in order: paragraphs with their styles (a custom style as the
built-in one it is based on, so headings stay headings), tables cell by cell, and
the text of text boxes, which follows the paragraph the box is anchored to. A
paragraph's text is all of its runs joined, however Word split them (`Gi` + `á`
→ `Giá`), through hyperlinks, fields' results, content controls and tracked
insertions; deleted text, field codes and hidden text are left out, as Word shows
it. Headers, footers, footnotes and endnotes are not translated, and a file that
has text there says so (one warning), as it does for text boxes.

Writing builds a new Word file from the Document alone (the PO holds its layout,
see `translit.formats.po`), so `translit build` remakes it after review: the
same paragraph styles, headings, empty paragraphs and tables, with the English.
Character formatting (bold, fonts), pictures and page layout are not carried over.

python-docx is imported only when a Word file is read or written.
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from translit.articles import DOCX_MARKER
from translit.document import Block, Document, Para, Table
from translit.formats import RunInfo
from translit.formats.txt import paragraph_text
from translit.io import MAX_ARTICLE_BYTES, InputError, read_bytes

SUFFIX = ".en.docx"
# A Word file that unpacks to more than this is refused before python-docx reads it
# (a news article with pictures is a few MB; a zip bomb is gigabytes).
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
# Its XML (the text, styles, relationships) is held to the bound of a text article:
# python-docx parses all of it into memory (60 MB of document.xml took 1.5 GB and
# three minutes), and it is the text that costs, however well it zips.
MAX_XML_BYTES = MAX_ARTICLE_BYTES

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Elements whose text Word does not show as the document's text.
_SKIPPED = {
    f"{_W}{name}"
    for name in ("del", "moveFrom", "pPr", "rPr", "instrText", "delText", "fldData", "sectPr")
}
_BREAKS = {f"{_W}br", f"{_W}cr"}
_TABS = {f"{_W}tab", f"{_W}ptab"}
_SPACES = re.compile(r"[ \t]+")
# Characters XML 1.0 cannot hold (python-docx refuses them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SKIPPED_PARTS = (
    ("headers and footers", re.compile(r"/word/(header|footer)\d*\.xml")),
    ("footnotes", re.compile(r"/word/footnotes\.xml")),
    ("endnotes", re.compile(r"/word/endnotes\.xml")),
)


# --- reading ---------------------------------------------------------------------


def read(path: Path, from_encoding: str | None = None) -> Document:
    """A Word article as a Document (paragraphs, their layout in `blocks`).

    `from_encoding` is not used: Word files are Unicode. Raises InputError naming the
    file for anything that is not a readable .docx.
    """
    data = read_bytes(path)
    _check_archive(data, path)
    import docx

    try:
        word = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx and lxml raise many kinds for a broken file
        reason = " ".join(str(err).split())[:200] or type(err).__name__
        raise InputError(f"{path}: not a readable Word document ({reason})") from None
    reader = _BodyReader(word)
    blocks = reader.container(word.element.body)
    doc = Document(
        id=path.stem, path=path, paragraphs=reader.paragraphs, blocks=blocks, layout="blank"
    )
    if reader.boxes:
        doc.notices.append(
            f"{_plural(reader.boxes, 'text box', 'text boxes')}: translated as ordinary "
            "paragraphs after the paragraph each is anchored to"
        )
    skipped = _parts_with_text(word)
    if skipped:
        doc.notices.append(
            f"{' and '.join(skipped)} not translated (translit reads the body text, its "
            "tables and text boxes)"
        )
    return doc


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _check_archive(data: bytes, path: Path) -> None:
    """A zip archive of a sane unpacked size; InputError naming the file otherwise."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        hint = " (an old .doc file renamed? save it as .docx)" if data[:4] != b"PK\x03\x04" else ""
        raise InputError(f"{path}: not a Word file: not a zip archive{hint}") from None
    unpacked = sum(info.file_size for info in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(
            f"{path}: unpacks to {unpacked / 2**20:.0f} MiB, above the "
            f"{MAX_UNPACKED_BYTES // 2**20} MiB limit for a Word file"
        )
    # a member's declared size bounds what zipfile unpacks of it (more is a CRC error)
    xml = sum(info.file_size for info in members if info.filename.endswith((".xml", ".rels")))
    if xml > MAX_XML_BYTES:
        raise InputError(
            f"{path}: its text and markup unpack to {xml / 2**20:.0f} MiB, above the "
            f"{MAX_XML_BYTES // 2**20} MiB translit reads; split it into articles"
        )


class _BodyReader:
    """Walks a Word body, collecting the paragraphs with text and the layout."""

    def __init__(self, word) -> None:  # word: docx.document.Document
        self.word = word
        self.paragraphs: list[str] = []
        self.boxes = 0
        self._styles: dict[tuple[str, str | None], str] = {}

    def container(self, element) -> list[Block]:
        """The blocks of a body, table cell, text box or content control, in order."""
        blocks: list[Block] = []
        for child in element:
            if child.tag == f"{_W}p":
                blocks += self.paragraph(child)
            elif child.tag == f"{_W}tbl":
                blocks.append(self.table(child))
            elif child.tag in (f"{_W}sdt", f"{_W}customXml", f"{_W}sdtContent"):
                blocks += self.container(child)
        return blocks

    def paragraph(self, element) -> list[Block]:
        """The paragraph, then the paragraphs of any text box anchored in it."""
        boxes: list = []
        parts: list[str] = []
        _collect(element, parts, boxes)
        text = _clean("".join(parts))
        style = self._style(element)
        if text:
            self.paragraphs.append(text)
            blocks: list[Block] = [Para(len(self.paragraphs), style)]
        else:
            blocks = [Para(0, style)] if not boxes else []
        for box in boxes:
            self.boxes += 1
            blocks += [b for b in self.container(box) if not _empty(b)]
        return blocks

    def table(self, element) -> Table:
        rows = []
        for tr in element.iterchildren(f"{_W}tr"):
            cells = []
            for tc in tr.iterchildren(f"{_W}tc"):
                cells.append(tuple(_flatten(self.container(tc))))
            rows.append(tuple(cells))
        return Table(tuple(rows), self._table_style(element))

    def _style(self, element) -> str:
        """The paragraph's style, or the built-in style a custom one is based on;
        "" for Normal."""
        return self._named(element, f"{_W}pPr/{_W}pStyle", "paragraph")

    def _table_style(self, element) -> str:
        return self._named(element, f"{_W}tblPr/{_W}tblStyle", "table")

    def _named(self, element, path: str, kind: str) -> str:
        """The built-in style name an element's style id comes to, once per id (python-
        docx looks a style up through every style of the file, paragraph by paragraph)."""
        found = element.find(path)
        style_id = found.get(f"{_W}val") if found is not None else None
        key = (kind, style_id)
        if key not in self._styles:
            self._styles[key] = self._resolve(style_id, kind)
        return self._styles[key]

    def _resolve(self, style_id: str | None, kind: str) -> str:
        from docx.enum.style import WD_STYLE_TYPE

        types = {"paragraph": WD_STYLE_TYPE.PARAGRAPH, "table": WD_STYLE_TYPE.TABLE}
        try:
            style = self.word.part.get_style(style_id, types[kind])
        except (KeyError, ValueError, AttributeError):
            return ""
        seen = 0
        while style is not None and not style.builtin and seen < 20:
            style, seen = style.base_style, seen + 1
        if style is None or not style.builtin or style.name in (None, "Normal", "Normal Table"):
            return ""
        return style.name


def _empty(block: Block) -> bool:
    return isinstance(block, Para) and block.number == 0


def _flatten(blocks: Iterable[Block]) -> Iterator[Para]:
    """A cell's paragraphs, a table nested in it taken cell by cell."""
    for block in blocks:
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    yield from cell
        else:
            yield block


def _hidden(run) -> bool:
    """A run with hidden text (`w:vanish`), which Word does not show."""
    vanish = run.find(f"{_W}rPr/{_W}vanish")
    return vanish is not None and vanish.get(f"{_W}val") not in ("0", "false", "off")


def _collect(element, parts: list[str], boxes: list) -> None:
    """The text of a paragraph's runs in order, into `parts`; text boxes into `boxes`."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue  # comments and processing instructions, or text Word does not show
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag in _TABS:
            parts.append(" ")
        elif tag in _BREAKS:
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{_W}txbxContent":
            boxes.append(child)
        elif tag == f"{_MC}AlternateContent":
            choice = child.find(f"{_MC}Choice")  # Fallback repeats it for old readers
            if choice is not None:
                _collect(choice, parts, boxes)
        elif tag == f"{_W}r" and _hidden(child):
            continue
        else:
            _collect(child, parts, boxes)


def _clean(text: str) -> str:
    """Spaces collapsed in each line, empty lines dropped, NFC (as articles are read)."""
    import unicodedata

    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return unicodedata.normalize("NFC", "\n".join(line for line in lines if line))


def _parts_with_text(word) -> list[str]:
    """Which parts outside the body hold text: headers and footers, footnotes, endnotes."""
    from lxml import etree

    found: list[str] = []
    for part in word.part.package.iter_parts():
        for what, pattern in _SKIPPED_PARTS:
            if what in found or not pattern.fullmatch(str(part.partname)):
                continue
            try:
                root = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False))
            except etree.XMLSyntaxError:
                continue
            if any(any(c.isalpha() for c in t.text or "") for t in root.iter(f"{_W}t")):
                found.append(what)
    return [what for what, _ in _SKIPPED_PARTS if what in found]


# --- writing ---------------------------------------------------------------------


def render(doc: Document, run: RunInfo) -> bytes:
    """The English article as a Word file with the source's layout (see module doc).

    A paragraph without English yet is left empty; a paragraph the layout does not
    place (a damaged layout line) is added at the end, so no English is ever lost.
    """
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.text.paragraph import Paragraph as WordParagraph

    word = docx.Document()
    english = {group[0].paragraph: paragraph_text(group) for group in doc.paragraph_segments()}
    blocks: list[Block] = doc.blocks or [Para(n) for n in sorted(english)]
    placed: set[int] = set()
    style_ids = {(style.type, style.name): style.style_id for style in word.styles}
    body = word.element.body
    section = body.find(f"{_W}sectPr")  # the body's last child: paragraphs go before it

    def styled(paragraph, name: str) -> None:
        """Give the paragraph the style of that name, if the file has one."""
        style_id = style_ids.get((WD_STYLE_TYPE.PARAGRAPH, name)) if name else None
        if style_id:
            paragraph._p.get_or_add_pPr().style = style_id

    def fill(paragraph, para: Para) -> None:
        styled(paragraph, para.style)
        text = "" if para.number in placed else english.get(para.number, "")
        placed.add(para.number)
        lines = _NOT_XML.sub("", text).split("\n")
        for i, line in enumerate(lines):
            if line:
                paragraph.add_run(line)
            if i < len(lines) - 1:
                paragraph.add_run().add_break()

    def new_paragraph():  # python-docx's add_paragraph looks for the end each time
        element = OxmlElement("w:p")
        if section is not None:
            section.addprevious(element)
        else:
            body.append(element)
        return WordParagraph(element, word._body)

    for block in blocks:
        if isinstance(block, Table):
            columns = max((len(row) for row in block.rows), default=0)
            if not columns:
                continue
            table = word.add_table(rows=len(block.rows), cols=columns)
            table_style = style_ids.get((WD_STYLE_TYPE.TABLE, block.style))
            if table_style:
                table.style = block.style
            for row, cells in zip(table.rows, block.rows, strict=True):
                for cell, paras in zip(row.cells, cells, strict=False):
                    for i, para in enumerate(paras):
                        fill(cell.paragraphs[0] if i == 0 else cell.add_paragraph(), para)
        else:
            fill(new_paragraph(), block)
    for number in sorted(set(english) - placed):
        fill(new_paragraph(), Para(number))
    _properties(word, doc, run, blocks, english)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _properties(word, doc: Document, run: RunInfo, blocks: list[Block], english) -> None:
    """The file's properties: its English title, language, and that translit made it
    (which also keeps it from being read as an article, see translit.articles)."""
    props = word.core_properties
    headings = [
        b.number
        for b in blocks
        if isinstance(b, Para) and b.number and b.style.startswith(("Title", "Heading"))
    ]
    props.title = _NOT_XML.sub("", english.get(headings[0], "") if headings else "")[:255]
    props.author = ""
    props.language = run.target_lang
    props.comments = (
        f"{DOCX_MARKER}: the English of {_NOT_XML.sub('', doc.path.name)}, made by translit "
        f"{run.tool_version} from its review file"
    )
    if run.created:
        with contextlib.suppress(ValueError):
            props.created = props.modified = datetime.strptime(run.created, "%Y-%m-%d %H:%M%z")
    props.revision = 1
