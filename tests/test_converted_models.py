"""Converted CTranslate2 models (NLLB-, Marian-shaped): install, list, translate, fingerprint.

The copy models here have the layout `ct2-transformers-converter` gives real NLLB and
OPUS-MT models (their special tokens, their tokenizer files); translit must treat them
exactly as it treats the Argos package: same segments, same glossary handling, same
files, only the model named in the headers differs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import polib
import pytest

from tests.copymodel import archive_folder, build_copy_ct2, build_copy_package
from tests.test_engine import spy_on
from translit.engines import CT2Engine, EngineOptions
from translit.models import find_model, installed_models
from translit.pipeline import translate_paths
from translit.runstate import CACHE_DIR, RunCache

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = """Tổng thống Mỹ J.Biden điện đàm với V.Putin

Tối 7.12, Nhà Trắng cho biết Mátxcơva và Kiev đã trao đổi về giá khí đốt tăng 2,5% lên \
1.500.000 đồng. Ông Biden nói: “Chúng tôi sẽ tiếp tục hỗ trợ Ukraina”.

Ảnh: AFP
"""
NAMES = ("translate-vi_en-1_9", "copy-nllb", "copy-marian", "copy-nllb-hf")


@pytest.fixture
def models_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Empty Argos and translit model folders."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos"))
    monkeypatch.setenv("TRANSLIT_MODELS_DIR", str(tmp_path / "models"))
    return tmp_path / "models"


def po_entries(path: Path) -> list[tuple]:
    """What a reviewer sees of each entry (the header, which names the model, aside)."""
    return [
        (e.msgctxt, e.msgid, e.msgstr, e.comment, tuple(e.flags), tuple(e.occurrences))
        for e in polib.pofile(str(path))
    ]


def test_the_same_folder_translates_the_same_with_every_layout(with_all_models, run_cli, tmp_path):
    articles = tmp_path / "bai"
    articles.mkdir()
    (articles / "dien-dam.txt").write_text(ARTICLE, encoding="utf-8")
    shutil.copy(ROOT / "examples" / "thuong-dinh-truc-tuyen.txt", articles)
    outputs = {}
    for name in NAMES:
        result = run_cli("translate", "bai", "-o", f"out-{name}", "--model", name)
        assert result.exit_code == 0, result.output
        assert "0 missing" in result.stderr
        outputs[name] = tmp_path / f"out-{name}"
    first = outputs[NAMES[0]]
    for name in NAMES[1:]:
        for po in sorted(first.glob("*.po")):
            assert po_entries(outputs[name] / po.name) == po_entries(po), name
            text = po.with_suffix("").with_suffix(".en.txt").name
            assert (outputs[name] / text).read_text() == (first / text).read_text()
    entries = po_entries(first / "dien-dam.po")
    assert any("Mátxcơva → Moscow" in e[3] and "Moscow" in e[2] for e in entries)
    header = polib.pofile(str(outputs["copy-nllb"] / "dien-dam.po")).metadata
    assert header["X-Translit-Model"] == "copy-nllb"
    assert "|family:nllb|src:vie_Latn…</s>|tgt:eng_Latn|" in header["X-Translit-Engine"]


@pytest.fixture(scope="session")
def garble_models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The garble variant (capitalized pieces damaged) in all three layouts."""
    root = tmp_path_factory.mktemp("garble-layouts")
    package = build_copy_package(root, variant="garble")
    with zipfile.ZipFile(package) as zf:
        zf.extractall(root)
    return {
        "argos": root / "translate-vi_en-garble-1_9",
        "nllb": build_copy_ct2(root, "nllb", variant="garble"),
        "marian": build_copy_ct2(root, "marian", variant="garble"),
    }


