"""Every wiring change PolePosition makes: apply, exact inverse and checker per kind.

The CLI imports the plain-LibCST modules here; the `CodemodCommand` wrappers for
`python -m libcst.tool codemod` live in modules that only that tool imports.
"""
