#!/usr/bin/env bash
# The leaderboard benchmark (issue 9 item 4), in one command:
#   bench/leaderboard.sh
# Same throwaway service as bench/network.sh (it builds the jar if there is none, starts it on an embedded
# PostgreSQL in a temporary directory and stops everything afterwards); seeds 100 000 members with referrals, first
# payments and referral rewards straight into the application's tables (the V11 triggers fill leaderboard_score as
# they would in production) and prints the fastest and median run of the leaderboard queries and endpoints.
# Environment: BENCH_MEMBERS (100000), BENCH_RUNS (15), BENCH_REBUILD=1, BENCH_KEEP=1, BENCH_EXPLAIN=1.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_MAIN=bench/LeaderboardBench.java exec bench/network.sh
