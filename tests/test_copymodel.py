"""The copy model is a real Argos package whose beam search returns its input exactly."""

from __future__ import annotations

import json
import time
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ctranslate2
import pytest

from tests.copymodel import (
    DEFAULT_CORPUS,
    build_copy_package,
    garbled_piece,
    package_dir_name,
    unpack_package,
)

# The decoding settings of Argos Translate, in one batched call.
ARGOS_OPTIONS: dict[str, Any] = {
    "beam_size": 4,
    "length_penalty": 0.2,
    "replace_unknowns": True,
    "batch_type": "tokens",
    "max_batch_size": 1024,
    "return_scores": True,
    "max_decoding_length": 1024,  # CTranslate2's default (256) cuts longer sentences
}

TONES = "\u0300\u0301\u0309\u0303\u0323"
ALL_TONED = " ".join(
    unicodedata.normalize("NFC", vowel + tone)
    for vowel in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
    for tone in ("", *TONES)
)

COPY_CASES = {
    "dates-numbers": "Ngày 30/1/2022, giá vàng tăng 1.500.000 đồng, tức 2,5%, so với 7.12.",
    "repeats": "ha ha ha ha ha ha ha ha 2222 0000 ... !!!",
    "names": "Tổng thống J.Biden gọi cho V.Putin ở Mátxcơva (Moskva); Nhà Trắng, TP.HCM.",
    "quotes": 'Ông nói: “Chúng tôi sẽ tới Kiev”, rồi "Ukraina" [sic]. Ảnh: AFP',
    "unseen-scripts": "中文新闻 😀👍🏽 Москва и Киев — ½ ™ ﬁ",
    "all-tones": ALL_TONED,
    "controls": "tab\there, newline\nthere",
    "long": " ".join(f"Người dân số {i} ở Hà Nội nói “có”." for i in range(30)),
}


@dataclass(frozen=True)
class Loaded:
    """An unpacked package, its Argos view and a translator on its model."""

    path: Path
    package: Any  # argostranslate.package.Package
    translator: ctranslate2.Translator

    def encode(self, text: str) -> list[str]:
        return self.package.tokenizer.encode(text)

    def decode(self, tokens: Sequence[str]) -> str:
        return self.package.tokenizer.lazy_processor().decode_pieces(list(tokens))

    def vocabulary(self) -> list[str]:
        return json.loads((self.path / "model" / "shared_vocabulary.json").read_text("utf-8"))

    def translate(self, tokens: list[list[str]], **options: Any) -> list[Any]:
        return self.translator.translate_batch(tokens, **{**ARGOS_OPTIONS, **options})


def load(package_file: Path, into: Path, compute_type: str = "default") -> Loaded:
    # Imported here, after conftest has pointed argostranslate's settings at a temp dir.
    from argostranslate.package import Package

    path = unpack_package(package_file, into)
    translator = ctranslate2.Translator(
        str(path / "model"), device="cpu", compute_type=compute_type, intra_threads=1
    )
    return Loaded(path, Package(path), translator)


