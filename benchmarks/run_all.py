"""Run every benchmark, print one table (figure, budget, pass/fail) and
rewrite the results section of benchmarks/README.md.

    .venv/bin/python benchmarks/run_all.py            # everything (~4 minutes)
    .venv/bin/python benchmarks/run_all.py --quick    # fewer runs, 2M-row scale table
    .venv/bin/python benchmarks/run_all.py --no-write # print only

Exit status 1 if any figure is over its budget.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import cold_start  # noqa: E402
import memory  # noqa: E402
import scale  # noqa: E402
from _harness import ROOT, run_python  # noqa: E402

BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"
Row = tuple[str, str, str, bool | None]  # benchmark, figure, budget, pass


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kib / 2**20:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    try:
        load = f", load average {os.getloadavg()[0]:.1f} at start"
    except OSError:
        load = ""
    import polars
    import textual

    return (
        f"{cpu}, {os.cpu_count()} CPUs{mem}{load}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, Textual {textual.__version__}, Polars {polars.__version__}"
    )


def bytes_rows(repeat: int) -> list[Row]:
    """Issue 6's pty byte counter, if it is present."""
    if not (HERE / "bytes_over_wire.py").is_file():
        return [
            (
                "Bytes over the wire",
                "not measured (benchmarks/bytes_over_wire.py absent)",
                "<= 4 KiB",
                None,
            )
        ]
    try:
        import bytes_over_wire as bow

        res = bow.measure(repeat, 80, 24, [])
        budget = getattr(bow, "BUDGET", 4096)
        rows: list[Row] = []
        for name, values in res.items():
            med = statistics.median(values)
            judged = name in ("country", "edition")
            rows.append(
                (
                    f"Bytes over the wire: {name}" + (" switch" if judged else ""),
                    f"median {med:,.0f} B, max {max(values):,} B (n={len(values)})",
                    f"<= {budget:,} B median" if judged else "(information)",
                    (med <= budget) if judged else None,
                )
            )
        return rows
    except Exception as exc:  # another engineer's script: report, don't crash the run
        return [("Bytes over the wire", f"failed: {type(exc).__name__}: {exc}", "<= 4 KiB", False)]


