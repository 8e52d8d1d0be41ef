"""Nothing followed, nothing lost, nothing hung: hostile and unlucky cases, through the CLI.

Each case was found by trying to break translit (issue 12): a symbolic link planted in
a folder translit writes to, a reviewer saving a PO while a run goes on, PO files as
other editors save them, article names a PO reference cannot hold, YAML and downloads
built to exhaust memory or time, a full disk, and values no one should pass. Each
test checks what a user sees: one `error:` line and exit code 2 (never a traceback),
no file changed that translit does not own, and nothing half-written.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time
import unicodedata
import zipfile
from pathlib import Path

import polib
import pytest

from tests.conftest import ROOT
from translit.formats.registry import WRITERS
from translit.runstate import CACHE_DIR, LOCK_FILE

ARTICLE = "Ông Lê Minh đến Hà Nội hôm thứ Hai.\n\nBà Trần Thị Hương nói rằng cuộc gặp rất tốt.\n"
SECRET = b"export PATH=/home/me/bin:$PATH\n"  # what a planted link points at


def errors(result) -> list[str]:
    assert "Traceback" not in result.output
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    folder = tmp_path / "bai"
    folder.mkdir()
    (folder / "tin.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file elsewhere (a shell start-up file) that links will point at."""
    path = tmp_path / "home" / ".bashrc"
    path.parent.mkdir()
    path.write_bytes(SECRET)
    return path


def default_cache_name() -> str:
    """The run cache's file name for the installed model and default settings: anyone
    who knows the model can predict it."""
    from translit.config import Config
    from translit.engines import CT2Engine, EngineOptions
    from translit.models import find_model
    from translit.runstate import cache_name

    engine = CT2Engine(find_model(), EngineOptions.from_config(Config()))
    return cache_name(engine.fingerprint)


# ── symbolic links planted where translit writes ────────────────────────────────

OUTPUT_NAMES = [
    LOCK_FILE,
    ".translit-write-test",
    CACHE_DIR,
    *(f"tin{w.suffix}" for w in WRITERS),  # every file written per article (--format all)
]


@pytest.mark.parametrize("name", [*OUTPUT_NAMES, "cache-file"])
def test_a_link_planted_in_the_output_folder_leaves_its_target_alone(
    with_model, run_cli, article, secret, tmp_path, name
):
    out = tmp_path / "out"
    out.mkdir()
    if name == "cache-file":
        (out / CACHE_DIR).mkdir()
        link = out / CACHE_DIR / default_cache_name()
        link.symlink_to(secret)
    elif name == CACHE_DIR:
        link = out / name
        link.symlink_to(secret.parent, target_is_directory=True)
    else:
        link = out / name
        link.symlink_to(secret)
    result = run_cli("translate", str(article), "-o", "out", "--format", "all")
    assert secret.read_bytes() == SECRET
    assert sorted(p.name for p in secret.parent.iterdir()) == [".bashrc"]  # nothing added
    assert link.is_symlink()  # not replaced either
    if name == ".translit-write-test":  # translit no longer writes under that name
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 2
    shown = str(link).replace(str(tmp_path) + "/", "")
    assert len(errors(result)) == 1 and errors(result)[0].startswith(f"error: {shown}: ")
    assert "symbolic link" in errors(result)[0]
    assert not (out / "tin.po").exists() or (out / "tin.po").is_symlink()  # no half article


@pytest.mark.parametrize("name", [LOCK_FILE, "cache-file"])
def test_a_hard_link_planted_for_translits_own_files_leaves_its_target_alone(
    with_model, run_cli, article, secret, tmp_path, name
):
    out = tmp_path / "out"
    (out / CACHE_DIR).mkdir(parents=True)
    link = out / CACHE_DIR / default_cache_name() if name == "cache-file" else out / name
    os.link(secret, link)  # the same file under a second name: no link to refuse
    result = run_cli("translate", str(article), "-o", "out")
    assert secret.read_bytes() == SECRET
    assert result.exit_code == 2
    shown = str(link).replace(str(tmp_path) + "/", "")
    assert errors(result) == [
        f"error: {shown}: has another name (a hard link), so it is not translit's "
        f"{'lock file' if name == LOCK_FILE else 'run cache'}; remove it"
    ]


def test_the_output_folder_holds_only_what_translit_names(with_model, run_cli, article, tmp_path):
    """The names above are every name a run writes (a new one must join the matrix)."""
    result = run_cli("translate", str(article), "-o", "out", "--format", "all")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(n for n in OUTPUT_NAMES if n.startswith("tin."))


