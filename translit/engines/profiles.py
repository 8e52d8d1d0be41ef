"""Model profiles: what differs between families of CTranslate2 translation models.

Families differ in their tokenizer files, the special tokens around the source (NLLB
reads `vie_Latn … </s>`, M2M100 `__vi__ … </s>`, OPUS-MT/Marian `… </s>`), the token
the output starts with (`eng_Latn`, `__en__`; stripped after decoding), how many tokens
they read, and their licence. Built in: Argos packages, Marian (OPUS-MT), NLLB and
M2M100, told apart by their files. Anything else (MADLAD via T5, mBART, a fine-tune
with its own tokens) gets a profile file in its folder, `translit-model.toml`:

    family = "madlad"                 # a name of your own, or marian/nllb/m2m100 to adjust one
    tokenizer = "spiece.model"        # SentencePiece file, or tokenizer.json
    source_prefix = ["<2en>"]
    source_suffix = ["</s>"]
    max_input_length = 512
    licence = "Apache-2.0"

Keys a file leaves out keep the family's values (or the defaults below). Reading a
profile never imports ctranslate2 or a tokenizer; `check_model_folder` does, to prove
at install time that the tokenizer and the model's vocabulary belong together.
"""

from __future__ import annotations

import hashlib
import json
import sys
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PROFILE_FILE = "translit-model.toml"
FAMILIES = ("argos", "marian", "nllb", "m2m100")
_NLLB_CODES = {"vi": "vie_Latn", "en": "eng_Latn"}
_VOCABULARIES = (
    ("shared_vocabulary.json",),
    ("shared_vocabulary.txt",),
    ("source_vocabulary.json", "target_vocabulary.json"),
    ("source_vocabulary.txt", "target_vocabulary.txt"),
)
# A sentence whose tokens must be in the model's vocabulary (written for this check).
_PROBE = "Người dân Hà Nội đã nghe tin bão số 3 sẽ đổ bộ vào ngày 12/9."
_MIN_KNOWN = 0.8  # share of the probe's tokens the vocabulary must know
_SAMPLE = 1 << 20  # bytes read from the start, middle and end of a large file


class ProfileError(Exception):
    """A model folder or profile file that cannot be used; the message is one line."""


@dataclass(frozen=True)
class ModelProfile:
    """How to feed one model and read its output."""

    family: str
    tokenizer: str  # tokenizer file (SentencePiece or tokenizer.json), relative to the folder
    target_tokenizer: str = ""  # the file that decodes the output, when not `tokenizer`
    source_prefix: tuple[str, ...] = ()
    source_suffix: tuple[str, ...] = ()
    target_prefix: tuple[str, ...] = ()  # forced, then stripped from the output
    max_input_length: int = 1024  # tokens the model reads, prefix and suffix included
    licence: str = ""
    from_code: str = "vi"
    to_code: str = "en"
    version: str = ""
    model_dir: str = "."  # where model.bin is, relative to the folder ("model" in Argos)

    def source_tokens(self, pieces: list[str]) -> list[str]:
        """What the model reads for a sentence's tokens: prefix + pieces + suffix."""
        return [*self.source_prefix, *pieces, *self.source_suffix]

    def output_tokens(self, tokens: list[str]) -> list[str]:
        """An output's own tokens: the target prefix (forced at the start) removed."""
        n = len(self.target_prefix)
        if n and tuple(tokens[:n]) == self.target_prefix:
            return tokens[n:]
        return tokens

    def signature(self) -> str:
        """The settings of the profile that change a translation, for the fingerprint."""
        parts = [
            f"family:{self.family}",
            f"src:{' '.join(self.source_prefix)}…{' '.join(self.source_suffix)}",
            f"tgt:{' '.join(self.target_prefix)}",
            f"max:{self.max_input_length}",
        ]
        return "|".join(parts)


def one_line(text: str) -> bool:
    """Whether text has no control characters (line breaks, tabs, escapes): a model's
    name, version or licence is printed, listed and written into PO headers."""
    return not any(unicodedata.category(c) == "Cc" for c in text)


def non_commercial(licence: str) -> bool:
    """Whether a licence forbids commercial use (NLLB's CC-BY-NC-4.0)."""
    upper = licence.upper()
    return "-NC" in upper or "NON-COMMERCIAL" in upper


def _builtin(family: str, folder: Path, from_code: str, to_code: str) -> ModelProfile:
    """The built-in profile of a CTranslate2 model family for the language pair."""
    if family == "marian":
        return ModelProfile(
            "marian",
            "source.spm",
            "target.spm",
            source_suffix=("</s>",),
            max_input_length=512,
            from_code=from_code,
            to_code=to_code,
        )
    # SentencePiece when the converter copied it, else the tokenizer.json beside it
    tokenizer = "sentencepiece.bpe.model"
    if not (folder / tokenizer).is_file() and (folder / "tokenizer.json").is_file():
        tokenizer = "tokenizer.json"
    if family == "nllb":  # codes for other pairs come from the profile file
        return ModelProfile(
            "nllb",
            tokenizer,
            source_prefix=(_NLLB_CODES[from_code],) if from_code in _NLLB_CODES else (),
            source_suffix=("</s>",),
            target_prefix=(_NLLB_CODES[to_code],) if to_code in _NLLB_CODES else (),
            licence="CC-BY-NC-4.0 (non-commercial use only)",
            from_code=from_code,
            to_code=to_code,
        )
    if family == "m2m100":
        return ModelProfile(
            "m2m100",
            tokenizer,
            source_prefix=(f"__{from_code}__",),
            source_suffix=("</s>",),
            target_prefix=(f"__{to_code}__",),
            licence="MIT",
            from_code=from_code,
            to_code=to_code,
        )
    raise ProfileError(f"{folder}: unknown model family {family!r}")


