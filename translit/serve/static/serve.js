/* translit serve: the review app's pages. No build step, no libraries, no network
   but this server's own /api/. Everything from an article goes in as text
   (textContent, value), never as HTML. */
(function () {
  "use strict";

  var body = document.body;
  var CHECK_DELAY = 300; // ms after the last keystroke before findings are rechecked

  function api(method, url, payload) {
    var init = { method: method, credentials: "same-origin", headers: { Accept: "application/json" } };
    if (payload !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(payload);
    }
    return fetch(url, init).then(function (response) {
      return response.json().catch(function () {
        return { error: response.status + " " + response.statusText };
      }).then(function (data) {
        return { status: response.status, ok: response.ok, data: data };
      });
    });
  }

  var OFFLINE = "the server did not answer (is translit serve still running?); your text is kept here";

  /* --- the index -------------------------------------------------------------------- */

  function initIndex() {
    var table = document.querySelector("table.index");
    var tbody = table.tBodies[0];
    var box = document.getElementById("needs-work");
    box.addEventListener("change", function () {
      Array.prototype.forEach.call(tbody.rows, function (row) {
        row.hidden = box.checked && row.classList.contains("done");
      });
    });
    table.querySelectorAll("th[data-sort] button").forEach(function (button) {
      button.addEventListener("click", function () {
        var th = button.parentElement;
        var column = Number(button.dataset.column);
        var numeric = th.dataset.sort === "number";
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th[data-sort]").forEach(function (other) {
          other.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(tbody.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column].textContent, y = b.cells[column].textContent;
          var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { tbody.appendChild(row); });
      });
    });
  }

  /* --- the article editor ----------------------------------------------------------- */

  function initArticle() {
    var base = "/api/articles/" + encodeURIComponent(body.dataset.article);
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr.seg"));
    var notice = document.querySelector("p.notice");

    function editor(row) { return row.querySelector("textarea.editor"); }
    function commentBox(row) { return row.querySelector("textarea.comment"); }
    function segmentUrl(row) { return base + "/segments/" + encodeURIComponent(row.dataset.key); }
    function status(row) {
      return ["reviewed", "fuzzy", "untranslated"].filter(function (s) {
        return row.classList.contains(s);
      })[0];
    }
    function dirty(row) {
      var ed = editor(row), note = commentBox(row);
      return ed.value !== ed.defaultValue || note.value !== note.defaultValue;
    }
    function setState(row, text, kind) {
      var state = row.querySelector(".state");
      state.textContent = text;
      state.className = "state" + (kind ? " " + kind : "");
    }
    function currentRow() {
      var el = document.activeElement;
      return el && el.closest ? el.closest("tr.seg") : null;
    }
    // a textarea's saved text: its default value (the page's, then each save's)
    function setSaved(box, text) {
      box.defaultValue = text;
      box.value = text;
    }

    /* findings, status and glossary marks from a segment of the API */
    function showFindings(row, seg) {
      var cell = row.querySelector("td.status");
      var list = cell.querySelector("ul.findings");
      if (list) { list.remove(); }
      if (seg.findings.length) {
        list = document.createElement("ul");
        list.className = "findings";
        seg.findings.forEach(function (f) {
          var item = document.createElement("li");
          var code = document.createElement("b");
          item.className = f.severity;
          code.textContent = f.code;
          item.appendChild(code);
          item.appendChild(document.createTextNode(" " + f.message));
          list.appendChild(item);
        });
        cell.appendChild(list);
      }
      var errors = seg.findings.some(function (f) { return f.severity === "error"; });
      row.classList.toggle("has-error", errors);
      row.classList.toggle("flagged", status(row) !== "reviewed" || seg.findings.length > 0);
      var lost = {};
      seg.hits.forEach(function (h) {
        if (seg.target && !h.applied) { lost[h.target] = true; }
      });
      row.querySelectorAll("td.src mark.term").forEach(function (mark) {
        mark.classList.toggle("missing", Boolean(lost[mark.dataset.term]));
      });
      updateCounts();
    }
    function showStatus(row, seg) {
      ["reviewed", "fuzzy", "untranslated"].forEach(function (s) {
        row.classList.toggle(s, s === seg.status);
      });
      var badge = row.querySelector("td.status .badge");
      badge.className = "badge " + seg.status;
      badge.textContent = seg.status;
      showFindings(row, seg);
    }
    function updateCounts() {
      var counts = { segments: rows.length, reviewed: 0, fuzzy: 0, untranslated: 0 };
      var findings = { error: 0, warning: 0, info: 0 };
      rows.forEach(function (row) {
        counts[status(row)] += 1;
        row.querySelectorAll("td.status ul.findings li").forEach(function (li) {
          findings[li.className] = (findings[li.className] || 0) + 1;
        });
      });
      Object.keys(findings).forEach(function (sev) { counts["findings-" + sev] = findings[sev]; });
      Object.keys(counts).forEach(function (name) {
        var item = document.querySelector('.counts [data-count="' + name + '"] b');
        if (item) { item.textContent = String(counts[name]); }
      });
    }

    /* saving */
    function save(row, approved, then) {
      var ed = editor(row), note = commentBox(row);
      var payload = { target: ed.value, approved: approved, version: body.dataset.version };
      if (note.value !== note.defaultValue) { payload.comment = note.value; }
      setState(row, "saving…");
      return api("PUT", segmentUrl(row), payload).then(function (r) {
        if (r.ok) {
          body.dataset.version = r.data.version;
          if (ed.value === payload.target) { setSaved(ed, r.data.segment.target); }
          else { ed.defaultValue = r.data.segment.target; } // typed on meanwhile: keep it
          setSaved(note, r.data.segment.comment);
          row.classList.toggle("dirty", dirty(row));
          showStatus(row, r.data.segment);
          row.querySelector(".conflict").hidden = true;
          setState(row, approved ? "approved and saved" : "saved", "ok");
          if (then) { then(); }
        } else if (r.status === 409 && r.data.reason === "changed") {
          conflict(row, r.data.error);
        } else {
          setState(row, r.data.error || "error " + r.status, "error");
        }
      }, function () { setState(row, OFFLINE, "error"); });
    }

    /* the PO changed on disk: keep the reviewer's text, offer to reload */
    function conflict(row, message) {
      var box = row.querySelector(".conflict");
      box.hidden = false;
      box.querySelector(".message").textContent = message;
      box.querySelector(".yours").hidden = true;
      setState(row, "not saved", "error");
    }
    function reload(row) {
      var mine = editor(row).value;
      api("GET", base).then(function (r) {
        if (!r.ok) { setState(row, r.data.error || "error " + r.status, "error"); return; }
        body.dataset.version = r.data.version;
        r.data.segments.forEach(function (seg) {
          var other = document.getElementById(seg.key);
          if (!other || !other.classList.contains("seg")) { return; }
          var ed = editor(other);
          if (other !== row && !dirty(other)) {
            setSaved(ed, seg.target);
            setSaved(commentBox(other), seg.comment);
          } else if (seg.target === ed.defaultValue) {
            ed.defaultValue = seg.target; // unchanged on disk: the reviewer's text stays
          } else {
            var yours = other.querySelector(".conflict .yours");
            var kept = ed.value;
            setSaved(ed, seg.target);
            other.querySelector(".conflict").hidden = false;
            other.querySelector(".conflict .message").textContent =
              "The English on disk is now in the editor; your text is below.";
            yours.hidden = false;
            yours.querySelector("q").textContent = kept;
            yours.dataset.text = kept;
          }
          other.classList.toggle("dirty", dirty(other));
          showStatus(other, seg);
        });
        if (editor(row).value === mine) {
          row.querySelector(".conflict").hidden = true;
          setState(row, "reloaded: this segment was not changed on disk; save again", "ok");
        } else {
          setState(row, "reloaded", "ok");
        }
        editor(row).focus();
      }, function () { setState(row, OFFLINE, "error"); });
    }

    /* findings as you type (nothing saved) */
    function recheck(row) {
      var ed = editor(row);
      clearTimeout(row.recheckTimer);
      row.recheckTimer = setTimeout(function () {
        var text = ed.value;
        api("POST", segmentUrl(row) + "/check", { target: text }).then(function (r) {
          if (r.ok && ed.value === text) { showFindings(row, r.data); }
        }, function () { /* the next save says so */ });
      }, CHECK_DELAY);
    }
    function edited(row) {
      row.classList.toggle("dirty", dirty(row));
      setState(row, dirty(row) ? "not saved" : "", dirty(row) ? "pending" : "");
      recheck(row);
    }

    function insertAtCursor(row, text) {
      var ed = editor(row);
      ed.focus();
      ed.setRangeText(text, ed.selectionStart, ed.selectionEnd, "end");
      edited(row);
    }

    /* filters */
    function filterValue() {
      var checked = document.querySelector('input[name="filter"]:checked');
      return checked ? checked.value : "all";
    }
    function matches(row, filter) {
      if (filter === "flagged") { return row.classList.contains("flagged"); }
      if (filter === "errors") { return row.classList.contains("has-error"); }
      if (filter === "fuzzy" || filter === "untranslated") { return row.classList.contains(filter); }
      return true;
    }
    function applyFilter(keep) {
      var filter = filterValue();
      rows.forEach(function (row) { row.hidden = !matches(row, filter) && row !== keep; });
      document.querySelectorAll("tbody.para").forEach(function (tbody) {
        tbody.hidden = !tbody.querySelector("tr.seg:not([hidden])");
      });
    }
    function visible() { return rows.filter(function (row) { return !row.hidden; }); }
    function go(row, step) {
      var shown = visible();
      var at = shown.indexOf(row);
      var next = at < 0 ? shown[step > 0 ? 0 : shown.length - 1] : shown[at + step];
      if (next) { focusRow(next); }
      return next;
    }
    function focusRow(row) {
      rows.forEach(function (r) { r.classList.toggle("current", r === row); });
      var ed = editor(row);
      ed.focus();
      ed.setSelectionRange(ed.value.length, ed.value.length);
      row.scrollIntoView({ block: "center" });
    }
    function nextAfter(row) {
      var later = rows.slice(rows.indexOf(row) + 1);
      var filter = filterValue();
      return later.filter(function (r) { return matches(r, filter); })[0];
    }

    rows.forEach(function (row) {
      var ed = editor(row), note = commentBox(row);
      ed.addEventListener("input", function () { edited(row); });
      note.addEventListener("input", function () { edited(row); });
      ed.addEventListener("focus", function () {
        rows.forEach(function (r) { r.classList.toggle("current", r === row); });
      });
      row.querySelector("button.save").addEventListener("click", function () {
        save(row, status(row) === "reviewed");
      });
      row.querySelector("button.approve").addEventListener("click", function () { save(row, true); });
      row.querySelector("button.unapprove").addEventListener("click", function () {
        save(row, false);
      });
      row.querySelector("button.undo").addEventListener("click", function () { undo(row); });
      row.querySelector("button.comment-toggle").addEventListener("click", function () {
        var label = row.querySelector("label.comment");
        label.hidden = !label.hidden;
        if (!label.hidden) { note.focus(); }
      });
      row.querySelector("button.machine").addEventListener("click", function () {
        setState(row, "asking the model…");
        api("POST", segmentUrl(row) + "/machine", {}).then(function (r) {
          if (!r.ok) { setState(row, r.data.error || "error " + r.status, "error"); return; }
          ed.value = r.data.target;
          edited(row);
          setState(row, "machine English: not saved yet", "pending");
          ed.focus();
        }, function () { setState(row, OFFLINE, "error"); });
      });
      row.querySelector("button.reload").addEventListener("click", function () { reload(row); });
      row.querySelector("button.use-mine").addEventListener("click", function () {
        var yours = row.querySelector(".conflict .yours");
        ed.value = yours.dataset.text || "";
        row.querySelector(".conflict").hidden = true;
        edited(row);
        ed.focus();
      });
      row.querySelectorAll("td.src mark.term").forEach(function (mark) {
        mark.addEventListener("mousedown", function (event) { event.preventDefault(); });
        mark.addEventListener("click", function () { insertAtCursor(row, mark.dataset.term); });
      });
    });

    function undo(row) {
      var ed = editor(row), note = commentBox(row);
      ed.value = ed.defaultValue;
      note.value = note.defaultValue;
      edited(row);
      setState(row, "");
    }

    document.querySelectorAll('input[name="filter"]').forEach(function (input) {
      input.addEventListener("change", function () { applyFilter(null); });
    });

    document.addEventListener("keydown", function (event) {
      var row = currentRow();
      if (event.altKey && (event.key === "PageDown" || event.key === "PageUp")) {
        event.preventDefault();
        go(row, event.key === "PageDown" ? 1 : -1);
      } else if (row && (event.ctrlKey || event.metaKey) && event.key === "Enter") {
        event.preventDefault();
        if (event.shiftKey) {
          save(row, true, function () {
            var next = nextAfter(row);
            applyFilter(next);
            if (next) { focusRow(next); } else { notice.hidden = false; notice.textContent = "Last segment approved."; }
          });
        } else {
          save(row, status(row) === "reviewed");
        }
      } else if (row && event.key === "Escape") {
        event.preventDefault();
        undo(row);
      } else if (row && event.key === "Enter" && event.target === editor(row)) {
        event.preventDefault(); // a segment's English is one line
      }
    });

    window.addEventListener("beforeunload", function (event) {
      if (rows.some(dirty)) {
        event.preventDefault();
        event.returnValue = "";
      }
    });

    var first = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (first && first.classList.contains("seg")) { focusRow(first); }
    else if (rows.length) { focusRow(rows[0]); }
  }

  if (body.dataset.page === "index") { initIndex(); }
  if (body.dataset.page === "article") { initArticle(); }
})();