@pytest.mark.parametrize("name", ["tin.en.txt", "tin.html", "tin.md"])
def test_build_does_not_write_through_a_link_beside_the_po(
    with_model, run_cli, article, secret, tmp_path, name
):
    assert run_cli("translate", str(article), "-o", "out").exit_code == 0
    link = tmp_path / "out" / name
    link.unlink(missing_ok=True)  # .md is not written by default, build writes it
    link.symlink_to(secret)
    result = run_cli("build", "out/tin.po")
    assert result.exit_code == 2
    assert errors(result) == [
        f"error: out/{name}: is a symbolic link; translit neither writes through a link nor "
        "replaces one (its target is left as it is): remove the link, or give the real file"
    ]
    assert secret.read_bytes() == SECRET and link.is_symlink()


GLOSSARY = "glossary: desk\nsource: vi\ntarget: en\nentries:\n  Hanoi:\n    vi: [Hà Nội]\n"


@pytest.mark.parametrize(
    "command",
    [
        ["glossary", "add", "Hue", "--vi", "Huế"],
        ["glossary", "add-variant", "Hanoi", "Hà-Nội"],
        ["glossary", "remove", "Hanoi"],
        ["glossary", "import", "bang.tsv"],
        ["glossary", "export", "-o", "desk.yaml"],
    ],
    ids=["add", "add-variant", "remove", "import", "export"],
)
def test_a_linked_glossary_is_refused_and_its_target_left_alone(run_cli, tmp_path, command):
    real = tmp_path / "shared" / "desk.yaml"
    real.parent.mkdir()
    real.write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "desk.yaml").symlink_to(real)
    (tmp_path / "bang.tsv").write_text("Huế\tHue\n", encoding="utf-8")
    target = ["--file", "desk.yaml"] if command[1] != "export" else []
    result = run_cli(*command, *target, "-g", "desk.yaml")
    assert result.exit_code == 2
    assert errors(result) == [
        "error: desk.yaml: is a symbolic link; translit neither writes through a link nor "
        "replaces one (its target is left as it is): remove the link, or give the real file"
    ]
    assert real.read_text(encoding="utf-8") == GLOSSARY
    assert (tmp_path / "desk.yaml").is_symlink()
    assert sorted(p.name for p in real.parent.iterdir()) == ["desk.yaml"]


# ── things in the way of translit's own files ───────────────────────────────────


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda out: (out / LOCK_FILE).mkdir(),
            f"out/{LOCK_FILE}: is not a regular file, not translit's lock file; move it away",
        ),
        (
            lambda out: os.mkfifo(out / LOCK_FILE),
            f"out/{LOCK_FILE}: is not a regular file, not translit's lock file; move it away",
        ),
        (
            lambda out: (out / CACHE_DIR).write_text("x"),
            f"out/{CACHE_DIR}: translit's run cache is not a folder; remove it and run again",
        ),
        (
            lambda out: (out / "tin.po").mkdir(),
            "out/tin.po: is a directory where translit writes a file; move it away; "
            "the article is not translated",
        ),
    ],
    ids=["lock-folder", "lock-fifo", "cache-file", "po-folder"],
)
def test_something_in_the_way_of_translits_own_files(
    with_model, run_cli, article, tmp_path, make, message
):
    out = tmp_path / "out"
    out.mkdir()
    make(out)
    result = run_cli("translate", str(article), "-o", "out")
    assert result.exit_code == 2
    assert errors(result) == [f"error: {message}"]
    assert not (out / "tin.en.txt").exists()


# ── a reviewer saving the PO while a run goes on ────────────────────────────────


class SaveMidRun:
    """A progress sink that, when the engine reports its first sentences, saves the PO
    as a reviewer in Poedit would: one entry approved with their own English."""

    def __init__(self, po_path: Path, english: str) -> None:
        self.po_path, self.english, self.saved = po_path, english, False

    def start(self, total: int) -> None:
        pass

    def advance(self, n: int) -> None:
        if self.saved or n == 0:
            return
        po = polib.pofile(str(self.po_path))
        po[1].msgstr = self.english
        po[1].flags = []
        po[1].tcomment = "checked with the desk"
        tmp = self.po_path.with_suffix(".poedit-tmp")
        tmp.write_text(str(po), encoding="utf-8")
        os.replace(tmp, self.po_path)  # as Poedit saves: a new file renamed into place
        self.saved = True


