"""Subword tokenizers: text ↔ the token strings a CTranslate2 model reads and writes.

A model profile (translit.engines.profiles) names its tokenizer's files; `load_tokenizer`
opens them. Three kinds cover the converted models translit knows:

- SentencePiece (`.model`/`.spm` files): Argos packages, OPUS-MT/Marian (one file for
  the source, another for the target), NLLB and M2M100 (`sentencepiece.bpe.model`);
- a Hugging Face `tokenizer.json`, read with the `tokenizers` package (never
  `transformers` or torch): any model that ships only that;
- an Argos package's `bpe.model`, through argostranslate's own BPE tokenizer.

Every tokenizer gives token strings (special tokens such as `</s>` or `eng_Latn` are the
profile's business, not the tokenizer's) and turns output tokens back into text.
`token_spans` maps tokens to character spans of a text, for whoever must point at the
source words behind an attention weight or the English words behind output tokens.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

SPACE_MARK = "\u2581"  # SentencePiece's word-start marker "▁"


class TokenizerError(Exception):
    """A tokenizer file that cannot be used; the message is one line."""


class Tokenizer(Protocol):
    """Text → source tokens, and target tokens → text."""

    def encode(self, text: str) -> list[str]:
        """The source text's tokens, without special tokens."""
        ...

    def decode(self, tokens: Sequence[str]) -> str:
        """The text of target tokens (special tokens dropped)."""
        ...


class SentencePieceTokenizer:
    """SentencePiece: `source` encodes, `target` (default: the same file) decodes."""

    def __init__(self, source: Path, target: Path | None = None) -> None:
        self._source = _sentencepiece(source)
        self._target = self._source if target in (None, source) else _sentencepiece(target)

    def encode(self, text: str) -> list[str]:
        return list(self._source.encode(text, out_type=str))

    def decode(self, tokens: Sequence[str]) -> str:
        """Decode with the target model; a token it does not know (a source piece put
        back by replace_unknowns, as OPUS-MT's separate vocabularies allow) is kept as
        written rather than turned into ` ⁇ `."""
        sp = self._target
        parts: list[str] = []
        run: list[str] = []
        for token in tokens:
            if sp.piece_to_id(token) == sp.unk_id() and token != sp.id_to_piece(sp.unk_id()):
                parts.append(sp.decode_pieces(run) if run else "")
                parts.append(token)
                run = []
            else:
                run.append(token)
        if run:
            parts.append(sp.decode_pieces(run))
        # ▁ inside a kept token, and argostranslate keeps "_" (we do too)
        return "".join(parts).replace(SPACE_MARK, " ").strip()


class HFTokenizer:
    """A Hugging Face `tokenizer.json` through the `tokenizers` package."""

    def __init__(self, path: Path) -> None:
        try:
            from tokenizers import Tokenizer as HF
        except ImportError:
            raise TokenizerError(
                f"{path}: reading tokenizer.json needs the tokenizers package: "
                "pip install 'translit[hf]'"
            ) from None
        try:
            self._hf: Any = HF.from_file(str(path))
        except Exception as err:  # tokenizers raises its own Exception subclasses
            raise TokenizerError(f"{path}: not a usable tokenizer.json ({err})") from None

    def encode(self, text: str) -> list[str]:
        return list(self._hf.encode(text, add_special_tokens=False).tokens)

    def decode(self, tokens: Sequence[str]) -> str:
        """Decode by ids; a token the vocabulary lacks is kept as written."""
        parts: list[str] = []
        run: list[int] = []
        for token in tokens:
            token_id = self._hf.token_to_id(token)
            if token_id is None:
                parts.append(self._hf.decode(run, skip_special_tokens=True) if run else "")
                parts.append(token.replace(SPACE_MARK, " "))
                run = []
            else:
                run.append(token_id)
        if run:
            parts.append(self._hf.decode(run, skip_special_tokens=True))
        return "".join(parts).strip()


class ArgosBPETokenizer:
    """An Argos package's `bpe.model`, through argostranslate's BPE tokenizer."""

    def __init__(self, path: Path, from_code: str, to_code: str) -> None:
        from argostranslate.tokenizer import BPETokenizer

        self._bpe = BPETokenizer(path, from_code, to_code)

    def encode(self, text: str) -> list[str]:
        return list(self._bpe.encode(text))

    def decode(self, tokens: Sequence[str]) -> str:
        return str(self._bpe.decode(list(tokens))).strip()


def _sentencepiece(path: Path) -> Any:
    import sentencepiece as spm

    try:
        return spm.SentencePieceProcessor(model_file=str(path))
    except (OSError, RuntimeError) as err:
        raise TokenizerError(f"{path}: not a SentencePiece model ({err})") from None


def load_tokenizer(
    source: Path, target: Path | None = None, *, languages: tuple[str, str] = ("vi", "en")
) -> Tokenizer:
    """The tokenizer for a model's tokenizer file(s), by file name.

    `tokenizer.json` (any name ending in `.json`) is a Hugging Face tokenizer;
    `bpe.model` an Argos BPE model (for `languages`); anything else SentencePiece.
    `target` is the SentencePiece model that decodes, when it is not `source`.
    """
    if source.suffix == ".json":
        return HFTokenizer(source)
    if source.name == "bpe.model":
        return ArgosBPETokenizer(source, *languages)
    return SentencePieceTokenizer(source, target)


def token_spans(
    text: str, tokens: Sequence[str], decode: Callable[[Sequence[str]], str]
) -> list[tuple[int, int]]:
    """Where each token's characters are in `text`, as (start, end) offsets.

    `text` is what the tokens stand for: the source sentence they were encoded from, or
    their decoded output. A token ends where the decoding of the tokens up to it ends,
    walked over `text` with whitespace skipped on both sides (a tokenizer may collapse
    or strip spaces). A token with no characters of its own (a lone `▁`, the first
    bytes of a multi-byte character) gets an empty span where the next one starts. A
    character the tokenizer normalizes into another number of characters (`ﬁ` → `fi`)
    shifts the spans after it by the difference.
    """
    full = decode(tokens)
    ends = _text_offsets(full, text)
    spans: list[tuple[int, int]] = []
    done = 0  # characters of `full` covered by the tokens so far
    for i in range(len(tokens)):
        covered = max(done, _common_prefix(decode(tokens[: i + 1]), full))
        start = _skip_spaces(text, ends[done])
        spans.append((start, max(start, ends[covered])))
        done = covered
    return spans


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _text_offsets(decoded: str, text: str) -> list[int]:
    """offsets[k]: where in `text` the first k characters of `decoded` end."""
    offsets = [0]
    pos = 0
    for char in decoded:
        pos = _skip_spaces(text, pos)
        if not char.isspace() and pos < len(text):
            pos += 1
        offsets.append(pos)
    return offsets
