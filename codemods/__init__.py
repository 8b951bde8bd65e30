"""Every wiring change PolePosition makes: an apply, an exact inverse and a checker per kind.

The CLI imports the plain-LibCST modules here; the `CodemodCommand` wrappers for
`python -m libcst.tool codemod` live in modules that only that tool imports.
"""
