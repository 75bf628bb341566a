"""Caveats a reader must see beside a figure, keyed by short names.

Flags in ``egov_survey.flags`` are keys here; so are caveats that follow from
the figure itself (a readiness-era edition, a derived rank).
"""

from __future__ import annotations


def N_(text: str) -> str:
    """Marks a caveat for the message catalogue (pybabel extract); tui.core
    translates nothing: tui/i18n.py's ``_()`` does, where it is shown."""
    return text


CAVEATS: dict[str, str] = {
    "readiness_era": N_(
        "Editions 2003 to 2008 published an e-government 'readiness' index and ranking; the "
        "E-Government Development Index (EGDI), by name and method, dates from the 2010 "
        "survey. Compare across that break with care."
    ),
    "egdi_zero_tied_bottom_rank": N_(
        "Index 0 with a shared bottom rank: no assessed online presence, not a measured score."
    ),
    "hci_zero_possibly_missing": N_("HCI of 0 in the UN export is probably a missing value."),
    "tii_zero_possibly_missing": N_("TII of 0 in the UN export is probably a missing value."),
    "hci_blank_in_UNU_zero_in_UN_export": N_(
        "HCI: the UN export gives 0 where UNU-EGOV gives a blank; shown as a gap."
    ),
    "tii_blank_in_UNU_zero_in_UN_export": N_(
        "TII: the UN export gives 0 where UNU-EGOV gives a blank; shown as a gap."
    ),
    "derived_rank": N_(
        "Rank derived by ddx from the index values (ties share the best rank): the UN Data "
        "Center export carries no rank for this index, though the survey reports publish "
        "E-Participation rankings."
    ),
    "ranks_relative": N_(
        "Ranks are relative: a rank can move because other countries moved, and 191-193 "
        "countries were ranked depending on the edition."
    ),
    "article_claim": N_("The article's claim, as stated in the article; not checked by ddx."),
    "project_reading": N_("The project's own reading of the article, not the article's words."),
    "ddx_class_breaks": N_(
        "Class breaks chosen by ddx: the UN survey's EGDI groups (0.25 / 0.50 / 0.75), "
        "applied to every index; the UN publishes such groups for the EGDI only."
    ),
    "legacy_fotn_scale": N_(
        "Freedom on the Net editions before 2019 were published on a 0 = best scale; "
        "this value is on that older scale."
    ),
    "gap": N_("No value in the source: shown as a gap, never filled in."),
    "no_start": N_("The article gives no start date: there is no before or after to compare."),
    "planned": N_(
        "A plan: the article says when it was to start, not that it started; no UN edition "
        "is set before, during or after it."
    ),
    "not_a_cause": N_(
        "An association in time is not a cause: a rank can move for many reasons, "
        "other countries' progress among them, and surveys lag the work they measure."
    ),
    "inferred_date": N_("The article does not state this date; ddx inferred it from the context."),
    "conflict": N_("Sources disagree on this fact; both are shown, neither is preferred."),
}


# The source rows (data/sources.csv) each caveat rests on: the survey reports for
# what the UN published, the article for its claims, ddx's reading for ddx's own rules.
CAVEAT_SOURCES: dict[str, tuple[str, ...]] = {
    "readiness_era": ("unegov_2008_report", "unegov_2010_report"),
    "egdi_zero_tied_bottom_rank": ("unegov_2003", "unegov_2004", "unegov_2005"),
    "hci_zero_possibly_missing": ("unegov_2010", "unegov_2012"),
    "tii_zero_possibly_missing": ("unegov_2010", "unegov_2012"),
    "hci_blank_in_UNU_zero_in_UN_export": ("unegov_2010", "unegov_2012"),
    "tii_blank_in_UNU_zero_in_UN_export": ("unegov_2010", "unegov_2012"),
    "derived_rank": ("unegov_2008_report", "unegov_2010_report", "ddx_reading"),
    "ranks_relative": ("unegov_2003", "unegov_2024"),
    "article_claim": ("article",),
    "project_reading": ("ddx_reading",),
    "ddx_class_breaks": ("unegov_2024", "ddx_reading"),
    "legacy_fotn_scale": ("press_diplomat_2019_11",),
    "gap": ("ddx_reading",),
    "no_start": ("article",),
    "planned": ("article",),
    "not_a_cause": ("ddx_reading",),
    "inferred_date": ("ddx_reading",),
    "conflict": ("ddx_reading",),
}


def caveat_sources(key: str) -> tuple[str, ...]:
    """The source ids a caveat rests on (none for an unknown key)."""
    return CAVEAT_SOURCES.get(key, ())


def caveat_keys(flags: str | None) -> list[str]:
    """The caveat keys named in a ``flags`` cell (``;``-separated)."""
    if not flags:
        return []
    return [f for f in flags.split(";") if f]


def describe(key: str) -> str:
    return CAVEATS.get(key, key.replace("_", " "))
