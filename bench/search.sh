#!/usr/bin/env bash
# The figures of the issue "Find any organization in under 100 ms at 100,000 organizations, without the page
# cache": the list, facet and search pages on PostgreSQL with N demo organizations, page cache OFF, then the
# same pages with the page cache on, then (when SQLITE_FILE is given) SQLite and Datasette side by side.
#
# Run from the repository root:   bench/search.sh
#   ORGANIZATIONS=100000 DURATION=10 bench/search.sh                       (the defaults)
#   SQLITE_FILE=/tmp/demo.sqlite3 bench/search.sh    also SQLite, and Datasette on the same file
#
# What it does, every step bounded in time:
#   1. the demo database shabakat_bench_<N> (bench/lib.sh: reused, copied from BENCH_DEMO_TEMPLATE, or
#      generated), migrated; production-like settings; gunicorn (WORKERS gthread workers x THREADS threads);
#   2. page cache off (DJANGO_PAGE_CACHE_SECONDS=0): each page of PAGES, after one request that must answer
#      200 (it also fills the per-process data: facet bitmaps, orders), with wrk at 1 connection then at 8
#      connections for DURATION seconds each: p50, p99 and requests/s;
#   3. 50 connections for 60 s (DISTINCT_DURATION) over DISTINCT distinct URLs, none asked twice: one to
#      three of country, cause, kind and sort, and a third of them a search for a word of a random
#      organization's name: timeouts (REQUEST_TIMEOUT) and errors;
#   4. page cache on (600 s): the same pages at 8 connections;
#   5. SQLITE_FILE: gunicorn on that SQLite file and Datasette (installed from PyPI into a virtualenv under
#      $BENCH_DATASETTE_VENV when missing) on the same file, in turn, at 8 connections: the list and the
#      country-filtered list, 20 rows each, Datasette with facets on kind, scope and status; and our pages'
#      p50 at 1 connection on SQLite;
#   6. a summary: every figure next to its target.
#
# Exit status: 0 when every measurement ran (a missed target is a figure, not an error), 1 when a page did
# not answer 200, gunicorn did not start, or a step overran its time limit.
#
# Environment: ORGANIZATIONS (100000), DURATION (10), DISTINCT (3000), DISTINCT_DURATION (60),
# REQUEST_TIMEOUT (10), SQLITE_FILE (none), DATASETTE_DURATION (60), BENCH_DATASETTE_VENV (/tmp/shabakat-datasette), and those of
# bench/lib.sh (BENCH_PG, BENCH_DEMO_TEMPLATE, WORKERS, THREADS…).
set -euo pipefail

ORGANIZATIONS="${ORGANIZATIONS:-100000}"
DURATION="${DURATION:-10}"
DISTINCT="${DISTINCT:-3000}"
DISTINCT_DURATION="${DISTINCT_DURATION:-60}"
REQUEST_TIMEOUT="${REQUEST_TIMEOUT:-10}"
SQLITE_FILE="${SQLITE_FILE:-}"
DATASETTE_DURATION="${DATASETTE_DURATION:-60}"
BENCH_DATASETTE_VENV="${BENCH_DATASETTE_VENV:-/tmp/shabakat-datasette}"

# The issue's targets.
TARGET_P50_MS=100
TARGET_P99_MS=300
TARGET_RPS=30
TARGET_DETAIL_P50_MS=50
TARGET_SQLITE_P50_MS=300
TARGET_DATASETTE_RATIO=5

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
for knob in ORGANIZATIONS DURATION DISTINCT DISTINCT_DURATION REQUEST_TIMEOUT; do
    [[ "${!knob}" =~ ^[1-9][0-9]*$ ]] || bench_die "$knob must be a positive whole number (got ${!knob})"
done
[ -z "$SQLITE_FILE" ] || [ -f "$SQLITE_FILE" ] || bench_die "SQLITE_FILE: no file at $SQLITE_FILE"

STARTED=$SECONDS
bench_init
bench_require_wrk
bench_production_env
export BENCH_MAX_OK_STATUS=299
bench_prepare_demo_database "$ORGANIZATIONS"
bench_collectstatic
DB="shabakat_bench_$ORGANIZATIONS"
bench_use_database "$DB"

echo "Shabakat search and facet pages, $(date -u '+%Y-%m-%d %H:%M UTC')"
bench_machine | sed 's/^/  /'

