"""Word alignment from a model's attention, as character spans.

CTranslate2 returns, per target token, its attention over the source tokens. The
pipeline works on text, not tokens, so each target token becomes a `Link`: its span in
the detokenized English and the span of the source token it attends to most in the
text that was translated. Spans come from SentencePiece itself (`encode`/`decode` with
`return_type="proto"` give each piece's byte offsets), so normalization, byte pieces
and collapsed spaces are accounted for; a piece's leading space is not part of its span.

Pure functions; nothing here imports ctranslate2 or sentencepiece.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from translit.engines.base import Link

Span = tuple[int, int]


def _char_index(text: str) -> list[int]:
    """For each UTF-8 byte offset of `text` (and its end), the character offset."""
    index: list[int] = []
    for i, char in enumerate(text):
        index += [i] * len(char.encode("utf-8"))
    index.append(len(text))
    return index


def piece_spans(text: str, pieces: Sequence[Any], shift: int = 0) -> list[Span]:
    """Character spans in `text` of SentencePiece pieces (`.begin`/`.end` byte offsets
    into `text`), less their leading whitespace, moved left by `shift` characters.

    The first bytes of a character split into byte pieces have no span of their own;
    they get the character's span (the span of the piece that completes it).
    """
    index = _char_index(text)
    spans: list[Span] = []
    for piece in pieces:
        start, end = index[min(piece.begin, len(index) - 1)], index[min(piece.end, len(index) - 1)]
        while start < end and text[start].isspace():
            start += 1
        spans.append((start - shift, end - shift))
    following: Span | None = None
    for i in range(len(spans) - 1, -1, -1):  # partial byte pieces take the next piece's span
        if (
            spans[i][0] == spans[i][1]
            and following is not None
            and pieces[i].begin == pieces[i].end
        ):
            spans[i] = following
        following = spans[i] if spans[i][0] < spans[i][1] else following
    return spans


def links(
    attention: Sequence[Sequence[float]], target_spans: Sequence[Span], source_spans: Sequence[Span]
) -> tuple[Link, ...]:
    """One Link per target token with text: its span and the span of the source token
    with the most attention (tokens attending to `</s>` or a source token without text
    are left out)."""
    found: list[Link] = []
    for row, (t_start, t_end) in zip(attention, target_spans, strict=False):
        if t_start >= t_end or not row:
            continue
        best = max(range(len(row)), key=row.__getitem__)
        if best >= len(source_spans):
            continue  # </s>
        s_start, s_end = source_spans[best]
        if s_start < s_end:
            found.append(Link(t_start, t_end, s_start, s_end))
    return tuple(found)
