"""`docs/checks.md`, rendered from the code registry (`codemods.codes.CODES`).

Regenerate after adding or changing a code:

    python -m pole_position.cli.services.check.docs > docs/checks.md

`tests/checks/test_docs.py` fails while the file and the registry disagree.
"""

from __future__ import annotations

from codemods import Finding
from codemods.codes import CODES, Code
from pole_position.cli.services.check.report import CheckReport

REGENERATE = "python -m pole_position.cli.services.check.docs > docs/checks.md"

LAYERS: dict[str, str] = {
    "core": "Core: identity, structure, markers (PP0xx, PP1xx)",
    "lifecycle": "Lifecycle: modules, orphans, order, cycles (PP2xx)",
    "integrations": "Integrations and auth: files, settings, env, dependencies (PP3xx)",
}

# A realistic message per code, as the checker words it for a project
# `shop-api` (package `shop_api`) with a `crud` module `orders` and an
# `ai-prompt` module `bot`.
EXAMPLES: dict[str, str] = {
    "PP000": "no PolePosition project found at /home/me/code or above",
    "PP001": "pyproject.toml is missing",
    "PP002": "pyproject.toml is not valid TOML",
    "PP003": "src/shop_api/ does not exist",
    "PP004": "package 'shop-api' is not a Python identifier",
    "PP005": "the project has no .poleposition.toml; its shape was inferred",
    "PP009": ".poleposition.toml cannot be read as UTF-8",
    "PP010": ".poleposition.toml is not valid TOML: Unexpected character: '\\n' at "
    "line 6 col 8",
    "PP011": ".poleposition.toml: unknown db mode 'mongo'",
    "PP020": "'polepos add module orders' was interrupted while changing 14 files; "
    "the project may be half-written",
    "PP021": ".poleposition.journal/plan.json is damaged, so the interrupted change "
    "it records cannot be rolled back automatically.",
    "PP022": "imports sqlalchemy in a project created with --db none",
    "PP260": "imports shop_api.modules.orders.schemas, which does not exist",
    "PP040": "src/shop_api/app.py still has the conflict markers of an upgrade to "
    "0.2.0",
    "PP041": "src/shop_api/app.py is resolved but still marked as conflicted",
    "PP012": ".poleposition.toml: module 'reports' has an unknown template: unknown "
    "template 'wizard'; expected one of starter, standard, crud, ai-prompt, "
    "api-only, service-only",
    "PP013": ".poleposition.toml: integration 'redis' must be true or false, not "
    "'yes'",
    "PP014": "the manifest names package 'shop' but src/ holds 'shop_api'",
    "PP015": ".poleposition.toml lacks an [integrations] table",
    "PP017": ".poleposition.toml: [layout] router_file = '../outside/router.py' is "
    "not a plain relative path (it has '..', '.' or an empty part)",
    "PP016": "integration redis is in the project but not recorded in "
    ".poleposition.toml",
    "PP030": ".poleposition.lock: [modules.orders] records the path "
    "'../victim/important.txt', which is not a plain relative path (it has '..', "
    "'.' or an empty part)",
    "PP031": ".poleposition.lock: [modules.orders] files must be a table of paths, "
    "not 3",
    "PP032": ".poleposition.toml: module '../../x' is not a valid module name: it "
    "is not a Python identifier",
    "PP033": "src/shop_api/api/router.py is a symbolic link; add and remove refuse "
    "to edit it",
    "PP034": "src/shop_api/settings.py cannot be read (Permission denied)",
    "PP101": "src/shop_api/api/router.py: marker `# polepos:router-imports` not found",
    "PP102": "src/shop_api/api/router.py: marker `# polepos:router-includes` appears "
    "2 times (lines 12, 13)",
    "PP110": "src/shop_api/main.py is missing",
    "PP111": "alembic.ini is missing",
    "PP112": "alembic.ini exists in a project created with --db none",
    "PP120": "src/shop_api/modules/orders/services/orders_service.py cannot be "
    "parsed: invalid syntax",
    "PP121": "src/shop_api/api/router.py is not valid UTF-8",
    "PP122": "starter module 'status': export `status` missing",
    "PP201": "module `orders`: router import missing",
    "PP202": "module `orders`: router include missing",
    "PP203": "module `orders`: model import missing",
    "PP204": "export `orders` missing",
    "PP205": "settings `llm_provider`, `llm_model`, `llm_api_key`, `llm_base_url`, "
    "`llm_timeout_seconds`, `llm_max_tokens` missing",
    "PP206": "module `orders`: router wired more than once (lines 5, 6, 12)",
    "PP207": "module `orders`: router wired outside the managed blocks",
    "PP208": "the block above `# polepos:router-imports` is not sorted",
    "PP209": "src/shop_api/api/router.py wires module 'orders', whose folder "
    "src/shop_api/modules/orders/ is gone",
    "PP210": "module 'orders' is recorded but src/shop_api/modules/orders/ is gone",
    "PP211": "generated test tests/unit/test_orders_service.py of module 'orders' "
    "is missing",
    "PP212": "tests/unit/test_orders_service.py tests module 'orders', which no "
    "longer exists",
    "PP213": "modules import each other in a cycle: billing → orders → billing",
    "PP214": "module 'orders' is wired in src/shop_api/api/router.py but not in the "
    "manifest",
    "PP250": "module 'orders' has no content hashes in .poleposition.lock",
    "PP280": "src/shop_api/modules/orders/model.py: field `email` of `Order` is "
    "recorded but missing",
    "PP281": "src/shop_api/modules/orders/model.py: field `email` of `Order` differs "
    "from its recorded shape (unmanaged)",
    "PP282": "src/shop_api/modules/orders/model.py: `Order` lacks the "
    "`# polepos:fields` marker",
    "PP283": ".poleposition.toml: [fields] records fields of module 'nobody' (unknown)",
    "PP284": ".poleposition.toml: [fields] orders is not valid: 'email' is not a field "
    "spec; write name:type[:modifier...], e.g. email:str:unique",
    "PP270": "`orders_router`, which module `orders` needs, is already bound by "
    "code PolePosition did not write",
    "PP271": "module `orders`: the includes above `# polepos:router-includes` call "
    "`api_router`, which this file does not define (NameError on import)",
    "PP272": "`# polepos:router-imports` follows code (line 5), so the import of "
    "module `orders` would not be at the top of the file (E402); move that code "
    "below the marker, or the marker up into the imports",
    "PP273": "src/shop_api/settings.py: settings fields `kafka_auto_offset_reset`, "
    "`kafka_acks` use `Literal`, which the file does not import (NameError when "
    "the settings load)",
    "PP301": "LLM scaffold: src/shop_api/integrations/llm/factory.py is missing",
    "PP310": "LLM_MODEL is missing from .env.example",
    "PP311": "LLM_MODEL is only commented out in .env.example",
    "PP312": "LLM_MODEL is set 2 times in .env.example",
    "PP320": "'httpx>=0.27' is missing from [project].dependencies",
    "PP321": "pyproject.toml: 'httpx<0.20' conflicts with 'httpx>=0.27': no version "
    "satisfies both",
    "PP322": "pyproject.toml: 'httpx>=0.20' does not guarantee 'httpx>=0.27'; "
    "tighten it by hand",
    "PP323": "'httpx>=0.27' is listed more than once",
    "PP324": "pyproject.toml: [project] has no dependencies array; add "
    "`dependencies = []` (a dynamic dependency list cannot be edited)",
    "PP330": "REDIS_URL is in .env.example but missing from .env",
}

