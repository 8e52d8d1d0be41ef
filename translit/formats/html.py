"""`<id>.html`: the side-by-side review page, one self-contained file.

One row per segment (key, Vietnamese, English, status and findings), one table body
per paragraph so paragraph breaks show. Glossary terms and Vietnamese names
are highlighted on both sides (names in their own colour): in the Vietnamese the span
each hit matched, in the English every place the hit's term occurs (word-bounded, as the
pipeline's checks find it); hovering shows the variant and the English it comes out as.
A segment with no English yet shows the glossary's terms as hints where the English goes.

Rows that need a reviewer (not approved yet, or with findings) are "flagged"; the
header counts them, and a checkbox, or `#flagged` at the end of the page's address,
shows only those.

Everything taken from the article is escaped. The page needs no network: CSS and
JavaScript are inline and a Content-Security-Policy allows those two blocks only
(by hash), nothing else. It renders from the Document alone, so `translit build` can
make it from a PO file without the glossary or the model.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from html import escape

from translit.document import Document, Finding, Segment, TermHit
from translit.formats import Counts, RunInfo, count, flagged, hit_note
from translit.glossary.enforce import form_spans
from translit.names import name_spans

SUFFIX = ".html"

Span = tuple[int, int, list[TermHit]]

STYLE = """
:root { color-scheme: light dark; --line: #d0d4da; --muted: #5f6b7a; --term: #dbeafe;
  --term-line: #2563eb; --miss: #fee2e2; --miss-line: #dc2626; --fuzzy: #fef3c7;
  --fuzzy-ink: #92400e; --ok: #dcfce7; --ok-ink: #166534; --none: #f1f5f9; }
@media (prefers-color-scheme: dark) {
  :root { --line: #3b4350; --muted: #9aa5b4; --term: #1e3a5f; --term-line: #60a5fa;
    --miss: #4c1d1d; --miss-line: #f87171; --fuzzy: #4a3410; --fuzzy-ink: #fcd34d;
    --ok: #14351f; --ok-ink: #86efac; --none: #1f2937; --name: #2e1065; --name-line: #a78bfa; }
}
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; padding: 1rem 1.5rem;
  max-width: 110rem; }
header h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
.meta { color: var(--muted); margin: 0 0 .5rem; font-size: .9rem; }
.counts { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; list-style: none;
  padding: 0; margin: .5rem 0; }
.counts b { font-variant-numeric: tabular-nums; }
.filter { display: inline-block; margin: .25rem 0 .75rem; cursor: pointer; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border-bottom: 1px solid var(--line); padding: .4rem .6rem; text-align: left;
  vertical-align: top; }
thead th { position: sticky; top: 0; background: Canvas; border-bottom: 2px solid var(--line); }
col.key { width: 6rem; } col.status { width: 15rem; }
tbody.para + tbody.para tr:first-child > * { border-top: 3px double var(--muted); }
td.key a { color: var(--muted); font: .85rem ui-monospace, monospace; text-decoration: none; }
td.src, td.tgt { white-space: pre-wrap; overflow-wrap: anywhere; }
.meta.source { overflow-wrap: anywhere; }
mark.term { background: var(--term); color: inherit; border-bottom: 2px solid var(--term-line);
  padding: 0 .1em; }
mark.term.name { background: var(--name); border-bottom-color: var(--name-line); }
mark.term.missing { background: var(--miss); border-bottom: 2px dotted var(--miss-line); }
mark.rejected { background: var(--miss); color: inherit; padding: 0 .1em;
  text-decoration: line-through wavy var(--miss-line); }
.lb { color: var(--muted); }
.badge { display: inline-block; border-radius: .25rem; padding: 0 .4rem; font-size: .85rem; }
.badge.reviewed { background: var(--ok); color: var(--ok-ink); }
.badge.fuzzy { background: var(--fuzzy); color: var(--fuzzy-ink); }
.badge.untranslated { background: var(--none); color: var(--muted); }
ul.findings, ul.hints { margin: .3rem 0 0; padding-left: 1.1rem; font-size: .85rem; }
ul.findings li.error { color: var(--miss-line); }
ul.findings li.warning { color: var(--fuzzy-ink); }
td.tgt.empty .none { color: var(--muted); font-style: italic; }
tr.flagged td.key { box-shadow: inset 3px 0 var(--fuzzy-ink); }
tr.flagged.has-error td.key { box-shadow: inset 3px 0 var(--miss-line); }
[hidden] { display: none !important; }
body:has(#only-flagged:checked) tr.seg:not(.flagged) { display: none; }
@media print { thead th { position: static; } .filter { display: none; } }
"""

_SCRIPT = """
(function () {
  "use strict";
  var box = document.getElementById("only-flagged");
  function apply(on) {
    box.checked = on;
    document.querySelectorAll("tbody.para").forEach(function (body) {
      var shown = 0;
      body.querySelectorAll("tr.seg").forEach(function (row) {
        row.hidden = on && !row.classList.contains("flagged");
        if (!row.hidden) { shown += 1; }
      });
      body.hidden = shown === 0;
    });
  }
  box.addEventListener("change", function () {
    apply(box.checked);
    var address = box.checked ? "#flagged" : location.pathname + location.search;
    try {
      history.replaceState(null, "", address);
    } catch (err) { /* some browsers refuse this on file: pages; the filter still works */ }
  });
  window.addEventListener("hashchange", function () {
    if (location.hash === "#flagged") { apply(true); }
  });
  apply(location.hash === "#flagged");
})();
"""


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


CONTENT_SECURITY_POLICY = (
    "default-src 'none'; "
    f"style-src 'sha256-{_sha256(STYLE)}'; "
    f"script-src 'sha256-{_sha256(_SCRIPT)}'; "
    "base-uri 'none'; form-action 'none'"
)


def source_spans(seg: Segment) -> list[Span]:
    """Where each glossary hit sits in the Vietnamese.

    The hit's own span when it holds the matched variant; otherwise (hits read back
    from a file that has no offsets) the first free occurrence of the variant.
    """
    spans: list[Span] = []
    for hit in seg.hits:
        start, end = hit.start, hit.end
        if not (0 <= start < end <= len(seg.source)) or (
            hit.variant and seg.source[start:end] != hit.variant
        ):
            start = _free_occurrence(seg.source, hit.variant, spans)
            end = start + len(hit.variant)
        if start >= 0 and end > start:
            spans.append((start, end, [hit]))
    return _disjoint(spans)


def _free_occurrence(text: str, needle: str, taken: list[Span]) -> int:
    if not needle:
        return -1
    at = text.find(needle)
    while at >= 0 and any(s < at + len(needle) and at < e for s, e, _ in taken):
        at = text.find(needle, at + 1)
    return at


def target_spans(seg: Segment) -> list[Span]:
    """Every occurrence in the English of a form a hit accepts (its term, or another
    accepted form: Russian for Russia; a name in its house form, a place also joined:
    Danang), with the hits that want it."""
    by_form: dict[tuple[str, bool], list[TermHit]] = {}
    for hit in seg.hits:
        forms = (hit.target, *hit.accepted) if hit.kind in ("term", "name") else (hit.target,)
        for form in dict.fromkeys(forms):
            by_form.setdefault((form, hit.kind == "name"), []).append(hit)
    spans = [
        (start, end, hits)
        for (form, name), hits in by_form.items()
        for start, end in (name_spans(seg.target, [form]) if name else form_spans(seg.target, form))
    ]
    return _disjoint(spans)


def _classes(hits: list[TermHit]) -> str:
    """`term`, and `name` for a Vietnamese person or place (highlighted apart)."""
    return "term name" if all(hit.kind == "name" for hit in hits) else "term"


def rejected_spans(seg: Segment) -> list[tuple[int, int, Finding]]:
    """Where the English has a form the glossary rejects (the term-variant findings)."""
    return [
        (f.span[0], f.span[1], f)
        for f in seg.findings
        if f.code == "term-variant" and f.span and 0 <= f.span[0] < f.span[1] <= len(seg.target)
    ]


def _disjoint(spans: list[Span]) -> list[Span]:
    """Spans in order, dropping any that overlaps an earlier (or longer) one."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def _marked(
    text: str, spans: list[Span], mark: Callable[[str, list[TermHit], int, int], str]
) -> str:
    parts: list[str] = []
    pos = 0
    for start, end, hits in spans:
        parts += [escape(text[pos:start]), mark(text[start:end], hits, start, end)]
        pos = end
    parts.append(escape(text[pos:]))
    return "".join(parts)


