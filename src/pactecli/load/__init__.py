"""Loading a pact: files of a folder or of a git revision -> located YAML documents."""
