#!/usr/bin/env bash
# The benchmark: page latency and throughput, and export time and memory, on PostgreSQL with N demo
# organizations, next to the targets of the issue "Scale: 100,000 organizations on PostgreSQL, fast pages and
# flat-memory exports, measured".
#
# Run from the repository root:   bench/benchmark.sh
#   ORGANIZATIONS=100000 COMPARE_ORGANIZATIONS=10000 DURATION=20 bench/benchmark.sh     (the defaults)
#
# What it does, every step bounded in time:
#   1. prepares shabakat_bench_<ORGANIZATIONS> and shabakat_bench_<COMPARE_ORGANIZATIONS>, demo databases
#      without the real seeds: each is reused when it holds exactly that many organizations, else copied from
#      shabakat_demo when that holds as many, else made by `generate_demo_data --organizations N --seed 1
#      --demo-ok` (about 4.5 minutes for 100,000, 40 s for 10,000); `migrate` runs on both either way;
#   2. production-like settings (bench_production_env: DJANGO_DEBUG=0, loopback hosts, no HTTPS redirect),
#      collectstatic into a temporary directory; prints the machine, PostgreSQL and the git commit;
#   3. finds real URLs in the database: the organization with the most branches (then members), the public
#      person with the most memberships, the country and cause that share the most organizations, and an
#      Arabic word that organizations contain (SEARCH_WORD);
#   4. pages, on gunicorn as in production (3 gthread workers x 4 threads): home, the organizations list, the
#      list filtered by country and cause, the Arabic search, an organization page and a person page, each on
#      its own: one request that must answer 200, a WARMUP-second wrk run, then wrk with CONNECTIONS
#      connections for DURATION seconds (--latency); prints p50, p75, p90, p99 and requests/s;
#   5. exports (CSV, XLSX, JSON) of all organizations, at N = ORGANIZATIONS then N = COMPARE_ORGANIZATIONS:
#      each from a fresh gunicorn with one sync worker (--workers 1 --worker-class sync --timeout
#      EXPORT_TIMEOUT) run under /usr/bin/time -v; prints the worker's RSS before the download, the time to
#      download the whole file (curl %{time_total}) and its size, the worker's peak RSS (VmHWM of
#      /proc/<worker>/status after the download) and the "Maximum resident set size" of /usr/bin/time;
#   6. prints a summary: every figure next to its target, MET or MISSED, and how long the run took.
#
# Exit status: 0 when every measurement ran, whatever the figures (a missed target is a figure, not an
# error); 1 when something went wrong: a page or an export answered other than 200 (a redirect included),
# a socket error or a request slower than REQUEST_TIMEOUT, a download cut short, gunicorn not starting, a
# step over its time limit. The gunicorn log (with any traceback) is printed then. gunicorn is always
# stopped on exit (EXIT trap); the databases stay, to be reused by the next run.
#
# Environment:
#   ORGANIZATIONS          N, the organizations of the main database shabakat_bench_<N>    (100000)
#   COMPARE_ORGANIZATIONS  the second N, for the exports only, to see memory against N; 0: none (10000)
#   DURATION               seconds of wrk per page                                         (20)
#   WARMUP                 seconds of wrk per page before the measured run                 (5)
#   CONNECTIONS            wrk connections                                                 (8)
#   WRK_THREADS            wrk threads                                                     (2)
#   REQUEST_TIMEOUT        seconds after which wrk counts a request as a timeout (an error) (30)
#   EXPORT_TIMEOUT         seconds one export may take (curl and the sync worker's timeout) (300)
#   EXPORT_FORMATS         the export formats measured                                     (csv xlsx json)
#   PAGE_LANGUAGE          the language prefix of the pages: ar or en                       (ar)
#   SEARCH_WORD            the Arabic search word, when organizations contain it (else the
#                          commonest word of their Arabic names)                           (ائتلاف)
#   FLAT_TOLERANCE_MB      how much more peak memory at the larger N still counts as "not growing with
#                          N" (MB, 10^6 bytes)                                             (20)
#   and those of bench/lib.sh: BENCH_PG, BENCH_DEMO_TEMPLATE, BENCH_TEMPLATE_WAIT, DEMO_SEED, WORKERS,
#   THREADS, DJANGO_API_RATE.
#
# Needs: .venv (make install), psql, curl, /usr/bin/time (GNU time), pgrep, a PostgreSQL server on
# 127.0.0.1:5432, and wrk (installed from Debian with apt-get when missing). Only loopback traffic.
set -euo pipefail