@pytest.fixture(scope="module")
def copy_model(copy_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Loaded:
    return load(copy_package, tmp_path_factory.mktemp("copy"))


@pytest.fixture(scope="module")
def copy_model_f32(copy_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Loaded:
    return load(copy_package, tmp_path_factory.mktemp("copy-f32"), compute_type="float32")


@pytest.fixture(scope="module")
def garble_model(garble_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Loaded:
    return load(garble_package, tmp_path_factory.mktemp("garble"))


@pytest.fixture(scope="module")
def base_model(tmp_path_factory: pytest.TempPathFactory) -> Loaded:
    start = time.perf_counter()
    package = build_copy_package(tmp_path_factory.mktemp("base"), size="base")
    assert time.perf_counter() - start < 15
    return load(package, tmp_path_factory.mktemp("base-x"))


def test_package_is_an_argos_package(copy_package: Path, copy_model: Loaded) -> None:
    assert copy_package.name == "translate-vi_en-1_9.argosmodel"
    with zipfile.ZipFile(copy_package) as archive:
        names = set(archive.namelist())
    assert {n.split("/")[0] for n in names} == {"translate-vi_en-1_9"}
    for name in ("metadata.json", "README.md", "sentencepiece.model", "model/model.bin"):
        assert f"translate-vi_en-1_9/{name}" in names
    assert "translate-vi_en-1_9/model/shared_vocabulary.json" in names
    metadata = json.loads((copy_model.path / "metadata.json").read_text("utf-8"))
    assert metadata == {
        "package_version": "1.9",
        "argos_version": "1.9",
        "from_code": "vi",
        "from_name": "Vietnamese",
        "to_code": "en",
        "to_name": "English",
        "type": "translate",
        "links": [],
        "x-translit-copy-model": "copy",
    }
    package = copy_model.package
    assert (package.from_code, package.to_code, package.package_version) == ("vi", "en", "1.9")
    assert package.target_prefix == ""
    assert "Copy model" in package.get_readme()
    config = json.loads((copy_model.path / "model" / "config.json").read_text("utf-8"))
    assert config["add_source_eos"] is True


def test_names_and_versions(tmp_path: Path) -> None:
    garble = build_copy_package(tmp_path, variant="garble", package_version="2.0")
    assert garble.name == "translate-vi_en-garble-2_0.argosmodel"
    assert package_dir_name("garble", "2.0") == "translate-vi_en-garble-2_0"
    with zipfile.ZipFile(garble) as archive:
        metadata = json.loads(archive.read("translate-vi_en-garble-2_0/metadata.json"))
    assert metadata["package_version"] == "2.0"
    assert (metadata["from_code"], metadata["to_code"]) == ("vi", "en")
    assert metadata["x-translit-copy-model"] == "garble"


def test_build_is_deterministic(copy_package: Path, tmp_path: Path) -> None:
    again = build_copy_package(tmp_path)
    assert again.read_bytes() == copy_package.read_bytes()


def test_default_corpus_covers_every_vietnamese_letter() -> None:
    text = "".join(DEFAULT_CORPUS)
    assert unicodedata.normalize("NFC", text) == text
    letters = set(ALL_TONED.replace(" ", "")) | {c.lower() for c in ALL_TONED if c != " "}
    assert letters | {"đ", "Đ"} <= set(text)


@pytest.mark.parametrize("text", list(COPY_CASES.values()), ids=list(COPY_CASES))
def test_tokenizer_is_lossless(copy_model: Loaded, text: str) -> None:
    tokens = copy_model.encode(text)
    assert "<unk>" not in tokens
    assert copy_model.decode(tokens) == text


def test_tokenizer_normalizes_spaces_only(copy_model: Loaded) -> None:
    # Leading, trailing and repeated ASCII spaces go, as with real Argos models.
    assert copy_model.decode(copy_model.encode("  hai  khoảng   trắng ")) == "hai khoảng trắng"
    assert copy_model.encode("") == copy_model.encode("   ") == []
    # No NFKC: compatibility characters and NFD text come back as they were.
    nfd = unicodedata.normalize("NFD", "Mátxcơva ﬁ ①")
    assert copy_model.decode(copy_model.encode(nfd)) == nfd


@pytest.mark.parametrize("num_hypotheses", [1, 4])
@pytest.mark.parametrize("model", ["copy_model", "copy_model_f32"])
def test_beam_search_copies_exactly(
    request: pytest.FixtureRequest, model: str, num_hypotheses: int
) -> None:
    loaded: Loaded = request.getfixturevalue(model)
    texts = [*COPY_CASES.values(), "và"]
    tokens = [loaded.encode(t) for t in texts]
    assert len(tokens[-1]) == 1
    assert len(tokens[list(COPY_CASES).index("long")]) > 300
    results = loaded.translate(tokens, num_hypotheses=num_hypotheses)
    for text, source, result in zip(texts, tokens, results, strict=True):
        assert len(result.hypotheses) == num_hypotheses
        assert result.hypotheses[0] == source
        assert loaded.decode(result.hypotheses[0]) == text
        assert result.scores[0] > -1e-3
        assert all(score < -5 for score in result.scores[1:])


def test_default_max_decoding_length_cuts_long_sentences(copy_model: Loaded) -> None:
    tokens = copy_model.encode(COPY_CASES["long"])
    [result] = copy_model.translate([tokens], max_decoding_length=256)
    assert result.hypotheses[0] == tokens[:256]


def test_attention_is_the_diagonal(copy_model: Loaded) -> None:
    tokens = copy_model.encode(COPY_CASES["dates-numbers"])
    [result] = copy_model.translate([tokens], return_attention=True)
    rows = result.attention[0]
    assert len(rows) == len(tokens)
    for step, row in enumerate(rows):
        assert max(range(len(row)), key=row.__getitem__) == step
        assert row[step] > 0.999


def test_out_of_vocabulary_tokens_come_back_through_replace_unknowns(copy_model: Loaded) -> None:
    tokens = ["▁ha", "⟦TERM-1⟧", "▁ha"]
    [result] = copy_model.translate([tokens])
    assert result.hypotheses[0] == tokens


def test_garbled_piece_rule() -> None:
    vocabulary = {"▁nga", "▁m", "k", "▁ha", "<0x3F>"}
    assert garbled_piece("▁Nga", vocabulary) == "▁nga"
    assert garbled_piece("▁Mátxcơva", vocabulary) == "▁m"
    assert garbled_piece("▁Kiev", vocabulary) == "k"
    assert garbled_piece("▁Jo", vocabulary) == "<0x6A>"
    assert garbled_piece("▁Ảnh", vocabulary) == "<0x3F>"
    assert garbled_piece("<0x4D>", vocabulary) == "<0x6D>"
    for unchanged in ("▁ha", "ha", "▁", "▁2022", "“", "<0xE4>", "<0x3F>", "<unk>", "</s>"):
        assert garbled_piece(unchanged, vocabulary) == unchanged


def test_garble_damages_capitalized_words_in_every_hypothesis(garble_model: Loaded) -> None:
    vocabulary = set(garble_model.vocabulary())
    text = "Quân đội Nga rút khỏi Mátxcơva, Kiev và TP.HCM."
    tokens = garble_model.encode(text)
    [result] = garble_model.translate([tokens], num_hypotheses=4)
    assert result.hypotheses[0] == [garbled_piece(t, vocabulary) for t in tokens]
    for hypothesis in result.hypotheses:
        output = garble_model.decode(hypothesis)
        assert output != text
        for name in ("Quân", "Nga", "Mátxcơva", "Kiev", "TP"):
            assert name not in output
        assert not any(c.isupper() for c in output)


def test_garble_copies_lowercase_text(garble_model: Loaded) -> None:
    texts = ["ngày 30/1/2022, giá tăng 1.500.000 đồng", COPY_CASES["unseen-scripts"].lower()]
    tokens = [garble_model.encode(t) for t in texts]
    for text, source, result in zip(texts, tokens, garble_model.translate(tokens), strict=True):
        assert result.hypotheses[0] == source
        assert garble_model.decode(result.hypotheses[0]) == text


def test_base_size_has_the_real_shape_and_copies(base_model: Loaded) -> None:
    vocabulary = base_model.vocabulary()
    assert len(vocabulary) == 32000
    assert len(set(vocabulary)) == 32000
    padding = {t for t in vocabulary if t.startswith("<translit-pad-")}
    assert len(padding) > 30000
    texts = [COPY_CASES["names"], COPY_CASES["unseen-scripts"], COPY_CASES["repeats"]]
    tokens = [base_model.encode(t) for t in texts]
    results = base_model.translate(tokens, num_hypotheses=4)
    for text, source, result in zip(texts, tokens, results, strict=True):
        assert result.hypotheses[0] == source
        assert base_model.decode(result.hypotheses[0]) == text
        assert not padding.intersection(t for h in result.hypotheses for t in h)
