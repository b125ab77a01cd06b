#!/usr/bin/env bash
# The performance bench (issue 8 item 4), in one command:
#   bench/run.sh
# It builds the jar if there is none, starts it on a throwaway embedded PostgreSQL in a temporary directory (or on
# QUARKUS_DATASOURCE_JDBC_URL with QUARKUS_DATASOURCE_USERNAME/PASSWORD), seeds 100 000 members in a referral tree
# (bench/seed.sql, straight into the tables), puts the worked example's rules in force (registration 500, cashback
# 5 % for 30 days, referrer 5 %, pay with bonuses up to 20 %) plus a 3-level referral rule (5 / 2 / 1 %), restarts
# it, and drives it with wrk (Lua scripts in bench/wrk/), in this order: a member's balance and history with the
# member's token, the balance alone at an offered 300 requests/s, two raw PostgreSQL baselines with pgbench (on the
# idle service: the rows an event's accruals write, then every row an event writes), order-paid events signed per
# request, quote + apply for a 5-line cart. Mail goes to bench/SmtpSink.java. Then it checks the ledger invariant
# (the reconciliation job, POST /v1/admin/jobs/reconciliation/runs, and its report) and prints one table. Needs wrk, psql and pgbench (Debian: apt-get install wrk
# postgresql-client; as root it installs wrk itself). About 8 minutes once the jar is built.
#
# Environment: BENCH_MEMBERS (100000), BENCH_SECONDS (30 per scenario), BENCH_EVENTS_WARMUP (120 s of events before
# the measured run: on 2 cores the JIT keeps compiling the event path — Hibernate, the JDBC driver, Jackson — for
# about two minutes, and the JVM needed twice the CPU per event until then; the warm-up's own rate is printed too),
# BENCH_WARMUP (20 s before each other scenario), BENCH_JAVA_OPTS (-Xms1g -Xmx1g -XX:+UseParallelGC,
# the collector the container image runs),
# BENCH_BALANCE_RATE (300 balance requests/s offered in the rate-limited scenario), BENCH_CLIENTS (16),
# BENCH_THREADS (2),
# BENCH_REBUILD=1 to rebuild the jar, BENCH_KEEP=1 to keep the temporary directory (logs, data, request files),
# BENCH_JFR=1 to record a Java Flight Recording of the run into it (implies BENCH_KEEP).
set -euo pipefail
cd "$(dirname "$0")/.."

MEMBERS="${BENCH_MEMBERS:-100000}"
SECONDS_PER_RUN="${BENCH_SECONDS:-30}"
WARMUP="${BENCH_WARMUP:-20}"
EVENTS_WARMUP="${BENCH_EVENTS_WARMUP:-120}"
# A fixed heap, as a deployment would give the service: left to itself, the JVM starts with a few hundred MB and
# collects (and runs concurrent cycles) far more often than it would in production. The parallel collector, as in
# the container image (src/main/docker/Dockerfile.jvm): G1's young pauses were 23-30 ms here, its 2 ms.
read -r -a JAVA_OPTS <<<"${BENCH_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC}"
BALANCE_RATE="${BENCH_BALANCE_RATE:-300}"
CLIENTS="${BENCH_CLIENTS:-16}"
THREADS="${BENCH_THREADS:-2}"
[ -n "${BENCH_JFR:-}" ] && BENCH_KEEP=1

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "bench: installing wrk (apt-get install wrk)..."
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  fi
fi
for tool in wrk psql pgbench curl; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "bench: '$tool' is required (Debian/Ubuntu: apt-get install wrk postgresql-client curl)" >&2; exit 1; }
done

