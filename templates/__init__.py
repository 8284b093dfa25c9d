"""Default Jinja templates of `pacte report`, shipped inside the package as `pactecli.templates`."""
