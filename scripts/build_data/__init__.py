"""Regenerate the reference-derived tables in ``data/`` from ``shared/reference``.

Usage (from the repository root)::

    python -m scripts.build_data [--reference ../shared/reference] [--out data]

Writes sources, economies, egov_survey, indicators, indicator_meta,
internet_freedom, mobile_data_price, digital_casa, itu_idi, map_shapes and
country_aliases.
The hand-written tables (goals, countries, milestones, milestone_goals,
assessments) are never created, modified or deleted here.

Rules this package keeps:

* Numbers are facts. Numeric cells are passed through as the exact text found
  in the reference (no float round trip, no re-formatting); a blank stays
  blank. The only computed numbers are the map coordinates, which are derived
  geometry (decoded, simplified and rounded), not statistics.
* Output is deterministic: rows are sorted by each table's key, files are
  UTF-8 with LF line ends, so a rerun gives identical bytes.
* Column names and order come from ``tui/core/schema.py``; the self-check at
  the end validates every written file against it.

Modules, one per source family:

* ``common``: the schema, reading (``read_ref``, ``num_text``) and writing
  (``write_table``, row sorting) shared by all of them;
* ``un_survey``: UN E-Government Survey editions (egov_survey);
* ``indicators``: World Bank / ITU indicators (indicators, indicator_meta);
* ``freedom_on_the_net``: Freedom on the Net (internet_freedom);
* ``mobile_data_price``: Cable.co.uk mobile data prices (mobile_data_price);
* ``digital_casa``: the World Bank's Digital CASA programme (digital_casa);
* ``itu_idi``: ITU ICT Development Index ranks (itu_idi);
* ``sources``: the article's and the other fixed rows of sources;
* ``web_sources``: the curated rows for the web pages the small reference
  tables cite;
* ``map_shapes``: Natural Earth country outlines (map_shapes);
* ``economies``: economies and country_aliases;
* ``self_check``: validation of every written file;
* ``__main__``: the command line, which runs them in order.

Dependencies: the standard library, polars and pycountry.
"""