def test_lost_terms_are_handled_the_same_with_every_layout(garble_models, run_cli, tmp_path):
    # the garble models damage capitalized words: with the terms inline they lose some;
    # verify (the default) puts each back where the attention points, in every layout
    (tmp_path / "bai.txt").write_text(ARTICLE, encoding="utf-8")
    for strategy in ("inline", "verify"):
        outputs = []
        for name, folder in garble_models.items():
            out = f"{name}-{strategy}"
            result = run_cli(
                "translate", "bai.txt", "-o", out, "--model", str(folder),
                "--term-strategy", strategy,
            )  # fmt: skip
            assert result.exit_code == 0, result.output
            assert "applied" in result.stderr
            assert (" 0 missing" in result.stderr) is (strategy == "verify"), result.stderr
            outputs.append(po_entries(tmp_path / out / "bai.po"))
        assert outputs[0] == outputs[1] == outputs[2], strategy
        lost = any("term-missing" in e[3] and "fuzzy" in e[4] for e in outputs[0])
        assert lost is (strategy == "inline")
        if strategy == "verify":
            assert any("Mátxcơva → Moscow (aligned)" in e[3] for e in outputs[0])


def test_each_layout_feeds_the_model_its_own_special_tokens(with_all_models):
    text = "Ông Lê Hoàng Ẩn ở TP.HCM."
    seen = {}
    for name in ("copy-nllb", "copy-marian", "translate-vi_en-1_9"):
        engine = CT2Engine(find_model(name=name), EngineOptions(threads=1))
        spy = spy_on(engine)
        calls = []
        real = spy.translate_batch

        def recording(batch, real=real, calls=calls, **kwargs):
            calls.append(kwargs.get("target_prefix"))
            return real(batch, **kwargs)

        spy.translate_batch = recording
        assert engine.translate([text])[0][0].text == text
        seen[name] = (spy.calls[0][0], calls[0])
    pieces = seen["translate-vi_en-1_9"][0]
    assert seen["copy-nllb"] == (["vie_Latn", *pieces, "</s>"], [["eng_Latn"]])
    assert seen["copy-marian"] == ([*pieces, "</s>"], None)
    assert seen["translate-vi_en-1_9"][1] is None and "</s>" not in pieces


def test_engine_maps_tokens_to_characters(with_all_models):
    text = "Giá  tăng 2,5% tại TP.HCM 😀."
    for name in ("copy-nllb", "copy-nllb-hf", "copy-marian"):
        engine = CT2Engine(find_model(name=name), EngineOptions(threads=1))
        tokens, spans = engine.source_spans(text)
        assert tokens == engine.tokenize(text)
        profile = engine.profile
        assert spans[: len(profile.source_prefix)] == [None] * len(profile.source_prefix)
        assert spans[-1] is None  # </s>
        covered = "".join(text[s:e] for s, e in filter(None, spans))
        assert covered == text.replace(" ", "")
        output = [*profile.target_prefix, *tokens[len(profile.source_prefix) : -1]]
        english, out_spans = engine.output_spans(output)
        assert english == "Giá tăng 2,5% tại TP.HCM 😀."
        assert "".join(english[s:e] for s, e in filter(None, out_spans)) == english.replace(" ", "")


def test_every_layout_aligns_the_english_to_the_source_it_copies(with_all_models):
    # verify-first's aligned repair needs the attention mapped to characters on both
    # sides, through each family's special tokens and tokenizer (SentencePiece, one
    # file or two, and tokenizer.json): the copy models attend to the token they copy
    text = "Tổng thống Nga  V.Putin nói “Mátxcơva” 😀."
    for name in NAMES:
        engine = CT2Engine(find_model(name=name), EngineOptions(threads=1))
        (hyp,) = engine.translate([text], attention=True)[0]
        assert hyp.text == " ".join(text.split()) and hyp.alignment, name
        for link in hyp.alignment:
            english = hyp.text[link.target_start : link.target_end]
            assert english == text[link.source_start : link.source_end], (name, link)
        covered = {i for link in hyp.alignment for i in range(*link[:2])}
        assert covered == {i for i, c in enumerate(hyp.text) if not c.isspace()}, name
        banned = engine.translate([text], num_hypotheses=2, suppress=[["Nga"]])[0]
        assert banned and not any("Nga" in h.text for h in banned), name