JAVA_HOME="$(./sarafan java-home 2>/dev/null)" || { ./sarafan java-home; exit 1; }
JAVA="$JAVA_HOME/bin/java"
JAR=target/quarkus-app/quarkus-run.jar
if [ ! -f "$JAR" ] || [ -n "${BENCH_REBUILD:-}" ]; then
  echo "bench: building $JAR (./sarafan package)..."
  ./sarafan package -q >/dev/null
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/sarafan-bench.XXXXXX")"
# As root the embedded PostgreSQL runs unprivileged and must be able to pass through to its data directory.
chmod 711 "$WORK"
APP_PID=""
SINK_PID=""
stop_service() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    # A normal stop: Quarkus shuts down and its shutdown hook stops the embedded PostgreSQL.
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$APP_PID" 2>/dev/null && kill -KILL "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
}
stop_everything() {
  stop_service
  if [ -n "$SINK_PID" ]; then kill "$SINK_PID" 2>/dev/null || true; wait "$SINK_PID" 2>/dev/null || true; fi
  # Whatever happened to the service, its PostgreSQL must not outlive the bench.
  local pidfile="$WORK/postgres/postmaster.pid" pg_pid
  if [ -f "$pidfile" ]; then
    pg_pid="$(head -n 1 "$pidfile")"
    if [ -n "$pg_pid" ] && kill -0 "$pg_pid" 2>/dev/null; then
      kill -TERM "$pg_pid" 2>/dev/null || true
      for _ in $(seq 1 20); do kill -0 "$pg_pid" 2>/dev/null || break; sleep 0.5; done
    fi
  fi
  if [ -n "${BENCH_KEEP:-}" ]; then echo "bench: kept $WORK"; else rm -rf "$WORK"; fi
}
trap stop_everything EXIT
trap 'exit 130' INT TERM

# The service mails members about every accrual, as in production: to an SMTP server that accepts and discards.
"$JAVA" bench/SmtpSink.java >"$WORK/smtp-port" 2>"$WORK/smtp-sink.log" &
SINK_PID=$!
for _ in $(seq 1 100); do [ -s "$WORK/smtp-port" ] && break; sleep 0.1; done
SMTP_PORT="$(head -n 1 "$WORK/smtp-port")"
[ -n "$SMTP_PORT" ] || { echo "bench: the SMTP sink did not start" >&2; cat "$WORK/smtp-sink.log" >&2; exit 1; }

HTTP_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18080)"
URL="http://127.0.0.1:$HTTP_PORT"

# Starts the service; READY_MS is the time from launch to ready (GET /q/health/ready answering 200).
READY_MS=""
start_service() {
  local log="$1" jfr=()
  [ -n "${BENCH_JFR:-}" ] && jfr=("-XX:StartFlightRecording=filename=$WORK/$log.jfr,settings=profile")
  local started; started="$(date +%s%N)"
  "$JAVA" "${JAVA_OPTS[@]}" "${jfr[@]}" -Dsarafan.embedded-postgres.data-dir="$WORK/postgres" \
          -Dsarafan.credentials-file="$WORK/credentials.properties" -Dsarafan.credentials.generate-in-production=true \
          -Dquarkus.http.port="$HTTP_PORT" -Dquarkus.http.host=127.0.0.1 \
          -Dquarkus.mailer.host=127.0.0.1 -Dquarkus.mailer.port="$SMTP_PORT" \
          -jar "$JAR" >"$WORK/$log.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 2400); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/q/health/ready")" = 200 ]; then
      READY_MS=$(( ($(date +%s%N) - started) / 1000000 )); return 0
    fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      echo "bench: Sarafan did not start; its log:" >&2; cat "$WORK/$log.log" >&2; exit 1
    fi
    sleep 0.05
  done
  echo "bench: Sarafan was not ready within 120 s; its log:" >&2; cat "$WORK/$log.log" >&2; exit 1
}

