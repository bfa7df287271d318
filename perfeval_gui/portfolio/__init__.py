"""The portfolio: many forms at once (a unit's dozens, a district's thousands), no Qt.

- ``scanner.scan(paths)``: a generator of ``Scanned`` steps, one row at a time with the
  progress, over files and folders (recursive; .json forms and workbooks); a file that
  cannot be read is an ``Unreadable`` row with its reason, never left out. Run it on a
  worker thread; stop iterating to cancel. ``scanner.read_entries(path)`` re-reads one file
  (a form saved in the editor, a file changed on disk).
- ``rows``: ``FormRow`` (项目名称 … 自评等级, errors, warnings, file, sheet) and ``COLUMNS``.
- ``totals.totals(entries, unit)``: money summed exactly in 元 or 万元, the overall 执行率,
  average and median 总分, forms per grade and per finding code.
- ``export``: the roll-up as .xlsx and .csv bytes (the PDF summary is ``pdf/summary.py``).
- ``next_year.next_year(form)``: next year's form, with what was carried and cleared.

Every figure is ``figures``'s, every finding ``rules``'s; reading is ``fileio``'s and
``workbook``'s. This package sits above them and below ``pdf``, ``ui`` and ``cli``.

Import the modules themselves (``from perfeval_gui.portfolio.totals import totals``): this
package imports nothing, so ``perfeval import`` reading one workbook through ``sources``
does not load the scanner, the rows and the rules with it.
"""
