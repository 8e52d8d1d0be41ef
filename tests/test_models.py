"""`translit models`: install from a file (validated), list, remove; argostranslate sees it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from translit.models import find_model, installed_models


@pytest.fixture
def packages(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(path))
    return path


def make_archive(path: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


META = json.dumps({"package_version": "1.0", "from_code": "vi", "to_code": "en"})


def test_install_list_remove_round_trip(packages, run_cli, copy_package):
    listed = run_cli("models", "list")
    assert listed.exit_code == 0 and "No models installed" in listed.stdout
    assert "translit models install vi en" in listed.stdout

    installed = run_cli("models", "install", str(copy_package))
    assert installed.exit_code == 0, installed.output
    assert "installed translate-vi_en-1_9 1.9 (vi→en)" in installed.stdout
    assert (packages / "translate-vi_en-1_9" / "model" / "model.bin").is_file()
    assert not [p for p in packages.iterdir() if p.name.startswith(".")]

    listed = run_cli("models", "list")
    assert listed.stdout.startswith("* translate-vi_en-1_9")
    assert "vi→en" in listed.stdout

    removed = run_cli("models", "remove", "vi", "en")
    assert removed.exit_code == 0 and "removed translate-vi_en-1_9" in removed.stdout
    assert installed_models() == []
    again = run_cli("models", "remove", "vi", "en")
    assert again.exit_code == 2 and "no installed model vi→en" in again.stderr


def test_argostranslate_sees_what_we_install(packages, run_cli, copy_package):
    assert run_cli("models", "install", str(copy_package)).exit_code == 0
    # argostranslate itself, configured only by its environment, in a fresh process
    code = (
        "from argostranslate.package import get_installed_packages\n"
        "print([(p.from_code, p.to_code, p.package_version) for p in get_installed_packages()])"
    )
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(packages)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.stdout.strip() == "[('vi', 'en', '1.9')]", out.stderr


def test_reinstall_replaces_the_package(packages, run_cli, copy_package):
    assert run_cli("models", "install", str(copy_package)).exit_code == 0
    marker = packages / "translate-vi_en-1_9" / "stale.txt"
    marker.write_text("left over")
    assert run_cli("models", "install", str(copy_package)).exit_code == 0
    assert not marker.exists()
    assert len(installed_models()) == 1


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"pkg/metadata.json": META, "../evil.txt": "x"}, "unsafe path in archive: '../evil.txt'"),
        ({"/etc/evil": "x", "pkg/metadata.json": META}, "unsafe path in archive: '/etc/evil'"),
        ({"pkg/model/model.bin": "x", "pkg/sentencepiece.model": "x"}, "no pkg/metadata.json"),
        ({"pkg/metadata.json": META, "pkg/sentencepiece.model": "x"}, "model.bin missing"),
        ({"pkg/metadata.json": META, "pkg/model/model.bin": "x"}, "no tokenizer"),
        ({"a/metadata.json": META, "b/x": "x"}, "expected one top-level directory, found 2"),
        (
            {"pkg/metadata.json": "{not json", "pkg/model/model.bin": "x", "pkg/bpe.model": "x"},
            "metadata.json is not valid JSON",
        ),
    ],
)
def test_bad_archives_are_refused_and_nothing_is_written(
    packages, run_cli, tmp_path, members, message
):
    archive = make_archive(tmp_path / "bad.argosmodel", members)
    result = run_cli("models", "install", str(archive))
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert not packages.exists() or list(packages.iterdir()) == []
    assert not (tmp_path.parent / "evil.txt").exists()


def test_not_a_zip_and_truncated_archive(packages, run_cli, tmp_path, copy_package):
    text = tmp_path / "model.argosmodel"
    text.write_text("hello")
    result = run_cli("models", "install", str(text))
    assert result.exit_code == 2 and "not a zip archive" in result.stderr

    truncated = tmp_path / "truncated.argosmodel"
    truncated.write_bytes(copy_package.read_bytes()[: copy_package.stat().st_size // 2])
    result = run_cli("models", "install", str(truncated))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert installed_models() == []


def test_wrong_pair_is_refused_when_a_pair_is_expected(packages, tmp_path):
    from translit.models import ModelError, install_file

    meta = json.dumps({"package_version": "1.0", "from_code": "en", "to_code": "fr"})
    archive = make_archive(
        tmp_path / "en_fr.argosmodel",
        {"p/metadata.json": meta, "p/model/model.bin": "x", "p/sentencepiece.model": "x"},
    )
    with pytest.raises(ModelError, match="package is en→fr, expected vi→en"):
        install_file(archive, expect=("vi", "en"))
    assert installed_models() == []


def test_newest_version_is_used_and_named_model_can_be_chosen(packages, tmp_path):
    from translit.models import install_file

    for version in ("1.2", "1.10"):
        meta = json.dumps({"package_version": version, "from_code": "vi", "to_code": "en"})
        archive = make_archive(
            tmp_path / f"v{version}.argosmodel",
            {
                f"vi_en-{version}/metadata.json": meta,
                f"vi_en-{version}/model/model.bin": "x",
                f"vi_en-{version}/sentencepiece.model": "x",
            },
        )
        install_file(archive)
    assert find_model().version == "1.10"
    assert find_model(name="vi_en-1.2").version == "1.2"


def test_install_from_index_without_network_is_a_clear_error(packages, run_cli):
    result = run_cli("models", "install", "vi", "en")
    assert result.exit_code == 2
    assert "could not read the Argos package index" in result.stderr
