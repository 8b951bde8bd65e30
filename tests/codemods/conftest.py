"""Fixtures of the codemod tests; helpers live in `_support`."""
