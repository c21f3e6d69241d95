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

# The HTTP layer reaches the database only through obp-connectors' `Store` handle and the
# connectors: no route or service holds a connection, composes SQL or builds sea-orm rows.
# So obp-api source names neither sea-orm nor the store's entity modules (`store::entity`,
# `sca::entity`, `idempotency::entity`, ...), nor the pool (`DatabaseConnection`, or the
# store's `raw_connection`, kept for test fixtures), and api/Cargo.toml does not list sea-orm
# or obp-migrations (the store runs the migrations).
if hits=$(grep -rnE 'sea_orm|store::entity|::entity::|DatabaseConnection|raw_connection' api/src); then
  echo "layer violation: obp-api names sea-orm, a store entity or the database connection (use obp_connectors::store::Store and its records):"
  echo "$hits"
  fail=1
fi
if grep -nE '^(sea-orm|obp-migrations)\b' api/Cargo.toml; then
  echo "layer violation: obp-api depends on sea-orm or obp-migrations directly (go through obp_connectors::store::Store)"
  fail=1
fi

# Routes by resource: a route module never imports another resource's route module; what two
# resources share lives below the routes (crate::service, crate::json, crate::paths,
# crate::access). Grep level: `crate::routes::<other>` or, from a top-level route file,
# `super::<other>`. `api/tests/module_graph.rs` checks the same on the parsed module graph,
# together with the absence of import cycles.
for entry in api/src/routes/*; do
  name=$(basename "$entry" .rs)
  [ "$name" = mod ] && continue
  if hits=$(grep -rnE "crate::routes::[a-z_]+" "$entry" | grep -vE "crate::routes::${name}\b"); then
    echo "layer violation: routes/$name imports another route module:"
    echo "$hits"
    fail=1
  fi
  if [ -f "$entry" ] && hits=$(grep -nE '\bsuper::[a-z_]+::' "$entry"); then
    echo "layer violation: routes/$name reaches a sibling route module through super::"
    echo "$hits"
    fail=1
  fi
done

if [ "$fail" -ne 0 ]; then
  exit 1
fi
echo "layer rules hold"
