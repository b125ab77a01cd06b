#!/usr/bin/env bash
# The referral network benchmark (issue 3 item 6), in one command:
#   bench/network.sh
# It builds the jar if there is none (./sarafan package), starts it on a throwaway embedded PostgreSQL in a temporary
# directory (Flyway creates the application's schema), seeds a 100 000-member network 30 levels deep straight into
# the application's tables, times the network queries (SQL as the application sends it, and the HTTP endpoints) and
# prints a table of the fastest and the median run in milliseconds. Then it stops the service (which stops its
# PostgreSQL) and deletes the temporary directory. A few minutes on 2 cores, most of it the first build.
#
# Environment: BENCH_MEMBERS (100000), BENCH_LEVELS (30), BENCH_RUNS (15 timed runs per query),
# BENCH_REBUILD=1 to rebuild the jar first, BENCH_KEEP=1 to keep the temporary directory (logs, data),
# BENCH_EXPLAIN=1 to print the query plans.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=bench/service.sh
source bench/service.sh

"$JAVA" -cp "$JDBC_DRIVER" bench/NetworkBench.java \
        "jdbc:postgresql://localhost:$PG_PORT/postgres" "http://127.0.0.1:$HTTP_PORT" "$ADMIN_KEY"
