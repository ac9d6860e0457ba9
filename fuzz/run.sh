#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60). Not part of CI.
#   fuzz/run.sh 600
# Needs cargo-fuzz (cargo install cargo-fuzz). On a stable toolchain,
# RUSTC_BOOTSTRAP=1 lets it pass the sanitizer flags.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
for target in promises ledger fields scan; do
  echo "== $target: ${seconds}s"
  RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" -- -max_total_time="$seconds" -rss_limit_mb=4096
done