echo "bench: starting Sarafan (first start: empty database) in $WORK..."
start_service first-start
FIRST_START_MS="$READY_MS"
# Where psql and pgbench find the service's database (the embedded one listens on a new port at every start).
locate_database() {
  if [ -n "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]; then
    export PGUSER="${QUARKUS_DATASOURCE_USERNAME:-postgres}" PGPASSWORD="${QUARKUS_DATASOURCE_PASSWORD:-}"
    PSQL_URL="${QUARKUS_DATASOURCE_JDBC_URL#jdbc:}"
  else
    export PGUSER=postgres PGPASSWORD=postgres
    PSQL_URL="postgresql://localhost:$(sed -n 's/.*Embedded PostgreSQL started on port \([0-9]*\).*/\1/p' "$WORK/$1.log" | head -n 1)/postgres"
  fi
}
locate_database first-start
SHOP_KEY="${SARAFAN_AUTH_SHOP_API_KEYS:-$(sed -n 's/^shop-api-key=//p' "$WORK/credentials.properties")}"; SHOP_KEY="${SHOP_KEY%%,*}"
ADMIN_KEY="${SARAFAN_AUTH_ADMIN_API_KEYS:-$(sed -n 's/^admin-api-key=//p' "$WORK/credentials.properties")}"; ADMIN_KEY="${ADMIN_KEY%%,*}"
SECRET="${SARAFAN_EVENTS_SIGNING_SECRETS:-$(sed -n 's/^event-signing-secret=//p' "$WORK/credentials.properties")}"; SECRET="${SECRET%%,*}"
SECRET="${SECRET//\\/}"   # Properties files escape ':' and '='
export BENCH_SHOP_KEY="$SHOP_KEY"
psql_q() { psql "$PSQL_URL" -X -q -v ON_ERROR_STOP=1 "$@"; }

PREFIX="b$(date +%s | tail -c 6)-"
echo "bench: seeding $MEMBERS members in a referral tree (prefix $PREFIX)..."
seed_started="$(date +%s%N)"
OFFSET="$(psql_q -At -c 'SELECT COALESCE(max(id), 0) FROM member')"
psql_q -v members="$MEMBERS" -v prefix="$PREFIX" -f bench/seed.sql >/dev/null
SEED_S="$(( ($(date +%s%N) - seed_started) / 1000000 ))"
echo "bench: seeded in $(awk "BEGIN{printf \"%.1f\", $SEED_S/1000}") s"

rule() {
  local answer
  answer="$(curl -s -w '\n%{http_code}' -X POST "$URL/v1/admin/rules" -H "X-Api-Key: $ADMIN_KEY" \
            -H 'Content-Type: application/json' -d "$1")"
  [ "$(tail -n 1 <<<"$answer")" = 201 ] || { echo "bench: rule refused: $answer" >&2; exit 1; }
}
rule '{"name":"Welcome bonus","profile":"REGISTRATION","rewards":[{"recipient":"MEMBER","type":"FIXED","value":"500.00"}]}'
rule '{"name":"Cashback 5 %","profile":"ORDER_PAID","lifetimeDays":30,"rewards":[{"recipient":"MEMBER","type":"PERCENT","value":"5.00"}]}'
rule '{"name":"Referral 5 %","profile":"ORDER_PAID","rewards":[{"recipient":"REFERRER","type":"PERCENT","levels":[{"level":1,"value":"5.00"}]}]}'
rule '{"name":"Referral 5/2/1 %","profile":"ORDER_PAID","rewards":[{"recipient":"REFERRER","type":"PERCENT","levels":[{"level":1,"value":"5.00"},{"level":2,"value":"2.00"},{"level":3,"value":"1.00"}]}]}'
rule '{"name":"Pay with bonuses","profile":"PAY_WITH_BONUSES","spending":{"maxPercent":"20.00"}}'

echo "bench: restarting Sarafan (warm start: schema and data in place)..."
stop_service
start_service warm-start
WARM_START_MS="$READY_MS"
locate_database warm-start
# In its first minute the service runs each scheduled job for the first time: cold code that took up to a second of
# CPU (birthdays, 0.8 s) in the middle of the latency scenario. An instance that has been up has run them before,
# so they run once here, before anything is measured.
for job in activation expiry expiry-warnings birthdays; do
  curl -sf -o /dev/null -X POST "$URL/v1/admin/jobs/$job/runs" -H "X-Api-Key: $ADMIN_KEY" \
    || { echo "bench: the $job job could not be run" >&2; exit 1; }
done

# Buyers are members 1 000..40 000 (3 levels of referrers each); cabinets read members 1 000..1 255; carts are paid
# by members 40 001..the last.
echo "bench: member tokens and signed events..."
for n in $(seq 1000 1255); do
  printf '%s\n' "$(curl -s -X POST "$URL/v1/member-tokens" -H "X-Api-Key: $SHOP_KEY" -H 'Content-Type: application/json' \
       -d "{\"externalId\":\"$PREFIX$n\"}" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')"
done >"$WORK/tokens.tsv"
[ "$(wc -l <"$WORK/tokens.tsv")" = 256 ] || { echo "bench: could not get member tokens" >&2; exit 1; }
LAST_BUYER=$(( MEMBERS < 40000 ? MEMBERS : 40000 ))

# wrk_run <script> <seconds> <args...>: runs wrk and answers its RESULT line (rps p50 p99 errors requests).
wrk_run() {
  local script="$1" seconds="$2" out; shift 2
  # Numbered by the files already there: wrk_run runs in a subshell, where a counter would not survive.
  out="$WORK/wrk-$(( $(find "$WORK" -maxdepth 1 -name 'wrk-*.out' | wc -l) + 1 ))-$script-$seconds.out"
  wrk -t"$THREADS" -c"$CLIENTS" -d"${seconds}s" --timeout 10s -s "bench/wrk/$script" "$URL" -- "$@" >"$out" 2>&1
  grep '^RESULT' "$out" | tail -n 1 | cut -d' ' -f2-
}

# The cabinet runs first: after the events, the service spends minutes mailing their accruals (6 mails an event),
# and that backlog would be measured as cabinet latency.
# Deadlocks the database detects while the service runs (it retries the transaction, but each one waited
# deadlock_timeout first).
deadlocks() { psql_q -At -c 'SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()'; }
DEADLOCKS_BEFORE="$(deadlocks)"

echo "bench: member balance + history..."
wrk_run cabinet.lua "$WARMUP" "$WORK/tokens.tsv" "$THREADS" >/dev/null
CABINET="$(wrk_run cabinet.lua "$SECONDS_PER_RUN" "$WORK/tokens.tsv" "$THREADS")"

echo "bench: member balance at ${BALANCE_RATE} requests/s..."
# A warm-up at the rate first: a minute after start the JIT compiler still takes a good part of a core, and the
# latency measured then is the compiler's, not the service's.
wrk_run cabinet.lua "$WARMUP" "$WORK/tokens.tsv" "$THREADS" $(( CLIENTS * 1000 / BALANCE_RATE )) balance >/dev/null
BALANCE="$(wrk_run cabinet.lua "$SECONDS_PER_RUN" "$WORK/tokens.tsv" "$THREADS" $(( CLIENTS * 1000 / BALANCE_RATE )) balance)"

echo "bench: raw PostgreSQL baselines (pgbench: the rows of the accruals, then every row of an event)..."
psql_q -f bench/baseline-setup.sql >/dev/null
# baseline_script core|full: one order-paid event's rows as a pgbench transaction. core: the shop event and order,
# and per accrual the account lock, transaction, lot, accrual, balance and domain event. full: also what else the
# service writes for the event: the results written back to the shop event and order, each domain event's mail
# outbox row, the referral purchase's domain event, and the referrers' queued leaderboard changes.
baseline_script() {
  local kind="$1"
  echo "\\set n random(1000, $LAST_BUYER)"
  echo '\set total random(100000, 999999)'
  echo "\\set buyer $OFFSET + :n"
  echo 'BEGIN;'
  echo "INSERT INTO pgb_shop_event (id, type, member_id, order_id, body_hash, received_at, received_by, result) VALUES ('pgb-' || nextval('pgb_event_seq'), 'ORDER_PAID', :buyer, 'ord-' || currval('pgb_event_seq'), md5(currval('pgb_event_seq')::text), now(), 'bench', '{\"outcome\":\"PROCESSED\"}');"
  echo "INSERT INTO pgb_shop_order (order_id, member_id, status, total, paid_at, created_at, updated_at) VALUES ('ord-' || currval('pgb_event_seq'), :buyer, 'PAID', :total / 100.0, now(), now(), now());"
  [ "$kind" = full ] && echo "UPDATE pgb_shop_order SET status = 'PAID', total = :total / 100.0, bonuses_applied = 0, paid_at = now(), updated_at = now() WHERE order_id = 'ord-' || currval('pgb_event_seq');"
  # Buyer's cashback 5 %, level 1: 5 % (worked example) + 5 % (3-level rule), level 2: 2 %, level 3: 1 %. The
  # service queues a referrer's rewards of one event as one leaderboard change: once per referrer here.
  for share in "0 5 0" "1 5 1" "1 5 0" "2 2 1" "3 1 1"; do
    set -- $share
    echo "\\set m $OFFSET + :n / $(( 4 ** $1 ))"
    echo "\\set pct $2"
    cat bench/baseline-accrual.sql
    if [ "$kind" = full ]; then
      cat bench/baseline-outbox.sql
      [ "$3" = 1 ] && cat bench/baseline-leaderboard.sql
    fi
  done
  if [ "$kind" = full ]; then
    echo "\\set m $OFFSET + :n / 4"
    echo "INSERT INTO pgb_domain_event (type, member_id, payload, created_at) VALUES ('REFERRAL_PURCHASED', :m, '{\"referral\":\"pgb\",\"amount\":\"' || :total / 100.0 || '\"}', now());"
    echo "INSERT INTO pgb_notification (member_id, kind, event_id, payload, created_at) VALUES (:m, 'REFERRAL_PURCHASED', currval('domain_event_id_seq'), '{\"referral\":\"pgb\"}', now());"
    echo "UPDATE pgb_shop_event SET member_id = :buyer, result = '{\"outcome\":\"PROCESSED\",\"accruals\":[{\"amount\":\"1.00\"},{\"amount\":\"1.00\"},{\"amount\":\"1.00\"},{\"amount\":\"1.00\"},{\"amount\":\"1.00\"}]}' WHERE id = 'pgb-' || currval('pgb_event_seq');"
  fi
  echo 'COMMIT;'
}
# pgbench_tps <name>: runs $WORK/<name>.sql and answers "tps avg-latency failed".
pgbench_tps() {
  pgbench "$PSQL_URL" -n -M prepared -c "$CLIENTS" -j "$THREADS" -T "$SECONDS_PER_RUN" -f "$WORK/$1.sql" \
          >"$WORK/$1.out" 2>&1 || { cat "$WORK/$1.out" >&2; exit 1; }
  echo "$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$WORK/$1.out" | head -n 1)" \
       "$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$WORK/$1.out" | head -n 1)" \
       "$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$WORK/$1.out" | head -n 1)"
}
baseline_script core >"$WORK/baseline.sql"
baseline_script full >"$WORK/baseline-full.sql"
# Before the events: the service stays up and idle (no mail backlog yet), so that its PostgreSQL serves the
# baseline as it served the service.
pgbench_tps baseline >"$WORK/baseline.tps"
pgbench_tps baseline-full >"$WORK/baseline-full.tps"
read -r BASE_TPS BASE_LAT BASE_FAILED <"$WORK/baseline.tps"
read -r FULL_TPS FULL_LAT FULL_FAILED <"$WORK/baseline-full.tps"
psql_q -c 'DROP TABLE pgb_shop_event, pgb_shop_order, pgb_account, pgb_ledger_transaction, pgb_lot, pgb_accrual, pgb_domain_event, pgb_notification, pgb_leaderboard_delta; DROP SEQUENCE pgb_event_seq' >/dev/null

