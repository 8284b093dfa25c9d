"""Rendering: problems, changes and the roadmap, each family with its registry of formats.

`escape` holds the one escaping function per output kind, `filters` the French formatting of
amounts, numbers and dates, `output` the atomic writing of what pacte produces.
"""
