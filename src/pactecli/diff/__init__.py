"""`pacte diff`'s engine: what changes between two validated versions, in the pact's terms."""
