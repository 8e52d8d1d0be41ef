"""Tokenizers of converted models: SentencePiece pairs, tokenizer.json, token spans."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.copymodel import DEFAULT_CORPUS, _train_sentencepiece, hf_tokenizer_json
from translit.engines.tokenizer import (
    HFTokenizer,
    SentencePieceTokenizer,
    TokenizerError,
    load_tokenizer,
    token_spans,
)

ENGLISH = [
    "The president said the talks would continue next week in the capital.",
    "Prices rose by two percent in the third quarter, the bank reported.",
]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A Vietnamese SentencePiece model, an English one, and the Vietnamese one as a
    tokenizer.json (as a Marian model has a source.spm and a target.spm)."""
    root = tmp_path_factory.mktemp("tokenizers")
    vietnamese = _train_sentencepiece(list(DEFAULT_CORPUS), 2000)
    paths = {
        "source.spm": root / "source.spm",
        "target.spm": root / "target.spm",
        "tokenizer.json": root / "tokenizer.json",
    }
    paths["source.spm"].write_bytes(vietnamese)
    paths["target.spm"].write_bytes(_train_sentencepiece(ENGLISH, 400))
    paths["tokenizer.json"].write_text(hf_tokenizer_json(vietnamese), encoding="utf-8")
    return paths


def test_a_name_the_target_vocabulary_lacks_comes_out_as_written(files):
    # OPUS-MT: replace_unknowns puts a Vietnamese source piece into the English output
    tokenizer = SentencePieceTokenizer(files["source.spm"], files["target.spm"])
    name = tokenizer.encode("Nguyễn")
    assert tokenizer.decode(["▁The", "▁president", *name, "▁said"]) == ("The president Nguyễn said")
    assert "⁇" not in tokenizer.decode(name)


def test_tokenizer_json_reads_as_the_sentencepiece_model_it_was_made_from(files):
    hf = load_tokenizer(files["tokenizer.json"])
    sp = load_tokenizer(files["source.spm"])
    assert isinstance(hf, HFTokenizer)
    for sentence in DEFAULT_CORPUS:
        assert hf.encode(sentence) == sp.encode(sentence)
        assert hf.decode(hf.encode(sentence)) == sentence
    assert hf.decode(["▁Xin", "▁chàoXYZ"]).endswith("chàoXYZ")  # unknown: kept as written


def test_token_spans_point_at_the_characters_of_each_token(files):
    tokenizer = load_tokenizer(files["source.spm"])
    for text in [*DEFAULT_CORPUS, "  Giá   tăng 😀 ﬁ  "]:
        tokens = tokenizer.encode(text)
        spans = token_spans(text, tokens, tokenizer.decode)
        assert len(spans) == len(tokens)
        assert all(s <= e for s, e in spans)
        assert [s for s, _ in spans] == sorted(s for s, _ in spans)
        assert "".join(text[s:e] for s, e in spans) == "".join(text.split())
        for token, (s, e) in zip(tokens, spans, strict=True):
            piece = token.removeprefix("▁")
            if piece and not piece.startswith("<0x"):
                assert text[s:e] == piece


def test_sentencepiece_spans_from_its_offsets_are_those_token_spans_gives(files):
    # the fast path (SentencePiece's own offsets) must point where the slow one does,
    # on both sides: a source sentence, and output tokens (a name the target
    # vocabulary lacks included, which falls back to decoding)
    pair = SentencePieceTokenizer(files["source.spm"], files["target.spm"])
    one = load_tokenizer(files["source.spm"])
    texts = [*DEFAULT_CORPUS, "  Giá   tăng 😀 ﬁ  ", "Ông\u00a0Nguyễn nói: “Có”.", "中文 x"]
    for text in texts:
        tokens, spans = one.encode_spans(text)
        assert tokens == one.encode(text)
        assert spans == token_spans(text, tokens, one.decode), text
        output, spans = one.decode_spans(tokens)
        assert output == one.decode(tokens)
        assert spans == token_spans(output, tokens, one.decode), text
    mixed = ["▁The", "▁president", *pair.encode("Nguyễn"), "▁said"]
    output, spans = pair.decode_spans(mixed)
    assert output == "The president Nguyễn said"
    assert spans == token_spans(output, mixed, pair.decode)


def test_a_missing_tokenizers_package_is_one_clear_error(files, monkeypatch):
    monkeypatch.setitem(sys.modules, "tokenizers", None)
    with pytest.raises(TokenizerError, match=r"needs the tokenizers package: pip install"):
        load_tokenizer(files["tokenizer.json"])


def test_a_file_that_is_no_tokenizer_is_one_clear_error(tmp_path):
    bad = tmp_path / "sentencepiece.bpe.model"
    bad.write_bytes(b"\x00not a model")
    with pytest.raises(TokenizerError, match="not a SentencePiece model"):
        load_tokenizer(bad)


def test_an_argos_bpe_model_encodes_and_decodes(tmp_path):
    # the BPE codes format of Argos packages' bpe.model (merges written for the test)
    bpe = tmp_path / "bpe.model"
    bpe.write_text("#version: 0.2\nc â\ncâ u</w>\nt h\nth e</w>\n", encoding="utf-8")
    tokenizer = load_tokenizer(bpe)
    tokens = tokenizer.encode("Một câu, the end.")
    assert "câu" in tokens and "M@@" in tokens
    assert tokenizer.decode(tokens) == "Một câu, the end."
