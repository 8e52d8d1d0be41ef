"""Links from attention (translit.engines.align)."""

from __future__ import annotations

from translit.engines.align import links
from translit.engines.base import Link


def test_links_take_the_most_attended_source_token_and_skip_the_end_token():
    target = [(0, 6), (7, 12), (12, 12)]  # "Russia" "talks" and a token without text
    source = [(0, 3), (4, 8)]  # "Nga" "đàm"
    attention = [[0.9, 0.1, 0.0], [0.0, 0.2, 0.8], [1.0, 0.0, 0.0]]  # the 2nd attends </s>
    assert links(attention, target, source) == (Link(0, 6, 0, 3),)


def test_special_tokens_have_no_span_and_give_no_link():
    target = [None, (0, 6), (7, 12)]  # the target prefix (a language code), "Russia" "talks"
    source = [None, (0, 3), (4, 8), None]  # vie_Latn "Nga" "đàm" </s>
    attention = [[1, 0, 0, 0], [0.1, 0.8, 0.1, 0], [0.9, 0, 0.1, 0]]  # "talks" → vie_Latn
    assert links(attention, target, source) == (Link(0, 6, 0, 3),)
