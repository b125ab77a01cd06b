#!/usr/bin/env bash
# The jobs benchmark (issue 6 item 8), in one command:
#   bench/jobs.sh
# It builds the jar if there is none (./sarafan package), starts it on a throwaway embedded PostgreSQL in a temporary
# directory with the job schedules off, seeds 1 000 000 lots whose lifetime has ended and 1 000 000 pending accruals
# whose hold has ended (200 000 members, 5 of each) straight into the application's tables, then runs the activation
# job and the expiry job through the admin API (POST /v1/admin/jobs/{name}/runs), one after the other, and prints
# the time of each and what it did, and checks that no due lot is left. Then it stops the service and deletes the
# temporary directory.
#
# Environment: BENCH_MEMBERS (200000), BENCH_LOTS (5 of each kind per member), BENCH_CHUNK (accounts per chunk,
# the service's default 1000), BENCH_REBUILD=1 to rebuild the jar first, BENCH_KEEP=1 to keep the temporary
# directory (logs, data).
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA_HOME="$(./sarafan java-home 2>/dev/null)" || { ./sarafan java-home; exit 1; }
JAVA="$JAVA_HOME/bin/java"
JAR=target/quarkus-app/quarkus-run.jar
if [ ! -f "$JAR" ] || [ -n "${BENCH_REBUILD:-}" ]; then
  echo "bench: building $JAR (./sarafan package)..."
  ./sarafan package -q >/dev/null
fi
JDBC_DRIVER="$(ls target/quarkus-app/lib/main/org.postgresql.postgresql-*.jar | head -n 1)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/sarafan-jobs-bench.XXXXXX")"
APP_PID=""
stop_everything() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    # A normal stop: Quarkus shuts down and its shutdown hook stops the embedded PostgreSQL.
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$APP_PID" 2>/dev/null; then
      echo "bench: the service did not stop in 30 s; killing it" >&2
      kill -KILL "$APP_PID" 2>/dev/null || true
    fi
    wait "$APP_PID" 2>/dev/null || true
  fi
  # Whatever happened to the service, its PostgreSQL must not outlive the benchmark.
  local pidfile="$WORK/postgres/postmaster.pid"
  if [ -f "$pidfile" ]; then
    local pg_pid; pg_pid="$(head -n 1 "$pidfile")"
    if [ -n "$pg_pid" ] && kill -0 "$pg_pid" 2>/dev/null; then
      kill -TERM "$pg_pid" 2>/dev/null || true
      for _ in $(seq 1 20); do kill -0 "$pg_pid" 2>/dev/null || break; sleep 0.5; done
    fi
  fi
  if [ -n "${BENCH_KEEP:-}" ]; then
    echo "bench: kept $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap stop_everything EXIT
trap 'exit 130' INT TERM

echo "bench: starting Sarafan on an embedded PostgreSQL in $WORK..."
"$JAVA" -Dsarafan.embedded-postgres.data-dir="$WORK/postgres" \
        -Dsarafan.credentials-file="$WORK/credentials.properties" \
        -Dquarkus.http.port=0 -Dquarkus.http.host=127.0.0.1 \
        -Dsarafan.jobs.settle-every=off -Dsarafan.jobs.expiry-warnings-every=off \
        -Dsarafan.jobs.birthdays-every=off -Dsarafan.jobs.chunk-size="${BENCH_CHUNK:-1000}" \
        -jar "$JAR" >"$WORK/service.log" 2>&1 &
APP_PID=$!

HTTP_PORT=""
for _ in $(seq 1 240); do
  HTTP_PORT="$(sed -n 's|.*Listening on: http://[^:]*:\([0-9]*\).*|\1|p' "$WORK/service.log" | head -n 1)"
  [ -n "$HTTP_PORT" ] && break
  if ! kill -0 "$APP_PID" 2>/dev/null; then
    echo "bench: Sarafan did not start; its log:" >&2; cat "$WORK/service.log" >&2; exit 1
  fi
  sleep 0.5
done
if [ -z "$HTTP_PORT" ]; then
  echo "bench: Sarafan did not start within 120 s; its log:" >&2; cat "$WORK/service.log" >&2; exit 1
fi
PG_PORT="$(sed -n 's/.*Embedded PostgreSQL started on port \([0-9]*\).*/\1/p' "$WORK/service.log" | head -n 1)"
ADMIN_KEY="$(sed -n 's/^admin-api-key=//p' "$WORK/credentials.properties")"
echo "bench: Sarafan is up on port $HTTP_PORT, PostgreSQL on port $PG_PORT"

"$JAVA" -cp "$JDBC_DRIVER" bench/JobsBench.java \
        "jdbc:postgresql://localhost:$PG_PORT/postgres" "http://127.0.0.1:$HTTP_PORT" "$ADMIN_KEY" \
        "${BENCH_MEMBERS:-200000}" "${BENCH_LOTS:-5}"
