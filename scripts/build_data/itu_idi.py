"""ITU ICT Development Index ranks: the itu_idi table."""

from __future__ import annotations

from pathlib import Path

from .common import blank, num_text, read_ref


def build_idi(ref: Path, add_src) -> list[dict]:
    rows = []
    for r in read_ref(ref / "itu_idi.csv"):
        urls = [u.strip() for u in (r["source_url"] or "").split(" ; ") if u.strip()]
        note = r["note"]
        if len(urls) > 1:
            also = "also " + "; ".join(urls[1:])
            note = f"{note}; {also}" if note else also
        if not blank(r["idi_value"]):
            raise ValueError("reference now has IDI values: add a column to the schema first")
        rows.append(
            dict(
                iso3=r["iso3"],
                edition=r["edition"],
                rank=num_text(r["rank"], integer=True),
                n_countries=num_text(r["n_countries"], integer=True),
                note=note,
                source_id=add_src(urls[0], "itu_idi.csv"),
            )
        )
    return rows
