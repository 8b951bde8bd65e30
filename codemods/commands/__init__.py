"""`CodemodCommand` wrappers for `python -m libcst.tool codemod`.

Only that tool imports these modules: they pull in `libcst.codemod` (~1 s).
Each wrapper is a thin shell over the plain-LibCST operation of its kind.
"""
