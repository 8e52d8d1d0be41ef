"""The review app's JSON API and security rules, against the real server on 127.0.0.1.

One server for the module, over a folder the copy model translated; every test starts
from that folder as translated.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import httpx
import polib
import pytest
from typer.testing import CliRunner

from tests.serving import restore, start_server, translate_folder
from translit.cli import app

SEGMENT_KEYS = {"key", "source", "target", "status", "findings", "hits", "comment"}
ARTICLE_KEYS = {"id", "title", "segments", "reviewed", "fuzzy", "untranslated", "errors"}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory, copy_models_dir) -> Path:
    return translate_folder(tmp_path_factory.mktemp("serve-api"), copy_models_dir)


@pytest.fixture(scope="module")
def running(tmp_path_factory, pristine, copy_models_dir):
    workdir = tmp_path_factory.mktemp("serve-api-run")
    folder = workdir / "outputs"
    shutil.copytree(pristine, folder)
    server = start_server(folder, workdir, copy_models_dir)
    yield server
    server.stop()


@pytest.fixture
def server(running, pristine):
    restore(pristine, running.folder)
    return running


@pytest.fixture
def client(server):
    with httpx.Client(base_url=server.base, headers=server.auth, timeout=60) as c:
        yield c


def version(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def po_entry(path: Path, key: str) -> polib.POEntry:
    return next(e for e in polib.pofile(str(path)) if e.msgctxt == key and not e.obsolete)


def msgfmt_ok(path: Path) -> None:
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt is not installed (apt-get install gettext)")
    out = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True)
    assert out.returncode == 0, out.stderr.decode()


def put(client, key: str, body: dict, article: str = "hoi-nghi") -> httpx.Response:
    return client.put(f"/api/articles/{article}/segments/{key}", json=body)


# --- reading ---------------------------------------------------------------------------


def test_the_first_line_is_the_url_with_the_token(server):
    assert server.first_line == f"http://127.0.0.1:{server.port}/?token={server.token}"


def test_articles_lists_each_article_with_its_review_counts(client):
    articles = client.get("/api/articles").json()
    assert [a["id"] for a in articles] == ["gia-lua", "hoi-nghi"]
    for a in articles:
        assert set(a) == ARTICLE_KEYS | {"warnings"}
    hoi = articles[1]
    assert hoi["title"] == "Hội nghị về an ninh năng lượng khai mạc tại Moscow"  # its English
    assert (hoi["segments"], hoi["reviewed"], hoi["fuzzy"], hoi["untranslated"]) == (4, 0, 4, 0)
    assert hoi["warnings"] > 0  # the copy model leaves Vietnamese in the "English"


def test_article_gives_its_version_and_segments(client, server):
    data = client.get("/api/articles/hoi-nghi").json()
    assert set(data) == {"id", "version", "segments"}
    assert data["id"] == "hoi-nghi"
    assert data["version"] == version(server.folder / "hoi-nghi.po")
    segs = data["segments"]
    assert [s["key"] for s in segs] == ["p1.s1", "p2.s1", "p2.s2", "p3.s1"]
    assert all(set(s) == SEGMENT_KEYS for s in segs)
    first = segs[0]
    assert first["source"] == "Hội nghị về an ninh năng lượng khai mạc tại Mátxcơva"
    assert first["status"] == "fuzzy"
    hit = next(h for h in first["hits"] if h["kind"] == "term")
    assert (hit["variant"], hit["target"], hit["applied"]) == ("Mátxcơva", "Moscow", True)
    assert first["source"][hit["start"] : hit["end"]] == "Mátxcơva"
    dated = next(h for h in segs[1]["hits"] if h["kind"] == "date")
    assert dated["variant"] == "7.12" and dated["target"] == "December 7"
    assert {f["code"] for f in first["findings"]} == {"untranslated"}
    assert all(set(f) == {"code", "severity", "message"} for f in first["findings"])


# --- saving ----------------------------------------------------------------------------


def test_approving_an_edit_saves_it_to_the_po_and_rebuilds_the_article(client, server, tmp_path):
    path = server.folder / "hoi-nghi.po"
    before = path.read_text(encoding="utf-8")
    start = client.get("/api/articles/hoi-nghi").json()
    english = "The energy security conference opens in Moscow"
    response = put(
        client, "p1.s1", {"target": english, "approved": True, "version": start["version"]}
    )
    assert response.status_code == 200, response.text
    data = response.json()
    assert set(data) == {"version", "segment"}
    assert data["version"] == version(path) != start["version"]
    seg = data["segment"]
    assert (seg["target"], seg["status"], seg["findings"]) == (english, "reviewed", [])
    entry = po_entry(path, "p1.s1")
    assert (
        entry.msgstr == english
        and not entry.fuzzy
        and entry.comment == "glossary: Mátxcơva → Moscow"
    )
    msgfmt_ok(path)
    # every other entry and the header are the same bytes
    after = path.read_text(encoding="utf-8")
    old_block = before.split("\n\n")[1]
    assert after.replace(after.split("\n\n")[1], old_block) == before
    # the files translit build makes, as it makes them
    assert (
        (server.folder / "hoi-nghi.en.txt").read_text(encoding="utf-8").startswith(english + "\n")
    )
    html = (server.folder / "hoi-nghi.html").read_text(encoding="utf-8")
    assert "The energy security conference opens in <mark" in html  # Moscow marked as a term
    table = CliRunner().invoke(app, ["review", str(server.folder)]).output
    row = next(line.split() for line in table.splitlines() if line.startswith("hoi-nghi"))
    assert row[1:5] == ["4", "1", "3", "0"]  # segments, reviewed, fuzzy, untranslated
    built = tmp_path / "built"
    result = CliRunner().invoke(app, ["build", str(path), "-o", str(built), "--format", "txt"])
    assert result.exit_code == 0, result.output
    assert (built / "hoi-nghi.en.txt").read_bytes() == (
        server.folder / "hoi-nghi.en.txt"
    ).read_bytes()


def test_a_finding_goes_away_when_the_english_is_fixed(client):
    v = client.get("/api/articles/hoi-nghi").json()["version"]
    wrong = put(
        client,
        "p1.s1",
        {"target": "The conference opens in Moskva", "approved": False, "version": v},
    )
    assert wrong.status_code == 200
    codes = {f["code"]: f["severity"] for f in wrong.json()["segment"]["findings"]}
    assert codes == {"term-variant": "error"}  # Moskva is the one problem (not also term-missing)
    assert wrong.json()["segment"]["status"] == "fuzzy"
    fixed = put(
        client,
        "p1.s1",
        {
            "target": "The conference opens in Moscow",
            "approved": False,
            "version": wrong.json()["version"],
        },
    )
    assert fixed.json()["segment"]["findings"] == []
    listed = {a["id"]: a for a in client.get("/api/articles").json()}
    assert listed["hoi-nghi"]["errors"] == 0


def test_check_recomputes_findings_as_you_type_without_saving(client, server):
    path = server.folder / "hoi-nghi.po"
    before = path.read_bytes()
    r = client.post(
        "/api/articles/hoi-nghi/segments/p3.s1/check", json={"target": "Power prices rise 5%."}
    )
    assert r.status_code == 200
    assert "number-mismatch" in {f["code"] for f in r.json()["findings"]}
    ok = client.post(
        "/api/articles/hoi-nghi/segments/p3.s1/check",
        json={"target": "Electricity prices are expected to rise 2.5% next year."},
    )
    assert ok.json()["findings"] == []
    assert path.read_bytes() == before


def test_unapprove_and_comment(client, server):
    path = server.folder / "hoi-nghi.po"
    v = client.get("/api/articles/hoi-nghi").json()["version"]
    r = put(
        client,
        "p2.s2",
        {
            "target": "The White House sent greetings.",
            "approved": True,
            "version": v,
            "comment": "kiểm tra lại\ndòng hai",
        },
    )
    assert r.json()["segment"]["comment"] == "kiểm tra lại\ndòng hai"
    assert po_entry(path, "p2.s2").tcomment == "kiểm tra lại\ndòng hai"
    r = put(
        client,
        "p2.s2",
        {
            "target": "The White House sent greetings.",
            "approved": False,
            "version": r.json()["version"],
        },
    )
    assert r.json()["segment"]["status"] == "fuzzy"
    entry = po_entry(path, "p2.s2")
    assert entry.fuzzy and entry.tcomment == "kiểm tra lại\ndòng hai"  # no "comment": kept
    msgfmt_ok(path)
    got = client.get("/api/articles/hoi-nghi").json()["segments"][2]
    assert got["comment"] == "kiểm tra lại\ndòng hai" and got["status"] == "fuzzy"


def test_a_po_changed_on_disk_is_not_overwritten(client, server):
    path = server.folder / "hoi-nghi.po"
    stale = client.get("/api/articles/hoi-nghi").json()["version"]
    po = polib.pofile(str(path))  # a PO editor saves another entry meanwhile
    next(e for e in po if e.msgctxt == "p3.s1").msgstr = "Edited in Poedit."
    po.save()
    on_disk = path.read_bytes()
    r = put(client, "p1.s1", {"target": "Mine.", "approved": True, "version": stale})
    assert r.status_code == 409
    assert r.json()["reason"] == "changed" and "changed on disk" in r.json()["error"]
    assert path.read_bytes() == on_disk
    fresh = client.get("/api/articles/hoi-nghi").json()
    assert fresh["segments"][3]["target"] == "Edited in Poedit."
    r = put(client, "p1.s1", {"target": "Mine.", "approved": True, "version": fresh["version"]})
    assert r.status_code == 200
    assert po_entry(path, "p3.s1").msgstr == "Edited in Poedit."  # both edits kept
    assert po_entry(path, "p1.s1").msgstr == "Mine."


def test_a_save_while_translate_runs_on_the_folder_is_refused(client, server):
    from translit.runstate import output_lock

    path = server.folder / "hoi-nghi.po"
    v = client.get("/api/articles/hoi-nghi").json()["version"]
    before = path.read_bytes()
    with output_lock(server.folder):  # what translit translate holds while it writes
        r = put(client, "p1.s1", {"target": "Mine.", "approved": True, "version": v})
    assert r.status_code == 409 and r.json()["reason"] == "busy"
    assert "another translit run" in r.json()["error"]
    assert path.read_bytes() == before
    assert (
        put(client, "p1.s1", {"target": "Mine.", "approved": True, "version": v}).status_code == 200
    )


def test_machine_english_is_what_translate_wrote(client, server):
    machine = po_entry(server.folder / "hoi-nghi.po", "p2.s1").msgstr
    v = client.get("/api/articles/hoi-nghi").json()["version"]
    put(client, "p2.s1", {"target": "Edited.", "approved": True, "version": v})
    r = client.post("/api/articles/hoi-nghi/segments/p2.s1/machine", json={})
    assert r.status_code == 200, r.text
    assert r.json() == {"target": machine}
    assert po_entry(server.folder / "hoi-nghi.po", "p2.s1").msgstr == "Edited."  # not saved


# --- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"[]", "must be a JSON object"),
        (b'{"target": "x", "approved": true}', "missing field 'version'"),
        (b'{"target": 1, "approved": true, "version": "v"}', "'target' must be a string"),
        (b'{"target": "x", "approved": "yes", "version": "v"}', "'approved' must be true or false"),
        (b'{"target": "x", "approved": 1, "version": "v"}', "'approved' must be true or false"),
        (
            b'{"target": "x", "approved": true, "version": "v", "aproved": 1}',
            "unknown field 'aproved'",
        ),
        (b'{"target": "a\\nb", "approved": true, "version": "V"}', "must not hold a line break"),
        (b'{"target": "a\\u0000b", "approved": true, "version": "V"}', "control character U+0000"),
        (b'{"target": " ", "approved": true, "version": "V"}', "nothing to approve"),
        (b"\xff\xfe", "not valid JSON"),
        # half of a UTF-16 pair is no character: it cannot be written as UTF-8
        (b'{"target": "a\\ud800b", "approved": true, "version": "V"}', "lone surrogate U+D800"),
        (b'{"target": "x", "approved": true, "version": "V", "comment": "\\udfff"}', "U+DFFF"),
    ],
)
def test_bad_edits_get_400_with_a_json_error(client, server, body, message):
    v = client.get("/api/articles/hoi-nghi").json()["version"]
    before = (server.folder / "hoi-nghi.po").read_bytes()
    r = client.put(
        "/api/articles/hoi-nghi/segments/p1.s1",
        content=body.replace(b'"V"', f'"{v}"'.encode()),
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 400, r.text
    assert message in r.json()["error"]
    assert (server.folder / "hoi-nghi.po").read_bytes() == before


def test_check_as_you_type_refuses_what_a_save_refuses(client):
    r = client.post(
        "/api/articles/hoi-nghi/segments/p1.s1/check",
        content=b'{"target": "Summit \\ud83d"}',  # a pasted emoji cut in half
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 400 and "lone surrogate U+D83D" in r.json()["error"]


def test_json_nested_too_deep_is_400_not_a_server_error(client):
    deep = b"[" * 100_000 + b"]" * 100_000  # well under the size limit
    for body in (deep, b'{"target": ' + deep + b"}"):
        r = client.post(
            "/api/articles/hoi-nghi/segments/p1.s1/check",
            content=body,
            headers={"Content-Type": "application/json"},
        )
        assert r.status_code == 400 and "not valid JSON" in r.json()["error"]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_unicode_line_separators_never_damage_the_po(client, server, separator):
    """PO readers (polib, translit's own) split lines at U+2028/U+2029 too: in the
    English such a character is a line break (refused); in a comment it is one."""
    path = server.folder / "hoi-nghi.po"
    v = client.get("/api/articles/hoi-nghi").json()["version"]
    body = {"target": f"The summit{separator}opens", "approved": True, "version": v}
    r = put(client, "p1.s1", body)
    assert r.status_code == 400 and "must not hold a line break" in r.json()["error"]
    assert version(path) == v
    comment = f"kiểm tra{separator}dòng hai"
    body = {"target": "The summit opens", "approved": True, "version": v, "comment": comment}
    r = put(client, "p1.s1", body)
    assert r.status_code == 200, r.text
    assert r.json()["segment"]["comment"] == "kiểm tra\ndòng hai"
    again = client.get("/api/articles/hoi-nghi")
    assert again.status_code == 200, again.text  # the PO still reads
    assert again.json()["segments"][0]["comment"] == "kiểm tra\ndòng hai"
    msgfmt_ok(path)


@pytest.mark.parametrize(
    "path",
    [
        "/api/articles/nope",
        "/api/articles/hoi-nghi/segments/p9.s9",
        "/api/articles/..%2Fhoi-nghi/segments/p1.s1",
        "/api/articles/hoi-nghi.po/segments/p1.s1",
        "/api/nothing",
    ],
)
def test_unknown_articles_and_keys_get_404_with_a_json_error(client, path):
    r = client.put(path, json={"target": "x", "approved": False, "version": "v"})
    if path in ("/api/articles/nope",):
        r = client.get(path)
    assert r.status_code == 404, r.text
    assert r.json()["error"]


def test_writes_need_a_json_body(client):
    v = client.get("/api/articles/hoi-nghi").json()["version"]
    for kind in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
        r = client.put(
            "/api/articles/hoi-nghi/segments/p1.s1",
            content=f'{{"target": "x", "approved": true, "version": "{v}"}}',
            headers={"Content-Type": kind},
        )
        assert r.status_code == 415, kind


# --- security --------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/articles/hoi-nghi", "/static/serve.js", "/api/articles"])
def test_no_token_is_401_and_a_wrong_one_403(server, path):
    assert httpx.get(server.base + path).status_code == 401
    wrong = {"Authorization": "Bearer " + "x" * len(server.token)}
    assert httpx.get(server.base + path, headers=wrong).status_code == 403
    assert (
        httpx.get(server.base + path, cookies={f"translit-{server.port}": "nope"}).status_code
        == 403
    )
    assert httpx.get(server.base + path, headers=server.auth).status_code == 200


def test_the_token_in_the_url_becomes_a_cookie(server):
    with httpx.Client(base_url=server.base) as browser:
        r = browser.get(f"/articles/hoi-nghi?token={server.token}")
        assert r.status_code == 303 and r.headers["location"] == "/articles/hoi-nghi"
        cookie = r.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        assert browser.get("/articles/hoi-nghi").status_code == 200  # the cookie is enough
        r = browser.put(
            "/api/articles/hoi-nghi/segments/p1.s1",
            json={"target": "x", "approved": False, "version": "old"},
        )
        assert r.status_code == 409  # authorized (the version is stale)


def test_a_wrong_host_header_is_refused(server):
    for host in ("evil.example", f"evil.example:{server.port}", f"127.0.0.1:{server.port + 1}"):
        r = httpx.get(f"{server.base}/api/articles", headers={**server.auth, "Host": host})
        assert r.status_code == 403, host
    r = httpx.get(
        f"{server.base}/api/articles", headers={**server.auth, "Host": f"localhost:{server.port}"}
    )
    assert r.status_code == 200


def test_no_cors_and_no_cross_site_writes(server, client):
    v = client.get("/api/articles/hoi-nghi").json()["version"]
    r = client.put(
        "/api/articles/hoi-nghi/segments/p1.s1",
        json={"target": "x", "approved": True, "version": v},
        headers={"Origin": "http://evil.example"},
    )
    assert r.status_code == 403
    pre = client.options(
        "/api/articles/hoi-nghi/segments/p1.s1",
        headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "PUT"},
    )
    assert pre.status_code == 405
    for response in (
        r,
        pre,
        client.get("/api/articles", headers={"Origin": "http://evil.example"}),
    ):
        assert not [h for h in response.headers if h.lower().startswith("access-control-")]


def test_pages_have_a_strict_csp_and_escape_the_article(client):
    page = client.get("/articles/gia-lua")
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<script>alert" not in page.text
    assert client.get("/").headers["content-security-policy"] == csp


# --- the command -----------------------------------------------------------------------


def test_ctrl_c_stops_it_cleanly(tmp_path, pristine, copy_models_dir):
    folder = tmp_path / "outputs"
    shutil.copytree(pristine, folder)
    server = start_server(folder, tmp_path, copy_models_dir)
    code, stderr = server.stop()
    assert code == 0 and "Traceback" not in stderr and stderr.rstrip().endswith("stopped")
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in pristine.iterdir())


def test_a_folder_without_po_files_or_a_remote_host_is_one_line_error(tmp_path, run_cli):
    (tmp_path / "empty").mkdir()
    result = run_cli("serve", "empty")
    assert (
        result.exit_code == 2
        and result.stderr == "error: empty: no .po review files here (run translit translate)\n"
    )
    result = run_cli("serve", "missing")
    assert result.exit_code == 2 and result.stderr.startswith("error: missing: no such file")
    result = run_cli("serve", "empty", "--host", "0.0.0.0")
    assert result.exit_code == 2 and "--allow-remote" in result.stderr


# --- hostile folders and requests ------------------------------------------------------


def test_a_planted_symlink_is_neither_listed_nor_written_through(client, server, tmp_path):
    outside = tmp_path / "elsewhere.po"
    shutil.copy(server.folder / "gia-lua.po", outside)
    (server.folder / "evil.po").symlink_to(outside)
    assert "evil" not in [a["id"] for a in client.get("/api/articles").json()]
    assert client.get("/api/articles/evil").status_code == 404
    # a link where the article's .en.txt goes is neither written through nor replaced
    # (translit.io.write_atomic); the PO is saved all the same
    target = tmp_path / "precious.txt"
    target.write_text("keep me", encoding="utf-8")
    (server.folder / "hoi-nghi.en.txt").unlink()
    (server.folder / "hoi-nghi.en.txt").symlink_to(target)
    v = client.get("/api/articles/hoi-nghi").json()["version"]
    assert (
        put(client, "p1.s1", {"target": "Mine", "approved": True, "version": v}).status_code == 200
    )
    assert target.read_text(encoding="utf-8") == "keep me"
    assert (server.folder / "hoi-nghi.en.txt").is_symlink()
    assert 'msgstr "Mine"' in (server.folder / "hoi-nghi.po").read_text(encoding="utf-8")


def test_a_damaged_po_is_reported_and_the_others_still_served(client, server):
    (server.folder / "gia-lua.po").write_text('msgid "broken\n', encoding="utf-8")
    assert [a["id"] for a in client.get("/api/articles").json()] == ["hoi-nghi"]
    r = client.get("/api/articles/gia-lua")
    assert r.status_code == 422 and "gia-lua.po: entry has no segment key" in r.json()["error"]
    index = client.get("/")
    assert index.status_code == 200 and "gia-lua.po" in index.text and "hoi-nghi" in index.text


def test_a_po_whose_name_is_not_utf8_is_reported_and_the_others_still_served(client, server):
    import os

    shutil.copy(server.folder / "hoi-nghi.po", server.folder / os.fsdecode(b"tin-n\xf3ng.po"))
    assert [a["id"] for a in client.get("/api/articles").json()] == ["gia-lua", "hoi-nghi"]
    index = client.get("/")
    assert index.status_code == 200 and "hoi-nghi" in index.text
    assert "tin-n\ufffdng.po: the file name is not UTF-8" in index.text


def test_a_huge_body_is_refused(client):
    big = b'{"target": "' + b"a" * (2 << 20) + b'", "approved": false, "version": "v"}'
    r = client.put(
        "/api/articles/hoi-nghi/segments/p1.s1",
        content=big,
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 400 and "larger than" in r.json()["error"]


def test_an_article_id_outside_ascii_works(client, server):
    shutil.copy(server.folder / "hoi-nghi.po", server.folder / "tin-nóng.po")
    assert "tin-nóng" in [a["id"] for a in client.get("/api/articles").json()]
    data = client.get("/api/articles/tin-n%C3%B3ng").json()
    r = put(
        client, "p1.s1", {"target": "Hot", "approved": True, "version": data["version"]}, "tin-nóng"
    )
    assert r.status_code == 200
    assert po_entry(server.folder / "tin-nóng.po", "p1.s1").msgstr == "Hot"
    assert client.get("/articles/tin-n%C3%B3ng").status_code == 200


def test_the_readme_lists_the_keys_the_page_lists():
    from tests.conftest import ROOT
    from translit.serve.page import KEYS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for keys, what in KEYS:
        shown = keys if " " in keys else "+".join(f"<kbd>{k}</kbd>" for k in keys.split("+"))
        assert f"| {shown} | {what} |" in readme, keys


def test_concurrent_saves_on_one_version_let_exactly_one_through(client, server):
    from concurrent.futures import ThreadPoolExecutor

    path = server.folder / "hoi-nghi.po"
    v = client.get("/api/articles/hoi-nghi").json()["version"]
    keys = ["p1.s1", "p2.s1", "p2.s2", "p3.s1"] * 2

    def save(i_key):
        i, key = i_key
        body = {"target": f"Edit {i}.", "approved": True, "version": v}
        with httpx.Client(base_url=server.base, headers=server.auth, timeout=60) as c:
            return key, c.put(f"/api/articles/hoi-nghi/segments/{key}", json=body)

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(save, enumerate(keys)))
    codes = sorted(r.status_code for _, r in results)
    assert codes == [200] + [409] * 7
    key, winner = next((k, r) for k, r in results if r.status_code == 200)
    assert winner.json()["version"] == version(path)
    assert po_entry(path, key).msgstr == winner.json()["segment"]["target"]
    assert sum(1 for e in polib.pofile(str(path)) if e.msgstr.startswith("Edit ")) == 1
    msgfmt_ok(path)