def run(quick: bool) -> tuple[list[Row], dict[str, object]]:
    rows: list[Row] = []
    raw: dict[str, object] = {}

    print("cold start ...", file=sys.stderr, flush=True)
    c = cold_start.measure(7 if quick else 9)
    raw["cold_start"] = c
    rows.append(
        (
            "Cold start (80x24 pty, first complete frame)",
            f"{c['ratio']:.2f}x bare Textual (ddx {c['ddx_median_s'] * 1000:.0f} ms vs "  # type: ignore[operator]
            f"{c['bare_median_s'] * 1000:.0f} ms, median of {c['runs']} alternating runs)",  # type: ignore[operator]
            f"<= {cold_start.BUDGET_RATIO}x",
            bool(c["pass"]),
        )
    )
    rss = c["rss_first_frame_mib"]
    rows.append(
        (
            "Peak RSS at the first frame",
            f"ddx {rss['ddx']:.0f} MiB, bare Textual {rss['bare']:.0f} MiB"  # type: ignore[index]
            + (f", VisiData {rss['visidata']:.0f} MiB" if c["visidata"] else ""),  # type: ignore[index]
            f"<= {cold_start.BUDGET_RSS_MIB:.0f} MiB",
            bool(c["rss_pass"]),
        )
    )
    rows.append(
        (
            "Cold start beside VisiData 3.4 (`vd data/egov_survey.csv`)",
            (
                f"ddx {c['visidata_ratio']:.2f}x VisiData ({c['visidata_median_s'] * 1000:.0f} ms)"  # type: ignore[operator]
                if c["visidata"]
                else "VisiData not installed: skipped"
            ),
            "(information; the aim is <= 1x)",
            None,
        )
    )
    rows.append(
        (
            "Cold start beside a bare Textual app with the cycle collector paused, as ddx pauses it",
            f"{c['ratio_to_bare_no_gc']:.2f}x ({c['bare_no_gc_median_s'] * 1000:.0f} ms)",  # type: ignore[operator]
            "(information: the same pause in an app that builds little)",
            None,
        )
    )
    rows.append(
        (
            "Cold start yardstick: the required widgets, no data (`skeleton_app.py`)",
            f"{c['skeleton_ratio']:.2f}x bare Textual ({c['skeleton_median_s'] * 1000:.0f} ms)",  # type: ignore[operator]
            "(information)",
            None,
        )
    )
    rows.append(
        (
            "Cold start yardstick: `import polars` alone",
            f"{c['polars_import_s'] * 1000:.0f} ms",  # type: ignore[operator]
            "(information)",
            None,
        )
    )

    print("interaction latency ...", file=sys.stderr, flush=True)
    presses = 50
    lat = json.loads(
        run_python([str(HERE / "latency.py"), "--json", "--presses", str(presses)])
        .strip()
        .splitlines()[-1]
    )
    raw["latency"] = lat
    for name, f in lat.items():
        yardstick = bool(f.get("yardstick") or f.get("information"))
        rows.append(
            (
                f"Latency: {name.strip()}",
                f"median {f['median_ms']:.1f} ms, p95 {f['p95_ms']:.1f} ms (n={f['n']})",
                "(information)" if yardstick else f"p95 <= {f['budget_p95_ms']:.0f} ms",
                None if yardstick else bool(f["pass"]),
            )
        )

    print("memory ...", file=sys.stderr, flush=True)
    m = memory.measure()
    raw["memory"] = m
    rows.append(
        (
            f"Peak RSS after visiting all {len(m['visited'])} panes",  # type: ignore[arg-type]
            f"{m['peak_rss_mib']:.1f} MiB",
            f"<= {memory.BUDGET_MIB:.0f} MiB",
            bool(m["pass"]),
        )
    )
    parts = m["rss_now_mib"]
    rows.append(
        (
            "Resident at the end, by mapping",
            f"Polars library code {parts['polars_so']:.1f} MiB, heap and anonymous "  # type: ignore[index]
            f"{parts['anon_heap']:.1f} MiB, other {parts['other']:.1f} MiB",  # type: ignore[index]
            "(information)",
            None,
        )
    )

    print("bytes over the wire ...", file=sys.stderr, flush=True)
    rows += bytes_rows(5 if quick else 20)

    n_rows = 2_000_001 if quick else 20_000_000
    print(f"scale ({n_rows:,} rows) ...", file=sys.stderr, flush=True)
    s = scale.measure(n_rows)
    raw["scale"] = s
    t = s["table"]
    for pane in ("rankings", "countries"):
        f = s[pane]  # type: ignore[index]
        rows.append(
            (
                f"Scale, {t['rows']:,} rows via --data: {pane} first frame",  # type: ignore[index]
                f"{f['first_frame_s']:.2f} s",
                f"<= {scale.BUDGET_S:.0f} s",
                f["first_frame_s"] <= scale.BUDGET_S,
            )
        )
        rows.append(
            (
                f"Scale, {t['rows']:,} rows via --data: {pane} peak RSS",  # type: ignore[index]
                f"{f['peak_rss_mib']:.0f} MiB",
                f"<= {scale.BUDGET_RSS_MIB / 1024:.0f} GiB",
                f["peak_rss_mib"] is not None and f["peak_rss_mib"] <= scale.BUDGET_RSS_MIB,
            )
        )
    return rows, raw


def table(rows: list[Row]) -> str:
    verdict = {True: "pass", False: "**FAIL**", None: "—"}
    lines = ["| Benchmark | Figure | Budget | Result |", "|---|---|---|---|"]
    lines += [f"| {b} | {f} | {bud} | {verdict[ok]} |" for b, f, bud, ok in rows]
    return "\n".join(lines)


def write_readme(rows: list[Row], quick: bool) -> None:
    path = HERE / "README.md"
    text = (
        path.read_text(encoding="utf-8") if path.exists() else f"# Benchmarks\n\n{BEGIN}\n{END}\n"
    )
    stamp = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    body = (
        f"{BEGIN}\n"
        f"Generated by `benchmarks/run_all.py{' --quick' if quick else ''}` on {stamp}.\n\n"
        f"Machine: {machine()}.\n\n{table(rows)}\n{END}"
    )
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    path.write_text(head + body + tail, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--quick", action="store_true", help="fewer runs and a 2-million-row scale table"
    )
    ap.add_argument("--no-write", action="store_true", help="do not rewrite benchmarks/README.md")
    ap.add_argument("--json", type=Path, help="also write the raw figures here")
    args = ap.parse_args()
    os.chdir(ROOT)
    rows, raw = run(args.quick)
    print(table(rows))
    if not args.no_write:
        write_readme(rows, args.quick)
        print(f"\nwrote {HERE / 'README.md'}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(raw, indent=2, default=str))
    return 1 if any(ok is False for *_, ok in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
