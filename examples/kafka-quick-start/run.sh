#!/usr/bin/env bash
# kafka-quick-start: a route publishes an event; tested with the in-memory double
# (no Kafka broker runs here).
# Usage: examples/kafka-quick-start/run.sh [WORK_DIR]   (see examples/README.md)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../_lib.sh"

enter_workdir "${1:-}"
polepos start kafka_quick_start --db none --install
cd kafka_quick_start

polepos add integration kafka
# A module for the route and the consumer: polepos wires it, the example writes its code.
polepos add module orders --template api-only
apply_example_files

check_and_test
