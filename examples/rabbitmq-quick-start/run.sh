#!/usr/bin/env bash
# rabbitmq-quick-start: a route publishes, a worker consumes, on a real RabbitMQ.
# Usage: examples/rabbitmq-quick-start/run.sh [WORK_DIR]   (see examples/README.md)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../_lib.sh"

# The broker the tests talk to (RABBITMQ_URL wins when it is set).
export RABBITMQ_URL=${RABBITMQ_URL:-amqp://guest:guest@127.0.0.1:5672/}

enter_workdir "${1:-}"
polepos start rabbitmq_quick_start --db none --install
cd rabbitmq_quick_start

polepos add integration rabbitmq
# A module for the route and the worker: polepos wires it, the example writes its code.
polepos add module notifications --template api-only
apply_example_files

check_and_test