sql() { bench_psql_in "$DB" "$1" 60; }
ORG_SLUG="$(sql "SELECT o.slug FROM networks_organization o JOIN networks_organization b ON b.parent_id = o.id
    WHERE o.status = 'active' GROUP BY o.id, o.slug ORDER BY count(*) DESC, o.slug LIMIT 1")"
PERSON_SLUG="$(sql "SELECT p.slug FROM networks_person p JOIN networks_membership m ON m.person_id = p.id
    WHERE p.is_public GROUP BY p.id, p.slug ORDER BY count(*) DESC, p.slug LIMIT 1")"
[ -n "$ORG_SLUG" ] && [ -n "$PERSON_SLUG" ] || bench_die "no organization or person in $DB"

urlencode() { "$BENCH_PY" -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
AR="$(urlencode 'ائتلاف')"
PAGES=(list country country_cause search_ar search_en search_facet common_word organization person)
declare -A PAGE_PATH=(
    [list]="/ar/organizations/"
    [country]="/ar/organizations/?country=MA"
    [country_cause]="/ar/organizations/?country=MA&cause=womens-rights"
    [search_ar]="/ar/organizations/?q=$AR"
    [search_en]="/en/organizations/?q=coalition"
    [search_facet]="/en/organizations/?q=coalition&kind=coalition"
    [common_word]="/en/organizations/?q=women&country=MA"
    [organization]="/ar/organizations/$ORG_SLUG/"
    [person]="/ar/people/$PERSON_SLUG/"
)

declare -A P50 P99 RPS C8_P50 C8_P99 C8_RPS CACHED_RPS SQLITE_P50
ERRORS=()
one_path() { printf '%s\n' "$1" >"$BENCH_TMP/one.txt"; echo "$BENCH_TMP/one.txt"; }
measure() {
    # usage: measure PAGE CONNECTIONS [SECONDS [TIMEOUT]]: wrk on one page; sets M_P50, M_P99 and M_RPS.
    local out="$BENCH_TMP/wrk.out" code bad
    M_P50="-" M_P99="-" M_RPS="-"
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "$BENCH_URL${PAGE_PATH[$1]}")"
    [ "$code" = 200 ] || { ERRORS+=("${PAGE_PATH[$1]} answered $code"); return 0; }
    bench_wrk "$out" "$2" 2 "${3:-$DURATION}" "${4:-$REQUEST_TIMEOUT}" "$(one_path "${PAGE_PATH[$1]}")"
    bad=$(($(bench_figure "$out" non_2xx_3xx_counted) + $(bench_figure "$out" timeouts)))
    [ "$bad" = 0 ] || ERRORS+=("${PAGE_PATH[$1]} at $2 connections: $bad bad answers or timeouts")
    M_P50="$(bench_figure "$out" p50_ms)" M_P99="$(bench_figure "$out" p99_ms)" M_RPS="$(bench_figure "$out" rps)"
    sleep 1
}

# -- 2. page cache off -------------------------------------------------------------------------------------
export DJANGO_PAGE_CACHE_SECONDS=0
bench_start_gunicorn
echo
echo "PostgreSQL, $ORGANIZATIONS demo organizations, page cache OFF, gunicorn ${WORKERS:-3}x${THREADS:-4}:"
for page in "${PAGES[@]}"; do
    measure "$page" 1
    P50[$page]="$M_P50" P99[$page]="$M_P99" RPS[$page]="$M_RPS"
    measure "$page" 8
    C8_P50[$page]="$M_P50" C8_P99[$page]="$M_P99" C8_RPS[$page]="$M_RPS"
    printf '  %-14s 1 conn: p50 %7s ms  p99 %7s ms  %6s req/s | 8 conns: %6s req/s  p50 %7s ms  p99 %7s ms   %s\n' \
        "$page" "${P50[$page]}" "${P99[$page]}" "${RPS[$page]}" "${C8_RPS[$page]}" "${C8_P50[$page]}" \
        "${C8_P99[$page]}" "${PAGE_PATH[$page]}"
done

# -- 3. 50 connections on distinct uncached URLs ------------------------------------------------------------
"$BENCH_PY" - "$DISTINCT" >"$BENCH_TMP/distinct.txt" <<'PY'
import itertools, random, sys, urllib.parse
import django
django.setup()
from networks.models import FacetValue, SearchDocument
values = {}
for facet, value in FacetValue.objects.values_list("facet", "value").distinct():
    values.setdefault(facet, []).append(value)
