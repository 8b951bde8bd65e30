"""The table of check-code provocations: how each code is made to appear.

Shared by tests/checks/test_codes.py (reported and repaired) and
tests/checks/test_docs.py (worded as docs/checks.md shows it)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.checks._support import (
    ENV,
    EXPORTS,
    INTEGRATIONS,
    LOCK,
    MANIFEST,
    MODELS,
    PKG,
    PYPROJECT,
    ROUTER,
    SETTINGS,
)

Provoke = Callable[[Path], None]

ORDERS_IMPORT = "from shop_api.modules.orders.router import router as orders_router\n"
PAYMENTS_IMPORT = (
    "from shop_api.modules.payments.router import router as payments_router\n"
)
ORDERS_INCLUDE = (
    'api_router.include_router(orders_router, prefix="/orders", tags=["orders"])\n'
)
ORDERS_MODEL = "    from shop_api.modules.orders import model as orders_model\n"
HTTPX = '    "httpx>=0.27",\n]'
ORDERS_FIELDS = '\n[fields]\norders = "email:str"\n'
ORDERS_MODEL_FILE = f"{PKG}/modules/orders/model.py"
FIELDS_MARKER = "    # polepos:fields\n"
HAND_EMAIL = "    email: Mapped[str] = mapped_column(String(99))\n"
JOURNAL = ".poleposition.journal"
CONFLICT_MARK = (
    '\n[upgrade.conflicts]\n\n[upgrade.conflicts.files]\n"README.md" = "project"\n'
)

# Registered codes no provocation can make `polepos check` emit today, each with
# the reason; every other code is provoked by a row of CASES.
NOT_YET_EMITTED: dict[str, str] = {
    "PP034": "only a read the operating system refuses emits it, and the suite runs "
    "as root, whose reads are never refused; tests/safety/test_no_tracebacks.py::"
    "test_check_reports_an_unreadable_file injects the refusal instead",
}


# --- provocations ---


def replace(path: str, old: str, new: str, count: int = 1) -> Provoke:
    """Replace `old` (which must be there) by `new` in the file."""

    def provoke(root: Path) -> None:
        target = root / path
        text = target.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        target.write_text(text.replace(old, new, count), encoding="utf-8")

    return provoke


def sub(path: str, pattern: str, new: str = "") -> Provoke:
    """Replace the first match of a (DOTALL, MULTILINE) regex, which must match."""

    def provoke(root: Path) -> None:
        target = root / path
        text = target.read_text(encoding="utf-8")
        changed, count = re.subn(pattern, new, text, count=1, flags=re.S | re.M)
        assert count == 1, f"{pattern!r} not in {path}"
        target.write_text(changed, encoding="utf-8")

    return provoke


def append(path: str, text: str) -> Provoke:
    """Add `text` at the end of the file."""

    def provoke(root: Path) -> None:
        target = root / path
        target.write_text(target.read_text(encoding="utf-8") + text, encoding="utf-8")

    return provoke


def delete(path: str) -> Provoke:
    """Delete a file or a folder."""

    def provoke(root: Path) -> None:
        target = root / path
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()

    return provoke


def write(path: str, text: str) -> Provoke:
    """Create (or overwrite) a file."""

    def provoke(root: Path) -> None:
        (root / path).write_text(text, encoding="utf-8")

    return provoke


def not_utf8(path: str) -> Provoke:
    """Put a byte that is not UTF-8 into a comment at the top of the file."""

    def provoke(root: Path) -> None:
        target = root / path
        target.write_bytes(b"# caf\xe9\n" + target.read_bytes())

    return provoke


def link_in_place(path: str) -> Provoke:
    """Move a file aside and leave a symbolic link to it in its place."""

    def provoke(root: Path) -> None:
        target = root / path
        target.rename(target.with_name(target.name + ".real"))
        target.symlink_to(target.name + ".real")

    return provoke


def rename(path: str, new: str) -> Provoke:
    """Rename a file or folder."""

    def provoke(root: Path) -> None:
        (root / path).rename(root / new)

    return provoke


def user_env_without(key: str) -> Provoke:
    """Write the user's `.env` as a copy of `.env.example` lacking `key`."""

    def provoke(root: Path) -> None:
        lines = (root / ENV).read_text().splitlines(keepends=True)
        kept = [line for line in lines if not line.startswith(f"{key}=")]
        (root / ".env").write_text("".join(kept))

    return provoke


