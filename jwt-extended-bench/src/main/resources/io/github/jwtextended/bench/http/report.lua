-- wrk script of HttpLoad: the method comes from WRK_METHOD (headers are given with -H);
-- at the end one line "RESULT {...}" with the counts and latency percentiles in microseconds.
wrk.method = os.getenv("WRK_METHOD") or "GET"

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT {\"requests\": %d, \"duration_us\": %d, \"non2xx\": %d, \"socket_errors\": %d, " ..
    "\"p50_us\": %d, \"p90_us\": %d, \"p99_us\": %d, \"mean_us\": %.1f}\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean))
end
