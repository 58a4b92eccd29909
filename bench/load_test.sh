#!/usr/bin/env bash
# Loopback load test: gunicorn with production settings on PostgreSQL, under wrk, for a fixed time.
#
# Run from the repository root:   bench/load_test.sh
#   CONNECTIONS=50 DURATION=60 bench/load_test.sh     (the defaults)
#
# What it does, every step bounded in time:
#   1. creates the PostgreSQL database shabakat_bench_load (dropped first; BENCH_REUSE_DB=1 keeps it),
#      runs `manage.py migrate` and `manage.py load_seeds`;
#   2. production-like settings: DJANGO_DEBUG=0, a generated DJANGO_SECRET_KEY,
#      DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost, DJANGO_SECURE_SSL_REDIRECT=0 (plain HTTP on loopback),
#      DJANGO_API_RATE high; `collectstatic` into a temporary STATIC_ROOT (bench/settings.py);
#   3. starts gunicorn (directory.wsgi) on a free 127.0.0.1 port and waits until it answers;
#   4. checks that every path of bench/urls.txt answers 2xx/3xx;
#   5. runs wrk with CONNECTIONS connections for DURATION seconds over those paths (bench/urls.lua);
#   6. prints requests, requests/s, latency p50/p90/p99, socket errors and non-2xx/3xx answers, then
#      "LOAD TEST PASSED: 0 errors", or "LOAD TEST FAILED: …" and exits 1 when there is any error;
#   7. always stops gunicorn (EXIT trap) and removes its temporary files. The database stays.
#
# Environment:
#   CONNECTIONS      concurrent connections                          (50)
#   DURATION         seconds of load                                 (60)
#   WRK_THREADS      wrk threads (at most CONNECTIONS)               (2: one per core)
#   REQUEST_TIMEOUT  seconds after which wrk counts a request as a timeout (10)
#   BENCH_URLS       the URL list                                    (bench/urls.txt)
#   BENCH_DB         database name, must start with shabakat_bench   (shabakat_bench_load)
#   and those of bench/lib.sh: BENCH_PG, BENCH_REUSE_DB, WORKERS, THREADS, DJANGO_API_RATE.
#
# Needs: .venv (make install), psql, curl, a PostgreSQL server on 127.0.0.1:5432, and wrk (installed from
# Debian with apt-get when missing). Only loopback traffic.
set -euo pipefail

CONNECTIONS="${CONNECTIONS:-50}"
DURATION="${DURATION:-60}"
WRK_THREADS="${WRK_THREADS:-2}"
REQUEST_TIMEOUT="${REQUEST_TIMEOUT:-10}"
export BENCH_DB="${BENCH_DB:-shabakat_bench_load}"
export BENCH_URLS="${BENCH_URLS:-bench/urls.txt}"

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

bench_init
[ "$WRK_THREADS" -le "$CONNECTIONS" ] || WRK_THREADS="$CONNECTIONS"
bench_require_wrk
bench_production_env
bench_prepare_database
bench_collectstatic
bench_start_gunicorn
bench_check_urls "$BENCH_URLS"

bench_log "wrk: $CONNECTIONS connections, $WRK_THREADS threads, ${DURATION}s over $(bench_paths "$BENCH_URLS" | wc -l) URLs"
bench_wrk "$BENCH_TMP/wrk.txt" "$CONNECTIONS" "$WRK_THREADS" "$DURATION" "$REQUEST_TIMEOUT" "$BENCH_URLS"
cat "$BENCH_TMP/wrk.txt"

figure() { bench_figure "$BENCH_TMP/wrk.txt" "$1"; }
requests="$(figure requests)"
[ -n "$requests" ] || bench_die "no figures from wrk (see its output above)"
connect="$(figure connect_errors)" read_errors="$(figure read_errors)" write="$(figure write_errors)"
timeouts="$(figure timeouts)" status="$(figure non_2xx_3xx)" counted="$(figure non_2xx_3xx_counted)"
errors=$((connect + read_errors + write + timeouts + status))

echo
echo "Load test: $CONNECTIONS connections for ${DURATION}s, gunicorn $WORKERS workers x $THREADS threads, $(nproc) cores"
printf '  requests total        %s\n' "$requests"
printf '  requests/s            %s\n' "$(figure rps)"
printf '  latency p50/p90/p99   %s / %s / %s ms (max %s ms)\n' "$(figure p50_ms)" "$(figure p90_ms)" "$(figure p99_ms)" "$(figure max_ms)"
printf '  socket errors         connect %s, read %s, write %s, timeout %s\n' "$connect" "$read_errors" "$write" "$timeouts"
statuses=""
[ "${counted:-0}" -eq 0 ] || statuses="(statuses: $(figure bad_statuses))"
printf '  non-2xx/3xx           %s %s\n' "$status" "$statuses"
if [ "$errors" -eq 0 ] && [ "$requests" -gt 0 ]; then
    echo "LOAD TEST PASSED: 0 errors"
else
    echo "LOAD TEST FAILED: $errors errors"
    exit 1
fi