ORGANIZATIONS="${ORGANIZATIONS:-100000}"
COMPARE_ORGANIZATIONS="${COMPARE_ORGANIZATIONS:-10000}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-5}"
CONNECTIONS="${CONNECTIONS:-8}"
WRK_THREADS="${WRK_THREADS:-2}"
REQUEST_TIMEOUT="${REQUEST_TIMEOUT:-30}"
EXPORT_TIMEOUT="${EXPORT_TIMEOUT:-300}"
EXPORT_FORMATS="${EXPORT_FORMATS:-csv xlsx json}"
PAGE_LANGUAGE="${PAGE_LANGUAGE:-ar}"
SEARCH_WORD="${SEARCH_WORD:-ائتلاف}"
FLAT_TOLERANCE_MB="${FLAT_TOLERANCE_MB:-20}"

# The issue's targets.
TARGET_P50_MS=30
TARGET_P99_MS=150
TARGET_FILTERED_RPS=150
TARGET_CSV_SECONDS=10
TARGET_CSV_PEAK_MB=200

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

for knob in ORGANIZATIONS COMPARE_ORGANIZATIONS DURATION WARMUP CONNECTIONS WRK_THREADS REQUEST_TIMEOUT \
    EXPORT_TIMEOUT FLAT_TOLERANCE_MB; do
    [[ "${!knob}" =~ ^[0-9]+$ ]] || bench_die "$knob must be a whole number (got ${!knob})"
done
[ "$ORGANIZATIONS" -gt 0 ] && [ "$DURATION" -gt 0 ] && [ "$CONNECTIONS" -gt 0 ] \
    || bench_die "ORGANIZATIONS, DURATION and CONNECTIONS must be positive"
case "$PAGE_LANGUAGE" in ar | en) ;; *) bench_die "PAGE_LANGUAGE must be ar or en" ;; esac
for fmt in $EXPORT_FORMATS; do
    case "$fmt" in csv | xlsx | json) ;; *) bench_die "EXPORT_FORMATS: unknown format $fmt" ;; esac
done
[ -x /usr/bin/time ] || bench_die "/usr/bin/time (GNU time) is needed: apt-get install time"
command -v pgrep >/dev/null || bench_die "pgrep (procps) is needed"

STARTED=$SECONDS
bench_init
bench_require_wrk
bench_production_env
export BENCH_MAX_OK_STATUS=299  # bench/urls.lua: anything but 2xx is a bad answer

ERRORS=()
error() {
    # A measurement that went wrong: reported now with the gunicorn log, in the summary, and in the exit status.
    ERRORS+=("$1")
    printf 'ERROR: %s\n' "$1" >&2
    if [ -s "$BENCH_TMP/gunicorn.log" ] && [ "$(wc -c <"$BENCH_TMP/gunicorn.log")" -gt "${LOG_SHOWN:-0}" ]; then
        echo "-- the gunicorn log since the last error (tracebacks included):" >&2
        tail -c +$((${LOG_SHOWN:-0} + 1)) "$BENCH_TMP/gunicorn.log" | tail -n 200 >&2
        LOG_SHOWN="$(wc -c <"$BENCH_TMP/gunicorn.log")"
    fi
}

lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 <= b + 0) }'; }  # a <= b, as numbers
mb() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb * 1024 / 1e6 }'; }  # /proc's kB (KiB) in MB (10^6 bytes)
status_kb() { awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status" 2>/dev/null; }  # VmRSS, VmHWM…
two_decimals() { awk -v x="$1" 'BEGIN { if (x ~ /^[0-9.]+$/) printf "%.2f", x; else print x }'; }
grouped() { printf '%s' "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }  # 100000 → 100,000

# -- 1. the databases ------------------------------------------------------------------------------------
SIZES=("$ORGANIZATIONS")
[ "$COMPARE_ORGANIZATIONS" -eq 0 ] || [ "$COMPARE_ORGANIZATIONS" -eq "$ORGANIZATIONS" ] \
    || SIZES+=("$COMPARE_ORGANIZATIONS")
for n in "${SIZES[@]}"; do
    bench_prepare_demo_database "$n"
done
bench_collectstatic
MAIN_DB="shabakat_bench_$ORGANIZATIONS"
bench_use_database "$MAIN_DB"

echo "Shabakat benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
bench_machine | sed 's/^/  /'

# -- 2. real URLs from the database ----------------------------------------------------------------------
sql() { bench_psql_in "$MAIN_DB" "$1" 120; }
ORG_SLUG="$(sql "
    SELECT o.slug FROM networks_organization o
    LEFT JOIN (SELECT parent_id, count(*) AS n FROM networks_organization GROUP BY parent_id) b ON b.parent_id = o.id
    LEFT JOIN (SELECT organization_id, count(*) AS n FROM networks_membership GROUP BY organization_id) m
        ON m.organization_id = o.id
    WHERE o.status = 'active'
    ORDER BY coalesce(b.n, 0) DESC, coalesce(m.n, 0) DESC, o.slug LIMIT 1")"
PERSON_SLUG="$(sql "
    SELECT p.slug FROM networks_person p
    JOIN networks_membership m ON m.person_id = p.id
    JOIN networks_organization o ON o.id = m.organization_id AND o.status <> 'hidden'
    WHERE p.is_public
    GROUP BY p.id, p.slug ORDER BY count(*) DESC, p.slug LIMIT 1")"
IFS='|' read -r COUNTRY CAUSE PAIR_COUNT < <(sql "
    SELECT c.code, ca.slug, count(DISTINCT o.id) FROM networks_organization o
    JOIN networks_organization_areas a ON a.organization_id = o.id
    JOIN networks_place p ON p.id = a.place_id
    JOIN networks_place c ON c.id = p.country_id AND c.kind = 'country'
    JOIN networks_organization_causes oc ON oc.organization_id = o.id
    JOIN networks_cause ca ON ca.id = oc.cause_id
    WHERE o.status <> 'hidden'
    GROUP BY c.code, ca.slug ORDER BY 3 DESC, 1, 2 LIMIT 1") || true
sql_literal() { printf "'%s'" "${1//\'/\'\'}"; }
folded="$("$BENCH_PY" -c 'import sys; from networks.search import normalize; print(normalize(sys.argv[1]))' "$SEARCH_WORD")"
SEARCH_COUNT="$(sql "SELECT count(*) FROM networks_organization
    WHERE status <> 'hidden' AND search_text LIKE '%' || $(sql_literal "$folded") || '%'")"
if [ "${SEARCH_COUNT:-0}" -eq 0 ]; then
    bench_log "no organization contains $SEARCH_WORD: taking the commonest word of the Arabic names"
    IFS='|' read -r SEARCH_WORD SEARCH_COUNT < <(sql "
        SELECT w, count(*) FROM (SELECT regexp_split_to_table(name_ar, '\s+') AS w FROM networks_organization
        WHERE status <> 'hidden') t WHERE char_length(w) >= 4 GROUP BY w ORDER BY 2 DESC, 1 LIMIT 1") || true
fi
VISIBLE="$(sql "SELECT count(*) FROM networks_organization WHERE status <> 'hidden'")"
[ -n "$ORG_SLUG" ] && [ -n "$PERSON_SLUG" ] && [ -n "${COUNTRY:-}" ] && [ -n "${CAUSE:-}" ] && [ -n "$SEARCH_WORD" ] \
    || bench_die "could not find an organization, a person, a country and cause, or a search word in $MAIN_DB"
QUERY="$("$BENCH_PY" -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$SEARCH_WORD")"

L="/$PAGE_LANGUAGE"
PAGES=(home list filtered search organization person)
declare -A PAGE_PATH=(
    [home]="$L/"
    [list]="$L/organizations/"
    [filtered]="$L/organizations/?country=$COUNTRY&cause=$CAUSE"
    [search]="$L/organizations/?q=$QUERY"
    [organization]="$L/organizations/$ORG_SLUG/"
    [person]="$L/people/$PERSON_SLUG/"
)
declare -A PAGE_NOTE=(
    [home]="home page"
    [list]="organizations list, unfiltered"
    [filtered]="list, country=$COUNTRY and cause=$CAUSE ($(grouped "$PAIR_COUNT") organizations)"
    [search]="Arabic search q=$SEARCH_WORD ($(grouped "$SEARCH_COUNT") organizations contain it)"
    [organization]="organization page (most branches, then members)"
    [person]="person page (most memberships)"
)
echo
echo "Database $MAIN_DB: $(grouped "$ORGANIZATIONS") organizations ($(grouped "$VISIBLE") public)"

# -- 3. pages ----------------------------------------------------------------------------------------------
declare -A P50 P75 P90 P99 RPS REQS FIRST
settle() {
    # wrk leaves its last requests running when it stops: let the server finish them before the next run.
    local max_ms="$1" seconds
    seconds="$(awk -v m="$max_ms" -v cap="$REQUEST_TIMEOUT" 'BEGIN { s = m / 1000 + 0.5; if (s > cap) s = cap; printf "%.1f", s }')"
    sleep "$seconds"
}
wrk_errors() {
    # Bad answers and socket errors of a bench_wrk output, as text ("" when none).
    local out="$1" bad connect read_e write timeouts
    bad="$(bench_figure "$out" non_2xx_3xx_counted)" connect="$(bench_figure "$out" connect_errors)"
    read_e="$(bench_figure "$out" read_errors)" write="$(bench_figure "$out" write_errors)"
    timeouts="$(bench_figure "$out" timeouts)"
    [ -n "$bad" ] || { echo "no figures from wrk"; return; }
    [ "$((bad + connect + read_e + write + timeouts))" -eq 0 ] && return
    echo "$bad answers other than 2xx ($(bench_figure "$out" bad_statuses)), socket errors: connect $connect," \
        "read $read_e, write $write, timeout (over ${REQUEST_TIMEOUT}s) $timeouts"
}

measure_page() {
    local name="$1" path="${PAGE_PATH[$1]}" answer code seconds problem
    local urls="$BENCH_TMP/url-$name.txt" warm="$BENCH_TMP/wrk-$name-warmup.txt" out="$BENCH_TMP/wrk-$name.txt"
    answer="$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time "$REQUEST_TIMEOUT" "$BENCH_URL$path")" \
        || answer="000 -"
    read -r code seconds <<<"$answer"
    FIRST[$name]="$(two_decimals "$seconds")"
    if [ "$code" != 200 ]; then
        error "$name $path answered $code (a single request), not 200"
        return
    fi
    echo "$path" >"$urls"
    bench_log "$name: $path — first request ${FIRST[$name]}s; warm-up ${WARMUP}s"
    if [ "$WARMUP" -gt 0 ]; then
        bench_wrk "$warm" "$CONNECTIONS" "$WRK_THREADS" "$WARMUP" "$REQUEST_TIMEOUT" "$urls"
        problem="$(wrk_errors "$warm")"
        [ -z "$problem" ] || { error "$name $path, warm-up: $problem"; return; }
        settle "$(bench_figure "$warm" max_ms)"
    fi
    bench_log "$name: wrk -c $CONNECTIONS -t $WRK_THREADS -d ${DURATION}s --timeout ${REQUEST_TIMEOUT}s --latency"
    bench_wrk "$out" "$CONNECTIONS" "$WRK_THREADS" "$DURATION" "$REQUEST_TIMEOUT" "$urls"
    grep -v '^BENCH ' "$out" | sed 's/^/    /' >&2
    problem="$(wrk_errors "$out")"
    [ -z "$problem" ] || { error "$name $path: $problem"; return; }
    REQS[$name]="$(bench_figure "$out" requests)"
    if [ "${REQS[$name]}" -eq 0 ]; then
        error "$name $path: no request completed in ${DURATION}s (raise DURATION)"
        return
    fi
    P50[$name]="$(bench_figure "$out" p50_ms)" P75[$name]="$(bench_figure "$out" p75_ms)"
    P90[$name]="$(bench_figure "$out" p90_ms)" P99[$name]="$(bench_figure "$out" p99_ms)"
    RPS[$name]="$(bench_figure "$out" rps)"
    settle "$(bench_figure "$out" max_ms)"
}

echo
echo "Pages: gunicorn $WORKERS gthread workers x $THREADS threads; wrk -c $CONNECTIONS -t $WRK_THREADS -d ${DURATION}s" \
    "--timeout ${REQUEST_TIMEOUT}s --latency after ${WARMUP}s of warm-up, each page on its own"
bench_start_gunicorn
printf '  %-13s %9s %9s %9s %9s %8s %8s %9s  %s\n' page p50_ms p75_ms p90_ms p99_ms req/s requests first_s url
for name in "${PAGES[@]}"; do
    measure_page "$name"
    if [ -n "${P50[$name]:-}" ]; then
        printf '  %-13s %9s %9s %9s %9s %8s %8s %9s  %s\n' "$name" "${P50[$name]}" "${P75[$name]}" "${P90[$name]}" \
            "${P99[$name]}" "${RPS[$name]}" "${REQS[$name]}" "${FIRST[$name]}" "${PAGE_PATH[$name]}"
    else
        printf '  %-13s %9s %9s %9s %9s %8s %8s %9s  %s\n' "$name" ERROR - - - - - "${FIRST[$name]:--}" "${PAGE_PATH[$name]}"
    fi
done
for name in "${PAGES[@]}"; do
    printf '    %-13s %s\n' "$name" "${PAGE_NOTE[$name]}"
done
bench_stop_gunicorn

# -- 4. exports --------------------------------------------------------------------------------------------
declare -A EX_BASE EX_HWM EX_TIME EX_SIZE EX_MAXRSS EX_ROWS
measure_export() {
    local n="$1" fmt="$2" key="$1/$2" timefile="$BENCH_TMP/time-$1-$2.txt" file="$BENCH_TMP/export.$2"
    local workers worker answer code seconds size after
    bench_use_database "shabakat_bench_$n"
    BENCH_GUNICORN_WRAPPER=(/usr/bin/time -v -o "$timefile")
    BENCH_READY_PATH="/en/data/"  # a light page: loads the URLs and templates, not the data
    bench_start_gunicorn --workers 1 --worker-class sync --timeout "$EXPORT_TIMEOUT"
    BENCH_GUNICORN_WRAPPER=()
    BENCH_READY_PATH="/en/"
    workers="$(pgrep -P "$BENCH_GUNICORN_PID" || true)"
    [ "$(wc -w <<<"$workers")" -eq 1 ] || bench_die "expected one gunicorn worker under $BENCH_GUNICORN_PID, found: ${workers:-none}"
    worker="$workers"
    EX_BASE[$key]="$(status_kb "$worker" VmRSS)"
    bench_log "export $fmt, N=$n: worker $worker, RSS ${EX_BASE[$key]} kB before the download"
    answer="$(curl -sS -o "$file" -w '%{http_code} %{time_total} %{size_download}' --max-time $((EXPORT_TIMEOUT + 10)) \
        "$BENCH_URL/en/organizations/export.$fmt" 2>"$BENCH_TMP/curl.err")" || {
        answer="$(cat "$BENCH_TMP/curl.err")"
        error "export.$fmt at N=$n: the download failed: $answer (over EXPORT_TIMEOUT=${EXPORT_TIMEOUT}s, the sync worker is killed)"
        bench_stop_gunicorn
        return
    }
    read -r code seconds size <<<"$answer"
    EX_HWM[$key]="$(status_kb "$worker" VmHWM)"
    after="$(pgrep -P "$BENCH_GUNICORN_PID" || true)"
    bench_stop_gunicorn
    EX_MAXRSS[$key]="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$timefile" 2>/dev/null)"
    if [ "$code" != 200 ]; then
        error "export.$fmt at N=$n answered $code, not 200"
        return
    fi
    if [ -z "${EX_HWM[$key]}" ] || [ "$after" != "$worker" ]; then
        error "export.$fmt at N=$n: the worker $worker did not survive the download (now: ${after:-none}; EXPORT_TIMEOUT=${EXPORT_TIMEOUT}s)"
        EX_HWM[$key]=""
        return
    fi
    EX_TIME[$key]="$(two_decimals "$seconds")" EX_SIZE[$key]="$size"
    if [ "$fmt" = csv ]; then
        # The whole file: as many records as public organizations (a CSV record may hold line breaks).
        EX_ROWS[$key]="$(timeout 300 "$BENCH_PY" -c 'import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    print(sum(1 for _ in csv.reader(f)) - 1)' "$file")"
        local expected
        expected="$(bench_psql_in "shabakat_bench_$n" "SELECT count(*) FROM networks_organization WHERE status <> 'hidden'")"
        [ "${EX_ROWS[$key]}" = "$expected" ] \
            || error "export.csv at N=$n holds ${EX_ROWS[$key]} rows, not the $expected public organizations"
    fi
    rm -f "$file"
}

echo
echo "Exports of all organizations (/en/organizations/export.<format>): a fresh gunicorn with one sync worker" \
    "(--timeout $EXPORT_TIMEOUT) under /usr/bin/time -v for each download"
printf '  %-6s %8s %11s %10s %12s %13s %14s %8s\n' format N download_s size_MB rss_before_MB peak_VmHWM_MB time_maxRSS_MB rows
for n in "${SIZES[@]}"; do
    for fmt in $EXPORT_FORMATS; do
        measure_export "$n" "$fmt"
        key="$n/$fmt"
        if [ -n "${EX_TIME[$key]:-}" ]; then
            printf '  %-6s %8s %11s %10s %12s %13s %14s %8s\n' "$fmt" "$n" "${EX_TIME[$key]}" \
                "$(awk -v b="${EX_SIZE[$key]}" 'BEGIN { printf "%.1f", b / 1e6 }')" "$(mb "${EX_BASE[$key]}")" \
                "$(mb "${EX_HWM[$key]}")" "$(mb "${EX_MAXRSS[$key]:-0}")" "${EX_ROWS[$key]:--}"
        else
            printf '  %-6s %8s %11s\n' "$fmt" "$n" ERROR
        fi
    done
done

# -- 5. summary --------------------------------------------------------------------------------------------
unit() { if [ -n "$1" ]; then echo "$1 $2"; else echo error; fi; }  # a figure with its unit, or "error"
verdict() { if [ -z "$1" ]; then echo ERROR; elif lt "$1" "$2"; then echo MET; else echo MISSED; fi; }
verdict_min() { if [ -z "$1" ]; then echo ERROR; elif lt "$2" "$1"; then echo MET; else echo MISSED; fi; }
row() { printf '  %-44s %14s   %-16s %s\n' "$1" "$2" "$3" "$4"; }

echo
echo "Summary (N = $(grouped "$ORGANIZATIONS") organizations; pages at $CONNECTIONS connections for ${DURATION}s each)"
row figure measured target result
for name in "${PAGES[@]}"; do
    row "$name p50" "$(unit "${P50[$name]:-}" ms)" "<= $TARGET_P50_MS ms" "$(verdict "${P50[$name]:-}" "$TARGET_P50_MS")"
    row "$name p99" "$(unit "${P99[$name]:-}" ms)" "<= $TARGET_P99_MS ms" "$(verdict "${P99[$name]:-}" "$TARGET_P99_MS")"
    if [ "$name" = filtered ]; then
        row "filtered requests/s" "${RPS[$name]:-error}" ">= $TARGET_FILTERED_RPS" "$(verdict_min "${RPS[$name]:-}" "$TARGET_FILTERED_RPS")"
    else
        row "$name requests/s" "${RPS[$name]:-error}" "-" "-"
    fi
done
for fmt in $EXPORT_FORMATS; do
    key="$ORGANIZATIONS/$fmt"
    peak="${EX_HWM[$key]:+$(mb "${EX_HWM[$key]}")}"
    if [ "$fmt" = csv ]; then
        row "csv export, N=$ORGANIZATIONS: download" "$(unit "${EX_TIME[$key]:-}" s)" "<= $TARGET_CSV_SECONDS s" \
            "$(verdict "${EX_TIME[$key]:-}" "$TARGET_CSV_SECONDS")"
        row "csv export, N=$ORGANIZATIONS: worker peak RSS" "$(unit "$peak" MB)" "<= $TARGET_CSV_PEAK_MB MB" \
            "$(verdict "$peak" "$TARGET_CSV_PEAK_MB")"
    else
        row "$fmt export, N=$ORGANIZATIONS: download" "$(unit "${EX_TIME[$key]:-}" s)" "-" "-"
        row "$fmt export, N=$ORGANIZATIONS: worker peak RSS" "$(unit "$peak" MB)" "-" "-"
    fi
    if [ "${#SIZES[@]}" -gt 1 ]; then
        small="$COMPARE_ORGANIZATIONS/$fmt"
        small_peak="${EX_HWM[$small]:+$(mb "${EX_HWM[$small]}")}"
        growth=""
        [ -z "$peak" ] || [ -z "$small_peak" ] || growth="$(awk -v a="$peak" -v b="$small_peak" 'BEGIN { printf "%+.1f", a - b }')"
        label="$fmt peak RSS, N=$ORGANIZATIONS vs N=$COMPARE_ORGANIZATIONS"
        if [ "$fmt" = csv ]; then
            row "$label" "$(unit "$growth" MB)" "<= +$FLAT_TOLERANCE_MB MB (flat)" "$(verdict "$growth" "$FLAT_TOLERANCE_MB")"
        else
            status="-"
            [ -z "$growth" ] || { lt "$growth" "$FLAT_TOLERANCE_MB" && status="(flat)" || status="(grows)"; }
            row "$label" "$(unit "$growth" MB)" "-" "$status"
        fi
    fi
done
few=""
for name in "${PAGES[@]}"; do
    [ -z "${REQS[$name]:-}" ] || [ "${REQS[$name]}" -ge 100 ] || few+=" $name (${REQS[$name]})"
done
[ -z "$few" ] || echo "  fewer than 100 requests, so p99 is about the slowest request:$few"
echo "  MB = 10^6 bytes; peak RSS = VmHWM of the one sync worker after the download; the download time is"
echo "  curl's time_total for the whole file."
echo "  load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  the whole run took $((SECONDS - STARTED)) s"
if [ "${#ERRORS[@]}" -gt 0 ]; then
    echo
    echo "BENCHMARK FAILED: ${#ERRORS[@]} error(s):"
    printf '  %s\n' "${ERRORS[@]}"
    exit 1
fi
