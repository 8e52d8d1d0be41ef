"""`<id>.tsv`: one row per segment for a spreadsheet.

Columns: key, source, target, status, findings, glossary (a header row names them).
Findings and glossary hits (and converted numbers and dates) are joined with "; " in
their cells, worded as in the PO (`glossary: Mátxcơva → Moscow`).

Tabs and line breaks inside a field: the file is tab-separated with the quoting
spreadsheets use for CSV (RFC 4180 style): a field that holds a tab, a line break
or a double quote is wrapped in double quotes, and its quotes are doubled. LibreOffice
Calc, Excel and Google Sheets open it with each field in one cell (line breaks kept
inside the cell), and Python reads it back exactly with
`csv.reader(f, delimiter="\\t")`. Rows end with CR LF, as in RFC 4180, so that a
lone CR inside a field is quoted too.

The file starts with a UTF-8 byte-order mark so that Excel reads the Vietnamese as
UTF-8 (without it Excel guesses the Windows code page); open it in Python with
`encoding="utf-8-sig"`. Text is written as it is: a cell that starts with `=` is not
altered, so import as text if your spreadsheet would evaluate it as a formula.
"""

from __future__ import annotations

import csv
import io

from translit.document import Document
from translit.formats import RunInfo, finding_note, hit_note

SUFFIX = ".tsv"
COLUMNS = ("key", "source", "target", "status", "findings", "glossary")
BOM = "\ufeff"


def render(doc: Document, run: RunInfo) -> str:
    """The TSV text for a document (with its byte-order mark)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for seg in doc.segments:
        writer.writerow(
            (
                seg.key,
                seg.source,
                seg.target,
                seg.status,
                "; ".join(finding_note(f) for f in seg.findings),
                "; ".join(hit_note(h) for h in seg.hits),
            )
        )
    return BOM + out.getvalue()
