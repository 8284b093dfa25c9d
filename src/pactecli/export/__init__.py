"""`pacte export` and `pacte query`: the validated model as tables, files and SQL.

`tables` turns the model into long-form tables once (`columns` declares them); one module per
format writes them (`csv`, `xlsx`, `json`, `sqlite`), `scdl` writes the open-data file of
subsidies, `query` runs read-only SQL over the SQLite tables, and every file goes through
`files`. Nothing here is imported by `pacte validate`: the CLI imports it on use.
"""