def _title(hits: list[TermHit]) -> str:
    return escape("; ".join(dict.fromkeys(hit_note(hit) for hit in hits)))


def source_cell(seg: Segment) -> str:
    """The Vietnamese cell: glossary hits marked, a kept line break shown."""
    english = seg.target

    def mark(text: str, hits: list[TermHit], start: int, end: int) -> str:
        lost = bool(english) and not all(hit.applied for hit in hits)
        cls = _classes(hits) + (" missing" if lost else "")
        title = _title(hits) + (" (not in the English)" if lost else "")
        term = escape(hits[0].target)  # the English to use (translit serve inserts it)
        return f'<mark class="{cls}" title="{title}" data-term="{term}">{escape(text)}</mark>'

    html = _marked(seg.source, source_spans(seg), mark)
    if seg.line_break:
        html += '<span class="lb" title="line break in the source">↵</span>'
    return f'<td class="src" lang="vi">{html}</td>'


def _target_cell(seg: Segment) -> str:
    if not seg.target:
        hints = "".join(
            f"<li>{escape(variant)} → <b>{escape(term)}</b></li>"
            for variant, term in dict.fromkeys((h.variant, h.target) for h in seg.hits)
        )
        hint_list = f'<ul class="hints" title="glossary terms to use">{hints}</ul>' if hints else ""
        return (
            f'<td class="tgt empty" lang="en"><span class="none">not translated</span>'
            f"{hint_list}</td>"
        )

    rejected = {(start, end): finding.message for start, end, finding in rejected_spans(seg)}
    # a rejected form wins over a term span it overlaps (it is listed first, and longer)
    spans = _disjoint([(start, end, []) for start, end in rejected] + target_spans(seg))

    def mark(text: str, hits: list[TermHit], start: int, end: int) -> str:
        if not hits:
            note = escape(rejected[(start, end)])
            return f'<mark class="rejected" title="{note}">{escape(text)}</mark>'
        return f'<mark class="{_classes(hits)}" title="{_title(hits)}">{escape(text)}</mark>'

    return f'<td class="tgt" lang="en">{_marked(seg.target, spans, mark)}</td>'