def test_fingerprint_names_everything_that_changes_the_output(with_all_models):
    argos = find_model(name="translate-vi_en-1_9")
    nllb = find_model(name="copy-nllb")
    base = CT2Engine(argos).fingerprint
    assert base == CT2Engine(argos).fingerprint  # stable
    others = [
        CT2Engine(nllb).fingerprint,
        CT2Engine(argos, EngineOptions(beam=2)).fingerprint,
        CT2Engine(argos, EngineOptions(compute_type="float32")).fingerprint,
        CT2Engine(argos, EngineOptions(length_penalty=1.0)).fingerprint,
    ]
    assert len({base, *others}) == 5
    assert CT2Engine(argos, EngineOptions(threads=1)).fingerprint == base  # speed only
    fields = dict(part.split(":", 1) for part in base.split("|"))
    assert fields["model"] == "translate-vi_en-1_9" and fields["beam"] == "4"
    assert len(fields["digest"]) == 12


def test_a_run_never_resumes_from_another_models_cache(with_all_models, tmp_path):
    # a library caller passes no key: the engine's own fingerprint keys the run cache
    articles = tmp_path / "bai"
    articles.mkdir()
    (articles / "a.txt").write_text("Ảnh: AFP\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    argos = CT2Engine(find_model(name="translate-vi_en-1_9"))
    nllb = CT2Engine(find_model(name="copy-nllb"))

    def stopped_run(engine: CT2Engine) -> None:
        """What an interrupted run of `engine` leaves: its output in the run cache."""
        RunCache(out / CACHE_DIR, engine.fingerprint).record(["Ảnh: AFP"], ["Photo: AFP"])

    stopped_run(argos)
    translate_paths([articles], out, nllb)
    assert (out / "a.en.txt").read_text() == "Ảnh: AFP\n"  # translated, not resumed
    stopped_run(argos)
    (out / "a.po").unlink()
    translate_paths([articles], out, argos)
    assert (out / "a.en.txt").read_text() == "Photo: AFP\n"  # the same model resumes


def test_install_list_and_remove_converted_folders(models_home, run_cli, converted_folders):
    nllb = run_cli("models", "install", str(converted_folders["copy-nllb"]))
    assert nllb.exit_code == 0, nllb.output
    lines = nllb.stdout.splitlines()
    assert lines[0] == f"installed copy-nllb (nllb, vi→en) in {models_home / 'copy-nllb'}"
    assert lines[1] == "licence: CC-BY-NC-4.0 (non-commercial use only)"
    assert lines[2].startswith("note: this model may not be used commercially")
    marian = run_cli("models", "install", str(converted_folders["copy-marian"]))
    assert marian.exit_code == 0, marian.output
    assert "not stated; see the model card" in marian.stdout
    assert "commercially" not in marian.stdout
    assert sorted(p.name for p in models_home.iterdir()) == ["copy-marian", "copy-nllb"]

    listed = run_cli("models", "list").stdout.splitlines()
    assert listed[0].split() == ["NAME", "FAMILY", "PAIR", "VERSION", "SIZE", "LICENCE", "PATH"]
    marian_row, nllb_row = listed[1:]
    # no Argos package: translate uses the first converted model by name
    assert marian_row.split()[:5] == ["*", "copy-marian", "marian", "vi→en", "-"]
    assert find_model().name == "copy-marian"
    assert nllb_row.split()[:4] == ["copy-nllb", "nllb", "vi→en", "-"]
    assert " KiB  CC-BY-NC-4.0 (non-commercial use only)  " in nllb_row
    assert nllb_row.endswith(str(models_home / "copy-nllb"))

    # the pair names the Argos packages (as models install vi en does), never these
    by_pair = run_cli("models", "remove", "vi", "en")
    assert by_pair.exit_code == 2 and "no installed model vi→en" in by_pair.stderr
    removed = run_cli("models", "remove", "copy-nllb")
    assert removed.exit_code == 0 and "removed copy-nllb" in removed.stdout
    assert [m.name for m in installed_models()] == ["copy-marian"]


@pytest.mark.parametrize("suffix", [".zip", ".tar.gz", ".tgz"])
def test_install_an_archive_of_a_converted_folder(
    models_home, run_cli, converted_folders, tmp_path, suffix
):
    archive = archive_folder(converted_folders["copy-marian"], tmp_path / f"opus{suffix}")
    result = run_cli("models", "install", str(archive))
    assert result.exit_code == 0, result.output
    assert (models_home / "copy-marian" / "source.spm").is_file()
    assert [p.name for p in models_home.iterdir()] == ["copy-marian"]  # no staging left
    engine = CT2Engine(find_model(name="copy-marian"), EngineOptions(threads=1))
    assert engine.translate(["Một câu ngắn."])[0][0].text == "Một câu ngắn."


def test_the_argos_tools_still_work_beside_converted_models(with_all_models):
    code = (
        "from argostranslate.package import get_installed_packages\n"
        "print([p.package_path.name for p in get_installed_packages()])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ
    )
    assert out.stdout.strip() == "['translate-vi_en-1_9']", out.stderr


def test_a_folder_path_works_as_model_without_install(
    models_home, run_cli, converted_folders, tmp_path
):
    (tmp_path / "bai.txt").write_text("Một câu ngắn.\n", encoding="utf-8")
    folder = converted_folders["copy-marian"]
    result = run_cli("translate", "bai.txt", "--model", str(folder), "--no-glossary")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "outputs" / "bai.en.txt").read_text() == "Một câu ngắn.\n"


