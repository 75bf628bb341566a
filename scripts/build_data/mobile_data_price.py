"""Cable.co.uk mobile data prices: the mobile_data_price table."""

from __future__ import annotations

from pathlib import Path

from .common import num_text, read_ref


def build_mobile(ref: Path, add_src) -> list[dict]:
    return [
        dict(
            iso3=r["iso3"],
            year=int(num_text(r["edition_year"], integer=True)),  # type: ignore[arg-type]
            usd_per_gb=num_text(r["usd_per_gb"]),
            rank=num_text(r["rank"], integer=True),
            n_countries=num_text(r["n_countries"], integer=True),
            note=r["note"],
            source_id=add_src(r["source_url"], "mobile_data_price_cable.csv"),
        )
        for r in read_ref(ref / "mobile_data_price_cable.csv")
    ]