def is_argos_package(folder: Path) -> bool:
    """An unpacked Argos package: metadata.json and the CTranslate2 model in model/."""
    return (folder / "metadata.json").is_file() and (folder / "model").is_dir()


def argos_profile(folder: Path, metadata: dict[str, Any]) -> ModelProfile:
    """The profile of an Argos package (its metadata.json already read)."""
    tokenizer = "sentencepiece.model" if (folder / "sentencepiece.model").is_file() else "bpe.model"
    prefix = metadata.get("target_prefix") or ""
    return ModelProfile(
        "argos",
        tokenizer,
        target_prefix=(prefix,) if isinstance(prefix, str) and prefix else (),
        licence="see the package README" if (folder / "README.md").is_file() else "",
        from_code=str(metadata.get("from_code", "")),
        to_code=str(metadata.get("to_code", "")),
        version=str(metadata.get("package_version", "")),
        model_dir="model",
    )


def load_profile(folder: Path) -> ModelProfile:
    """The profile of a model folder: an Argos package's, else its profile file over
    its family's built-in profile, else the built-in profile its files point to.

    Raises ProfileError (one line, naming the folder or file) when none fits.
    """
    if is_argos_package(folder):
        try:
            metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as err:
            raise ProfileError(f"{folder}: metadata.json is not valid JSON ({err})") from None
        if not isinstance(metadata, dict):
            raise ProfileError(f"{folder}: metadata.json is not a JSON object")
        return argos_profile(folder, metadata)
    settings = read_profile_file(folder / PROFILE_FILE) if (folder / PROFILE_FILE).exists() else {}
    from_code = settings.pop("from_code", "vi")
    to_code = settings.pop("to_code", "en")
    family = settings.get("family") or detect_family(folder)
    if family is None:
        raise ProfileError(
            f"{folder}: cannot tell which model family this is (no source.spm, and no "
            f"NLLB or M2M100 language tokens in its vocabulary); write a {PROFILE_FILE} "
            "that names its tokenizer and special tokens (see the README)"
        )
    if family in FAMILIES and family != "argos":
        base = _builtin(family, folder, from_code, to_code)
    elif "tokenizer" not in settings:
        raise ProfileError(
            f"{folder / PROFILE_FILE}: family {family!r} is not built in "
            f"({', '.join(FAMILIES[1:])}), so the file must name its tokenizer"
        )
    else:
        base = ModelProfile(family, settings["tokenizer"], from_code=from_code, to_code=to_code)
    profile = replace(base, **settings)
    if profile.family == "nllb" and not (profile.source_prefix and profile.target_prefix):
        raise ProfileError(
            f"{folder}: no NLLB language code known for {from_code}→{to_code}; "
            f"set source_prefix and target_prefix in {PROFILE_FILE}"
        )
    return profile


_LIST_KEYS = ("source_prefix", "source_suffix", "target_prefix")
_TEXT_KEYS = ("family", "tokenizer", "target_tokenizer", "licence", "version")
_RENAMED = {"from": "from_code", "to": "to_code"}


def read_profile_file(path: Path) -> dict[str, Any]:
    """A profile file's settings, checked, as ModelProfile field values."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise ProfileError(f"{path}: cannot read ({err})") from None
    except tomllib.TOMLDecodeError as err:
        raise ProfileError(f"{path}: not valid TOML ({err})") from None
    known = (*_TEXT_KEYS, *_LIST_KEYS, "max_input_length", *_RENAMED)
    settings: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            hint = " (did you mean licence?)" if key == "license" else ""
            raise ProfileError(f"{path}: unknown key {key!r}{hint}; known keys: {', '.join(known)}")
        if key in _LIST_KEYS:
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise ProfileError(f"{path}: {key} must be a list of tokens (strings)")
            value = tuple(value)
        elif key == "max_input_length":
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ProfileError(f"{path}: max_input_length must be a positive whole number")
        elif not isinstance(value, str) or (not value and key != "licence"):
            raise ProfileError(f"{path}: {key} must be a non-empty string")
        elif not one_line(value):  # it goes into messages, `models list` and PO headers
            raise ProfileError(f"{path}: {key} must be one line of text (no control characters)")
        settings[_RENAMED.get(key, key)] = value
    for key in ("tokenizer", "target_tokenizer"):
        name = settings.get(key)
        if name and (Path(name).is_absolute() or ".." in Path(name).parts):
            raise ProfileError(f"{path}: {key} must name a file in the model folder")
    return settings


def detect_family(folder: Path) -> str | None:
    """The built-in family a converted model's files point to, or None."""
    if (folder / "source.spm").is_file():
        return "marian"
    try:
        source, target = read_vocabularies(folder)
    except ProfileError:
        return None
    if "eng_Latn" in target and "vie_Latn" in source:
        return "nllb"
    if "__en__" in target and "__vi__" in source:
        return "m2m100"
    return None


