"""The long key-and-resize fuzz: the CI test's sessions (tests/robust/ddx_fuzz.py)
for 10,000+ keys, going on after a crash with a fresh app, and counting.

    python benchmarks/fuzz_long.py [--keys 10000] [--seed N] [--session 1000]

Prints the seed, keys sent, resizes, sessions and every crash (with the seed
and session to replay it); exits 1 if anything crashed. Writes nothing outside
a temporary directory (exports and screenshots the keys ask for land there).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "robust")]

import ddx_fuzz as fz  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keys", type=int, default=10_000, help="keys to send (default 10000)")
    parser.add_argument("--session", type=int, default=1_000, help="keys per app session")
    parser.add_argument("--seed", type=int, default=None, help="default: DDX_FUZZ_SEED or random")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else fz.fuzz_seed()

    with tempfile.TemporaryDirectory(prefix="ddx-fuzz-") as tmp:
        os.chdir(tmp)
        os.environ["HOME"] = tmp
        os.environ["XDG_DATA_HOME"] = str(Path(tmp) / "xdg")
        return run(seed, args.keys, args.session)


def run(seed: int, keys: int, per_session: int) -> int:
    from tui.core import Dataset
    from tui.paths import data_dir

    dataset = Dataset(data_dir())
    panes = fz.pane_ids()
    demo = fz.demo_available()
    stats = fz.Stats()
    started = time.monotonic()
    print(f"ddx long fuzz: seed {seed}, {keys} keys in sessions of {per_session}", flush=True)
    session = 0
    while stats.keys < keys:
        rng = random.Random(f"{seed}:{session}")
        start = rng.choice(panes)
        in_demo = demo and session % 4 == 3
        size = fz.choose_size(fz.RandomChooser(rng))
        app = fz.make_fuzz_app(dataset, start=start, demo=in_demo)
        log: list[str] = []
        before = stats.keys
        n = min(per_session, keys - stats.keys)
        try:
            asyncio.run(fz.run_session(app, fz.RandomChooser(rng), n, stats, log, size=size))
            outcome = "ok"
        except Exception as exc:  # a crash or a broken invariant: record, go on
            stats.crashes.append(
                f"session {session} (start={start}, size={size[0]}x{size[1]}"
                f"{', demo' if in_demo else ''}): {exc!r}; last keys {log[-12:]}"
            )
            outcome = "CRASH"
            if stats.keys == before:  # nothing sent: do not loop forever
                stats.keys += 1
        print(
            f"  session {session:3d} {outcome:5s} start={start:<14s} "
            f"{'demo ' if in_demo else ''}keys {stats.keys:6d} resizes {stats.resizes:5d} "
            f"({time.monotonic() - started:5.0f} s)",
            flush=True,
        )
        session += 1

    elapsed = time.monotonic() - started
    print()
    print(f"seed:            {seed}  (replay: --seed {seed})")
    print(f"keys sent:       {stats.keys}  ({stats.bound_keys} distinct bound keys in play)")
    print(f"resizes:         {stats.resizes}")
    print(f"sessions:        {stats.sessions}")
    print(f"quit requests:   {stats.quits} (recorded, not obeyed)")
    print(f"crashes found:   {len(stats.crashes)}")
    for crash in stats.crashes:
        print(f"  - {crash}")
    cpu = ", ".join(f"{k} {v:.0f} s" for k, v in sorted(stats.cpu.items()))
    print(
        f"time:            {elapsed:.0f} s ({stats.keys / elapsed:.0f} keys/s; CPU by step: {cpu})"
    )
    return 1 if stats.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