def status_cell(seg: Segment) -> str:
    """The status cell: the status badge and the findings."""
    items = "".join(
        f'<li class="{escape(f.severity)}"><b>{escape(f.code)}</b> {escape(f.message)}</li>'
        for f in seg.findings
    )
    findings = f'<ul class="findings">{items}</ul>' if items else ""
    return f'<td class="status"><span class="badge {seg.status}">{seg.status}</span>{findings}</td>'


def row_classes(seg: Segment) -> str:
    """The classes of a segment's row: `seg`, its status, `flagged`, `has-error`."""
    classes = ["seg", seg.status]
    if flagged(seg):
        classes.append("flagged")
    if any(f.severity == "error" for f in seg.findings):
        classes.append("has-error")
    return " ".join(classes)


def _row(seg: Segment) -> str:
    key = escape(seg.key)
    return (
        f'<tr id="{key}" class="{row_classes(seg)}">'
        f'<td class="key"><a href="#{key}">{key}</a></td>'
        f"{source_cell(seg)}{_target_cell(seg)}{status_cell(seg)}</tr>"
    )


def counts_list(c: Counts) -> str:
    """The items of the header's counts list (segments, reviewed, ... findings)."""
    items = [
        ("segments", c.segments, "segments"),
        ("reviewed", c.reviewed, "reviewed"),
        ("fuzzy", c.fuzzy, "fuzzy"),
        ("untranslated", c.untranslated, "untranslated"),
        ("hits", c.hits, "glossary hits"),
    ]
    items += [(f"findings-{sev}", n, f"{sev} findings") for sev, n in c.findings.items()]
    return "".join(f'<li data-count="{name}"><b>{n}</b> {label}</li>' for name, n, label in items)


def _source_meta(meta: dict[str, str]) -> str:
    """What the source page says about itself (title, author, date, site, address),
    as a line under the heading; the address is a link only when it is http(s)."""
    items = []
    if meta.get("title"):
        items.append(f'<cite lang="vi">{escape(meta["title"])}</cite>')
    for key in ("author", "date", "site"):
        if meta.get(key):
            items.append(f'<span class="{key}">{escape(meta[key])}</span>')
    url = meta.get("url", "")
    if url.lower().startswith(("https://", "http://")):
        items.append(f'<a class="url" href="{escape(url)}" rel="noreferrer">{escape(url)}</a>')
    elif url:
        items.append(f'<span class="url">{escape(url)}</span>')
    return f'<p class="meta source">{" · ".join(items)}</p>\n' if items else ""


def render(doc: Document, run: RunInfo) -> str:
    """The review page for a document."""
    c = count(doc)
    meta = [f"{escape(doc.path.name)}, {escape(run.source_lang)}→{escape(run.target_lang)}"]
    if run.model:
        meta.append(f"model {escape(run.model)}")
    meta.append(f"translit {escape(run.tool_version)}")
    if run.created:
        meta.append(escape(run.created))
    bodies = "\n".join(
        f'<tbody class="para" data-paragraph="{segments[0].paragraph}">\n'
        + "\n".join(_row(seg) for seg in segments)
        + "\n</tbody>"
        for segments in doc.paragraph_segments()
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="translit {escape(run.tool_version)}">
<title>{escape(doc.id)} — translit review</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1>{escape(doc.id)}</h1>
{_source_meta(doc.meta)}<p class="meta">{" · ".join(meta)}</p>
<ul class="counts">{counts_list(c)}</ul>
<label class="filter"><input type="checkbox" id="only-flagged"> show only flagged rows \
(<span data-count="flagged">{c.flagged}</span>: not reviewed, or with findings)</label>
</header>
<table>
<colgroup><col class="key"><col class="src"><col class="tgt"><col class="status"></colgroup>
<thead><tr><th>key</th><th>Vietnamese</th><th>English</th><th>status</th></tr></thead>
{bodies}
</table>
<script>{_SCRIPT}</script>
</body>
</html>
"""