echo "bench: order-paid events (${EVENTS_WARMUP} s warm-up, then ${SECONDS_PER_RUN} s)..."
"$JAVA" bench/SignedEvents.java "$SECRET" $(( 2000 * EVENTS_WARMUP )) "$PREFIX" 1000 "$LAST_BUYER" "$WORK/warmup-events.tsv"
EVENTS_WARMING="$(wrk_run events.lua "$EVENTS_WARMUP" "$WORK/warmup-events.tsv" "$THREADS")"
# Enough distinct events for 5 000/s; signed now, so their timestamps are fresh during the run.
"$JAVA" bench/SignedEvents.java "$SECRET" $(( 5000 * SECONDS_PER_RUN )) "$PREFIX" 1000 "$LAST_BUYER" "$WORK/events.tsv"
EVENTS="$(wrk_run events.lua "$SECONDS_PER_RUN" "$WORK/events.tsv" "$THREADS")"

echo "bench: quote + apply for a 5-line cart..."
wrk_run spend.lua "$WARMUP" "$PREFIX" 40001 "$MEMBERS" "$THREADS" >/dev/null
SPEND="$(wrk_run spend.lua "$SECONDS_PER_RUN" "$PREFIX" 40001 "$MEMBERS" "$THREADS")"

echo "bench: checking the ledger invariant (the reconciliation job)..."
# The service's own check, as it runs nightly in production: every account in read-only chunks, then the program.
RECONCILED="$(curl -sf -X POST "$URL/v1/admin/jobs/reconciliation/runs" -H "X-Api-Key: $ADMIN_KEY")" \
  || { echo "bench: the reconciliation job could not be run" >&2; exit 1; }