rng = random.Random(1)
# Searches for words of the organizations' own names, as typed (a random name's random word), so common and
# rare words come in the proportions the directory has them.
names = SearchDocument.objects.order_by("pk").values_list("organization__name_en", "organization__name_ar")[:2000]
words = [word for pair in names for name in pair if name for word in name.split() if len(word) > 3]
paths = set()
while len(paths) < int(sys.argv[1]):
    params = [("country", rng.choice(values["country"])), ("cause", rng.choice(values["cause"])),
              ("kind", rng.choice(values["kind"])), ("sort", rng.choice(["name", "founded", "-founded"]))]
    params = rng.sample(params, rng.randint(1, 3))
    if rng.random() < 1 / 3:
        params.append(("q", rng.choice(words)))
    paths.add(f"/{rng.choice(['ar', 'en'])}/organizations/?{urllib.parse.urlencode(params)}")
print("\n".join(sorted(paths, key=lambda p: rng.random())))
PY
bench_wrk "$BENCH_TMP/distinct.out" 50 2 "$DISTINCT_DURATION" "$REQUEST_TIMEOUT" "$BENCH_TMP/distinct.txt"
D_REQ="$(bench_figure "$BENCH_TMP/distinct.out" requests)"
D_TIMEOUTS="$(bench_figure "$BENCH_TMP/distinct.out" timeouts)"
D_ERRORS=$(($(bench_figure "$BENCH_TMP/distinct.out" non_2xx_3xx_counted) + $(bench_figure "$BENCH_TMP/distinct.out" \
    connect_errors) + $(bench_figure "$BENCH_TMP/distinct.out" read_errors)))
echo "  50 connections, ${DISTINCT_DURATION} s, $DISTINCT distinct URLs: $D_REQ requests," \
    "$(bench_figure "$BENCH_TMP/distinct.out" rps) req/s, p50 $(bench_figure "$BENCH_TMP/distinct.out" p50_ms) ms," \
    "p99 $(bench_figure "$BENCH_TMP/distinct.out" p99_ms) ms, $D_TIMEOUTS timeouts, $D_ERRORS errors" \
    "(statuses other than 2xx: $(bench_figure "$BENCH_TMP/distinct.out" bad_statuses))"
[ "$D_REQ" -le "$DISTINCT" ] || echo "  (more requests than URLs: some were asked twice; raise DISTINCT)"
sleep "$REQUEST_TIMEOUT"
bench_stop_gunicorn

# -- 4. page cache on -------------------------------------------------------------------------------------
export DJANGO_PAGE_CACHE_SECONDS=600
bench_start_gunicorn
echo
echo "Page cache ON (each URL computed once, then served from the cache), 8 connections:"
for page in "${PAGES[@]}"; do
    measure "$page" 8
    CACHED_RPS[$page]="$M_RPS"
    printf '  %-14s %7s req/s\n' "$page" "${CACHED_RPS[$page]}"
done
bench_stop_gunicorn
export DJANGO_PAGE_CACHE_SECONDS=0

