"""`polepos adopt`: detection, plan and inverse."""
