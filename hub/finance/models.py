"""Models of this app: data and single-row invariants (see docs/architecture.md)."""
