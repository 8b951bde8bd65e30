"""Template evolution: plan and apply `polepos upgrade` (hashes, three-way merges)."""