def broken(folder: Path, tmp_path: Path, change) -> Path:
    """A copy of a converted folder with `change(copy)` applied."""
    copy = tmp_path / "broken" / folder.name
    shutil.copytree(folder, copy)
    change(copy)
    return copy


def _write(name: str, text: str):
    return lambda folder: (folder / name).write_text(text, encoding="utf-8")


def _unlink(name: str):
    return lambda folder: (folder / name).unlink()


def _vocabulary_without_words(folder: Path) -> None:
    path = folder / "shared_vocabulary.json"
    tokens = json.loads(path.read_text(encoding="utf-8"))
    kept = [t for t in tokens if len(t) == 1 or t.startswith("<") or t.endswith("_Latn")]
    path.write_text(json.dumps(kept))


@pytest.mark.parametrize(
    ("source", "change", "message"),
    [
        (
            "copy-nllb",
            _unlink("model.bin"),
            "not a converted CTranslate2 model folder (no model.bin)",
        ),
        (
            "copy-nllb",
            _unlink("sentencepiece.bpe.model"),
            "tokenizer file sentencepiece.bpe.model missing",
        ),
        ("copy-marian", _unlink("target.spm"), "tokenizer file target.spm missing"),
        ("copy-nllb", _write("config.json", "{"), "config.json is not valid JSON"),
        ("copy-marian", _write("model.bin", "damaged"), "cannot load the model ("),
        (
            "copy-nllb",
            _write("sentencepiece.bpe.model", "not a model"),
            "not a SentencePiece model",
        ),
        ("copy-nllb-hf", _write("tokenizer.json", "{}"), "not a usable tokenizer.json"),
        ("copy-nllb", _unlink("shared_vocabulary.json"), "cannot tell which model family"),
        (
            "copy-nllb",
            _vocabulary_without_words,
            "tokenizer sentencepiece.bpe.model does not match the model's vocabulary",
        ),
        (
            "copy-nllb",
            _write("translit-model.toml", 'license = "MIT"\n'),
            "unknown key 'license' (did you mean licence?)",
        ),
        (
            "copy-nllb",
            _write("translit-model.toml", 'source_prefix = ["fra_Latn", "xx_Yyyy"]\n'),
            "special tokens not in the model's vocabulary: xx_Yyyy",
        ),
        (
            "copy-nllb",
            _write("translit-model.toml", 'family = "madlad"\n'),
            "family 'madlad' is not built in (marian, nllb, m2m100), so the file must name",
        ),
        (
            "copy-nllb",
            _write("translit-model.toml", 'tokenizer = "../../etc/passwd"\n'),
            "tokenizer must name a file in the model folder",
        ),
        ("copy-nllb", _write("translit-model.toml", "family = \n"), "not valid TOML"),
        # a line break would add a field to every PO header the model signs
        (
            "copy-nllb",
            _write("translit-model.toml", 'version = "1.0\\nLanguage: fr"\n'),
            "version must be one line of text (no control characters)",
        ),
        (
            "copy-marian",
            _write("translit-model.toml", 'licence = "MIT\\u001b[2J"\n'),
            "licence must be one line of text (no control characters)",
        ),
        (
            "copy-nllb",
            _write("translit-model.toml", 'from = "en"\nto = "fr"\n'),
            "no NLLB language code known for en→fr; set source_prefix and target_prefix",
        ),
        (
            "copy-nllb",
            _write(
                "translit-model.toml",
                'from = "en"\nto = "fr"\nsource_prefix = ["eng_Latn"]\n'
                'target_prefix = ["fra_Latn"]\n',
            ),
            "model translates en→fr, not vi→en",
        ),
        (
            "copy-marian",
            _write("translit-model.toml", 'from = "en"\nto = "fr"\n'),
            "model translates en→fr, not vi→en",
        ),
        (
            "copy-marian",
            lambda f: (f / "link.spm").symlink_to(f / "source.spm"),
            "link.spm is a symbolic link; copy the real files into the folder",
        ),
    ],
)
def test_a_broken_converted_folder_is_refused_and_nothing_is_left(
    models_home, run_cli, converted_folders, tmp_path, source, change, message
):
    folder = broken(converted_folders[source], tmp_path, change)
    result = run_cli("models", "install", str(folder))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"error: {folder}") and result.stderr.count("\n") == 1
    assert message in result.stderr
    assert not models_home.exists() or list(models_home.iterdir()) == []


