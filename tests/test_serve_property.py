"""A property of `translit serve` and `translit translate` on one folder: random API
edits, approvals and comments interleaved with translate re-runs (on the copy model,
the article changing between runs) never lose a reviewer's text, and every PO stays
valid (`msgfmt -c`, and translit reads it back)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translit.document import Glossary
from translit.engines import CT2Engine
from translit.formats import po
from translit.glossary import load_glossaries, shipped_glossaries
from translit.glossary.enforce import term_policy
from translit.models import find_model
from translit.pipeline import translate_paths
from translit.serve.app import Access, create_app
from translit.serve.store import ReviewFolder

# Starlette's TestClient (the app in-process, over httpx) warns that it may move to httpx2
pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
MSGFMT = shutil.which("msgfmt")
# Versions of one article the desk rewrites between runs: a sentence edited, one
# removed and one added, one that comes back.
HEADLINE = "Giá điện tăng từ tháng sau"
BODY = [
    "Bộ Công Thương cho biết giá điện sẽ tăng 3%.",
    "Người dân ở Hà Nội lo lắng về chi phí.",
    "Nhiều doanh nghiệp đề nghị giảm thuế.",
]
VERSIONS = [
    BODY,
    [BODY[0].replace("3%", "4,5%"), BODY[1], BODY[2]],
    [BODY[0], BODY[2], "Chính phủ sẽ họp vào tuần tới."],
]
ENGLISH = [
    "Power prices rise.",
    "People in Hanoi worry about costs.",
    "Firms ask for tax cuts.",
    "",
]

action = st.one_of(
    st.tuples(
        st.just("edit"),
        st.integers(0, 5),  # which segment (modulo how many there are)
        st.sampled_from(ENGLISH),
        st.booleans(),  # approved
        st.sampled_from([None, "", "kiểm tra số liệu"]),  # comment
    ),
    st.tuples(st.just("translate"), st.integers(0, len(VERSIONS) - 1)),
)


@pytest.fixture(scope="module")
def engine(copy_models_dir):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ARGOS_PACKAGES_DIR", str(copy_models_dir))
        return CT2Engine(find_model())


def write_article(folder: Path, version: int) -> Path:
    path = folder / "gia-dien.txt"
    path.write_text(HEADLINE + "\n\n" + " ".join(VERSIONS[version]) + "\n", encoding="utf-8")
    return path


def valid(path: Path) -> list[polib.POEntry]:
    if MSGFMT:
        check = subprocess.run(
            [MSGFMT, "-c", "-o", os.devnull, str(path)], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stderr
    po.read(path)  # translit reads it back
    return list(polib.pofile(str(path)))


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(actions=st.lists(action, min_size=1, max_size=6))
def test_edits_and_translate_runs_never_lose_reviewed_text(engine, actions):
    from starlette.testclient import TestClient

    policy = term_policy(load_glossaries(shipped_glossaries()))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        out = folder / "outputs"
        article = write_article(folder, 0)
        assert not translate_paths([article], out, engine, policy=policy).errors
        folder_app = create_app(ReviewFolder(out, policy), Access("t", None, "translit-test"))
        client = TestClient(folder_app, headers={"Authorization": "Bearer t"})
        saved: dict[str, tuple[str, bool]] = {}  # source → (English saved last, approved)
        for step in actions:
            if step[0] == "translate":
                write_article(folder, step[1])
                assert not translate_paths([article], out, engine, policy=policy).errors
                # an approved sentence the run takes out of the article keeps its English
                # (fuzzy on the changed sentence, or obsolete), no longer approved
                gone = [s for s in saved if s not in (HEADLINE, *VERSIONS[step[1]])]
                saved.update({s: (saved[s][0], False) for s in gone})
            else:
                _, which, english, approved, comment = step
                data = client.get("/api/articles/gia-dien").json()
                seg = data["segments"][which % len(data["segments"])]
                body = {"target": english, "approved": approved, "version": data["version"]}
                if comment is not None:
                    body["comment"] = comment
                r = client.put(f"/api/articles/gia-dien/segments/{seg['key']}", json=body)
                if approved and not english:
                    assert r.status_code == 400  # nothing to approve
                    continue
                assert r.status_code == 200, r.text
                assert r.json()["segment"]["status"] == (
                    "reviewed" if approved else "fuzzy" if english else "untranslated"
                )
                saved[seg["source"]] = (english, approved)
            entries = valid(out / "gia-dien.po")
            texts = {e.msgstr for e in entries}
            active = {e.msgid: e for e in entries if not e.obsolete}
            for source, (english, approved) in saved.items():
                if english:  # a reviewer's English is never lost (active or obsolete)
                    assert english in texts, (source, english)
                if approved and source in active:  # and an approved sentence stays so
                    assert active[source].msgstr == english and not active[source].fuzzy
            assert (out / "gia-dien.en.txt").exists()


def test_the_property_runs_without_a_glossary_too(engine, tmp_path):
    """A smaller case by hand: an approved edit survives a run that changes its sentence
    (kept as fuzzy with the old source), with an empty glossary."""
    from starlette.testclient import TestClient

    policy = term_policy(Glossary())
    out = tmp_path / "outputs"
    article = write_article(tmp_path, 0)
    translate_paths([article], out, engine, policy=policy)
    client = TestClient(
        create_app(ReviewFolder(out, policy), Access("t", None, "c")),
        headers={"Authorization": "Bearer t"},
    )
    v = client.get("/api/articles/gia-dien").json()["version"]
    body = {"target": "Prices rise 3%.", "approved": True, "version": v}
    assert client.put("/api/articles/gia-dien/segments/p2.s1", json=body).status_code == 200
    write_article(tmp_path, 1)  # 3% becomes 4,5%
    translate_paths([article], out, engine, policy=policy)
    entry = next(e for e in valid(out / "gia-dien.po") if e.msgctxt == "p2.s1")
    assert entry.msgstr == "Prices rise 3%." and entry.fuzzy and entry.previous_msgid == BODY[0]
    seg = client.get("/api/articles/gia-dien").json()["segments"][1]
    assert seg["status"] == "fuzzy" and "number-mismatch" in {f["code"] for f in seg["findings"]}
