#!/usr/bin/env bash
# redis-cache: a database query cached in a real Redis server, with a TTL.
# Usage: examples/redis-cache/run.sh [WORK_DIR]   (see examples/README.md)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../_lib.sh"

# The Redis server the tests talk to (REDIS_URL wins when it is set).
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}

enter_workdir "${1:-}"
polepos start redis_cache --install
cd redis_cache

polepos add integration redis
polepos add module products --template crud
# A module for the cached statistics: polepos wires it, the example writes its code.
polepos add module catalog --template api-only
apply_example_files

check_and_test
