"""Freedom on the Net scores and statuses: the internet_freedom table."""

from __future__ import annotations

from pathlib import Path

from .common import num_text, read_ref


def build_fotn(ref: Path, add_src) -> list[dict]:
    rows = []
    for r in read_ref(ref / "freedom_on_the_net.csv"):
        sc = r["scale"] or ""
        edition = int(num_text(r["edition_year"], integer=True))  # type: ignore[arg-type]
        if "lower=freer" in sc:
            scale = "legacy"
        elif sc:
            scale = "current"
        else:
            # No score and so no scale given (KAZ 2012, status only): editions
            # before 2019 were published on the legacy scale.
            scale = "legacy" if edition < 2019 else "current"
        rows.append(
            dict(
                iso3=r["iso3"],
                edition_year=edition,
                total_score=num_text(r["total_score"], integer=True),
                scale=scale,
                obstacles_to_access=num_text(r["obstacles_to_access"], integer=True),
                limits_on_content=num_text(r["limits_on_content"], integer=True),
                violations_of_user_rights=num_text(r["violations_of_user_rights"], integer=True),
                status=r["status"],
                note=r["note"],
                source_id=add_src(r["source_url"], "freedom_on_the_net.csv"),
            )
        )
    return rows
