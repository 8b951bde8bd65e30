"""ImportRename on single files: every spelling of an import, and the prefilter.

The plan parses only the files whose bytes name the module (`may_change`), so
each case also proves the prefilter cannot skip a file the rename would change.
"""

from __future__ import annotations

import libcst
import pytest

from pole_position.cli.services.plans.rename.imports import ImportRename, may_change
from pole_position.cli.services.plans.rename.names import module_swap
from pole_position.cli.services.plans.rename.renamer import rename_imports

OLD, NEW = "shop.modules.customers", "shop.modules.clients"
SWAP = module_swap("customers", "clients")

# (package holding the file or None, depth inside the module or None, before, after)
CASES: dict[str, tuple[str | None, int | None, str, str]] = {
    "from the modules package": (
        "shop.reports",
        None,
        "from shop.modules import customers\n\nx = customers.service.CustomerRead\n",
        "from shop.modules import clients\n\nx = clients.service.ClientRead\n",
    ),
    "import a submodule as an alias": (
        None,
        None,
        "import shop.modules.customers.x as y\n\nz = y.CustomerRead\n",
        "import shop.modules.clients.x as y\n\nz = y.ClientRead\n",
    ),
    "a dotted use": (
        None,
        None,
        "import shop.modules.customers.schemas\n\n"
        "a = shop.modules.customers.schemas.CustomerCreate\n",
        "import shop.modules.clients.schemas\n\n"
        "a = shop.modules.clients.schemas.ClientCreate\n",
    ),
    "a use above a nested import": (
        None,
        None,
        "def first():\n    return CustomerService()\n\n\n"
        "def later():\n    try:\n        if True:\n"
        "            from shop.modules.customers.services import CustomerService\n"
        "    except ImportError:\n        pass\n",
        "def first():\n    return ClientService()\n\n\n"
        "def later():\n    try:\n        if True:\n"
        "            from shop.modules.clients.services import ClientService\n"
        "    except ImportError:\n        pass\n",
    ),
    "an import in an except handler": (
        None,
        None,
        "try:\n    pass\nexcept ImportError:\n"
        "    from shop.modules.customers import schemas as s\n\nv = s.CustomerRead\n",
        "try:\n    pass\nexcept ImportError:\n"
        "    from shop.modules.clients import schemas as s\n\nv = s.ClientRead\n",
    ),
    "a sibling module's relative import": (
        "shop.modules.orders",
        None,
        "from ..customers import service\n"
        "from ..customers.schemas import CustomerRead\n"
        "from .. import customers\n\n"
        "r: CustomerRead = customers.service.get()\n",
        "from ..clients import service\n"
        "from ..clients.schemas import ClientRead\n"
        "from .. import clients\n\n"
        "r: ClientRead = clients.service.get()\n",
    ),
    "the modules package's own relative import": (
        "shop.modules",
        None,
        "from . import customers\nfrom .customers.router import router as r\n",
        "from . import clients\nfrom .clients.router import router as r\n",
    ),
    "a relative import from higher up": (
        "shop.reports.daily",
        None,
        "from ...modules.customers import service\n",
        "from ...modules.clients import service\n",
    ),
    "a star import follows the module": (
        None,
        None,
        "from shop.modules.customers import *\n",
        "from shop.modules.clients import *\n",
    ),
    "inside the module: its own files": (
        None,
        0,
        "from .schemas import CustomerCreate\nfrom . import service\n",
        "from .schemas import ClientCreate\nfrom . import service\n",
    ),
    "inside the module: through its parent": (
        None,
        1,
        "from ...customers.schemas import CustomerRead\n",
        "from ...clients.schemas import ClientRead\n",
    ),
}

UNCHANGED: dict[str, tuple[str | None, int | None, str]] = {
    "another sibling": ("shop.modules.orders", None, "from ..orders import service\n"),
    "a look-alike module": (
        "shop.modules",
        None,
        "from .customers_extra import x\nimport shop.modules.customers_old\n",
    ),
    "dots beyond the top package": ("shop", None, "from ... import customers\n"),
    "a relative import outside any package": (None, None, "from . import customers\n"),
    "strings and comments": (
        None,
        None,
        'URL = "/customers"  # customers are listed here\n',
    ),
}


def _apply(package: str | None, depth: int | None, text: str) -> str:
    operation = ImportRename("f.py", OLD, NEW, SWAP, depth, package)
    return operation.apply(libcst.parse_module(text)).code


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_spelling_of_an_import_is_rewritten(name: str) -> None:
    package, depth, before, after = CASES[name]
    assert _apply(package, depth, before) == after
    # The prefilter lets the file through, on text and on the parsed document.
    assert may_change(before, OLD, NEW, SWAP, depth)
    operation = ImportRename("f.py", OLD, NEW, SWAP, depth, package)
    assert operation.apply_text(before) is None
    # And back: the inverse restores the file.
    back = operation.invert(libcst.parse_module(after)).code
    assert back == before


@pytest.mark.parametrize("name", sorted(UNCHANGED))
def test_other_imports_strings_and_comments_stay(name: str) -> None:
    package, depth, text = UNCHANGED[name]
    assert _apply(package, depth, text) == text


CANNOT_NAME = [
    "from shop.modules.orders import service\n\nx = service.OrderRead\n",
    "import os\n\nCUSTOMER_LIMIT = 3  # Customer, customer\n",
    "from shop.modules import customersx, xcustomers\n",
    # The module's name in a comment, a string or a plain variable: no import
    # names it, so `ast` decides and LibCST is not needed.
    'URL = "/customers"  # customers are listed here\n',
    "customers = []\nfor customer in customers:\n    print(customer)\n",
]


@pytest.mark.parametrize("text", CANNOT_NAME)
def test_a_file_that_cannot_name_the_module_is_decided_on_its_text(text: str) -> None:
    operation = ImportRename("f.py", OLD, NEW, SWAP, package="shop.modules.orders")
    assert not may_change(text, OLD, NEW, SWAP, None)
    assert operation.apply_text(text) == text
    assert operation.invert_text(text) == text
    assert operation.check_text(text) == []
    # The LibCST face agrees, and answers without running the transform.
    document = libcst.parse_module(text)
    assert operation.apply(document) is document


def test_the_prefilter_passes_every_changed_case_and_nothing_else_changes() -> None:
    # The rename is exact only if no file the transform would change is skipped:
    # across every case above, "changed" implies "let through".
    samples = [(p, d, before) for p, d, before, _ in CASES.values()]
    samples += list(UNCHANGED.values())
    samples += [("shop.modules.orders", None, text) for text in CANNOT_NAME]
    for package, depth, text in samples:
        # The transform itself, past the prefilter.
        document = libcst.parse_module(text)
        changed = rename_imports(document, OLD, NEW, SWAP, depth, package).code
        if changed != text:
            assert may_change(text, OLD, NEW, SWAP, depth), text
