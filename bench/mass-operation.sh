#!/usr/bin/env bash
# The mass operation benchmark (issue 9 part 7), in one command:
#   bench/mass-operation.sh
# It builds the jar if there is none (./sarafan package), starts it on a throwaway embedded PostgreSQL in a temporary
# directory, seeds 100 000 members straight into the application's tables, posts one mass accrual to all of them
# and prints how long it took until COMPLETED. Then it stops the service and deletes the temporary directory.
#
# Against a Sarafan that is already running, give its base URL, its database and an admin key:
#   BENCH_URL=http://127.0.0.1:8080 BENCH_JDBC_URL=jdbc:postgresql://localhost:5432/postgres \
#   BENCH_ADMIN_KEY=... bench/mass-operation.sh
# Environment: BENCH_MEMBERS (100000), BENCH_REBUILD=1 to rebuild the jar first, BENCH_KEEP=1 to keep the temporary
# directory (logs, data).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${BENCH_URL:-}" ]; then
  JAVA_HOME="$(./sarafan java-home)"
  JAVA="$JAVA_HOME/bin/java"
  JDBC_DRIVER="$(ls target/quarkus-app/lib/main/org.postgresql.postgresql-*.jar 2>/dev/null | head -n 1)"
  [ -n "$JDBC_DRIVER" ] || JDBC_DRIVER="$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | head -n 1)"
  "$JAVA" -cp "$JDBC_DRIVER" bench/MassOperationBench.java "$BENCH_JDBC_URL" "$BENCH_URL" "$BENCH_ADMIN_KEY"
  exit
fi

# shellcheck source=bench/service.sh
source bench/service.sh

"$JAVA" -cp "$JDBC_DRIVER" bench/MassOperationBench.java \
        "jdbc:postgresql://localhost:$PG_PORT/postgres" "http://127.0.0.1:$HTTP_PORT" "$ADMIN_KEY"
