# Helpers shared by every examples/*/run.sh (sourced, not run).
#
# Needs `polepos` on PATH, installed as the repository's README says (Quick start).
# Each script creates its project with `polepos start NAME --install`, which makes
# the project's own environment in NAME/.venv (uv when it is on PATH, else
# python -m venv + pip); the project's tests run with .venv/bin/python.

EXAMPLE_DIR=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)

if ! command -v polepos >/dev/null 2>&1; then
    echo "error: polepos is not on PATH: install it from the repository first" \
        "(README.md, Quick start: uv tool install . or pipx install .)" >&2
    exit 2
fi

# Enter the work folder: $1 when given (created if needed), else a fresh temporary one.
enter_workdir() {
    local dir=${1:-}
    if [ -z "$dir" ]; then
        dir=$(mktemp -d "${TMPDIR:-/tmp}/polepos-example.XXXXXX")
    fi
    mkdir -p "$dir"
    cd "$dir"
    echo "==> working in $(pwd)"
}

# Copy the example's own files (EXAMPLE_DIR/files/) over the project in the current folder.
apply_example_files() {
    echo "==> applying the example's files"
    cp -R "$EXAMPLE_DIR/files/." .
}

# Bring .venv up to date with pyproject.toml (the dependencies `add` and the example
# introduced), with the installer `polepos start --install` used.
sync_environment() {
    echo "==> installing the project's dependencies into .venv"
    if command -v uv >/dev/null 2>&1; then
        uv pip install --quiet --python .venv/bin/python -e '.[dev]'
    else
        .venv/bin/python -m pip install --quiet -e '.[dev]'
    fi
}

# `polepos check`, black, isort and ruff, then the project's whole test suite.
check_and_test() {
    echo "==> polepos check"
    polepos check
    sync_environment
    echo "==> lint: black, isort, ruff"
    .venv/bin/python -m black --check --quiet src tests
    .venv/bin/python -m isort --check-only --quiet src tests
    .venv/bin/python -m ruff check --quiet src tests
    echo "==> pytest"
    .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
}
