"""Template evolution: plan and apply `polepos upgrade` (three-way merges, by hashes)."""
