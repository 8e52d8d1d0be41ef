"""Composing a glossary's YAML within bounds: no crash, no blow-up, whatever the file.

Two kinds of hostile (or broken) YAML are stopped here, before anything walks the tree:

- **Deep nesting.** libyaml's composer recurses in C once per nested collection, so a
  few tens of kilobytes of `[[[[…` overflow the process stack (a crash, not an error),
  and its scanner slows down with the square of the flow depth. An upper bound on the
  depth comes cheaply from the text (see `_levels`); up to EXACT_ABOVE levels the file
  is composed at once, in a thread whose stack holds them all; past that its real
  depth is measured first (from the parser's events, which costs about half as much
  as composing), and more than MAX_DEPTH levels is an error.
- **Alias amplification.** An anchored list referenced by thousands of entries is one
  node in the composed tree, but everything that reads the entries walks it once per
  reference (a 300 KB file became 40 million list items). The nodes aliases add are
  counted (shared subtrees once per use, so nested aliases cannot hide exponential
  growth) and bounded: at most MAX_ALIAS_NODES, or as many as the file has nodes of
  its own if that is more.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Callable
from typing import TypeVar

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 1_000  # a glossary needs 5 levels
EXACT_ABOVE = 5_000  # possible levels past which the depth is measured before composing
MAX_ALIAS_NODES = 100_000  # nodes aliases may add beyond a file's own
STACK_PER_LEVEL = 1024  # bytes of C stack per nesting level (libyaml uses about 300-500)
_BASE_STACK = 1 << 20

T = TypeVar("T")
_STACK_SIZE = threading.Lock()


class YamlLimitError(Exception):
    """A YAML text beyond a bound; `line` and `col` are 1-based (0 when unknown)."""

    def __init__(self, message: str, line: int = 0, col: int = 0) -> None:
        super().__init__(message)
        self.line, self.col = line, col


def compose(text: str) -> Node | None:
    """`yaml.compose` with the bounds of the module doc (YAMLError as yaml raises it)."""
    levels = _levels(text)
    if levels > EXACT_ABOVE:
        levels = _depth(text)
    try:
        root = _with_stack(_BASE_STACK + levels * STACK_PER_LEVEL, lambda: _compose(text))
    except _NoThread:  # no thread of that size here: only a shallow file is composed
        if _depth(text) > _SHALLOW:
            raise YamlLimitError(
                f"collections nested more than {_SHALLOW:,} levels deep (this system "
                "cannot give the reader a larger stack)"
            ) from None
        root = _compose(text)
    if root is not None and "*" in text:  # no `*alias` in the text, no alias in the tree
        _check_aliases(root)
    return root


_COMMENT = re.compile(r"#[^\n]*")
_CLOSERS = re.compile(r"[\]}]")
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_COMPACT_RUN = re.compile(r"(?:[-?][ \t]+){2,}")


def _levels(text: str) -> int:
    """An upper bound on how deep collections nest in `text`, without parsing it.

    Block nesting takes a line indented more than the one before (d levels take d*d/2
    characters) or a `- `/`? ` in a compact run (`- - - x`). Flow nesting takes a `[`
    or `{`; in a text without quotes a `]` or `}` outside a comment closes one when
    it is inside a flow collection (a plain scalar there cannot hold one, and in block
    context there is nothing to close), so the running count of brackets, never below
    zero, is never less than the real depth. Quoted scalars may hide brackets: a text
    with quotes counts every opening one.
    """
    block = math.isqrt(2 * len(text)) + 2
    compact = 1
    if "\t" in text or any(pair in text for pair in ("- -", "- ?", "? -", "? ?")):
        compact = max((len(run.split()) for run in _COMPACT_RUN.findall(text)), default=1)
    if '"' in text or "'" in text:
        return block + compact + text.count("[") + text.count("{")
    uncommented = _COMMENT.sub(lambda comment: _CLOSERS.sub("", comment.group()), text)
    depth = deepest = 0
    for char in _NOT_BRACKETS.sub("", uncommented):
        if char in "[{":
            depth += 1
            deepest = max(depth, deepest)
        elif depth:
            depth -= 1
    return block + compact + deepest


_SHALLOW = 1_000  # levels any thread's stack holds


class _NoThread(Exception):
    pass


def _compose(text: str) -> Node | None:
    return yaml.compose(text, Loader=_LOADER)


def _depth(text: str) -> int:
    """The deepest nesting of collections in `text`, from the parser's events (the
    parser itself does not recurse); YamlLimitError past MAX_DEPTH."""
    depth = deepest = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            deepest = max(depth, deepest)
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise YamlLimitError(
                    f"collections nested more than {MAX_DEPTH:,} levels deep",
                    mark.line + 1 if mark else 0,
                    mark.column + 1 if mark else 0,
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return deepest


def _with_stack(size: int, work: Callable[[], T]) -> T:
    """Run `work` in a thread with a stack of `size` bytes; return or raise its outcome."""
    outcome: list = []

    def run() -> None:
        try:
            outcome.append((True, work()))
        except BaseException as err:  # noqa: BLE001 - handed to the caller below
            outcome.append((False, err))

    with _STACK_SIZE:  # the stack size is process-wide: set it just to start this one
        try:
            previous = threading.stack_size(size)
        except (ValueError, RuntimeError):
            raise _NoThread from None
        try:
            thread = threading.Thread(target=run, name="translit-yaml", daemon=True)
            thread.start()
        except (RuntimeError, MemoryError):
            raise _NoThread from None
        finally:
            threading.stack_size(previous)
    thread.join()
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _check_aliases(root: Node) -> None:
    """YamlLimitError when aliases make the tree much larger than the text's own nodes."""
    sizes: dict[int, int] = {}  # id(node) -> nodes in its subtree, aliases expanded
    uses: dict[int, tuple[Node, int]] = {}  # id(node) -> (node, times reached again)
    open_nodes: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            continue
        if key in sizes or key in open_nodes:
            if key in open_nodes:  # an alias inside its own anchor: endless
                mark = node.start_mark
                raise YamlLimitError(
                    "an alias refers to the collection it is in (endless)",
                    mark.line + 1,
                    mark.column + 1,
                )
            uses[key] = (node, uses.get(key, (node, 0))[1] + 1)
            continue
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(_children(node)))
    own = len(sizes)
    added = sizes[id(root)] - own
    if added > max(MAX_ALIAS_NODES, own):
        node, count = max(uses.values(), key=lambda item: sizes[id(item[0])] * item[1])
        mark = node.start_mark
        raise YamlLimitError(
            f"YAML aliases would add {added:,} nodes to a file of {own:,} (at most "
            f"{max(MAX_ALIAS_NODES, own):,} may be added): the collection here, of "
            f"{sizes[id(node)]:,} nodes, is used {count + 1:,} times; "
            "write the lists out or use fewer aliases",
            mark.line + 1,
            mark.column + 1,
        )