def test_hostile_archives_are_refused(models_home, run_cli, converted_folders, tmp_path):
    folder = converted_folders["copy-marian"]
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as tf:
        tf.add(folder, arcname="opus")
        tf.add(folder / "config.json", arcname="opus/../../escaped.json")
    linked = tmp_path / "linked.tar"
    with tarfile.open(linked, "w") as tf:
        tf.add(folder, arcname="opus")
        info = tarfile.TarInfo("opus/passwd")
        info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tf.addfile(info)
    hard = tmp_path / "hard.tar"
    with tarfile.open(hard, "w") as tf:
        tf.add(folder, arcname="opus")
        info = tarfile.TarInfo("opus/hard")
        info.type, info.linkname = tarfile.LNKTYPE, "opus/config.json"
        tf.addfile(info)
    flat = tmp_path / "flat.zip"
    with zipfile.ZipFile(flat, "w") as zf:
        for file in folder.iterdir():
            zf.write(file, file.name)
    hidden = tmp_path / "hidden.tar"  # installed, it was a model `models list` never showed
    with tarfile.open(hidden, "w") as tf:
        tf.add(folder, arcname=".opus")
    cases = {
        evil: "unsafe path in archive: 'opus/../../escaped.json'",
        linked: "archive contains a symbolic link: 'opus/passwd'",
        hard: "archive contains a link or device file: 'opus/hard'",
        flat: "expected one top-level directory, found",
        hidden: "the archive's folder '.opus' starts with a dot",
    }
    for archive, message in cases.items():
        result = run_cli("models", "install", str(archive))
        assert result.exit_code == 2, archive
        assert message in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path.parent / "escaped.json").exists()
    assert list(models_home.iterdir()) == []


@pytest.mark.parametrize("name", ["opus\nLanguage fr", "opus\x1b[31m", "opus\tmt"])
def test_a_model_name_with_control_characters_is_refused(
    models_home, run_cli, converted_folders, tmp_path, name
):
    """The name goes to the terminal (an escape sequence would run there), to `models
    list` and into every PO header the model signs (a line break would add a field)."""
    folder = converted_folders["copy-marian"]
    archive = tmp_path / "named.tar"
    with tarfile.open(archive, "w") as tf:
        tf.add(folder, arcname=name)
    result = run_cli("models", "install", str(archive))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert f"unsafe path in archive: {name!r}" in result.stderr
    copy = tmp_path / "folders" / name
    shutil.copytree(folder, copy)
    result = run_cli("models", "install", str(copy))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert f"the model's name {name!r} holds a control character" in result.stderr
    assert not models_home.exists() or list(models_home.iterdir()) == []


