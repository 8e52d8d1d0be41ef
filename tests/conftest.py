"""Shared fixtures: an isolated Argos data directory and the copy models, installed once.

No test touches the user's real argos-translate directories or the network: the
session points XDG_* and ARGOS_PACKAGES_DIR at temporary directories, builds the
small copy model (tests/copymodel.py) and installs it through `translit models
install`, exactly as a user installs a real model; likewise the converted-model
folders shaped like NLLB and OPUS-MT (Marian) ones, into a TRANSLIT_MODELS_DIR.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.isolation import isolate_argos

# argostranslate reads its settings when first imported, so isolate it before any
# import below can pull it in: no test sees the real home or reaches the network.
isolate_argos("translit-tests-", packages="empty-packages")

import pytest  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from tests.copymodel import build_copy_ct2, build_copy_package  # noqa: E402
from translit.cli import app  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def copy_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small copy-model .argosmodel file (built once per session)."""
    return build_copy_package(tmp_path_factory.mktemp("copy-model"), size="small")


@pytest.fixture(scope="session")
def garble_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The variant that damages capitalized words (see tests/copymodel.py)."""
    return build_copy_package(tmp_path_factory.mktemp("garble-model"), variant="garble")


def install_into(package: Path, packages_dir: Path, variable: str = "ARGOS_PACKAGES_DIR") -> None:
    """Install a package (or converted folder) with the real CLI into packages_dir
    (the folder `variable` names)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(variable, str(packages_dir))
        result = CliRunner().invoke(app, ["models", "install", str(package)])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="session")
def copy_models_dir(tmp_path_factory: pytest.TempPathFactory, copy_package: Path) -> Path:
    """A packages directory holding the installed copy model."""
    packages = tmp_path_factory.mktemp("packages-copy")
    install_into(copy_package, packages)
    return packages


@pytest.fixture
def with_model(monkeypatch: pytest.MonkeyPatch, copy_models_dir: Path, tmp_path: Path) -> Path:
    """Make the installed copy model the one translit finds (and the only one)."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(copy_models_dir))
    monkeypatch.setenv("TRANSLIT_MODELS_DIR", str(tmp_path / "no-converted-models"))
    return copy_models_dir


@pytest.fixture(scope="session")
def converted_folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Copy models in the layout ct2-transformers-converter gives NLLB (SentencePiece,
    and tokenizer.json) and OPUS-MT/Marian models, by name (tests/copymodel.py)."""
    root = tmp_path_factory.mktemp("converted")
    return {
        "copy-nllb": build_copy_ct2(root, "nllb"),
        "copy-marian": build_copy_ct2(root, "marian"),
        "copy-nllb-hf": build_copy_ct2(root, "nllb", tokenizer="hf", name="copy-nllb-hf"),
    }


@pytest.fixture(scope="session")
def converted_models_dir(
    tmp_path_factory: pytest.TempPathFactory, converted_folders: dict[str, Path]
) -> Path:
    """A TRANSLIT_MODELS_DIR with the converted copy models installed through the CLI."""
    root = tmp_path_factory.mktemp("translit-models")
    for folder in converted_folders.values():
        install_into(folder, root, "TRANSLIT_MODELS_DIR")
    return root


@pytest.fixture
def with_all_models(
    monkeypatch: pytest.MonkeyPatch, copy_models_dir: Path, converted_models_dir: Path
) -> Path:
    """The Argos copy package and the converted copy models, all installed."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(copy_models_dir))
    monkeypatch.setenv("TRANSLIT_MODELS_DIR", str(converted_models_dir))
    return converted_models_dir


@pytest.fixture(scope="session")
def garble_models_dir(tmp_path_factory: pytest.TempPathFactory, garble_package: Path) -> Path:
    """A packages directory holding the installed garble model."""
    packages = tmp_path_factory.mktemp("packages-garble")
    install_into(garble_package, packages)
    return packages


@pytest.fixture
def with_garble_model(monkeypatch: pytest.MonkeyPatch, garble_models_dir: Path) -> Path:
    """Make the installed garble model the one translit finds."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(garble_models_dir))
    return garble_models_dir


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty packages directory: a new user's machine."""
    packages = tmp_path / "no-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    monkeypatch.setenv("TRANSLIT_MODELS_DIR", str(tmp_path / "no-converted-models"))
    return packages


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Invoke the real CLI in-process from tmp_path; returns the typer Result."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args))

    return invoke


def run_subprocess(*args: str, cwd: Path, env: dict[str, str] | None = None):
    """Run `python -m translit ARGS` in a subprocess (for start-up and exit codes)."""
    full_env = {**os.environ, **(env or {})}
    full_env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "translit", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
