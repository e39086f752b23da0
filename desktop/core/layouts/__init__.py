"""Layouts as data: the one language in which editions and self-evaluation forms lay out rows.

    templates/**/<id>.json ──reader (strict JSON)──> grammar.Parser(Language) ──> blocks
    blocks + a scope of figures ──fill.Filler──> rows of cells ──sheet.Sheet──> Grid cells

* `reader` — a layout file read strictly: unknown keys, missing keys and wrong types are
  an `EditionError` naming the file and the JSON path.
* `grammar` — rows, cells and blocks, and the parser that checks each binding against
  what the layout's `Language` can name (a 公开 table: the derived figures, see
  `table_vocabulary`; a 自评表: one project or the unit, see `self_eval_vocabulary`).
* `fill` — blocks read against a scope become rows of (cell, cols, rows).
* `sheet` — those rows placed into cells and merges, and the column widths fitted.
"""