# Where each example finding points (path, line); codes not listed have none.
EXAMPLE_LOCATIONS: dict[str, tuple[str, int | None]] = {
    "PP001": ("pyproject.toml", None),
    "PP002": ("pyproject.toml", None),
    "PP003": ("src/shop_api", None),
    "PP004": (".poleposition.toml", None),
    "PP005": (".poleposition.toml", None),
    "PP009": (".poleposition.toml", None),
    "PP010": (".poleposition.toml", 6),
    "PP011": (".poleposition.toml", 4),
    "PP012": (".poleposition.toml", 8),
    "PP013": (".poleposition.toml", 10),
    "PP014": (".poleposition.toml", None),
    "PP015": (".poleposition.toml", None),
    "PP016": (".poleposition.toml", None),
    "PP017": (".poleposition.toml", 12),
    "PP030": (".poleposition.lock", None),
    "PP031": (".poleposition.lock", None),
    "PP032": (".poleposition.toml", 9),
    "PP033": ("src/shop_api/api/router.py", None),
    "PP034": ("src/shop_api/settings.py", None),
    "PP101": ("src/shop_api/api/router.py", 7),
    "PP102": ("src/shop_api/api/router.py", 13),
    "PP110": ("src/shop_api/main.py", None),
    "PP111": ("alembic.ini", None),
    "PP112": ("alembic.ini", None),
    "PP120": ("src/shop_api/modules/orders/services/orders_service.py", 21),
    "PP121": ("src/shop_api/api/router.py", None),
    "PP122": ("src/shop_api/modules/__init__.py", 4),
    "PP201": ("src/shop_api/api/router.py", 7),
    "PP202": ("src/shop_api/api/router.py", 13),
    "PP203": ("src/shop_api/db/models.py", 7),
    "PP040": ("src/shop_api/app.py", 12),
    "PP020": (".poleposition.journal", None),
    "PP021": (".poleposition.journal/plan.json", None),
    "PP022": ("src/shop_api/api/deps.py", 3),
    "PP260": ("src/shop_api/modules/orders/router.py", 8),
    "PP041": (".poleposition.lock", None),
    "PP204": ("src/shop_api/modules/__init__.py", 5),
    "PP205": ("src/shop_api/settings.py", 42),
    "PP206": ("src/shop_api/api/router.py", 5),
    "PP207": ("src/shop_api/api/router.py", 5),
    "PP208": ("src/shop_api/api/router.py", 5),
    "PP209": ("src/shop_api/api/router.py", None),
    "PP210": ("src/shop_api/modules/orders", None),
    "PP211": ("tests/unit/test_orders_service.py", None),
    "PP212": ("tests/unit/test_orders_service.py", None),
    "PP213": ("src/shop_api/modules/billing", None),
    "PP214": ("src/shop_api/api/router.py", None),
    "PP250": (".poleposition.lock", None),
    "PP280": ("src/shop_api/modules/orders/model.py", None),
    "PP281": ("src/shop_api/modules/orders/model.py", 19),
    "PP282": ("src/shop_api/modules/orders/model.py", None),
    "PP283": (".poleposition.toml", 12),
    "PP284": (".poleposition.toml", 12),
    "PP270": ("src/shop_api/api/router.py", 10),
    "PP271": ("src/shop_api/api/router.py", 13),
    "PP272": ("src/shop_api/api/router.py", 7),
    "PP273": ("src/shop_api/settings.py", 71),
    "PP301": ("src/shop_api/integrations/llm/factory.py", None),
    "PP310": (".env.example", 30),
    "PP311": (".env.example", 26),
    "PP312": (".env.example", 27),
    "PP320": ("pyproject.toml", 11),
    "PP321": ("pyproject.toml", 18),
    "PP322": ("pyproject.toml", 18),
    "PP323": ("pyproject.toml", 18),
    "PP324": ("pyproject.toml", None),
    "PP330": (".env", None),
}

