#!/usr/bin/env bash
# The figures of issue 15, point 5 ("Fast and fair"): how long a full export takes and how much memory its
# worker reaches, at each size of SIZES, and whether the site stays responsive while CONCURRENT full exports
# run at once (with the export limits of networks/limits.py in force).
#
# Run from the repository root:   bench/exports.sh
#   SIZES="10000 100000" CONCURRENT=8 bench/exports.sh          (the defaults)
#
# What it does, every step bounded in time:
#   1. for each N of SIZES: the demo database shabakat_bench_<N> (bench/lib.sh: reused, copied or generated);
#      gunicorn with one sync worker (so that the worker's peak memory, VmHWM, is the export's); each format of
#      FORMATS exported whole once: time to the last byte, bytes, and the worker's peak resident memory;
#   2. at the largest N, gunicorn as in production (WORKERS gthread workers x THREADS threads) with
#      DJANGO_EXPORT_CONCURRENCY (2) and a high rate: CONCURRENT full JSON exports started at once, each from
#      its own address is not possible on loopback, so the rate is lifted; while they run, /healthz and the
#      organizations list are asked PROBES times each, one after the other: p50 and max, and how many of the
#      exports answered 200 and how many 429 (Retry-After).
#
#   3. with SQLITE_FILE (a demo SQLite file, made as bench/README.md says): the organizations CSV export from
#      gunicorn (one sync worker) on that file, then Datasette's streamed CSV of the same table (installed from
#      PyPI into BENCH_DATASETTE_VENV when missing): both times to the last byte, and ours / Datasette's.
#
# Environment: SIZES, FORMATS (json csv), CONCURRENT (8), PROBES (20), SQLITE_FILE (none),
# BENCH_DATASETTE_VENV (/tmp/shabakat-datasette), and those of bench/lib.sh.
set -euo pipefail

SIZES="${SIZES:-10000 100000}"
FORMATS="${FORMATS:-json csv}"
CONCURRENT="${CONCURRENT:-8}"
PROBES="${PROBES:-20}"
BENCH_DATASETTE_VENV="${BENCH_DATASETTE_VENV:-/tmp/shabakat-datasette}"

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
bench_init
bench_production_env
export DJANGO_PAGE_CACHE_SECONDS=0
export DJANGO_EXPORT_RATE="1000000/minute"  # one loopback client: the rate is not what is measured here
bench_collectstatic

peak_kib() {
    # The peak resident memory (VmHWM, KiB) of gunicorn's worker processes, the largest.
    local pid best=0 hwm
    for pid in $(pgrep -P "$BENCH_GUNICORN_PID"); do
        hwm="$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"
        if [ "${hwm:-0}" -gt "$best" ]; then best="$hwm"; fi
    done
    echo "$best"
}

largest=""
for n in $SIZES; do
    bench_prepare_demo_database "$n"
    largest="$n"
    for fmt in $FORMATS; do
        bench_start_gunicorn --workers 1 --worker-class sync --timeout 600
        idle="$(peak_kib)"
        read -r seconds bytes code < <(curl -s -o /dev/null --max-time 600 \
            -w '%{time_total} %{size_download} %{http_code}\n' "$BENCH_URL/en/organizations/export.$fmt")
        peak="$(peak_kib)"
        [ "$code" = 200 ] || bench_die "the $fmt export of $n organizations answered $code"
        printf 'BENCH export-%s-%s seconds=%s bytes=%s worker_peak_mib=%s idle_mib=%s\n' "$fmt" "$n" \
            "$seconds" "$bytes" "$((peak / 1024))" "$((idle / 1024))"
        bench_stop_gunicorn
    done
done

bench_use_database "shabakat_bench_$largest"
export DJANGO_EXPORT_CONCURRENCY="${DJANGO_EXPORT_CONCURRENCY:-2}"
bench_start_gunicorn
bench_log "$CONCURRENT full JSON exports at once (DJANGO_EXPORT_CONCURRENCY=$DJANGO_EXPORT_CONCURRENCY), probing"
exporters=()
for i in $(seq 1 "$CONCURRENT"); do
    curl -s -o /dev/null --max-time 600 -w '%{http_code}\n' "$BENCH_URL/en/organizations/export.json" \
        >"$BENCH_TMP/export-$i.code" &
    exporters+=("$!")
done
sleep 1
for path in /healthz /en/organizations/; do
    : >"$BENCH_TMP/probe.times"
    for _ in $(seq 1 "$PROBES"); do
        curl -s -o /dev/null --max-time 30 -w '%{time_total}\n' "$BENCH_URL$path" >>"$BENCH_TMP/probe.times"
    done
    sort -n "$BENCH_TMP/probe.times" | awk -v path="$path" '
        { t[NR] = $1 * 1000 }
        END { printf "BENCH during-exports %s p50_ms=%.0f max_ms=%.0f\n", path, t[int((NR + 1) / 2)], t[NR] }'
done
wait "${exporters[@]}"  # not gunicorn, also a background job
printf 'BENCH concurrent-exports answered_200=%s answered_429=%s\n' \
    "$(cat "$BENCH_TMP"/export-*.code | grep -c '^200$' || true)" \
    "$(cat "$BENCH_TMP"/export-*.code | grep -c '^429$' || true)"

# -- SQLite: our CSV export and Datasette's streamed CSV of the organizations table, on the same file ------
if [ -n "${SQLITE_FILE:-}" ]; then
    SQLITE_FILE="$(cd "$(dirname "$SQLITE_FILE")" && pwd)/$(basename "$SQLITE_FILE")"
    export DATABASE_URL="sqlite:///$SQLITE_FILE"
    export DJANGO_CACHE_URL="file://$BENCH_TMP/cache-sqlite"  # not the PostgreSQL databases' (bench_use_database)
    bench_manage 600 migrate --no-input >/dev/null
    bench_start_gunicorn --workers 1 --worker-class sync --timeout 600
    read -r ours ours_bytes code < <(curl -s -o /dev/null --max-time 600 \
        -w '%{time_total} %{size_download} %{http_code}\n' "$BENCH_URL/en/organizations/export.csv")
    [ "$code" = 200 ] || bench_die "the CSV export on $SQLITE_FILE answered $code"
    bench_stop_gunicorn
    bench_start_datasette "$SQLITE_FILE" --setting sql_time_limit_ms 600000
    port="$DATASETTE_PORT"
    db="$(basename "$SQLITE_FILE" .sqlite3)"
    for _ in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$port/-/versions.json" && break; sleep 1; done
    # Every row of the organizations table, streamed (`_stream=on`): Datasette's whole-table CSV.
    read -r theirs theirs_bytes code < <(curl -s -o /dev/null --max-time 600 \
        -w '%{time_total} %{size_download} %{http_code}\n' \
        "http://127.0.0.1:$port/$db/networks_organization.csv?_stream=on&_size=max")
    kill "$DATASETTE_PID"
    [ "$code" = 200 ] || bench_die "Datasette's CSV answered $code"
    printf 'BENCH csv-vs-datasette ours_seconds=%s ours_bytes=%s datasette_seconds=%s datasette_bytes=%s ratio=%s\n' \
        "$ours" "$ours_bytes" "$theirs" "$theirs_bytes" "$(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.2f", a / b }')"
fi
bench_machine
