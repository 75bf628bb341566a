"""Drawing characters in plain ASCII, one cell for one cell: what ``--ascii``
(and a non-UTF-8 locale, or the Linux console) shows instead of box drawing,
blocks, braille, chart markers, arrows and typographic dashes.

Two places apply it: the chart drawing layer to every figure
(tui/charts/render.py, for the panes and ``ddx chart``) and the terminal driver
to the rest of the screen (tui/wire.py). Standard library only.
"""

from __future__ import annotations


def _ascii_table() -> dict[int, str]:
    """Drawing characters -> ASCII, one cell for one cell (layout is unchanged)."""
    import unicodedata

    table: dict[int, str] = {}
    for cp in range(0x2500, 0x2580):  # box drawing
        name = unicodedata.name(chr(cp), "")
        if "HORIZONTAL" in name and "VERTICAL" not in name and " AND " not in name:
            table[cp] = "-"
        elif "VERTICAL" in name and "HORIZONTAL" not in name and " AND " not in name:
            table[cp] = "|"
        elif "LEFT" in name and " AND " not in name or "RIGHT" in name and " AND " not in name:
            table[cp] = "-"
        elif "UP" in name and " AND " not in name or "DOWN" in name and " AND " not in name:
            table[cp] = "|"
        elif "DIAGONAL" in name:
            table[cp] = (
                "/"
                if "UPPER RIGHT TO LOWER LEFT" in name
                else "\\"
                if "UPPER LEFT" in name
                else "X"
            )
        else:
            table[cp] = "+"
    for cp in range(0x2580, 0x25A0):  # block elements: shades keep their order
        table[cp] = "#"
    table.update({ord("▁"): "_", ord("▔"): "-", ord("▏"): "|", ord("▕"): "|"})
    table.update({ord("░"): ".", ord("▒"): ":", ord("▓"): "%"})
    for cp in range(0x2801, 0x2900):  # braille dots
        table[cp] = "."
    table[0x2800] = " "
    # Chart markers, in tui/charts/style.py order, onto its ASCII markers.
    for u, a in zip("●■▲◆✚★▼◇", "ox+*#@%&", strict=True):
        table[ord(u)] = a
    # Arrows and punctuation that text uses (each one cell, so one ASCII character).
    for u, a in zip(
        "▲▼◀▶◂▸→←↑↓—–−·•…≡’‘“”×≈≥≤✓✔✗○◯□◻⏎", "^v<><>><^v---.*.=''\"\"x~><vvxoo##<", strict=True
    ):
        table[ord(u)] = a
    table[ord("🔎")] = "> "  # two cells wide
    return table


ASCII_TABLE = _ascii_table()


def to_ascii(text: str) -> str:
    """``text`` with drawing characters, arrows and dashes in plain ASCII."""
    return text.translate(ASCII_TABLE)