def test_a_po_saved_during_the_run_is_merged_not_overwritten(with_model, article, tmp_path):
    from translit.engines import CT2Engine
    from translit.models import find_model
    from translit.pipeline import translate_paths

    out = tmp_path / "out"
    translate_paths([article], out, None)  # --no-mt: the reviewer starts on empty entries
    saver = SaveMidRun(out / "tin.po", "Ms Huong called the meeting very good.")
    report = translate_paths([article], out, CT2Engine(find_model()), progress=saver)
    assert saver.saved and not report.errors
    entries = polib.pofile(str(out / "tin.po"))
    assert (entries[1].msgstr, entries[1].fuzzy, entries[1].tcomment) == (
        "Ms Huong called the meeting very good.",
        False,
        "checked with the desk",
    )
    # the copy model's English: the source, its names in the house form (no glossary here)
    assert entries[0].msgstr == "Ông Le Minh đến Ha Noi hôm thứ Hai." and entries[0].fuzzy
    english = (out / "tin.en.txt").read_text(encoding="utf-8")
    assert "Ms Huong called the meeting very good." in english


def test_write_atomic_never_loses_a_save_made_at_any_moment(tmp_path):
    from translit.io import ChangedOnDisk, file_version, write_atomic

    path = tmp_path / "a.po"
    path.write_text("read by the run\n", encoding="utf-8")
    seen = file_version(path)
    last: list[str] = []
    stop = threading.Event()

    def reviewer() -> None:  # saves again and again, both ways editors save
        n = 0
        while not stop.is_set():
            n += 1
            text = f"reviewer's save {n}\n"
            if n % 2:
                tmp = tmp_path / f".save-{n}"
                tmp.write_text(text, encoding="utf-8")
                os.replace(tmp, path)
            else:
                with path.open("w", encoding="utf-8") as handle:
                    handle.write(text)
            last[:] = [text]

    thread = threading.Thread(target=reviewer)
    thread.start()
    try:
        while not last:
            time.sleep(0.001)
        for _ in range(300):
            with pytest.raises(ChangedOnDisk):
                write_atomic(path, "the run's output\n", expect=seen)
    finally:
        stop.set()
        thread.join()
    assert path.read_text(encoding="utf-8") == last[0]
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".save-")) == ["a.po"]


# ── PO files as other editors save them ─────────────────────────────────────────


def approve_all(po_path: Path, english: dict[int, str]) -> polib.POFile:
    po = polib.pofile(str(po_path))
    for index, text in english.items():
        po[index].msgstr, po[index].flags = text, []
    return po


def test_a_po_saved_in_nfd_keeps_every_approval(with_model, run_cli, article, tmp_path):
    assert run_cli("translate", str(article), "-o", "out").exit_code == 0
    po_path = tmp_path / "out" / "tin.po"
    po = approve_all(po_path, {0: "Mr Lê Minh came to Hà Nội on Monday.", 1: "Bà Hương agreed."})
    po_path.write_text(unicodedata.normalize("NFD", str(po)), encoding="utf-8")  # as macOS
    assert run_cli("translate", str(article), "-o", "out").exit_code == 0
    again = polib.pofile(str(po_path))
    assert [(e.msgstr, e.fuzzy, e.previous_msgid) for e in again] == [
        ("Mr Lê Minh came to Hà Nội on Monday.", False, None),
        ("Bà Hương agreed.", False, None),
    ]


SEPARATORS = "\u2028\u2029\u0085\x1c\x1d\x1e"  # str.splitlines breaks at each


def test_line_separators_in_the_english_survive_every_run(with_model, run_cli, article, tmp_path):
    assert run_cli("translate", str(article), "-o", "out").exit_code == 0
    po_path = tmp_path / "out" / "tin.po"
    english = "The two countries{}hold{}talks{}on{}the{}border{}today.".format(*SEPARATORS)
    approve_all(po_path, {0: english}).save(str(po_path))
    for _ in range(2):
        assert run_cli("translate", str(article), "-o", "out").exit_code == 0
        entry = polib.pofile(str(po_path))[0]  # (polib reading a file splits at "\n" only)
        assert (entry.msgstr, entry.fuzzy) == (english, False)
    text = (tmp_path / "out" / "tin.en.txt").read_text(encoding="utf-8")
    assert text.startswith(english + "\n")
    assert run_cli("build", "out/tin.po").exit_code == 0
    assert (tmp_path / "out" / "tin.en.txt").read_text(encoding="utf-8").startswith(english)
    assert subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(po_path)]).returncode == 0


