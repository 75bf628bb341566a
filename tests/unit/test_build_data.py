"""``python -m scripts.build_data`` rebuilds data/ from the shared reference, byte for byte.

The generated tables (sources, economies, egov_survey, indicators, ...) are
rebuilt into a temporary folder, exactly as a maintainer would from the
repository root, and every file written is compared with the one in data/.
A difference means either data/ was edited by hand or the build changed its
output: rerun the build and review the diff. The hand-written tables are not
touched by the build and so not compared here.

Skipped when ../shared/reference is not beside the checkout (set DDX_SHARED to
point elsewhere). Needs pycountry (in the ``test`` extra, pinned by
constraints.txt: its version is written into sources.csv).
"""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, REFERENCE, ROOT

pytestmark = pytest.mark.skipif(
    not (REFERENCE / "un_egov_survey.csv").is_file(),
    reason=f"no shared reference at {REFERENCE} (set DDX_SHARED): nothing to rebuild data/ from",
)

# Every table the build writes (scripts/build_data/common.py: GENERATED).
GENERATED = {
    "sources.csv",
    "economies.csv",
    "egov_survey.csv",
    "indicators.csv",
    "indicator_meta.csv",
    "internet_freedom.csv",
    "mobile_data_price.csv",
    "digital_casa.csv",
    "itu_idi.csv",
    "map_shapes.csv",
    "country_aliases.csv",
    "economy_codes.csv",
}


def _first_difference(name: str, want: bytes, got: bytes) -> str:
    """The first few differing lines of one file, as a unified diff."""
    diff = difflib.unified_diff(
        want.decode("utf-8", "replace").splitlines(),
        got.decode("utf-8", "replace").splitlines(),
        f"data/{name}",
        f"rebuilt/{name}",
        lineterm="",
        n=0,
    )
    lines = list(diff)[:8]
    return "\n".join(lines) if lines else f"{name}: same lines, different bytes (line ends?)"


def test_rebuild_from_the_reference_gives_data_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "data"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "scripts.build_data",
            "--reference",
            str(REFERENCE),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, f"build failed:\n{proc.stdout}\n{proc.stderr}"
    assert "self-check passed" in proc.stdout, proc.stdout

    written = {p.name for p in out.iterdir()}
    assert written == GENERATED, (
        f"the build wrote {sorted(written - GENERATED)} unexpectedly"
        f" and did not write {sorted(GENERATED - written)}"
    )
    differ = [
        name
        for name in sorted(written)
        if not (DATA / name).is_file() or (DATA / name).read_bytes() != (out / name).read_bytes()
    ]
    assert not differ, f"rebuilt from {REFERENCE}, these differ from data/: {differ}\n" + "\n".join(
        _first_difference(
            n,
            (DATA / n).read_bytes() if (DATA / n).is_file() else b"",
            (out / n).read_bytes(),
        )
        for n in differ
    )
