#!/usr/bin/env bash
# openai-prompt: an ai-prompt module on OpenAI, tested with a fake HTTP transport.
# Usage: examples/openai-prompt/run.sh [WORK_DIR]   (see examples/README.md)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../_lib.sh"

enter_workdir "${1:-}"
polepos start openai_prompt --db none --install
cd openai_prompt

polepos add module support --template ai-prompt
# Configure OpenAI in .env (git-ignored); put your key in LLM_API_KEY to go live.
# Keep the random JWT_SECRET that `polepos start` wrote into .env.
secret=$(grep '^JWT_SECRET=' .env)
sed -e 's/^LLM_PROVIDER=.*/LLM_PROVIDER=openai/' \
    -e 's/^LLM_MODEL=.*/LLM_MODEL=gpt-4o-mini/' \
    -e "s/^JWT_SECRET=.*/${secret}/" \
    .env.example >.env.new
mv .env.new .env
grep -q '^LLM_PROVIDER=openai$' .env
apply_example_files

check_and_test
