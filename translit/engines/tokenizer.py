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
Span = tuple[int, int]


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

    def encode_target(self, text: str) -> list[str]:
        """The target-side tokens the model would write for `text` (to ban a form)."""
        ...

    def encode_spans(self, text: str) -> tuple[list[str], list[Span]]:
        """`encode(text)` and each token's span in `text` (as `token_spans` gives it)."""
        ...

    def decode_spans(self, tokens: Sequence[str]) -> tuple[str, list[Span]]:
        """`decode(tokens)` and each token's span in that text (as `token_spans` gives it)."""
        ...


class _SpansByDecoding:
    """`encode_spans` / `decode_spans` through `token_spans` (one decode per token)."""

    def encode(self, text: str) -> list[str]:
        raise NotImplementedError

    def decode(self, tokens: Sequence[str]) -> str:
        raise NotImplementedError

    def encode_spans(self, text: str) -> tuple[list[str], list[Span]]:
        tokens = self.encode(text)
        return tokens, token_spans(text, tokens, self.decode)

    def decode_spans(self, tokens: Sequence[str]) -> tuple[str, list[Span]]:
        text = self.decode(tokens)
        return text, token_spans(text, tokens, self.decode)


class SentencePieceTokenizer(_SpansByDecoding):
    """SentencePiece: `source` encodes, `target` (default: the same file) decodes.
    Token spans come from SentencePiece's own offsets (one call, not one decode per
    token), or through `token_spans` where those do not spell the text (a token the
    target vocabulary lacks)."""

    def __init__(self, source: Path, target: Path | None = None) -> None:
        self._source = _sentencepiece(source)
        self._target = self._source if target in (None, source) else _sentencepiece(target)

    def encode(self, text: str) -> list[str]:
        return list(self._source.encode(text, out_type=str))

    def encode_target(self, text: str) -> list[str]:
        return list(self._target.encode(text, out_type=str))

    def encode_spans(self, text: str) -> tuple[list[str], list[Span]]:
        pieces = self._source.encode(text, return_type="proto").pieces
        tokens = [piece.piece for piece in pieces]
        spans = _surface_spans(text, pieces)
        return tokens, spans if spans is not None else token_spans(text, tokens, self.decode)

    def decode_spans(self, tokens: Sequence[str]) -> tuple[str, list[Span]]:
        text = self.decode(tokens)
        decoded = self._target.decode_pieces(list(tokens), return_type="proto")
        spelled = decoded.text
        shift = len(spelled) - len(spelled.lstrip())
        spans = _surface_spans(spelled, decoded.pieces) if spelled.strip() == text else None
        if spans is None or len(spans) != len(tokens):
            return text, token_spans(text, tokens, self.decode)
        return text, [(max(0, s - shift), max(0, e - shift)) for s, e in spans]

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


class HFTokenizer(_SpansByDecoding):
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

    encode_target = encode  # one vocabulary for both sides

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


class ArgosBPETokenizer(_SpansByDecoding):
    """An Argos package's `bpe.model`, through argostranslate's BPE tokenizer."""

    def __init__(self, path: Path, from_code: str, to_code: str) -> None:
        from argostranslate.tokenizer import BPETokenizer

        self._bpe = BPETokenizer(path, from_code, to_code)

    def encode(self, text: str) -> list[str]:
        return list(self._bpe.encode(text))

    encode_target = encode  # one vocabulary for both sides

    def decode(self, tokens: Sequence[str]) -> str:
        return str(self._bpe.decode(list(tokens))).strip()


def _surface_spans(text: str, pieces: Sequence[Any]) -> list[Span] | None:
    """Character spans in `text` of SentencePiece pieces (each with `.begin`, the UTF-8
    offset where it starts, and `.surface`, its text there: the surfaces follow each
    other), as `token_spans` gives them: without leading whitespace, empty where the
    next starts for a piece with no text of its own (a lone `▁`, the first bytes of a
    character). None when the surfaces do not spell `text`."""
    if not pieces:
        return []
    pos = len(text.encode("utf-8")[: pieces[0].begin].decode("utf-8", "ignore"))
    spans: list[Span] = []
    for piece in pieces:
        surface = piece.surface
        if text[pos : pos + len(surface)] != surface:
            return None
        start, end = pos + len(surface) - len(surface.lstrip()), pos + len(surface)
        if start >= end:  # no text: where the next text starts
            start = end = _skip_spaces(text, start)
        spans.append((start, end))
        pos += len(surface)
    return spans


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
