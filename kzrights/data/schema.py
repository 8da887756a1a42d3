"""Documentation of the data formats, generated from the pydantic models so it cannot drift:
each record kind's fields with type, required or optional, allowed values and description.

Descriptions are the models' attribute docstrings; types and rules come from annotations
and validators (a validator's docstring says what it accepts).
"""

from __future__ import annotations

import re
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from kzrights.data.load import RECORD_FILES

SCHEMA_FILES = ("CONTRIBUTING.md", "CONTRIBUTING.ru.md", "CONTRIBUTING.kk.md")
START, END = "<!-- schema:start (generated: tools/check.py --write-schema) -->", "<!-- schema:end -->"
_SECTION = re.compile(re.escape(START.split(" (")[0]) + r".*?" + re.escape(END), re.S)
_SCALARS = {str: "text", int: "integer", float: "number", bool: "true or false"}


def _rules(metadata: list[Any]) -> list[str]:
    rules = []
    for item in metadata:
        func = getattr(item, "func", None)
        if type(item).__name__ == "BeforeValidator":  # converts input; the after-rule describes it
            continue
        if func is not None:
            doc = (func.__doc__ or "").strip().splitlines()
            rule = doc[0].rstrip(".") if doc else func.__name__.strip("_").replace("_", " ")
            rules.append(rule[:1].lower() + rule[1:])
        elif pattern := getattr(item, "pattern", None):
            rules.append(f"matching `{pattern}`")
        elif isinstance(item, annotated_types.Ge):
            rules.append(f"at least {item.ge}")
        elif isinstance(item, annotated_types.MinLen) and item.min_length:
            rules.append(f"at least {item.min_length} item{'s' if item.min_length > 1 else ''}")
        elif getattr(item, "metadata", None):  # pydantic's grouped metadata (Field(...))
            rules += _rules(list(item.metadata))
    return rules


def describe(annotation: Any, metadata: list[Any] | None = None, anchor: str = "#schema-") -> str:
    """A type in words: ``list of paragraph number (at least 1)``, ``one of: a, b``."""
    metadata = list(metadata or [])
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *more = get_args(annotation)
        return describe(base, [*more, *metadata], anchor)
    rules = _rules(metadata)
    suffix = f" ({', '.join(rules)})" if rules else ""
    if origin in (Union, types.UnionType):
        parts = [describe(a, anchor=anchor) for a in get_args(annotation) if a is not type(None)]
        return " or ".join(parts) + suffix
    if origin is Literal:
        return "one of: " + ", ".join(f"`{v}`" for v in get_args(annotation))
    if origin is list:
        (item,) = get_args(annotation)
        return f"list of {describe(item, anchor=anchor)}{suffix}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}]({anchor}{annotation.__name__.lower()})"
    name = _SCALARS.get(annotation, getattr(annotation, "__name__", str(annotation)).lower())
    return name + suffix


def _default(field: FieldInfo) -> str:
    if field.is_required():
        return "required"
    return "optional" if field.default in (None, [], ()) else f"optional (default `{field.default}`)"


def _models() -> list[type[BaseModel]]:
    """The record models, then every model they contain, each once."""
    seen: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.append(model)
        for field in model.model_fields.values():
            for arg in _flatten(field.annotation):
                if isinstance(arg, type) and issubclass(arg, BaseModel):
                    visit(arg)

    for model in RECORD_FILES.values():
        visit(model)
    return seen


def _flatten(annotation: Any):
    yield annotation
    for arg in get_args(annotation):
        yield from _flatten(arg)


def _cell(text: str) -> str:
    """One line, safe in a Markdown table cell on GitHub and in MkDocs."""
    return " ".join(text.split()).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def schema_markdown(*, site: bool) -> str:
    """Every record kind as a Markdown table (its file named), then the nested kinds.

    ``site``: headings carry ``{ #schema-… }`` ids for MkDocs; without, GitHub's own anchors.
    """
    anchor = "#schema-" if site else "#"
    files = {model: name for name, model in RECORD_FILES.items()}
    out = []
    for model in _models():
        where = f" (`data/{files[model]}.yaml`)" if model in files else ""
        ids = f" {{ #schema-{model.__name__.lower()} }}" if site else ""
        out.append(f"### {model.__name__}{where}{ids}")
        doc = (model.__doc__ or "").strip().split("\n\n")[0]
        if doc and not doc.startswith(("Base:", "Usage docs")):
            out += ["", _cell(doc)]
        out += ["", "| field | type | required | description |", "| --- | --- | --- | --- |"]
        for name, field in model.model_fields.items():
            out.append(f"| `{name}` | {_cell(describe(field.annotation, field.metadata, anchor))} | "
                       f"{_default(field)} | {_cell(field.description or '')} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def refresh_schema_section(text: str) -> str:
    """``text`` with the part between the schema markers regenerated (unchanged without them)."""
    return _SECTION.sub(lambda m: f"{START}\n\n{schema_markdown(site=False)}\n{END}", text)