# -- 5. SQLite and Datasette, side by side ----------------------------------------------------------------
DS_RPS_LIST="" DS_RPS_COUNTRY=""
if [ -n "$SQLITE_FILE" ]; then
    SQLITE_FILE="$(cd "$(dirname "$SQLITE_FILE")" && pwd)/$(basename "$SQLITE_FILE")"
    export DATABASE_URL="sqlite:///$SQLITE_FILE"
    bench_manage 600 migrate --no-input >/dev/null
    bench_start_gunicorn
    echo
    echo "SQLite ($SQLITE_FILE), page cache off:"
    for page in list country country_cause search_ar search_en search_facet common_word; do
        measure "$page" 1
        SQLITE_P50[$page]="$M_P50"
        printf '  %-14s 1 conn: p50 %7s ms\n' "$page" "${SQLITE_P50[$page]}"
    done
    measure list 8
    SQ_RPS_LIST="$M_RPS"
    measure country 8
    SQ_RPS_COUNTRY="$M_RPS"
    bench_stop_gunicorn
    bench_start_datasette "$SQLITE_FILE" --setting sql_time_limit_ms 10000 --setting default_page_size 20
    port="$DATASETTE_PORT"
    DBNAME="$(basename "$SQLITE_FILE" | sed 's/\.[^.]*$//')"
    FACETS="_facet=kind&_facet=scope&_facet=status&_size=20&status__not=hidden"
    MA_ID="$("$BENCH_PY" -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT id FROM networks_place WHERE code = ?", ["MA"]).fetchone()[0])' \
        "$SQLITE_FILE")"
    # Datasette's own order (rowid): its quickest; ours are sorted by name.
    PAGE_PATH[ds_list]="/$DBNAME/networks_organization?$FACETS"
    PAGE_PATH[ds_country]="/$DBNAME/networks_organization?$FACETS&_where=id%20in%20(select%20organization_id%20from%20networks_organization_areas%20a%20join%20networks_place%20p%20on%20p.id%3Da.place_id%20where%20p.country_id%3D${MA_ID:-0})"
    for _ in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 1; done
    OLD_URL="$BENCH_URL" BENCH_URL="http://127.0.0.1:$port"
    # Datasette takes seconds a page here: a longer run and timeout, so that its rate is measured at all.
    measure ds_list 8 "$DATASETTE_DURATION" 120
    DS_RPS_LIST="$M_RPS"
    measure ds_country 8 "$DATASETTE_DURATION" 120
    DS_RPS_COUNTRY="$M_RPS"
    BENCH_URL="$OLD_URL"
    kill "$DATASETTE_PID"
    echo "  8 connections, list:    Shabakat $SQ_RPS_LIST req/s, Datasette $DS_RPS_LIST req/s"
    echo "  8 connections, country: Shabakat $SQ_RPS_COUNTRY req/s, Datasette $DS_RPS_COUNTRY req/s"
fi

# -- 6. summary --------------------------------------------------------------------------------------------
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a != "-" && a + 0 <= b + 0) }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a != "-" && a + 0 >= b + 0) }'; }
verdict() { if "$@"; then echo MET; else echo MISSED; fi; }
echo
echo "Summary (page cache off unless said), targets of the issue:"
for page in list country country_cause search_ar search_en search_facet; do
    printf '  %-14s p50 %7s ms (<= %s) %-6s p99 %7s ms (<= %s) %-6s 8 conns %6s req/s (>= %s) %s\n' "$page" \
        "${P50[$page]}" $TARGET_P50_MS "$(verdict le "${P50[$page]}" $TARGET_P50_MS)" \
        "${P99[$page]}" $TARGET_P99_MS "$(verdict le "${P99[$page]}" $TARGET_P99_MS)" \
        "${C8_RPS[$page]}" $TARGET_RPS "$(verdict ge "${C8_RPS[$page]}" $TARGET_RPS)"
done
printf '  %-14s p99 %7s ms (<= %s) %s\n' common_word "${P99[common_word]}" $TARGET_P99_MS \
    "$(verdict le "${P99[common_word]}" $TARGET_P99_MS)"
for page in organization person; do
    printf '  %-14s p50 %7s ms (<= %s) %s\n' "$page" "${P50[$page]}" $TARGET_DETAIL_P50_MS \
        "$(verdict le "${P50[$page]}" $TARGET_DETAIL_P50_MS)"
done
printf '  50 connections on distinct URLs: %s timeouts, %s errors (0 and 0) %s\n' "$D_TIMEOUTS" "$D_ERRORS" \
    "$(verdict test "$D_TIMEOUTS$D_ERRORS" = 00)"
if [ -n "$SQLITE_FILE" ]; then
    for page in "${!SQLITE_P50[@]}"; do
        printf '  SQLite %-14s p50 %7s ms (<= %s) %s\n' "$page" "${SQLITE_P50[$page]}" $TARGET_SQLITE_P50_MS \
            "$(verdict le "${SQLITE_P50[$page]}" $TARGET_SQLITE_P50_MS)"
    done
    for pair in "list $SQ_RPS_LIST $DS_RPS_LIST" "country $SQ_RPS_COUNTRY $DS_RPS_COUNTRY"; do
        read -r name ours theirs <<<"$pair"
        ratio="$(awk -v a="$ours" -v b="$theirs" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }')"
        printf '  vs Datasette, %-8s %sx (>= %sx) %s\n' "$name" "$ratio" $TARGET_DATASETTE_RATIO \
            "$(verdict ge "$ratio" $TARGET_DATASETTE_RATIO)"
    done
fi
echo "  run time: $((SECONDS - STARTED)) s"
if [ "${#ERRORS[@]}" -gt 0 ]; then
    printf 'ERROR: %s\n' "${ERRORS[@]}" >&2
    exit 1
fi
