-- wrk script: spreads requests over the paths of BENCH_URLS (default bench/urls.txt), each thread starting
-- at a different path and taking them in turn, and counts the answers that are not 2xx/3xx, per path.
-- At the end it prints one machine-readable line per figure ("BENCH key value"), which bench/load_test.sh
-- reads. wrk itself also counts non-2xx/3xx answers (summary.errors.status) and socket errors.
-- BENCH_MAX_OK_STATUS (default 399) is the highest status counted as good: bench/benchmark.sh sets 299, so
-- that a redirect counts as a bad answer too.

local urls_file = os.getenv("BENCH_URLS") or "bench/urls.txt"
local paths = {}
for line in io.lines(urls_file) do
  line = line:match("^%s*(.-)%s*$")
  if line ~= "" and line:sub(1, 1) ~= "#" then
    paths[#paths + 1] = line
  end
end
assert(#paths > 0, "no URL in " .. urls_file)
local max_ok = tonumber(os.getenv("BENCH_MAX_OK_STATUS") or "399")

local threads = {}
local thread_count = 0

-- Runs in the main Lua state, once per thread: give each thread its own starting point.
function setup(thread)
  thread_count = thread_count + 1
  thread:set("offset", thread_count)
  threads[#threads + 1] = thread
end

-- Runs in each thread's own Lua state.
local counter = 0
bad = 0              -- non-2xx/3xx answers seen by this thread (globals: done() reads them with thread:get)
bad_statuses = ""    -- "status:count" pairs

local by_status = {}

function init(args)
  counter = (offset or 1) - 1
end

function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  return wrk.format("GET", path, { ["Accept-Language"] = "ar,en;q=0.8" })
end

function response(status, headers, body)
  if status < 200 or status > max_ok then
    bad = bad + 1
    by_status[status] = (by_status[status] or 0) + 1
    local parts = {}
    for code, count in pairs(by_status) do
      parts[#parts + 1] = code .. ":" .. count
    end
    bad_statuses = table.concat(parts, " ")
  end
end

function done(summary, latency, requests)
  local bad_total, by_code, statuses = 0, {}, {}
  for _, thread in ipairs(threads) do
    bad_total = bad_total + (thread:get("bad") or 0)
    for code, count in (thread:get("bad_statuses") or ""):gmatch("(%d+):(%d+)") do
      by_code[code] = (by_code[code] or 0) + tonumber(count)
    end
  end
  for code, count in pairs(by_code) do
    statuses[#statuses + 1] = code .. ":" .. count
  end
  table.sort(statuses)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("BENCH paths %d\n", #paths))
  io.write(string.format("BENCH requests %d\n", summary.requests))
  io.write(string.format("BENCH duration_s %.1f\n", seconds))
  io.write(string.format("BENCH rps %.1f\n", summary.requests / seconds))
  io.write(string.format("BENCH bytes %d\n", summary.bytes))
  for _, p in ipairs({ 50, 75, 90, 99 }) do
    io.write(string.format("BENCH p%d_ms %.1f\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("BENCH max_ms %.1f\n", latency.max / 1000))
  io.write(string.format("BENCH connect_errors %d\n", e.connect))
  io.write(string.format("BENCH read_errors %d\n", e.read))
  io.write(string.format("BENCH write_errors %d\n", e.write))
  io.write(string.format("BENCH timeouts %d\n", e.timeout))
  io.write(string.format("BENCH non_2xx_3xx %d\n", e.status))
  io.write(string.format("BENCH non_2xx_3xx_counted %d\n", bad_total))
  io.write(string.format("BENCH bad_statuses %s\n", table.concat(statuses, " ")))
end