VIOLATIONS="$(sed -n 's/.*"written":\([0-9]*\).*/\1/p' <<<"$RECONCILED")"
RECONCILED_ACCOUNTS="$(sed -n 's/.*"processed":\([0-9]*\).*/\1/p' <<<"$RECONCILED")"
REPORT="$(curl -sf "$URL/v1/admin/reconciliations?limit=1" -H "X-Api-Key: $ADMIN_KEY")"
ACCOUNTS="$(psql_q -At -c 'SELECT count(*) FROM account')"
TRANSACTIONS="$(psql_q -At -c 'SELECT count(*) FROM ledger_transaction')"
PROCESSED="$(psql_q -At -c "SELECT count(*) FROM shop_event WHERE id LIKE 'evt_bench_%' AND result IS NOT NULL")"
DEADLOCKS=$(( $(deadlocks) - DEADLOCKS_BEFORE ))

stop_service

kill "$SINK_PID" 2>/dev/null || true; wait "$SINK_PID" 2>/dev/null || true; SINK_PID=""
MAILS="$(sed -n 's/^smtp sink: \([0-9]*\) messages/\1/p' "$WORK/smtp-sink.log")"

row() { # name, "rps p50 p99 errors requests"
  set -- "$1" $2
  printf '| %-52s | %10s | %8s | %8s | %7s |\n' "$1" "$2" "$3" "$4" "$5"
}
echo
echo "Sarafan bench: $MEMBERS members, $CLIENTS clients, $THREADS wrk threads, ${SECONDS_PER_RUN} s per scenario, $(nproc) cores"
printf '| %-52s | %10s | %8s | %8s | %7s |\n' "scenario" "per second" "p50 ms" "p99 ms" "errors"
printf '| %-52s | %10s | %8s | %8s | %7s |\n' "$(printf '%.0s-' {1..52})" "----------" "--------" "--------" "-------"
row "order-paid events (cashback + 3 referral levels)" "$EVENTS"
row "  the same during the ${EVENTS_WARMUP} s warm-up (JIT compiling)" "$EVENTS_WARMING"
row "member balance + first history page (token)" "$CABINET"
row "member balance alone, offered ${BALANCE_RATE} requests/s" "$BALANCE"
row "quote + apply, 5-line cart (each request)" "$SPEND"
printf '| %-52s | %10.1f | %8s | %8s | %7s |\n' "raw PostgreSQL baseline, same rows (pgbench tps)" "$BASE_TPS" "avg $BASE_LAT" "" "${BASE_FAILED:-0}"
printf '| %-52s | %10.1f | %8s | %8s | %7s |\n' "raw PostgreSQL, every row an event writes (tps)" "$FULL_TPS" "avg $FULL_LAT" "" "${FULL_FAILED:-0}"
echo
echo "start-up to ready: first start (empty database) ${FIRST_START_MS} ms, warm start ${WARM_START_MS} ms"
echo "seeding: $(awk "BEGIN{printf \"%.1f\", $SEED_S/1000}") s; events recorded: $PROCESSED; mails sent (SMTP sink): ${MAILS:-?}"
echo "deadlocks detected by PostgreSQL during the scenarios (each retried by the service): $DEADLOCKS"
if [ "$VIOLATIONS" = 0 ] && [ "$RECONCILED_ACCOUNTS" = "$ACCOUNTS" ]; then
  echo "ledger invariant: OK ($ACCOUNTS accounts reconciled, $TRANSACTIONS transactions; every balance equals the sum of its transactions)"
else
  echo "ledger invariant: ${VIOLATIONS:-?} VIOLATIONS in ${RECONCILED_ACCOUNTS:-?} of $ACCOUNTS accounts; the report:"
  echo "$REPORT"
  exit 1
fi
