# Sourced by the benchmarks (bench/*.sh) from the project directory: builds the jar if there is none (or with
# BENCH_REBUILD=1), starts it on a throwaway embedded PostgreSQL in a temporary directory with the options in the
# SERVICE_OPTS array, waits until it listens, and stops it (and its PostgreSQL) and deletes the directory on exit
# (BENCH_KEEP=1 keeps it). Sets JAVA, JDBC_DRIVER, WORK, HTTP_PORT, PG_PORT and ADMIN_KEY.
SERVICE_OPTS=("${SERVICE_OPTS[@]+"${SERVICE_OPTS[@]}"}")
JAVA_HOME="$(./sarafan java-home 2>/dev/null)" || { ./sarafan java-home; exit 1; }
JAVA="$JAVA_HOME/bin/java"
JAR=target/quarkus-app/quarkus-run.jar
if [ ! -f "$JAR" ] || [ -n "${BENCH_REBUILD:-}" ]; then
  echo "bench: building $JAR (./sarafan package)..."
  ./sarafan package -q >/dev/null
fi
JDBC_DRIVER="$(ls target/quarkus-app/lib/main/org.postgresql.postgresql-*.jar | head -n 1)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/sarafan-bench.XXXXXX")"
# As root the embedded PostgreSQL runs unprivileged and must be able to pass through to its data directory.
chmod 711 "$WORK"
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
        -Dsarafan.credentials.generate-in-production=true \
        -Dquarkus.http.port=0 -Dquarkus.http.host=127.0.0.1 "${SERVICE_OPTS[@]}" \
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

