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

# The schedules stay off: the benchmark runs each job once, through the API.
SERVICE_OPTS=(-Dsarafan.jobs.settle-every=off -Dsarafan.jobs.expiry-warnings-every=off
  -Dsarafan.jobs.birthdays-every=off -Dsarafan.jobs.chunk-size="${BENCH_CHUNK:-1000}")
source bench/service.sh

"$JAVA" -cp "$JDBC_DRIVER" bench/JobsBench.java \
        "jdbc:postgresql://localhost:$PG_PORT/postgres" "http://127.0.0.1:$HTTP_PORT" "$ADMIN_KEY" \
        "${BENCH_MEMBERS:-200000}" "${BENCH_LOTS:-5}"