def test_a_note_on_one_of_two_identical_sentences_is_kept(with_model, run_cli, tmp_path):
    same = "Giá xăng tăng."
    folder = tmp_path / "bai"
    folder.mkdir()
    (folder / "tin.txt").write_text(f"{same}\n\nTin khác.\n\n{same}\n", encoding="utf-8")
    assert run_cli("translate", str(folder), "-o", "out").exit_code == 0
    po_path = tmp_path / "out" / "tin.po"
    po = approve_all(po_path, {0: "Petrol prices rose.", 2: "Petrol prices rose."})
    po[2].tcomment = "the second mention: check the figure"
    po.save(str(po_path))
    (folder / "tin.txt").write_text(f"{same}\n\nTin khác.\n", encoding="utf-8")  # one goes
    assert run_cli("translate", str(folder), "-o", "out").exit_code == 0
    notes = [e.tcomment for e in polib.pofile(str(po_path)) if e.tcomment]
    assert notes == ["the second mention: check the figure"]


def test_comments_above_the_header_are_kept(with_model, run_cli, article, tmp_path):
    assert run_cli("translate", str(article), "-o", "out").exit_code == 0
    po_path = tmp_path / "out" / "tin.po"
    po = polib.pofile(str(po_path))
    po.header += "\nReviewed by Lan, 3 May.\nSecond pass: Minh."
    po.save(str(po_path))
    for _ in range(2):
        assert run_cli("translate", str(article), "-o", "out").exit_code == 0
    assert polib.pofile(str(po_path)).header == (
        "tin.txt: vi→en translation for review.\nReviewed by Lan, 3 May.\nSecond pass: Minh."
    )


def test_a_plural_entry_is_kept_not_retranslated(with_model, run_cli, article, tmp_path):
    assert run_cli("translate", str(article), "-o", "out").exit_code == 0
    po_path = tmp_path / "out" / "tin.po"
    po = polib.pofile(str(po_path))
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    entry = po[1]
    entry.msgid_plural = "Các bà nói rằng cuộc gặp rất tốt."
    entry.msgstr_plural = {0: "She said the meeting went well.", 1: "They said it went well."}
    entry.msgstr, entry.flags = "", []
    po.save(str(po_path))
    assert run_cli("translate", str(article), "-o", "out").exit_code == 0
    kept = polib.pofile(str(po_path))[1]
    assert (kept.msgid_plural, kept.msgstr_plural, kept.fuzzy) == (
        "Các bà nói rằng cuộc gặp rất tốt.",
        {0: "She said the meeting went well.", 1: "They said it went well."},
        False,
    )
    english = (tmp_path / "out" / "tin.en.txt").read_text(encoding="utf-8")
    assert "She said the meeting went well." in english
    assert subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(po_path)]).returncode == 0


def test_eight_glossary_edits_at_once_all_land(tmp_path):
    (tmp_path / "desk.yaml").write_text(GLOSSARY, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "translit", "glossary", "add", f"Town {n}"]
            + ["--vi", f"Thị trấn số {n}", "--file", "desk.yaml", "-g", "desk.yaml"],
            cwd=tmp_path,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(8)
    ]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    assert all(code == 0 for code, _ in results), results
    from translit.glossary import load_glossaries

    terms = set(load_glossaries([tmp_path / "desk.yaml"]).entries)
    assert terms == {"Hanoi", *(f"Town {n}" for n in range(8))}


# ── article names ───────────────────────────────────────────────────────────────


@pytest.mark.parametrize("name", ["thuong dinh.txt", "thuong\tdinh.txt", "a  b:3 c.txt"])
def test_a_name_with_spaces_or_tabs_works_in_every_later_command(
    with_model, run_cli, tmp_path, name
):
    folder = tmp_path / "bai"
    folder.mkdir()
    (folder / name).write_text(ARTICLE, encoding="utf-8")
    assert run_cli("translate", str(folder), "-o", "out").exit_code == 0
    stem = name.removesuffix(".txt")
    po_path = tmp_path / "out" / f"{stem}.po"
    for command in (["translate", str(folder), "-o", "out"], ["check", "out"], ["review", "out"]):
        result = run_cli(*command)
        assert result.exit_code == 0, (command, result.output)
    assert run_cli("build", str(po_path)).exit_code == 0
    assert subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(po_path)]).returncode == 0
    # gettext's own tools read the reference (white space comes back as one space),
    # and translit reads what they write
    redone = subprocess.run(["msgcat", str(po_path)], capture_output=True, text=True).stdout
    assert f"#: \u2068{' '.join(name.split())}\u2069:1" in redone
    po_path.write_text(redone, encoding="utf-8")
    assert run_cli("check", str(po_path)).exit_code == 0