def test_a_profile_file_makes_any_family_usable(models_home, run_cli, converted_folders, tmp_path):
    # a family translit does not know: its tokenizer under another name, its own tokens
    def desk_model(folder: Path) -> None:
        (folder / "sentencepiece.bpe.model").rename(folder / "spiece.model")
        (folder / "translit-model.toml").write_text(
            'family = "desk-nllb"\ntokenizer = "spiece.model"\n'
            'source_prefix = ["vie_Latn"]\nsource_suffix = ["</s>"]\n'
            'target_prefix = ["eng_Latn"]\nmax_input_length = 256\n'
            'licence = "Apache-2.0"\nversion = "2024.1"\n',
            encoding="utf-8",
        )

    folder = broken(converted_folders["copy-nllb"], tmp_path, desk_model)
    result = run_cli("models", "install", str(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("installed copy-nllb 2024.1 (desk-nllb, vi→en)")
    assert "licence: Apache-2.0" in result.stdout
    engine = CT2Engine(find_model(name="copy-nllb"), EngineOptions(threads=1))
    assert engine.profile.max_input_length == 256
    text = "Tổng thống Mỹ J.Biden và Tổng thống Nga V.Putin đã điện đàm."
    assert engine.translate([text])[0][0].text == text
    assert "|family:desk-nllb|" in engine.fingerprint


def test_a_folder_that_is_no_model_is_refused_before_anything_is_copied(
    models_home, run_cli, tmp_path, copy_package
):
    home = tmp_path / "home"
    (home / "articles").mkdir(parents=True)
    (home / "articles" / "bai.txt").write_text("Một câu.\n", encoding="utf-8")
    result = run_cli("models", "install", str(home))
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {home}: not a converted CTranslate2 model folder (no model.bin); "
        "see `ct2-transformers-converter` in the README\n"
    )
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(copy_package) as zf:
        zf.extractall(unpacked)
    argos = unpacked / "translate-vi_en-1_9"
    result = run_cli("models", "install", str(argos))
    assert result.exit_code == 2 and "an unpacked Argos package" in result.stderr
    assert not models_home.exists() or list(models_home.iterdir()) == []


def test_a_full_disk_during_install_leaves_nothing_behind(
    models_home, run_cli, converted_folders, monkeypatch
):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("translit.models.shutil.copyfile", full)
    folder = converted_folders["copy-marian"]
    result = run_cli("models", "install", str(folder))
    assert result.exit_code == 2
    assert result.stderr == f"error: {folder}: cannot copy the model (No space left on device)\n"
    assert list(models_home.iterdir()) == []


def test_reinstalling_replaces_the_model_and_a_planted_link_is_not_followed(
    models_home, run_cli, converted_folders, tmp_path
):
    folder = converted_folders["copy-marian"]
    assert run_cli("models", "install", str(folder)).exit_code == 0
    stale = models_home / "copy-marian" / "stale.bin"
    stale.write_bytes(b"x")
    assert run_cli("models", "install", str(folder)).exit_code == 0
    assert not stale.exists()
    # a link planted where the model goes: replaced, its target left alone
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("mine")
    shutil.rmtree(models_home / "copy-marian")
    (models_home / "copy-marian").symlink_to(victim)
    assert run_cli("models", "install", str(folder)).exit_code == 0
    assert (victim / "keep.txt").read_text() == "mine" and len(list(victim.iterdir())) == 1
    assert not (models_home / "copy-marian").is_symlink()
    assert sorted(p.name for p in models_home.iterdir() if not p.name.startswith(".")) == [
        "copy-marian"
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_unlink("target.spm"), "no tokenizer (target.spm missing)"),
        (_write("model.bin", "damaged"), "cannot load the model ("),
    ],
)
def test_a_model_damaged_after_install_is_exit_3_not_a_traceback(
    models_home, run_cli, converted_folders, tmp_path, change, message
):
    folder = broken(converted_folders["copy-marian"], tmp_path, change)
    (tmp_path / "bai.txt").write_text("Một câu ngắn.\n", encoding="utf-8")
    result = run_cli("translate", "bai.txt", "--model", str(folder))
    assert result.exit_code == 3, result.output
    assert result.stderr.startswith(f"error: {folder}: {message}")
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "outputs" / "bai.po").exists()
