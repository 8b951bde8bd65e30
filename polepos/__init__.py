"""Runtime helpers that generated applications may import."""
