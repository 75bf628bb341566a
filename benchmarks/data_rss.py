"""Peak memory against file size for a big ``--data`` ``egov_survey.csv``.

The README says a ``--data`` CSV over 32 MiB without quotes is checked as it
streams and kept lazy, peak memory under 2x the file. This measures it for a
few sizes: for each, a folder with a generated, valid ``egov_survey.csv``
(unquoted, as the UN's columns; synthetic economies ``AAA``...``ZZZ`` in an
``economies.csv`` beside it, every survey year 2003-2100 the schema allows, and
the country name padded so the file reaches the size; values are made up and
describe nothing real) is passed with ``--data`` to

* ``ddx rankings --year 2024`` (checks every table in full, then prints), peak
  RSS of that child from ``wait4``;
* the explorer at ``--start rankings`` on an 80x24 pty, peak RSS (``VmHWM``)
  when the first complete frame is on screen.

    python benchmarks/data_rss.py [--mib 25 50 100 200] [--keep DIR] [--json]

Prints one line per size: the file, each peak and its ratio to the file.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import PYTHON, ROOT, child_env, run_in_pty  # noqa: E402

BUDGET_RATIO = 2.0  # peak RSS / file size, as the README says
YEARS = [2003, 2004, 2005, *range(2008, 2101, 2)]
SOURCE_ID = "unegov_2024"


def _codes(n: int) -> list[str]:
    builtin = {line.split(",", 1)[0] for line in (ROOT / "data" / "economies.csv").open()}
    letters = string.ascii_uppercase
    codes = ("".join(t) for t in itertools.product(letters, repeat=3))
    return list(itertools.islice((c for c in codes if c not in builtin), n))


def generate(directory: Path, mib: float) -> dict[str, object]:
    """``directory/egov_survey.csv`` of about ``mib`` MiB and its ``economies.csv``."""
    target = int(mib * 2**20)
    header = (
        "iso3,country,year,egdi,egdi_rank,osi,tii,hci,epi,epi_rank,region,subregion,flags,"
        "source_id\n"
    )
    base = len("AAA,Bench AAA ,2024,0.51234,100,0.51234,0.51234,0.51234,0.51234,100,Asia,,,") + len(
        SOURCE_ID
    )
    n_codes = len(_codes(20_000))
    rows = min(max(1, target // (base + 1)), n_codes * len(YEARS))
    pad = max(0, target // rows - base - 1)
    codes = _codes(-(-rows // len(YEARS)))
    directory.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    with (directory / "economies.csv").open("w", encoding="utf-8") as f:
        f.write("iso3,name,m49,region,subregion,source_id\n")
        f.writelines(f"{c},Bench {c},,Asia,,{SOURCE_ID}\n" for c in codes)
    path = directory / "egov_survey.csv"
    written = 0
    with path.open("w", encoding="utf-8") as f:
        f.write(header)
        for i, (c, y) in enumerate(itertools.product(codes, YEARS)):
            if written >= rows:
                break
            v = f"0.{(i * 7919) % 100000:05d}"
            r = (i % 250) + 1
            f.write(
                f"{c},Bench {c} {'x' * pad},{y},{v},{r},{v},{v},{v},{v},{r},Asia,,,{SOURCE_ID}\n"
            )
            written += 1
    return {
        "bytes": path.stat().st_size,
        "rows": written,
        "economies": len(codes),
        "generate_s": time.perf_counter() - t0,
    }


def cli_peak(directory: Path) -> dict[str, object]:
    """``ddx --data DIR rankings --year 2024``: exit status, seconds, peak RSS of that child."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [PYTHON, "-m", "tui", "--data", str(directory), "rankings", "--year", "2024"],
        cwd=ROOT,
        env=child_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    err = proc.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "returncode": proc.returncode,
        "seconds": time.perf_counter() - t0,
        "peak_bytes": usage.ru_maxrss * 1024,  # KiB on Linux
        "stderr": err.strip()[-300:],
    }


def first_frame_peak(directory: Path) -> dict[str, object]:
    """The explorer at --start rankings: peak RSS when its first frame is drawn."""

    def ready(text: str) -> bool:
        return "UN E-Government Survey" in text and "palette" in text

    r = run_in_pty(
        [PYTHON, "-m", "tui", "--data", str(directory), "--start", "rankings"], ready, timeout=300
    )
    return {
        "seconds": r.seconds,
        "peak_bytes": (r.peak_rss_kib or 0) * 1024,
        "screen": "" if r.seconds is not None else r.screen[-400:],
    }


def measure(mib: float, keep: Path | None = None) -> dict[str, object]:
    directory = keep or Path(tempfile.mkdtemp(prefix="ddx-bench-data-rss-"))
    try:
        made = generate(directory, mib)
        cli = cli_peak(directory)
        tui = first_frame_peak(directory)
    finally:
        if keep is None:
            shutil.rmtree(directory, ignore_errors=True)
    size = int(made["bytes"])  # type: ignore[call-overload]
    out: dict[str, object] = {"file": made, "rankings": cli, "first_frame": tui}
    for part in (cli, tui):
        part["ratio"] = int(part["peak_bytes"]) / size  # type: ignore[call-overload]
    cli["pass"] = cli["returncode"] == 0 and cli["ratio"] <= BUDGET_RATIO  # type: ignore[operator]
    tui["pass"] = tui["seconds"] is not None and tui["ratio"] <= BUDGET_RATIO  # type: ignore[operator]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mib", type=float, nargs="+", default=[25, 50, 100, 200])
    ap.add_argument("--keep", type=Path, help="write the tables here and keep them (one size)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    results = [measure(m, args.keep) for m in args.mib]
    if args.json:
        print(json.dumps(results))
        return 0
    print(f"--data egov_survey.csv: peak RSS against file size (budget <= {BUDGET_RATIO}x)")
    for r in results:
        f, cli, tui = r["file"], r["rankings"], r["first_frame"]
        mb = int(f["bytes"]) / 2**20  # type: ignore[index,call-overload]
        print(
            f"  {mb:6.0f} MiB, {f['rows']:>7} rows: "  # type: ignore[index]
            f"ddx rankings {int(cli['peak_bytes']) / 2**20:5.0f} MiB = {cli['ratio']:.2f}x "  # type: ignore[index,call-overload]
            f"({cli['seconds']:.1f} s, exit {cli['returncode']}) {'PASS' if cli['pass'] else 'FAIL'}; "  # type: ignore[index]
            f"first frame {int(tui['peak_bytes']) / 2**20:5.0f} MiB = {tui['ratio']:.2f}x "  # type: ignore[index,call-overload]
            f"{'PASS' if tui['pass'] else 'FAIL'}"  # type: ignore[index]
        )
        if cli["returncode"]:  # type: ignore[index]
            print(f"    stderr: {cli['stderr']}")  # type: ignore[index]
        if tui["seconds"] is None:  # type: ignore[index]
            print(f"    no first frame: {tui['screen']}")  # type: ignore[index]
    return 0


if __name__ == "__main__":
    sys.exit(main())