def read_vocabularies(folder: Path) -> tuple[set[str], set[str]]:
    """The source and target vocabularies of a CTranslate2 model folder."""
    for names in _VOCABULARIES:
        paths = [folder / name for name in names]
        if all(p.is_file() for p in paths):
            vocabularies = [_read_vocabulary(p) for p in paths]
            return vocabularies[0], vocabularies[-1]
    raise ProfileError(
        f"{folder}: no vocabulary (shared_vocabulary.json, or source_ and target_vocabulary)"
    )


def _read_vocabulary(path: Path) -> set[str]:
    try:
        if path.suffix == ".json":
            tokens = json.loads(path.read_text(encoding="utf-8"))
        else:
            tokens = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise ProfileError(f"{path}: not a readable vocabulary ({err})") from None
    if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
        raise ProfileError(f"{path}: not a list of tokens")
    return set(tokens)


def tokenizer_paths(folder: Path, profile: ModelProfile) -> tuple[Path, Path | None]:
    """The tokenizer file that encodes, and the one that decodes if another."""
    source = folder / profile.tokenizer
    target = folder / profile.target_tokenizer if profile.target_tokenizer else None
    return source, target


def model_files(folder: Path, profile: ModelProfile) -> list[Path]:
    """The files that decide a model's output: weights, config, vocabularies, tokenizers."""
    model_dir = folder / profile.model_dir
    names = ["model.bin", "config.json"] + [n for names in _VOCABULARIES for n in names]
    files = [model_dir / n for n in names if (model_dir / n).is_file()]
    source, target = tokenizer_paths(folder, profile)
    files += [p for p in (source, target) if p is not None and p.is_file()]
    return files


def check_model_folder(folder: Path, profile: ModelProfile | None = None) -> ModelProfile:
    """Prove a converted CTranslate2 folder usable; return its profile.

    Checks what a broken or mismatched folder would otherwise only show at translation
    time: model.bin and a valid config.json, a vocabulary, the profile's tokenizer
    files (they load), its special tokens in the vocabulary, and the tokenizer's tokens
    for a test sentence known to the vocabulary (the right tokenizer for the model).
    Raises ProfileError.
    """
    from translit.engines.tokenizer import TokenizerError, load_tokenizer

    profile = profile or load_profile(folder)
    model_dir = folder / profile.model_dir
    if not (model_dir / "model.bin").is_file():
        raise ProfileError(f"{folder}: no CTranslate2 model (model.bin missing)")
    try:
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"{folder}: config.json missing (not a converted model?)") from None
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise ProfileError(f"{folder}: config.json is not valid JSON ({err})") from None
    if not isinstance(config, dict):
        raise ProfileError(f"{folder}: config.json is not a JSON object")
    source_vocab, target_vocab = read_vocabularies(model_dir)
    source, target = tokenizer_paths(folder, profile)
    for path in (source, target):
        if path is not None and not path.is_file():
            raise ProfileError(f"{folder}: tokenizer file {path.name} missing")
    unknown = [t for t in (*profile.source_prefix, *profile.source_suffix) if t not in source_vocab]
    unknown += [t for t in profile.target_prefix if t not in target_vocab]
    if unknown:
        raise ProfileError(
            f"{folder}: special tokens not in the model's vocabulary: {', '.join(unknown)}"
        )
    try:
        tokenizer = load_tokenizer(source, target, languages=(profile.from_code, profile.to_code))
        pieces = tokenizer.encode(_PROBE)
    except TokenizerError as err:
        raise ProfileError(str(err)) from None
    missing = [p for p in pieces if p not in source_vocab]
    if not pieces or len(missing) > (1 - _MIN_KNOWN) * len(pieces):
        raise ProfileError(
            f"{folder}: tokenizer {source.name} does not match the model's vocabulary "
            f"({len(missing)} of {len(pieces)} tokens of a test sentence unknown)"
        )
    return profile


def folder_digest(files: list[Path]) -> str:
    """A short content digest of model files, fast enough for every run.

    Small files are read whole; large ones (model.bin) by their size and 1 MiB from
    the start, the middle and the end: two different models differ there.
    """
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.name):
        size = path.stat().st_size
        digest.update(f"{path.name}\0{size}\0".encode())
        with path.open("rb") as handle:
            if size <= 3 * _SAMPLE:
                digest.update(handle.read())
                continue
            for offset in (0, size // 2, size - _SAMPLE):
                handle.seek(offset)
                digest.update(handle.read(_SAMPLE))
    return digest.hexdigest()[:12]
