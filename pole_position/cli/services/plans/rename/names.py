"""Token-wise substitution of a module's name forms (plural, singular, class name)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class NameSwap:
    """Maps every name form of one module to the same form of another."""

    forms: tuple[tuple[str, str], ...]  # (old form, new form), longest first

    def _pattern(self) -> re.Pattern[str]:
        alternatives = "|".join(re.escape(old) for old, _ in self.forms)
        # A form is a token: not inside a longer word (`customers` in
        # `customers_router` is one, `customer` in `customers` is not).
        return re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})(?![a-z0-9])")

    def __call__(self, text: str) -> str:
        """`text` with every old form replaced by its new form."""
        table = dict(self.forms)
        return self._pattern().sub(lambda match: table[match.group(0)], text)

    def found(self, text: str) -> bool:
        """True when `text` holds an old form as a token."""
        # A substring search first: the token pattern's look-behind makes the
        # regular expression walk every position of a file that lacks the form
        # (a 200-module router file, checked after its line is unwired).
        if not any(old in text for old, _ in self.forms):
            return False
        return self._pattern().search(text) is not None

    def reversed(self) -> NameSwap:
        """The swap back."""
        return name_swap_of(tuple((new, old) for old, new in self.forms))


def name_swap_of(pairs: tuple[tuple[str, str], ...]) -> NameSwap:
    """A swap of distinct forms, longest old form first so alternation prefers it."""
    unique = dict(pairs)
    ordered = sorted(unique.items(), key=lambda pair: -len(pair[0]))
    return NameSwap(tuple((old, new) for old, new in ordered if old != new))


def module_swap(old: str, new: str) -> NameSwap:
    """The swap from module `old`'s name forms to module `new`'s."""
    from pole_position.cli.services.naming.inflection import module_names

    before, after = module_names(old), module_names(new)
    return name_swap_of(
        (
            (before.module, after.module),
            (before.singular, after.singular),
            (before.model_class, after.model_class),
        )
    )
