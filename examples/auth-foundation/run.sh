#!/usr/bin/env bash
# auth-foundation: users, a tenant-scoped module and an admin-only route.
# Usage: examples/auth-foundation/run.sh [WORK_DIR]   (see examples/README.md)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../_lib.sh"

enter_workdir "${1:-}"
polepos start auth_foundation --install
cd auth_foundation

polepos add auth
polepos add module notes --template crud --auth-required --tenant-scoped
# A module for the admin route: polepos wires it, the example writes its code.
polepos add module admin --template api-only
apply_example_files

check_and_test
