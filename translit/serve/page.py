"""The review app's two pages: the index of articles and the article editor.

The article page is the side-by-side layout of the HTML review page
(`translit.formats.html`: the same source cell with its glossary marks, the same
status cell, the same row classes and stylesheet) with the English in an editor.
Everything taken from an article is escaped; the pages load their script and styles
from /static/ only (the app's Content-Security-Policy allows nothing else).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path
from urllib.parse import quote

from translit.document import Segment
from translit.formats import count
from translit.formats.html import counts_list, row_classes, source_cell, status_cell
from translit.serve.store import Article, Summary

# (keys, what they do): shown on the article page, and in the README.
KEYS: tuple[tuple[str, str], ...] = (
    ("Alt+PageDown", "next segment (of those the filter shows)"),
    ("Alt+PageUp", "previous segment"),
    ("Ctrl+Enter", "save the segment (approved stays approved, fuzzy stays fuzzy)"),
    ("Ctrl+Shift+Enter", "approve the segment (save it as reviewed) and go to the next"),
    ("Escape", "undo your changes to the segment (back to the saved English)"),
    ("click a glossary term", "insert its English at the cursor (hover shows it)"),
)

FILTERS = (
    ("all", "all"),
    ("flagged", "flagged (not approved, or with findings)"),
    ("errors", "errors"),
    ("fuzzy", "fuzzy"),
    ("untranslated", "untranslated"),
)


def _head(title: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{escape(title)} — translit serve</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/review.css">
<link rel="stylesheet" href="/static/serve.css">
<script src="/static/serve.js" defer></script>
</head>
"""


def article_href(article_id: str) -> str:
    return "/articles/" + quote(article_id, safe="")


def index_page(folder: Path, rows: Sequence[Summary], errors: Sequence[str]) -> str:
    """The list of articles with their review progress, sortable, filterable."""
    done = sum(1 for r in rows if r.status.done)
    head = (
        ("id", "article", "text"),
        ("title", "headline", "text"),
        ("segments", "segments", "number"),
        ("reviewed", "reviewed", "number"),
        ("fuzzy", "fuzzy", "number"),
        ("untranslated", "untranslated", "number"),
        ("errors", "errors", "number"),
        ("warnings", "warnings", "number"),
    )
    header = "".join(
        f'<th data-sort="{kind}" aria-sort="none"><button type="button" data-column="{i}">'
        f"{label}</button></th>"
        for i, (_, label, kind) in enumerate(head)
    )
    body = "\n".join(_index_row(r) for r in rows)
    problems = "".join(f"<li>{escape(e)}</li>" for e in errors)
    problem_list = (
        f'<section class="problems"><h2>Files that cannot be read</h2><ul>{problems}</ul></section>'
        if problems
        else ""
    )
    return (
        _head("articles")
        + f"""<body data-page="index">
<header>
<h1>Review: {escape(str(folder))}</h1>
<p class="meta">{len(rows)} article{"s" if len(rows) != 1 else ""}, {done} fully reviewed \
(every segment approved, no errors)</p>
<label class="filter"><input type="checkbox" id="needs-work"> show only articles that need \
work</label>
</header>
<table class="index">
<thead><tr>{header}<th>progress</th></tr></thead>
<tbody>
{body}
</tbody>
</table>
{problem_list}
</body>
</html>
"""
    )


def _index_row(row: Summary) -> str:
    s = row.status
    cells = "".join(
        f'<td class="num">{n}</td>'
        for n in (s.segments, s.reviewed, s.fuzzy, s.untranslated, s.errors, s.warnings)
    )
    return (
        f'<tr class="article {"done" if s.done else "needs-work"}">'
        f'<td class="id"><a href="{escape(article_href(s.id))}">{escape(s.id)}</a></td>'
        f'<td class="title">{escape(row.title)}</td>{cells}'
        f'<td><meter min="0" max="{max(s.segments, 1)}" value="{s.reviewed}" '
        f'title="{s.reviewed} of {s.segments} reviewed"></meter></td></tr>'
    )


def article_page(article: Article) -> str:
    """The editor: a row per segment, Vietnamese beside editable English."""
    doc = article.doc
    c = count(doc)
    bodies = "\n".join(
        f'<tbody class="para" data-paragraph="{segments[0].paragraph}">\n'
        + "\n".join(_segment_row(seg) for seg in segments)
        + "\n</tbody>"
        for segments in doc.paragraph_segments()
    )
    filters = "".join(
        f'<label><input type="radio" name="filter" value="{value}"'
        f"{' checked' if value == 'all' else ''}> {label}</label>"
        for value, label in FILTERS
    )
    keys = "".join(f"<dt><kbd>{escape(k)}</kbd></dt><dd>{escape(v)}</dd>" for k, v in KEYS)
    return (
        _head(doc.id)
        + f"""<body data-page="article" data-article="{escape(doc.id)}" \
data-version="{escape(article.version)}">
<header>
<nav><a href="/">← all articles</a></nav>
<h1>{escape(doc.id)}</h1>
<p class="meta">{escape(article.path.name)}: changes are saved to this PO file, and its \
.en.txt and .html are rebuilt</p>
<ul class="counts">{counts_list(c)}</ul>
<fieldset class="filters"><legend>Show</legend>{filters}</fieldset>
<details class="keys" open><summary>Keys</summary><dl>{keys}</dl></details>
<p class="notice" role="status" hidden></p>
</header>
<table class="review">
<colgroup><col class="key"><col class="src"><col class="tgt"><col class="status"></colgroup>
<thead><tr><th>key</th><th>Vietnamese</th><th>English</th><th>status</th></tr></thead>
{bodies}
</table>
</body>
</html>
"""
    )


def _segment_row(seg: Segment) -> str:
    key = escape(seg.key)
    hints = "; ".join(dict.fromkeys(f"{h.variant} → {h.target}" for h in seg.hits))
    placeholder = "not translated" + (f" (glossary: {hints})" if hints else "")
    rows = max(2, len(seg.source) // 70 + 1)
    return (
        f'<tr id="{key}" class="{row_classes(seg)}" data-key="{key}">'
        f'<td class="key"><a href="#{key}">{key}</a></td>'
        f"{source_cell(seg)}"
        f'<td class="tgt" lang="en">'
        f'<textarea class="editor" rows="{rows}" spellcheck="true" aria-label="English of {key}" '
        # "\n" first: the HTML parser drops a textarea's first newline, not the English's
        f'placeholder="{escape(placeholder)}">\n{escape(seg.target)}</textarea>'
        '<div class="tools">'
        '<button type="button" class="save" title="Ctrl+Enter">Save</button>'
        '<button type="button" class="approve" title="Ctrl+Shift+Enter">Approve</button>'
        '<button type="button" class="unapprove">Un-approve</button>'
        '<button type="button" class="machine" title="ask the installed model again">'
        "Machine English</button>"
        '<button type="button" class="undo" title="Escape">Undo changes</button>'
        '<button type="button" class="comment-toggle">Comment</button>'
        '<span class="state" role="status"></span></div>'
        f'<label class="comment"{"" if seg.note else " hidden"}>Reviewer comment '
        f'<textarea class="comment" rows="2">\n{escape(seg.note)}</textarea></label>'
        '<div class="conflict" role="alert" hidden><p class="message"></p>'
        '<button type="button" class="reload">Reload the segment</button>'
        '<p class="yours" hidden>Your text (not saved): <q></q> '
        '<button type="button" class="use-mine">Use my text</button></p></div>'
        f"</td>{status_cell(seg)}</tr>"
    )
