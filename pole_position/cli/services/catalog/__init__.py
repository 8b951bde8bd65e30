"""What polepos can generate: module templates, integrations, auth and LLM wiring."""
