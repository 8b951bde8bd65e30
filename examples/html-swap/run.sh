#!/usr/bin/env bash
# html-swap: server-rendered Jinja2 pages whose fragments are swapped in place.
# Usage: examples/html-swap/run.sh [WORK_DIR]   (see examples/README.md)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../_lib.sh"

enter_workdir "${1:-}"
polepos start html_swap --install
cd html_swap

polepos add module todos --template crud
# A module for the HTML views: polepos wires it, the example writes its code.
polepos add module board --template api-only
apply_example_files

# The views render Jinja2 templates: jinja2 becomes a runtime dependency
# (check_and_test installs it into .venv with the project's other dependencies).
.venv/bin/python - <<'PY'
import pathlib
import tomllib

path = pathlib.Path("pyproject.toml")
text = path.read_text(encoding="utf-8")
anchor = "\ndependencies = [\n"
assert text.count(anchor) == 1, "expected one dependencies list in pyproject.toml"
text = text.replace(anchor, anchor + '    "jinja2>=3.1",\n')
assert "jinja2>=3.1" in tomllib.loads(text)["project"]["dependencies"]
path.write_text(text, encoding="utf-8")
PY

check_and_test
