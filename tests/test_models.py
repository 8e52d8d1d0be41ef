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
    monkeypatch.setenv("TRANSLIT_MODELS_DIR", str(tmp_path / "converted"))
    return path


def make_archive(path: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


META = json.dumps({"package_version": "1.0", "from_code": "vi", "to_code": "en"})


def repackage(package: Path, path: Path, top: str, changes: dict[str, bytes | str]) -> Path:
    """A copy of an Argos package file, its folder renamed `top` and the members in
    `changes` (named inside the folder, e.g. "model/model.bin") replaced."""
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            inside = info.filename.split("/", 1)[1] if "/" in info.filename else ""
            data = changes.get(inside, b"" if info.is_dir() else source.read(info))
            out.writestr(f"{top}/{inside}", data)
    return path


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
    header, row = listed.stdout.splitlines()
    assert header.split() == ["NAME", "FAMILY", "PAIR", "VERSION", "SIZE", "LICENCE", "PATH"]
    assert row.split()[:5] == ["*", "translate-vi_en-1_9", "argos", "vi→en", "1.9"]
    assert row.endswith(str(packages / "translate-vi_en-1_9"))

    removed = run_cli("models", "remove", "vi", "en")
    assert removed.exit_code == 0 and "removed translate-vi_en-1_9" in removed.stdout
    assert installed_models() == []
    again = run_cli("models", "remove", "vi", "en")
    assert again.exit_code == 2 and "no installed model vi→en" in again.stderr


def test_a_model_that_cannot_be_removed_is_a_one_line_error(
    packages, run_cli, tmp_path, copy_package
):
    # a package folder linked into the packages folder by hand: removing it fails
    assert run_cli("models", "install", str(copy_package)).exit_code == 0
    elsewhere = tmp_path / "kept-elsewhere"
    (packages / "translate-vi_en-1_9").rename(elsewhere)
    (packages / "translate-vi_en-1_9").symlink_to(elsewhere)
    result = run_cli("models", "remove", "translate-vi_en-1_9")
    assert result.exit_code == 2, result.output
    assert (
        result.stderr.startswith(f"error: {packages / 'translate-vi_en-1_9'}: cannot remove (")
        and result.stderr.count("\n") == 1
    )
    assert (elsewhere / "metadata.json").is_file()


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
        (  # the version goes into PO headers, where a line break adds a field
            {
                "pkg/metadata.json": META.replace('"1.0"', '"1.0\\nLanguage: fr"'),
                "pkg/model/model.bin": "x",
                "pkg/bpe.model": "x",
            },
            "package_version in metadata.json must be one line of text",
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
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"error: {text}: not a zip archive, so not an Argos model (incomplete download?)\n"
    )

    truncated = tmp_path / "truncated.argosmodel"
    truncated.write_bytes(copy_package.read_bytes()[: copy_package.stat().st_size // 2])
    result = run_cli("models", "install", str(truncated))
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {truncated}: not a zip archive, so not an Argos model (incomplete download?)\n"
    )
    assert installed_models() == []


def test_a_package_for_another_pair_is_refused(packages, run_cli, tmp_path):
    meta = json.dumps({"package_version": "1.0", "from_code": "en", "to_code": "fr"})
    archive = make_archive(
        tmp_path / "en_fr.argosmodel",
        {"p/metadata.json": meta, "p/model/model.bin": "x", "p/sentencepiece.model": "x"},
    )
    result = run_cli("models", "install", str(archive))
    assert result.exit_code == 2
    assert result.stderr == (f"error: {archive}: package translates en→fr, not vi→en\n")
    assert installed_models() == []


def snapshot(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_nothing_is_written_outside_the_packages_directory(packages, run_cli, tmp_path):
    members = {
        "pkg/metadata.json": META,
        "pkg/model/model.bin": "x",
        "pkg/sentencepiece.model": "x",
        "pkg/../../escaped.txt": "x",
    }
    archive = make_archive(tmp_path / "bad.argosmodel", members)
    before = snapshot(tmp_path)
    result = run_cli("models", "install", str(archive))
    assert result.exit_code == 2
    assert result.stderr == (f"error: {archive}: unsafe path in archive: 'pkg/../../escaped.txt'\n")
    assert snapshot(tmp_path) == before


def with_declared_sizes(archive: Path, size: int) -> None:
    """Make every member claim `size` unpacked bytes (local and central headers)."""
    data = bytearray(archive.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            data[start + offset : start + offset + 4] = size.to_bytes(4, "little")
            start += 4
    archive.write_bytes(bytes(data))


def test_an_archive_that_would_unpack_past_the_limit_is_refused_unread(packages, run_cli, tmp_path):
    # three members each claiming 2 GiB: 6 GiB declared, over the 4 GiB limit
    archive = make_archive(
        tmp_path / "bomb.argosmodel",
        {"p/metadata.json": META, "p/model/model.bin": "x", "p/sentencepiece.model": "x"},
    )
    with_declared_sizes(archive, 2 * 1024**3)
    result = run_cli("models", "install", str(archive))
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {archive}: unpacks to 6.0 GiB, above the 4.0 GiB limit "
        "(a damaged or hostile archive?)\n"
    )
    assert not packages.exists() or snapshot(packages) == []


def test_the_size_limit_counts_real_bytes(packages, tmp_path, monkeypatch, run_cli):
    # 8 MiB of zeros compress to a few KiB; with a 1 MiB limit they are refused
    archive = tmp_path / "zeros.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("p/metadata.json", META)
        zf.writestr("p/sentencepiece.model", "x")
        zf.writestr("p/model/model.bin", bytes(8 * 1024**2))
    assert archive.stat().st_size < 64 * 1024
    monkeypatch.setattr("translit.models.MAX_UNPACKED_BYTES", 1024**2)
    result = run_cli("models", "install", str(archive))
    assert result.exit_code == 2
    assert "unpacks to 8.0 MiB, above the 1.0 MiB limit" in result.stderr

    from translit.models import ModelError, install_file

    # sizes that lie low: zipfile stops at the declared size, and the CRC then fails
    with_declared_sizes(archive, 1000)
    with pytest.raises(ModelError, match="damaged|limit"):
        install_file(archive, max_bytes=4096)
    assert not packages.exists() or snapshot(packages) == []


def test_a_damaged_archive_is_refused(packages, run_cli, tmp_path, copy_package):
    data = bytearray(copy_package.read_bytes())
    with zipfile.ZipFile(copy_package) as zf:
        member = zf.getinfo(next(n for n in zf.namelist() if n.endswith("model.bin")))
    # flip a byte in the middle of model.bin's stored data: the zip's CRC-32 catches it
    middle = member.header_offset + 30 + len(member.filename) + member.compress_size // 2
    data[middle] ^= 0xFF
    damaged = tmp_path / "damaged.argosmodel"
    damaged.write_bytes(bytes(data))
    result = run_cli("models", "install", str(damaged))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {damaged}: archive is damaged (")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert installed_models() == []


def test_a_model_ctranslate2_cannot_load_never_replaces_a_working_one(
    packages, run_cli, tmp_path, copy_package
):
    assert run_cli("models", "install", str(copy_package)).exit_code == 0
    top = "translate-vi_en-1_9"
    for garbage in (b"not a model", b"\x06\x00\x00\x00" + os.urandom(4096)):
        damaged = repackage(
            copy_package, tmp_path / "damaged.argosmodel", top, {"model/model.bin": garbage}
        )
        result = run_cli("models", "install", str(damaged))
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"error: {damaged}: cannot load the model (")
        assert result.stderr.count("\n") == 1
    # the package installed before is the one still there, and it translates
    (tmp_path / "bai.txt").write_text("Một câu ngắn.\n", encoding="utf-8")
    assert run_cli("translate", "bai.txt", "-q").exit_code == 0
    assert sorted(p.name for p in packages.iterdir()) == [top]


def test_newest_version_is_used_and_named_model_can_be_chosen(packages, tmp_path, copy_package):
    from translit.models import install_file

    for version in ("1.2", "1.10"):
        meta = json.dumps({"package_version": version, "from_code": "vi", "to_code": "en"})
        archive = repackage(
            copy_package,
            tmp_path / f"v{version}.argosmodel",
            f"vi_en-{version}",
            {"metadata.json": meta},
        )
        install_file(archive)
    assert find_model().version == "1.10"
    assert find_model(name="vi_en-1.2").version == "1.2"
