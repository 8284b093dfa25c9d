"""Checking a pact: JSON Schemas per file, then the cross-file rules, in one orchestrated pass."""