def test_a_name_with_a_line_break_is_refused_and_the_rest_translated(
    with_model, run_cli, article, tmp_path
):
    (article / "hai\ndong.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_cli("translate", str(article), "-o", "out")
    assert result.exit_code == 2
    assert errors(result) == [
        f"error: '{article}/hai\\ndong.txt': file name has a control character or line "
        "break (U+000A); rename the file"
    ]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "tin.en.txt",
        "tin.html",
        "tin.po",
    ]


def test_a_name_that_is_not_utf8_is_refused_and_the_rest_translated(
    with_model, run_cli, article, tmp_path
):
    with open(os.fsencode(article) + b"/caf\xe9.txt", "wb") as handle:  # a Latin-1 name
        handle.write(ARTICLE.encode())
    result = run_cli("translate", str(article), "-o", "out")
    assert result.exit_code == 2
    assert errors(result) == [
        f"error: '{article}/caf\\udce9.txt': file name is not UTF-8 (byte 0xe9); rename the file"
    ]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "tin.en.txt",
        "tin.html",
        "tin.po",
    ]


# ── hangs and memory blow-ups ───────────────────────────────────────────────────


def test_yaml_alias_amplification_is_refused_at_once(run_cli, tmp_path):
    words = ", ".join(f"tu{i}" for i in range(20_000))
    lines = [
        "entries:",
        f"  Term 0:\n    vi: [cái 0]\n    not_followed_by: &guards [{words}]",
    ]
    lines += [
        f"  Term {i}:\n    vi: [cái {i}]\n    not_followed_by: *guards" for i in range(1, 2000)
    ]
    (tmp_path / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.monotonic()
    result = run_cli("glossary", "find", "cái 1", "-g", "bomb.yaml")
    assert time.monotonic() - started < 20
    assert result.exit_code == 2
    assert errors(result) == [
        "error: bomb.yaml:4:22: invalid YAML: YAML aliases would add 39,981,999 nodes to a "
        "file of 32,004 (at most 100,000 may be added): the collection here, of 20,001 "
        "nodes, is used 2,000 times; write the lists out or use fewer aliases"
    ]


@pytest.mark.parametrize(
    ("opener", "closer"),
    [("[", "]"), ("{a: ", "}"), ("- ", "")],
    ids=["flow-list", "flow-mapping", "block-list"],
)
def test_deeply_nested_yaml_is_an_error_not_a_crash(tmp_path, opener, closer):
    depth = 60_000  # libyaml's composer overflowed the C stack (a segfault) near 25,000
    text = "entries:\n  A:\n    vi:\n      " + opener * depth + "x" + closer * depth + "\n"
    (tmp_path / "deep.yaml").write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "translit", "glossary", "lint", "-g", "deep.yaml"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "deep.yaml:4:" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--beam", "100000", "--beam must be from 1 to 64, not 100,000"),
        ("--beam", "99999999999999999999", "--beam must be from 1 to 64, not 99,999,999,999,"),
        ("--beam", "0", "--beam must be from 1 to 64, not 0"),
        ("--threads", "100000", "--threads must be from 0 to 256, not 100,000"),
        ("--batch-tokens", "10000000", "--batch-tokens must be from 1 to 16,384, not 10,000,000"),
    ],
)
def test_engine_settings_past_their_bounds_are_one_line(
    with_model, run_cli, article, tmp_path, option, value, message
):
    result = run_cli("translate", str(article), "-o", "out", option, value)
    assert result.exit_code == 2
    assert len(errors(result)) == 1 and errors(result)[0].startswith(f"error: {message}")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('output = "\\u0000x"\n', "output must be a path without NUL characters"),
        ("beam = 100000\n", "beam must be from 1 to 64, not 100,000"),
        ("threads = -1\n", "threads must be from 0 to 256, not -1"),
    ],
)
def test_translit_toml_values_that_cannot_work(
    with_model, run_cli, article, tmp_path, toml, message
):
    (tmp_path / "translit.toml").write_text(toml, encoding="utf-8")
    result = run_cli("translate", str(article))
    assert result.exit_code == 2
    assert errors(result) == [f"error: {tmp_path / 'translit.toml'}: {message}"]


