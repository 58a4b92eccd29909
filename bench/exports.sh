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
# Environment: SIZES, FORMATS (json csv), CONCURRENT (8), PROBES (20), and those of bench/lib.sh.
set -euo pipefail

SIZES="${SIZES:-10000 100000}"
FORMATS="${FORMATS:-json csv}"
CONCURRENT="${CONCURRENT:-8}"
PROBES="${PROBES:-20}"

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
bench_machine
