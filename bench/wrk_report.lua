-- wrk reporter for Garda benches: counts every non-2xx response (wrk itself only counts
-- status >= 400, so a redirect to the login page would pass unnoticed), optionally checks
-- that each 2xx body contains an expected string, and prints one JSON line at the end:
--
--   WRK_JSON {"requests": ..., "rps": ..., "latency_ms": {"p50": ...}, "errors": {...}}
--
-- Usage: wrk -t2 -c16 -d10s -s bench/wrk_report.lua URL -- [expected-substring]
-- bench/_harness.py runs it and parses the line; it is not meant to be read by people.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  unexpected_body = 0
  first_bad_status = 0
  expect = args[1]
  if expect == "" then
    expect = nil
  end
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_bad_status == 0 then
      first_bad_status = status
    end
  elseif expect ~= nil and (body == nil or not string.find(body, expect, 1, true)) then
    unexpected_body = unexpected_body + 1
  end
end

local function ms(microseconds)
  return microseconds / 1000.0
end

function done(summary, latency, requests)
  local total_non2xx, total_unexpected, bad_status = 0, 0, 0
  for _, thread in ipairs(threads) do
    total_non2xx = total_non2xx + thread:get("non2xx")
    total_unexpected = total_unexpected + thread:get("unexpected_body")
    local status = thread:get("first_bad_status")
    if bad_status == 0 and status ~= 0 then
      bad_status = status
    end
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_s": %.6f, "rps": %.3f, "bytes": %d, '
      .. '"latency_ms": {"mean": %.3f, "stdev": %.3f, "p50": %.3f, "p90": %.3f, '
      .. '"p95": %.3f, "p99": %.3f, "max": %.3f}, '
      .. '"errors": {"non2xx": %d, "first_bad_status": %d, "unexpected_body": %d, '
      .. '"connect": %d, "read": %d, "write": %d, "timeout": %d}}\n',
    summary.requests, seconds, summary.requests / seconds, summary.bytes,
    ms(latency.mean), ms(latency.stdev), ms(latency:percentile(50)),
    ms(latency:percentile(90)), ms(latency:percentile(95)), ms(latency:percentile(99)),
    ms(latency.max),
    total_non2xx, bad_status, total_unexpected,
    e.connect, e.read, e.write, e.timeout
  ))
end
