"""Tour files written back: a step or a tour's header as TOML (tomllib only
reads), for recording a tour in the explorer (``R``, tui/tour/record.py);
``step_table`` also names the state the record dialog shows.
"""

from __future__ import annotations

from .model import FORMAT, PANE_KEYS, Step


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = ['"']
    for ch in text:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _value(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return f"{v:g}" if v == int(v) and abs(v) < 1e15 else repr(v)
    if isinstance(v, str):
        return toml_string(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    raise TypeError(f"cannot write {v!r} as TOML")


def step_table(step: Step) -> dict[str, object]:
    """A step as the keys a file would have (row 1-based), in a fixed order."""
    t: dict[str, object] = {"pane": step.pane, "title": step.title}
    allowed = PANE_KEYS[step.pane]
    if "country" in allowed and step.country:
        t["country"] = step.country
    if "countries" in allowed and step.countries:
        t["countries"] = list(step.countries)
    if "edition" in allowed and step.edition is not None:
        t["edition"] = step.edition
    if "indicator" in allowed and step.indicator != "egdi":
        t["indicator"] = step.indicator
    if "scope" in allowed and step.scope:
        t["scope"] = step.scope
    if "chart" in allowed and step.chart:
        t["chart"] = step.chart
    if "view" in allowed and step.view:
        t["view"] = step.view
    if "row" in allowed and step.row is not None:
        t["row"] = step.row + 1
    t["caption"] = step.look
    for lang, title, look in step.translations:
        if title:
            t[f"title_{lang}"] = title
        if look:
            t[f"caption_{lang}"] = look
    if step.notes:
        t["notes"] = step.notes
    if step.seconds is not None:
        t["seconds"] = step.seconds
    return t


def dump_step(step: Step) -> str:
    """One ``[[steps]]`` block, ending in a newline."""
    lines = ["[[steps]]"]
    lines += [f"{k} = {_value(v)}" for k, v in step_table(step).items()]
    return "\n".join(lines) + "\n"


def dump_header(
    title: str,
    author: str = "",
    language: str = "",
    titles: tuple[tuple[str, str], ...] = (),
) -> str:
    lines = [
        "# A ddx tour: play it with `ddx demo --tour FILE`, check it with `ddx tour check FILE`.",
        f"format = {FORMAT}",
        f"title = {toml_string(title)}",
    ]
    lines += [f"title_{lang} = {toml_string(t)}" for lang, t in titles if t]
    if author:
        lines.append(f"author = {toml_string(author)}")
    if language:
        lines.append(f"language = {toml_string(language)}")
    return "\n".join(lines) + "\n"
