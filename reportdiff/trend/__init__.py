"""Trend: a series of reports read (with the parsed-report cache), put in date order, and followed.

- :mod:`.series` — reading a folder or a list of files, ordering by date, :func:`track`;
- :mod:`.cache` — parsed reports and section pairings kept between runs;
- :mod:`.tracks` — the section and figure timelines of an ordered series;
- :mod:`.topics` — a named topic report by report, and the names that last or come and go.

The twin of the compare half: its result, :class:`~reportdiff.model.series.SeriesReport`, goes to
``render/trend_*``. Writing the diff of every pair (``trend --diffs``) is the CLI's job.
"""