NOT_FIXABLE = (
    "`--fix` does not repair this: it needs a decision only you can make. Follow "
    "the finding's hint, then run `polepos check` again."
)


def example_line(code: Code) -> str:
    """The code's example finding, exactly as `polepos check` prints it."""
    path, line = EXAMPLE_LOCATIONS.get(code.code, (None, None))
    finding = Finding(
        code=code.code,
        severity=code.severity,
        message=EXAMPLES.get(code.code) or code.title,
        hint="",
        path=path,
        line=line,
        fixable=code.fixable,
    )
    report = CheckReport(project_root=None, package=None, issues=[finding])
    return report.as_text().splitlines()[0]


def _section(code: Code) -> list[str]:
    if not code.fixable:
        repair = NOT_FIXABLE
    else:
        repair = code.fix or "`polepos check --fix` repairs it."
    return [
        f"### {code.code}: {code.title}",
        "",
        f"- Severity: {code.severity}"
        + (" (fails the check)" if code.severity == "error" else ""),
        f"- Fixable: {'yes' if code.fixable else 'no'}",
        f"- Triggered by: {code.description}",
        f"- Repair: {repair}",
        "",
        "```text",
        example_line(code),
        "```",
        "",
    ]


def render_checks_doc() -> str:
    """The whole of `docs/checks.md`."""
    ordered = sorted(CODES.values(), key=lambda c: c.code)
    lines = [
        "# `polepos check` codes",
        "",
        f"<!-- Generated from codemods/codes.py by `{REGENERATE}`; "
        "do not edit by hand. -->",
        "",
        "Every finding of `polepos check` has a stable code (`PP` and three digits, "
        "grouped by layer),",
        "a severity, a location (`file:line` where one exists), a message, a hint, "
        "and whether",
        "`polepos check --fix` can repair it. An error fails the check (exit code 1); "
        "warnings do not.",
        "Fixable findings are marked `(fixable)` in the text output and "
        '`"fixable": true` in `--json`.',
        "",
        "| code | title | layer | severity | fixable |",
        "|---|---|---|---|---|",
    ]
    lines.extend(
        f"| [{code.code}](#{_anchor(code)}) | {code.title} | {code.layer} | "
        f"{code.severity} | {'yes' if code.fixable else 'no'} |"
        for code in ordered
    )
    lines.append("")
    for layer, heading in LAYERS.items():
        members = [code for code in ordered if code.layer == layer]
        if not members:
            continue
        lines.extend([f"## {heading}", ""])
        for code in members:
            lines.extend(_section(code))
    return "\n".join(lines).rstrip("\n") + "\n"


def _anchor(code: Code) -> str:
    """The GitHub anchor of the code's heading."""
    text = f"{code.code}: {code.title}".lower()
    kept = "".join(ch for ch in text if ch.isalnum() or ch in " -_")
    return kept.replace(" ", "-")


if __name__ == "__main__":
    import sys

    sys.stdout.write(render_checks_doc())
