#!/usr/bin/env bash
# Benchmark of the Kineret prior-authorization application on PostgreSQL: builds the app, starts it with the
# Spring profiles postgres,bench, runs the workloads (floor, decision chain, baseline, closed-loop intake,
# open-loop intake, mass expiry; see bench/README.md), writes target/bench/results.json and prints a Markdown
# table with the targets.
#
# Sizes and options (environment variables, defaults in brackets):
#   BENCH_REQUESTS [5000]   intake requests, and baseline instances
#   BENCH_CLIENTS  [16]     concurrent HTTP clients (and floor connections)
#   BENCH_EXPIRY   [10000]  authorizations whose expiry timers fall due together
#   BENCH_WARMUP   [200]    warm-up requests of each kind before measuring (not counted)
#   BENCH_OPEN_LOOP_SHARE   [0.5]  open-loop intake: offered rate = this share of the closed-loop intake's
#                           determinations/s of the same run
#   BENCH_OPEN_LOOP_SECONDS [60]   open-loop intake: seconds offered (requests = round(rate x seconds))
#   BENCH_APP_JVM  []       extra JVM options of the app, space-separated, after -Xmx768m; the app runs in
#                           target/nodes/bench-work, and target/ at the start of an option or a value is made
#                           absolute, e.g. '-XX:StartFlightRecording=filename=target/bench/app.jfr,settings=profile'
#   BENCH_JMH      [true]   run the decision-chain benchmark (JMH)
#   BENCH_DB_URL, BENCH_DB_USER, BENCH_DB_PASSWORD   an existing PostgreSQL database to use (empty, scratch:
#                           the harness creates schema "bench" in it); default: an embedded PostgreSQL 15
#   BENCH_SKIP_BUILD [false] reuse target/ from a previous run
# -Dbench.acquisition.waiting=100000 and -Dbench.acquisition.due=1000 (arguments) size the job acquisition query step.
# Any further argument is passed to the harness JVM, e.g. -Dbench.app.camunda.bpm.history-level=audit to run
# the application with another Spring property.
set -euo pipefail
cd "$(dirname "$0")/.."

shared="${PA_SHARED_DIR:-$(cd .. && pwd)/shared}"
if [ ! -d "$shared/cases" ]; then
  echo "bench/run.sh: the acceptance cases are missing: $shared/cases (put shared/ beside the repository)" >&2
  exit 1
fi

if [ "${BENCH_SKIP_BUILD:-false}" != "true" ]; then
  echo "[bench] building (mvn -Pbench package, tests not run)"
  mvn -B -ntp -q -Dstyle.color=never -Pbench -DskipTests package
fi

java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" \
  -Dpa.shared.dir="$shared" \
  -Dbench.requests="${BENCH_REQUESTS:-5000}" \
  -Dbench.clients="${BENCH_CLIENTS:-16}" \
  -Dbench.expiry="${BENCH_EXPIRY:-10000}" \
  -Dbench.warmup="${BENCH_WARMUP:-200}" \
  -Dbench.openloop.share="${BENCH_OPEN_LOOP_SHARE:-0.5}" \
  -Dbench.openloop.seconds="${BENCH_OPEN_LOOP_SECONDS:-60}" \
  -Dbench.app.jvm="${BENCH_APP_JVM:-}" \
  -Dbench.jmh="${BENCH_JMH:-true}" \
  -Dbench.db.url="${BENCH_DB_URL:-}" \
  -Dbench.db.user="${BENCH_DB_USER:-kineret}" \
  -Dbench.db.password="${BENCH_DB_PASSWORD:-kineret}" \
  "$@" \
  com.healthplan.pa.kineret.bench.BenchMain