@pytest.mark.parametrize("name", ["dump.txt", "dump.html", "dump.docx"])
def test_an_article_past_the_size_bound_is_refused_unread(
    with_model, run_cli, article, tmp_path, name
):
    from translit.io import MAX_ARTICLE_BYTES

    with (article / name).open("wb") as handle:
        handle.truncate(MAX_ARTICLE_BYTES + 1)  # sparse: nothing is really written
    result = run_cli("translate", str(article), "-o", "out")
    assert result.exit_code == 2
    assert errors(result) == [
        f"error: {article / name}: larger than 64 MiB, the most translit reads; "
        "split it into articles"
    ]
    assert (tmp_path / "out" / "tin.po").is_file()


# ── a full disk ─────────────────────────────────────────────────────────────────


def run_with_file_size_limit(limit: int, *args: str, cwd: Path, env: dict[str, str]):
    """Run translit with writes past `limit` bytes per file failing (EFBIG), as on a
    full disk: the same failed write, with no file system to fill."""

    def limit_writes() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "translit", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1", **env},
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit_writes,
    )


@pytest.mark.parametrize(
    ("limit", "failing"),
    [(0, f"out/{LOCK_FILE}"), (64, f"out/{CACHE_DIR}/")],
    ids=["lock", "run-cache"],
)
def test_a_full_disk_during_a_run_is_one_line(copy_models_dir, article, tmp_path, limit, failing):
    result = run_with_file_size_limit(
        limit,
        "translate",
        str(article),
        "-o",
        "out",
        cwd=tmp_path,
        env={"ARGOS_PACKAGES_DIR": str(copy_models_dir)},
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {failing}")
    assert lines[0].endswith("cannot write (File too large)")
    assert not (tmp_path / "out" / "tin.po").exists()
    cached = list((tmp_path / "out").glob(f"{CACHE_DIR}/*"))
    assert all(p.stat().st_size == 0 for p in cached)  # no line cut short


def test_a_full_disk_while_a_model_unpacks_leaves_nothing(copy_package, tmp_path):
    packages = tmp_path / "packages"
    result = run_with_file_size_limit(
        64 * 1024,
        "models",
        "install",
        str(copy_package),
        cwd=tmp_path,
        env={"ARGOS_PACKAGES_DIR": str(packages)},
    )
    assert result.returncode == 2
    assert result.stderr == (
        f"error: {copy_package}: cannot unpack into {packages} (File too large); "
        "nothing was installed\n"
    )
    assert list(packages.iterdir()) == []


# ── model archives and the package index ────────────────────────────────────────

META = json.dumps({"package_version": "1.0", "from_code": "vi", "to_code": "en"})


@pytest.mark.parametrize(
    ("members", "message"),
    [
        (
            {"pkg/metadata.json": META, "pkg/model": "x", "pkg/model/model.bin": "x",
             "pkg/bpe.model": "x"},
            "'pkg/model' is in the archive as a file and as a folder",
        ),
        (
            {"pkg/metadata.json": META, "pkg/model/model.bin": "x", "pkg/bpe.model": "x",
             "pkg/" + "n" * 300: "x"},
            f"a name in the archive is longer than 255 bytes: {'n' * 40!r}…",
        ),
    ],
    ids=["file-and-folder", "300-char-name"],
)  # fmt: skip
def test_archives_that_cannot_unpack_are_refused_first(
    run_cli, tmp_path, monkeypatch, members, message
):
    packages = tmp_path / "packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    archive = tmp_path / "bad.argosmodel"
    with zipfile.ZipFile(archive, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    result = run_cli("models", "install", str(archive))
    assert result.exit_code == 2
    assert errors(result) == [f"error: {archive}: {message}"]
    assert not packages.exists() or list(packages.iterdir()) == []


def test_models_remove_with_an_empty_name_removes_nothing(run_cli, tmp_path, monkeypatch):
    packages = tmp_path / "packages"
    odd = packages / "odd-package"
    odd.mkdir(parents=True)
    (odd / "metadata.json").write_text('{"package_version": "1.0"}')  # no language codes
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    for args in ([""], ["", ""], [" ", "en"]):
        result = run_cli("models", "remove", *args)
        assert result.exit_code == 2
        assert errors(result) == [
            "error: give a model name or two language codes; see `translit models list`"
        ]
    assert odd.is_dir()
