"""Every validation rule of the loader, each shown on a small malformed file.

Each case asserts what the user reads: the exact message, and the line and
column it points at (line 1 is the header; column is the field number, except
for bad UTF-8 where it is the character position of the bad byte).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from tests.conftest import DATA, FIXTURES
from tui.core.errors import DataError
from tui.core.loader import read_table
from tui.core.schema import TABLES

TABLES_DIR = FIXTURES / "tables"
EGOV_COLUMNS = ", ".join(TABLES["egov_survey"].names)
GOALS_COLUMNS = ", ".join(TABLES["goals"].names)
KINDS = ", ".join(TABLES["milestones"].col("kind").choices or ())
NOT_A_SURVEY_YEAR = (
    "is not a UN E-Government Survey year (2003, 2004, 2005, or an even year from 2008)"
)


def read(name: str, table: str = "egov_survey", directory: Path = TABLES_DIR) -> pl.DataFrame:
    frame = read_table(directory / name, TABLES[table]).frame
    assert frame is not None
    return frame


def error_of(name: str, table: str = "egov_survey", directory: Path = TABLES_DIR) -> DataError:
    with pytest.raises(DataError) as info:
        read_table(directory / name, TABLES[table])
    return info.value


# (fixture file, table, line, column, message)
CASES = [
    # header
    (
        "goals_missing_column.csv",
        "goals",
        1,
        5,
        f"missing column 'summary'; a goals table has exactly: {GOALS_COLUMNS}",
    ),
    (
        "goals_extra_column.csv",
        "goals",
        1,
        4,
        f"unexpected column 'colour'; a goals table has exactly: {GOALS_COLUMNS}",
    ),
    ("goals_duplicate_header.csv", "goals", 1, 4, "column 'name' appears twice in the header"),
    # types
    (
        "egov_text_in_number.csv",
        "egov_survey",
        3,
        4,
        "column 'egdi': expected a number from 0 to 1, got 'high'",
    ),
    (
        "egov_float_in_int.csv",
        "egov_survey",
        3,
        5,
        "column 'egdi_rank': expected a whole number from 1 to 250, got '174.0'",
    ),
    ("egov_blank_required.csv", "egov_survey", 3, 2, "column 'country' is blank; expected text"),
    # ranges
    (
        "egov_index_out_of_range.csv",
        "egov_survey",
        3,
        8,
        "column 'hci': expected a number from 0 to 1 (only the 2003-2005 readiness indices may exceed 1), got '1.03'",
    ),
    (
        "egov_rank_zero.csv",
        "egov_survey",
        3,
        5,
        "column 'egdi_rank': expected a whole number from 1 to 250, got '0'",
    ),
    (
        "egov_rank_negative.csv",
        "egov_survey",
        2,
        10,
        "column 'epi_rank': expected a whole number from 1 to 250, got '-3'",
    ),
    ("egov_year_2007.csv", "egov_survey", 3, 3, f"column 'year': 2007 {NOT_A_SURVEY_YEAR}"),
    ("egov_year_2023.csv", "egov_survey", 2, 3, f"column 'year': 2023 {NOT_A_SURVEY_YEAR}"),
    # choices, patterns, dates
    (
        "milestones_bad_kind.csv",
        "milestones",
        3,
        3,
        f"column 'kind': expected one of {KINDS}, got 'treaty'",
    ),
    (
        "milestones_bad_precision.csv",
        "milestones",
        2,
        7,
        "column 'precision': expected one of year, month, day, undated, got 'week'",
    ),
    (
        "egov_lowercase_iso3.csv",
        "egov_survey",
        3,
        1,
        "column 'iso3': expected an ISO 3166 alpha-3 code such as KAZ, got 'kgz'",
    ),
    (
        "milestones_bad_date.csv",
        "milestones",
        3,
        6,
        "column 'date': expected a date YYYY, YYYY-MM or YYYY-MM-DD, got 'Dec 2017'",
    ),
    (
        "milestones_precision_mismatch.csv",
        "milestones",
        3,
        7,
        "precision 'year' does not match date '2017-12'",
    ),
    (
        "milestones_undated_with_date.csv",
        "milestones",
        2,
        7,
        "precision 'undated' but date '2017' is given",
    ),
    (
        "milestones_dated_without_date.csv",
        "milestones",
        3,
        6,
        "date is blank but precision is 'month'",
    ),
    (
        "milestones_not_a_calendar_date.csv",
        "milestones",
        3,
        6,
        "column 'date': '2017-13' is not a calendar date",
    ),
    (
        "milestones_end_before_start.csv",
        "milestones",
        2,
        9,
        "end_date '2016' is before date '2017'",
    ),
    # keys
    (
        "egov_duplicate_key.csv",
        "egov_survey",
        4,
        3,
        "duplicate key (iso3=KAZ, year=2020); first seen on line 2",
    ),
    (
        # KAZ, KGZ, KAZ, KGZ: the first repeat is KAZ on line 4, first seen on line 2 (not KGZ's line 3)
        "egov_duplicate_keys_two.csv",
        "egov_survey",
        4,
        3,
        "duplicate key (iso3=KAZ, year=2020); first seen on line 2",
    ),
    # file format
    (
        "egov_bad_utf8.csv",
        "egov_survey",
        3,
        6,
        "not valid UTF-8 (byte 0xfc); save the file as UTF-8",
    ),
    (
        "egov_empty.csv",
        "egov_survey",
        1,
        1,
        "file is empty; expected a header row: " + EGOV_COLUMNS.replace(", ", ","),
    ),
    # A header with nothing under it is a failed export or a truncated copy, not an empty table:
    # loading it would silently show nothing.
    (
        "egov_header_only.csv",
        "egov_survey",
        2,
        1,
        "the file has a header but no data rows; add rows or leave the file out",
    ),
    (
        "egov_unclosed_quote.csv",
        "egov_survey",
        3,
        2,
        "unclosed quote starting at line 3",
    ),
    (
        "egov_stray_quote.csv",
        "egov_survey",
        3,
        2,
        'text after the closing \'"\' of a quoted field (write "" for a quote inside it)',
    ),
    ("egov_too_few_fields.csv", "egov_survey", 3, 14, "expected 14 fields, found 13"),
    ("egov_too_many_fields.csv", "egov_survey", 2, 15, "expected 14 fields, found 15"),
]


@pytest.mark.parametrize(
    ("name", "table", "line", "column", "message"),
    CASES,
    ids=[c[0].removesuffix(".csv") for c in CASES],
)
def test_rule_reports_file_line_column_and_expectation(
    name: str, table: str, line: int, column: int, message: str
) -> None:
    err = error_of(name, table)
    assert (err.line, err.column, err.message) == (line, column, message)
    assert err.path == str(TABLES_DIR / name)
    # The one line the CLI prints.
    assert str(err) == f"{TABLES_DIR / name}:{line}:{column}: {message}"
    assert "\n" not in str(err)


def test_every_fixture_file_is_used() -> None:
    used = {c[0] for c in CASES} | {
        "egov_ok.csv",
        "milestones_quoted_multiline_ok.csv",
        "milestones_ok.csv",
    }
    used |= {p.name for p in TABLES_DIR.glob("*unknown*.csv")}  # used by test_dataset.py
    assert {p.name for p in TABLES_DIR.glob("*.csv")} == used


def test_valid_file_loads_with_the_explicit_schema() -> None:
    frame = read("egov_ok.csv")
    assert frame.schema == pl.Schema(TABLES["egov_survey"].polars_schema)
    assert frame.height == 3
    # A 2003 readiness-era index may exceed 1: HCI 1.03 loads as it stands.
    kaz03 = frame.filter(pl.col("year") == 2003).row(0, named=True)
    assert kaz03["hci"] == 1.03
    assert kaz03["flags"] is None  # a blank optional cell is a gap, not ""


def test_nothing_is_inferred_codes_keep_leading_zeros() -> None:
    econ = read("economies.csv", "economies", DATA)
    assert econ.filter(pl.col("iso3") == "AFG")["m49"].to_list() == ["004"]


def test_bom_and_crlf_load_like_the_plain_file(tmp_path: Path) -> None:
    plain = (TABLES_DIR / "egov_ok.csv").read_bytes()
    (tmp_path / "bom_crlf.csv").write_bytes(b"\xef\xbb\xbf" + plain.replace(b"\n", b"\r\n"))
    assert read("bom_crlf.csv", directory=tmp_path).equals(read("egov_ok.csv"))


def test_crlf_errors_still_point_at_the_right_line(tmp_path: Path) -> None:
    bad = (TABLES_DIR / "egov_year_2007.csv").read_bytes()
    (tmp_path / "crlf.csv").write_bytes(b"\xef\xbb\xbf" + bad.replace(b"\n", b"\r\n"))
    err = error_of("crlf.csv", directory=tmp_path)
    assert (err.line, err.column) == (3, 3)


def test_quoted_field_over_two_lines_keeps_later_line_numbers() -> None:
    loaded = read_table(TABLES_DIR / "milestones_quoted_multiline_ok.csv", TABLES["milestones"])
    assert loaded.lines == [2, 3, 5]
    assert loaded.frame is not None
    assert loaded.frame["summary"][1] == "a summary\nover two lines"


def test_line_numbers_after_a_multiline_field(tmp_path: Path) -> None:
    text = (TABLES_DIR / "milestones_quoted_multiline_ok.csv").read_text(encoding="utf-8")
    (tmp_path / "t.csv").write_text(text.replace("UZB,concept", "UZB,conceptual"), encoding="utf-8")
    err = error_of("t.csv", "milestones", directory=tmp_path)
    assert (err.line, err.column) == (5, 3)


def test_newline_only_where_the_column_allows_it(tmp_path: Path) -> None:
    """A summary may run over lines; a title (like an id or a name) may not."""
    text = (TABLES_DIR / "milestones_quoted_multiline_ok.csv").read_text(encoding="utf-8")
    text = text.replace("Taza Koom programme adopted", '"Taza Koom\nprogramme"')
    (tmp_path / "t.csv").write_text(text, encoding="utf-8")
    err = error_of("t.csv", "milestones", directory=tmp_path)
    assert (err.line, err.column) == (2, 5)
    assert str(err).endswith(
        "column 'title': newline (\\n) at character 10 of 'Taza Koom\\nprogramme'"
    )


def test_first_problem_in_file_order_is_reported(tmp_path: Path) -> None:
    """Problems in several columns: the earliest line (then column) wins."""
    text = (TABLES_DIR / "egov_ok.csv").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    lines[3] = lines[3].replace("0.6749", "n/a")  # line 4, column 4
    lines[2] = lines[2].replace(",26,", ",x,")  # line 3, column 10
    (tmp_path / "t.csv").write_text("".join(lines), encoding="utf-8")
    err = error_of("t.csv", directory=tmp_path)
    assert (err.line, err.column) == (3, 10)
    assert err.message == "column 'epi_rank': expected a whole number from 1 to 250, got 'x'"


def test_missing_file_is_a_data_error(tmp_path: Path) -> None:
    err = error_of("nope.csv", directory=tmp_path)
    assert err.message.startswith("cannot read file")


def test_milestones_fixture_loads() -> None:
    frame = read("milestones_ok.csv", "milestones")
    assert frame["precision"].to_list() == ["year", "month"]
    assert frame["title"][1] == '"Digital Kazakhstan" launched'


def test_a_quoted_csv_too_big_to_read_whole_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A quoted CSV is read whole; past the cap it is one line, not gigabytes of memory."""
    from tui.core import loader

    monkeypatch.setattr(loader, "MAX_CAREFUL_CSV", 4096)
    monkeypatch.setattr(loader, "_CSV_CACHE", {})
    path = tmp_path / "sources.csv"
    rows = "".join(f'src_{i},"Pub",T,2020,,,"n"\n' for i in range(300))
    path.write_text("source_id,publisher,title,year,url,licence,note\n" + rows, encoding="utf-8")
    with pytest.raises(DataError, match="over 4 KiB with quotes") as info:
        loader.read_table(path, TABLES["sources"])
    assert str(info.value).startswith(f"{path}: over")


def test_a_big_csv_without_line_breaks_is_refused_not_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 2 GB sparse file given as a --data table is NUL bytes and no line break:
    the streaming check stops at the longest line a table may have."""
    from tui.core import csvrows, loader

    monkeypatch.setattr(loader, "BIG_CSV", 2**16)
    monkeypatch.setattr(csvrows, "MAX_LINE_BYTES", 2**18)
    path = tmp_path / "egov_survey.csv"
    with path.open("wb") as f:
        f.truncate(2**20)
    with pytest.raises(DataError) as info:
        loader.read_table(path, TABLES["egov_survey"])
    assert str(info.value) == f"{path}:1:1: a line longer than 256 KiB; is it a CSV table?"
