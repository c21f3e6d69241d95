#!/usr/bin/env bash
# Layer rules of ARCHITECTURE.md, checked on the resolved dependency graph.
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0

deps() { cargo tree -q -p "$1" -e normal --prefix none --no-dedupe | awk '{print $1}' | sort -u; }

forbid() {
  local pkg=$1; shift
  local tree
  tree=$(deps "$pkg")
  for bad in "$@"; do
    if grep -qx "$bad" <<<"$tree"; then
      echo "layer violation: $pkg depends on $bad"
      fail=1
    fi
  done
}

# The domain is pure: no web, database, messaging, HTTP client or async runtime.
forbid obp-domain actix-web actix-rt sea-orm sea-query sqlx rdkafka reqwest tokio hyper obp-connectors obp-api obp-migrations
# Connectors do I/O but know nothing of HTTP serving.
forbid obp-connectors actix-web obp-api
# Migrations depend on nothing of ours.
forbid obp-migrations obp-domain obp-connectors obp-api
# Example adapters use the message types, never the API server.
forbid obp-adapters-examples obp-api actix-web sea-orm

if [ "$fail" -ne 0 ]; then
  exit 1
fi
echo "layer rules hold"