def both(*provokes: Provoke) -> Provoke:
    """Run provocations in order."""

    def provoke(root: Path) -> None:
        for each in provokes:
            each(root)

    return provoke


def mkdir(path: str) -> Provoke:
    """Create an (empty) folder."""

    def provoke(root: Path) -> None:
        (root / path).mkdir(parents=True)

    return provoke


def service_import(module: str, other: str, cls: str) -> Provoke:
    """Make `module`'s service import `other`'s service class."""
    path = f"{PKG}/modules/{module}/services/{module}_service.py"
    line = f"from shop_api.modules.{other}.services import {cls}\n"
    anchor = "from sqlalchemy.orm import Session\n"
    return replace(path, anchor, anchor + line)


# --- the table ---


@dataclass(frozen=True)
class Case:
    """One provocation of one code and what the finding must look like."""

    code: str
    provoke: Provoke
    path: str | None
    # int: exactly this line; str: the provoked file's reported line contains it;
    # None: the finding has no line.
    line: int | str | None = None
    modules: tuple[str, ...] = ()  # "name:template", added before provoking
    integrations: tuple[str, ...] = ()  # added before provoking
    db: str = "sqlite"
    fixable: bool | None = None  # None: the registry's fixability
    restores: tuple[str, ...] = ()  # files `--fix` gives back byte for byte
    fixed_line: str | None = None  # after --fix, the reported line holds this
    match: str = ""  # picks one finding when several share code and path
    name: str = ""

    @property
    def id(self) -> str:
        return f"{self.code}-{self.name}" if self.name else self.code


CRUD = ("orders:crud",)
LLM = ("bot:ai-prompt",)
LLM_ENV_BLOCK = (
    r"^# LLM provider \(ai-prompt modules\).*?\n(?:#? ?LLM_[A-Z_]+=.*?\n)+(?=# polepos)"
)
LLM_SETTINGS_BLOCK = r"^    # LLM provider.*?\n(?:    llm_\w+: .*?\n)+"

