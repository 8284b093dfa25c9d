"""`pacte report`'s data: selection, figures (computed once), the French context of templates."""
