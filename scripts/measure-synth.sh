#!/usr/bin/env bash
# Measures `npx cdk synth` offline with the example config (bundling included). Not part of jest:
# it takes tens of seconds. CDK_HOME points at a scratch dir so the CLI never touches $HOME.
set -euo pipefail
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
start=$(date +%s.%N)
CDK_HOME="$scratch/home" npx cdk synth --output "$scratch/out" -q >"$scratch/log" 2>&1 || { cat "$scratch/log"; exit 1; }
end=$(date +%s.%N)
printf 'cdk synth: %.1f s, stacks: %s\n' "$(echo "$end - $start" | bc)" "$(ls "$scratch/out"/*.template.json | wc -l)"