CASES: list[Case] = [
    # core: identity and manifest
    Case("PP000", both(delete(MANIFEST), delete(PYPROJECT)), None),
    Case("PP001", delete(PYPROJECT), PYPROJECT),
    Case("PP002", replace(PYPROJECT, "[project]\n", "[project\n"), PYPROJECT),
    Case("PP003", delete(PKG), PKG),
    # core: conflicts an upgrade left (see tests/upgrade/ for the real upgrades)
    Case(
        "PP040",
        both(
            sub(LOCK, r"\Z", CONFLICT_MARK),
            replace(
                "README.md",
                "\n",
                "\n<<<<<<< project\nmine\n=======\ntheirs\n>>>>>>> polepos 0.2.0\n",
            ),
        ),
        "README.md",
        line=2,
    ),
    Case("PP041", sub(LOCK, r"\Z", CONFLICT_MARK), LOCK, restores=(LOCK,)),
    Case(
        "PP004",
        both(delete(MANIFEST), rename(PKG, "src/shop-api")),
        MANIFEST,
    ),
    Case("PP005", delete(MANIFEST), MANIFEST),
    Case("PP009", not_utf8(MANIFEST), MANIFEST),
    Case("PP010", replace(MANIFEST, "[modules]", "[modules"), MANIFEST, "[modules"),
    Case(
        "PP011",
        replace(MANIFEST, 'db = "sqlite"', 'db = "mongo"'),
        MANIFEST,
        'db = "mongo"',
    ),
    Case(
        "PP012",
        replace(MANIFEST, "[modules]\n", '[modules]\nreports = "wizard"\n'),
        MANIFEST,
        'reports = "wizard"',
    ),
    Case(
        "PP013",
        replace(MANIFEST, "[integrations]\n", '[integrations]\nredis = "yes"\n'),
        MANIFEST,
        'redis = "yes"',
    ),
    Case(
        "PP014",
        replace(MANIFEST, 'package = "shop_api"', 'package = "shop"'),
        MANIFEST,
    ),
    Case("PP015", replace(MANIFEST, "[integrations]\n", ""), MANIFEST),
    Case(
        "PP017",
        append(MANIFEST, '\n[layout]\nrouter_file = "../outside/router.py"\n'),
        MANIFEST,
        "[layout]",
    ),
    Case(
        "PP016",
        replace(MANIFEST, "redis = true\n", ""),
        MANIFEST,
        integrations=("redis",),
        restores=(MANIFEST,),
    ),
    # core: containment and recorded state
    Case(
        "PP030",
        replace(
            LOCK,
            "[modules.status.files]\n",
            '[modules.status.files]\n"../victim.txt" = "sha256:0"\n',
        ),
        LOCK,
    ),
    Case("PP031", write(LOCK, "modules = 5\n"), LOCK),
    Case(
        "PP032",
        replace(MANIFEST, "[modules]\n", '[modules]\n"../../x" = "crud"\n'),
        MANIFEST,
        '"../../x"',
    ),
    Case("PP033", link_in_place(ROUTER), ROUTER),
    # core: markers, structure, files
    Case(
        "PP101",
        replace(ROUTER, "\n# polepos:router-imports\n", ""),
        ROUTER,
        7,
        modules=CRUD,
        restores=(ROUTER,),
        fixed_line="# polepos:router-imports",
    ),
    Case(
        "PP102",
        replace(
            ROUTER,
            "# polepos:router-includes\n",
            "# polepos:router-includes\n# polepos:router-includes\n",
        ),
        ROUTER,
        13,
        modules=CRUD,
    ),
    Case("PP110", delete(f"{PKG}/main.py"), f"{PKG}/main.py"),
    Case("PP111", delete("alembic.ini"), "alembic.ini"),
    Case(
        "PP112",
        write("alembic.ini", "[alembic]\nscript_location = migrations\n"),
        "alembic.ini",
        db="none",
    ),
    Case(
        "PP120",
        replace(
            f"{PKG}/modules/orders/services/orders_service.py",
            "class OrderService:",
            "class OrderService(:",
        ),
        f"{PKG}/modules/orders/services/orders_service.py",
        "class OrderService(:",
        modules=CRUD,
    ),
    Case("PP121", not_utf8(ROUTER), ROUTER, modules=CRUD),
    # crash safety: a journal left by a command killed while writing it
    Case("PP020", mkdir(JOURNAL), JOURNAL),
    Case(
        "PP021",
        both(mkdir(JOURNAL), write(f"{JOURNAL}/plan.json", '{"format": 1, "fi')),
        f"{JOURNAL}/plan.json",
    ),
    Case(
        "PP022",
        sub(f"{PKG}/api/deps.py", r"\A", "import sqlalchemy\n"),
        f"{PKG}/api/deps.py",
        1,
        db="none",
    ),
    Case(
        "PP260",
        delete(f"{PKG}/modules/orders/schemas.py"),
        f"{PKG}/modules/orders/router.py",
        "schemas import",
        modules=CRUD,
    ),
    Case(
        "PP122",
        replace(EXPORTS, '    "status",\n', ""),
        EXPORTS,
        "# polepos:module-exports",
        modules=CRUD,
        restores=(EXPORTS,),
    ),
    # lifecycle: wiring
    Case(
        "PP201",
        replace(ROUTER, ORDERS_IMPORT + "\n", ""),  # with the blank line it brought
        ROUTER,
        "# polepos:router-imports",
        modules=CRUD,
        restores=(ROUTER,),
    ),
    Case(
        "PP202",
        replace(ROUTER, ORDERS_INCLUDE, ""),
        ROUTER,
        "# polepos:router-includes",
        modules=CRUD,
        restores=(ROUTER,),
    ),
    Case(
        "PP203",
        replace(MODELS, ORDERS_MODEL + "\n", ""),  # with the blank line it brought
        MODELS,
        "# polepos:model-imports",
        modules=CRUD,
        restores=(MODELS,),
    ),
    Case(
        "PP204",
        replace(EXPORTS, '    "orders",\n', ""),
        EXPORTS,
        "# polepos:module-exports",
        modules=CRUD,
        restores=(EXPORTS,),
    ),
    Case(
        "PP204",
        replace(INTEGRATIONS, '    "llm",\n', ""),
        INTEGRATIONS,
        "# polepos:integration-exports",
        modules=LLM,
        restores=(INTEGRATIONS,),
        name="llm-export",
    ),
    Case(
        "PP205",
        sub(SETTINGS, LLM_SETTINGS_BLOCK),
        SETTINGS,
        "# polepos:llm-settings",
        modules=LLM,
        restores=(SETTINGS,),
        name="whole-block",
    ),
    Case(
        "PP205",
        replace(SETTINGS, '    llm_model: str = ""\n', ""),
        SETTINGS,
        modules=LLM,
        fixable=False,
        name="one-field",
    ),
    Case(
        "PP273",
        # The generated settings import Literal themselves: the project's import.
        replace(
            SETTINGS,
            "from typing import Annotated, Any, Literal\n",
            "from typing import Annotated, Any\n",
        ),
        SETTINGS,
        "kafka_auto_offset_reset",
        integrations=("kafka",),
        fixable=False,
    ),
    Case(
        "PP206",
        replace(ROUTER, ORDERS_IMPORT, ORDERS_IMPORT * 2),
        ROUTER,
        "from shop_api.modules.orders.router",
        modules=CRUD,
        restores=(ROUTER,),
    ),
    Case(
        "PP207",
        replace(ROUTER, "as orders_router\n", "as orders_api\n"),
        ROUTER,
        "as orders_api",
        modules=CRUD,
    ),
    Case(
        "PP208",
        replace(
            ROUTER, ORDERS_IMPORT + PAYMENTS_IMPORT, PAYMENTS_IMPORT + ORDERS_IMPORT
        ),
        ROUTER,
        PAYMENTS_IMPORT.strip(),
        modules=(*CRUD, "payments:api-only"),
        restores=(ROUTER,),
    ),
    Case(
        "PP209",
        both(
            delete(f"{PKG}/modules/orders"), replace(MANIFEST, 'orders = "crud"\n', "")
        ),
        ROUTER,
        modules=CRUD,
    ),
    # lifecycle: files, tests, manifest, lock
    Case(
        "PP210",
        delete(f"{PKG}/modules/orders"),
        f"{PKG}/modules/orders",
        modules=CRUD,
    ),
    Case(
        "PP210",
        delete(f"{PKG}/modules/orders/model.py"),
        f"{PKG}/modules/orders/model.py",
        modules=CRUD,
        name="one-file",
    ),
    Case(
        "PP211",
        delete("tests/unit/test_orders_service.py"),
        "tests/unit/test_orders_service.py",
        modules=CRUD,
    ),
    Case(
        "PP212",
        both(
            delete(f"{PKG}/modules/orders"), replace(MANIFEST, 'orders = "crud"\n', "")
        ),
        "tests/unit/test_orders_service.py",
        modules=CRUD,
    ),
    Case(
        "PP213",
        both(
            service_import("orders", "billing", "BillingService"),
            service_import("billing", "orders", "OrderService"),
        ),
        f"{PKG}/modules/billing",
        modules=("orders:crud", "billing:standard"),
    ),
    Case("PP214", replace(MANIFEST, 'orders = "crud"\n', ""), ROUTER, modules=CRUD),
    # lifecycle: ownership by provenance
    Case(
        "PP270",
        replace(
            ROUTER,
            "api_router = APIRouter()\n",
            "api_router = APIRouter()\norders_router = APIRouter()\n",
        ),
        ROUTER,
        "orders_router = APIRouter()",
        modules=CRUD,
    ),
    Case(
        "PP271",
        replace(ROUTER, "api_router = APIRouter()\n", "router = APIRouter()\n"),
        ROUTER,
        "# polepos:router-includes",
        modules=CRUD,
        match="module `orders`",
    ),
    Case(
        "PP272",
        both(
            replace(ROUTER, ORDERS_IMPORT, ""),
            replace(
                ROUTER,
                "\n# polepos:router-imports",
                '\nTAGS = ["v1"]\n\n# polepos:router-imports',
            ),
        ),
        ROUTER,
        "# polepos:router-imports",
        modules=CRUD,
    ),
    Case(
        "PP250",
        sub(LOCK, r"^\[modules\.orders\].*?(?=^\[modules\.status\])"),
        LOCK,
        modules=CRUD,
    ),
    # lifecycle: fields recorded by `polepos add field` (tests/fields has more)
    Case(
        "PP280",
        append(MANIFEST, ORDERS_FIELDS),
        ORDERS_MODEL_FILE,
        match="field `email` of `Order`",
        modules=CRUD,
    ),
    Case(
        "PP281",
        both(
            append(MANIFEST, ORDERS_FIELDS),
            replace(ORDERS_MODEL_FILE, FIELDS_MARKER, HAND_EMAIL + FIELDS_MARKER),
        ),
        ORDERS_MODEL_FILE,
        "String(99)",
        modules=CRUD,
    ),
    Case(
        "PP282",
        both(
            append(MANIFEST, ORDERS_FIELDS),
            replace(ORDERS_MODEL_FILE, FIELDS_MARKER, ""),
        ),
        ORDERS_MODEL_FILE,
        modules=CRUD,
    ),
    Case(
        "PP283",
        append(MANIFEST, '\n[fields]\nnobody = "email:str"\n'),
        MANIFEST,
        'nobody = "email:str"',
        modules=CRUD,
        restores=(MANIFEST,),
    ),
    Case(
        "PP284",
        append(MANIFEST, '\n[fields]\norders = "email"\n'),
        MANIFEST,
        'orders = "email"',
        modules=CRUD,
    ),
    # integrations: the shared LLM scaffold of ai-prompt modules
    Case(
        "PP301",
        delete(f"{PKG}/integrations/llm/factory.py"),
        f"{PKG}/integrations/llm/factory.py",
        modules=LLM,
    ),
    Case(
        "PP310",
        sub(ENV, LLM_ENV_BLOCK),
        ENV,
        "# polepos:llm-env",
        modules=LLM,
        match="LLM_PROVIDER",
        restores=(ENV,),
    ),
    Case(
        "PP311",
        replace(ENV, "LLM_MODEL=\n", "# LLM_MODEL=\n"),
        ENV,
        "# LLM_MODEL=",
        modules=LLM,
    ),
    Case(
        "PP312",
        replace(ENV, "LLM_MODEL=\n", "LLM_MODEL=\nLLM_MODEL=gpt-4o-mini\n"),
        ENV,
        "LLM_MODEL=gpt-4o-mini",
        modules=LLM,
    ),
    Case(
        "PP320",
        replace(PYPROJECT, HTTPX, "]"),
        PYPROJECT,
        "dependencies = [",
        modules=LLM,
        restores=(PYPROJECT,),
    ),
    Case(
        "PP321",
        replace(PYPROJECT, HTTPX, '    "httpx<0.20",\n]'),
        PYPROJECT,
        '"httpx<0.20"',
        modules=LLM,
    ),
    Case(
        "PP322",
        replace(PYPROJECT, HTTPX, '    "httpx>=0.20",\n]'),
        PYPROJECT,
        '"httpx>=0.20"',
        modules=LLM,
    ),
    Case(
        "PP323",
        replace(PYPROJECT, HTTPX, '    "httpx>=0.27",\n' + HTTPX),
        PYPROJECT,
        '"httpx>=0.27"',
        modules=LLM,
    ),
    Case(
        "PP324",
        sub(PYPROJECT, r"^dependencies = \[.*?\]\n"),
        PYPROJECT,
        modules=LLM,
    ),
    Case("PP330", user_env_without("DATABASE_URL"), ".env", match="DATABASE_URL"),
]
