# Helpers shared by every examples/*/run.sh (sourced, not run).
#
#   POLEPOS  the polepos command (default: polepos), e.g. "python -m pole_position"
#   PYTHON   the interpreter that runs the project's tests (default: python); it
#            needs the project's runtime and dev dependencies installed
#
# The project itself is not installed: its tests run with PYTHONPATH=src.

POLEPOS=${POLEPOS:-polepos}
PYTHON=${PYTHON:-python}
EXAMPLE_DIR=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)

# Run polepos; POLEPOS is split into words on purpose ("python -m pole_position").
polepos() {
    # shellcheck disable=SC2086
    $POLEPOS "$@"
}

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

# black, isort and ruff over the project, when PYTHON has them (the dev extra does).
lint_project() {
    if "$PYTHON" -m ruff --version >/dev/null 2>&1; then
        echo "==> lint: black, isort, ruff"
        "$PYTHON" -m black --check --quiet src tests
        "$PYTHON" -m isort --check-only --quiet src tests
        "$PYTHON" -m ruff check --quiet src tests
    else
        echo "==> lint skipped: $PYTHON has no ruff"
    fi
}

# `polepos check`, then the project's whole test suite.
check_and_test() {
    echo "==> polepos check"
    polepos check
    lint_project
    echo "==> pytest"
    PYTHONPATH="src${PYTHONPATH:+:$PYTHONPATH}" "$PYTHON" -m pytest -q -p no:cacheprovider "$@"
}
