"""The YAML that data files may use: mappings, lists and scalars, nothing else.

Values are built from the parser's events, not by PyYAML's constructor, so one place
decides what a scalar means. Anchors, aliases, merge keys (``<<``) and tags are refused
(editors need none; aliases are how a few bytes become gigabytes). A plain (unquoted)
scalar is ``null``/``~``/empty (None), ``true``/``false``, a decimal whole number (int),
a decimal fraction (Decimal), or else text. Anything YAML 1.1 would read as another kind
of number (``010``, ``0x1F``, ``4:58``, ``1e5``, ``.inf``, ``.nan``) is an error: quote it
if it is text. Every node's line is kept for error messages.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, NamedTuple

import yaml

_Parser: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: much faster

MAX_DEPTH = 12          # data files nest four levels; deeper is a mistake or an attack
MAX_NUMBER_DIGITS = 15  # beyond this a "number" is a mistake, and slow to format

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\.[0-9]+")
# What YAML 1.1 (or 1.2) would read as a number, a boolean or a special value.
_NUMBER_LIKE = re.compile(
    r"[-+]?(?:[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"   # sexagesimal 4:58
    r"|0[xob][0-9a-fA-F_]+|0[0-9_]+"                          # hex, octal, binary, 010
    r"|[0-9][0-9_]*\.?[0-9_]*(?:[eE][-+]?[0-9]+)?"            # 1_000, 1e5, 1., 3.
    r"|\.[0-9_]+(?:[eE][-+]?[0-9]+)?"                         # .5
    r"|\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))")
_NULL = {"null", "Null", "NULL", "~", ""}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_YAML11_BOOL = {"yes", "no", "on", "off", "y", "n"}

Path_ = tuple[int | str, ...]


class YamlProblem(NamedTuple):
    line: int
    path: Path_
    message: str


class Parsed(NamedTuple):
    value: Any
    lines: dict[Path_, int]  # the line of every node, by its path from the root


class _Refused(Exception):
    def __init__(self, line: int, path: Path_, message: str):
        self.problem = YamlProblem(line, path, message)


def _scalar(event: yaml.ScalarEvent, path: Path_) -> Any:
    text, line = event.value, event.start_mark.line + 1
    if event.style or not event.implicit[0]:  # quoted or block: text as written
        return text
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if text.lower() in _YAML11_BOOL:
        raise _Refused(line, path, f"{text!r} is ambiguous (YAML reads it as true or false): "
                       f"quote it if it is text, or write true or false")
    if _INT.fullmatch(text) or _DECIMAL.fullmatch(text):
        if sum(c.isdigit() for c in text) > MAX_NUMBER_DIGITS:
            raise _Refused(line, path, f"number {text[:20]!r}… is too long "
                           f"(at most {MAX_NUMBER_DIGITS} digits)")
        return int(text) if _INT.fullmatch(text) else Decimal(text)
    if _NUMBER_LIKE.fullmatch(text):
        raise _Refused(line, path, f"{text!r} is not a plain decimal number: write digits "
                       f"with an optional decimal point (1586, 34.6), or quote it if it is text")
    return text


def _check_event(event: yaml.Event, path: Path_) -> None:
    line = event.start_mark.line + 1
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
        raise _Refused(line, path, "YAML anchors and aliases (&name, *name) are not allowed: "
                       "write the value out")
    tag = getattr(event, "tag", None)
    implicit = getattr(event, "implicit", True)
    if tag is not None and not (implicit if isinstance(implicit, bool) else any(implicit)):
        raise _Refused(line, path, f"YAML tags ({tag}) are not allowed: write a plain value")


def _child_path(frame: list[Any] | None) -> Path_:
    if frame is None:
        return ()
    container, path, key = frame[0], frame[1], frame[2]
    return (*path, len(container)) if isinstance(container, list) else (*path, key)


def _build(events, lines: dict[Path_, int], problems: list[YamlProblem]) -> Any:
    """The value of one document, built iteratively (no recursion, bounded depth).

    Refused syntax stops the file; a duplicate key is recorded in ``problems`` and the
    first value kept, so the rest of the file is still checked.
    """
    stack: list[list[Any]] = []  # frames: [container, path, pending key, seen keys]
    root: Any = None
    for event in events:
        frame = stack[-1] if stack else None
        line = event.start_mark.line + 1
        _check_event(event, frame[1] if frame else ())
        is_key = frame is not None and isinstance(frame[0], dict) and frame[2] is None
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            stack.pop()
            continue
        if isinstance(event, yaml.DocumentStartEvent) and root is not None:
            raise _Refused(line, (), "one YAML document per file (remove ---)")
        if not isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent,
                                  yaml.MappingStartEvent)):
            continue
        if is_key:
            if not isinstance(event, yaml.ScalarEvent):
                raise _Refused(line, frame[1], "a key must be plain text")
            if not event.style and event.value == "<<":
                raise _Refused(line, frame[1], "YAML merge keys (<<) are not allowed: "
                               "write the fields out")
            key = event.value
            if key in frame[3]:
                problems.append(YamlProblem(line, (*frame[1], key), "duplicate key in the same record"))
            frame[2] = key
            frame[3].add(key)
            continue
        path = _child_path(frame)
        if isinstance(event, yaml.ScalarEvent):
            value: Any = _scalar(event, path)
        else:
            if len(stack) >= MAX_DEPTH:
                raise _Refused(line, path, f"nested more than {MAX_DEPTH} levels deep")
            value = [] if isinstance(event, yaml.SequenceStartEvent) else {}
        if frame is None:
            root = value
        elif isinstance(frame[0], list):
            frame[0].append(value)
        else:
            frame[0].setdefault(frame[2], value)  # a duplicate key is reported, the first kept
            frame[2] = None
        lines.setdefault(path, line)
        if not isinstance(event, yaml.ScalarEvent):
            stack.append([value, path, None, set()])
    return root


def parse_plain_yaml(text: str) -> tuple[Parsed | None, list[YamlProblem]]:
    """Parse one data file: its value and lines (None if it cannot be read) and its problems."""
    lines: dict[Path_, int] = {}
    problems: list[YamlProblem] = []
    try:
        value = _build(yaml.parse(text, Loader=_Parser), lines, problems)
    except _Refused as refused:
        return None, [*problems, refused.problem]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        return None, [YamlProblem(mark.line + 1 if mark else 1, (),
                                  f"malformed YAML: {err.problem or err}")]
    except yaml.YAMLError as err:
        return None, [YamlProblem(1, (), f"malformed YAML: {err}")]
    return Parsed(value, lines), problems
