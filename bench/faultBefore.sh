#!/usr/bin/env bash
# Runs this tree's fault bench (bench/faultBench.ts, its world and the fakes) against the src/ of another commit, for
# before/after figures: `bash bench/faultBefore.sh ee81a71` (main before issue 18 items 2, 3 and 8).
set -euo pipefail
commit="${1:?usage: bash bench/faultBefore.sh <commit>}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$(mktemp -d "${TMPDIR:-/tmp}/triage-faults-XXXXXX")"
trap 'rm -rf "$dir"' EXIT
git -C "$root" archive "$commit" src tsconfig.json package.json | tar -x -C "$dir"
mkdir -p "$dir/bench" "$dir/test"
cp "$root"/bench/{faultBench,faultWorld,table}.ts "$dir/bench/"
cp -r "$root/test/fakes" "$dir/test/"
ln -s "$(readlink -f "$root/node_modules")" "$dir/node_modules"
echo "fault bench against src/ of $(git -C "$root" rev-parse --short "$commit")"
cd "$dir" && npx tsx bench/faultBench.ts "${@:2}"
