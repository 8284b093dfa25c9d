"""The JSON Schemas of the record format, shipped inside the package as `pactecli.schemas`."""
