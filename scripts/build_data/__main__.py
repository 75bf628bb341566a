"""The command line: ``python -m scripts.build_data`` (see the package docstring)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __doc__ as PACKAGE_DOC
from .common import GENERATED, REPO, blank, read_ref, write_table
from .digital_casa import DERIVED_ROWS, build_casa
from .economies import build_aliases, build_economies, build_economy_codes
from .freedom_on_the_net import build_fotn
from .indicators import build_indicators
from .itu_idi import build_idi
from .map_shapes import build_map
from .mobile_data_price import build_mobile
from .self_check import self_check
from .sources import fixed_sources
from .un_survey import build_egov
from .web_sources import web_source


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m scripts.build_data", description=PACKAGE_DOC.split("\n\n")[0]
    )
    ap.add_argument(
        "--reference",
        type=Path,
        default=REPO.parent / "shared" / "reference",
        help="the shared reference folder (default: ../shared/reference)",
    )
    ap.add_argument(
        "--out", type=Path, default=REPO / "data", help="output folder (default: data/)"
    )
    args = ap.parse_args(argv)
    ref: Path = args.reference.resolve()
    out: Path = args.out.resolve()
    if not (ref / "un_egov_survey.csv").is_file():
        ap.error(f"no un_egov_survey.csv in {ref}")
    out.mkdir(parents=True, exist_ok=True)
    print(f"reference: {ref}\noutput:    {out}")

    sources: dict[str, dict] = {s["source_id"]: s for s in fixed_sources()}
    url_ids: dict[str, str] = {}

    def add_src(url: str | None, table: str) -> str:
        if blank(url):
            raise ValueError(f"{table}: a row has no source_url")
        url = url.strip()  # type: ignore[union-attr]
        if url not in url_ids:
            s = web_source(url, table)
            if s["source_id"] in sources:
                raise ValueError(f"source id clash: {s['source_id']}")
            sources[s["source_id"]] = s
            url_ids[url] = s["source_id"]
        return url_ids[url]

    egov = build_egov(ref)
    indicators, meta, ind_names = build_indicators(ref)
    fotn = build_fotn(ref, add_src)
    mobile = build_mobile(ref, add_src)
    casa = build_casa(ref, add_src)
    idi = build_idi(ref, add_src)
    shapes, shape_names = build_map(ref)

    # Name candidates per economy, each with the source it came from. UN
    # members take the UNU-EGOV common name; others the first source in
    # NAME_PREFERENCE that names them.
    names = [dict(iso3=r["iso3"], name=r["country"], source_id=r["source_id"]) for r in egov]
    names += ind_names
    for fname, rows in (
        ("freedom_on_the_net.csv", fotn),
        ("mobile_data_price_cable.csv", mobile),
        ("digital_casa.csv", [r for r in casa if r["row_id"] not in DERIVED_ROWS]),
        ("itu_idi.csv", idi),
    ):
        for src_row, row in zip(read_ref(ref / fname), rows, strict=True):
            names.append(
                dict(iso3=src_row["iso3"], name=src_row["country"], source_id=row["source_id"])
            )
    names += [dict(iso3=k, name=v, source_id="natural_earth") for k, v in shape_names.items()]
    economies = build_economies(ref, names)
    aliases = build_aliases(ref, names, economies)

    tables = {
        "sources": list(sources.values()),
        "economies": economies,
        "egov_survey": egov,
        "indicators": indicators,
        "indicator_meta": meta,
        "internet_freedom": fotn,
        "mobile_data_price": mobile,
        "digital_casa": casa,
        "itu_idi": idi,
        "map_shapes": shapes,
        "country_aliases": aliases,
        "economy_codes": build_economy_codes(economies),
    }
    print("\nwritten:")
    for name in GENERATED:
        p = write_table(out, name, tables[name])
        print(
            f"  {p.relative_to(out.parent) if out.parent in p.parents else p}: {len(tables[name]):>6} rows, {p.stat().st_size:>8,} bytes"
        )

    errors = self_check(out)
    if errors:
        print("\nSELF-CHECK FAILED:")
        for e in errors:
            print("  -", e)
        return 1
    print(
        "\nself-check passed: schema, keys, source ids, iso3 codes, 2308 survey rows, 2020 ranks."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
