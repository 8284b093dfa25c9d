"""pacte: the living roadmap of a Pacte local des solidarités, kept as YAML records in git."""

__version__ = "0.1.0"
