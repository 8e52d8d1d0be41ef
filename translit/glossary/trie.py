"""The word trie both glossary directions use: Vietnamese variants in a source
(`match.Matcher`) and rejected English forms in a translation (`enforce.EnglishRewriter`).

A name is a sequence of keys: its first word, then each later word prefixed by the gap
before it (`["j", ".biden"]`, `["white", " house"]`), so a walk from a word of the text
follows the text's own words and gaps. Each step is one dict lookup: finding every name
in a text costs in proportion to the text (times the few words a name has), not to the
number of names stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class _Node(Generic[T]):
    children: dict[str, _Node[T]] = field(default_factory=dict)
    values: list[T] = field(default_factory=list)


class WordTrie(Generic[T]):
    """Names as key sequences, each with the values stored under it."""

    def __init__(self) -> None:
        self._root: _Node[T] = _Node()
        self.size = 0  # names stored

    def __bool__(self) -> bool:
        return self.size > 0

    def add(self, keys: Sequence[str], value: T) -> None:
        """Store `value` under the name `keys` (ignored when `keys` is empty)."""
        if not keys:
            return
        node = self._root
        for key in keys:
            child = node.children.get(key)
            if child is None:
                child = node.children[key] = _Node()
            node = child
        if not node.values:
            self.size += 1
        node.values.append(value)

    def prefixes(
        self, first: str, following: Sequence[str | None], start: int
    ) -> list[tuple[int, list[T]]]:
        """The stored names that start with the word `first` at index `start` of a text
        and go on with `following[start + 1]`, `following[start + 2]`, ... (a None key
        ends the walk: the words are not joined there). Returns (index of the name's last
        word, its values), shortest name first."""
        node = self._root.children.get(first)
        found: list[tuple[int, list[T]]] = []
        j = start
        while node is not None:
            if node.values:
                found.append((j, node.values))
            j += 1
            if j >= len(following):
                break
            key = following[j]
            if key is None:
                break
            node = node.children.get(key)
        return found
