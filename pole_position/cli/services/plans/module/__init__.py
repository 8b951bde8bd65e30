"""Plans for `add module`, `remove module` and the starter module's wiring."""
