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


def piece_spans(text: str, pieces: Sequence[Any], shift: int = 0) -> list[Span]:
    """Character spans in `text` of SentencePiece pieces (each with `.begin`, the UTF-8
    byte offset where it starts in `text`, and `.surface`, its text there: the surfaces
    follow each other), less their leading whitespace, moved left by `shift`.

    The first bytes of a character split into byte pieces have no text of their own;
    they get the character's span (the span of the piece that completes it).
    """
    if not pieces:
        return []
    pos = len(text.encode("utf-8")[: pieces[0].begin].decode("utf-8", "ignore")) - shift
    surfaces = [piece.surface for piece in pieces]  # (a protobuf field: read once)
    spans: list[Span] = []
    for surface in surfaces:
        start, pos = pos, pos + len(surface)
        spans.append((start + len(surface) - len(surface.lstrip()), pos))
    following: Span | None = None
    for i in range(len(spans) - 1, -1, -1):  # partial byte pieces take the next piece's span
        if not surfaces[i] and following is not None:
            spans[i] = following
        following = spans[i] if spans[i][0] < spans[i][1] else following
    return spans


def links(
    attention: Sequence[Sequence[float]], target_spans: Sequence[Span], source_spans: Sequence[Span]
) -> tuple[Link, ...]:
    """One Link per target token with text: its span and the span of the source token
    with the most attention (tokens attending to `</s>` or a source token without text
    are left out)."""
    import numpy as np

    rows = len(target_spans)
    if not rows or len(attention) < rows:
        return ()
    best = np.asarray(attention[:rows], dtype=np.float32).argmax(axis=1).tolist()
    found: list[Link] = []
    for (t_start, t_end), j in zip(target_spans, best, strict=True):
        if t_start >= t_end or j >= len(source_spans):
            continue  # no text, or </s>
        s_start, s_end = source_spans[j]
        if s_start < s_end:
            found.append(Link(t_start, t_end, s_start, s_end))
    return tuple(found)
