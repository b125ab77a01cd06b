-- Shared by the bench/run.sh scenarios: each wrk thread gets its index, reads its share of a tab-separated file
-- and prints one machine-readable line at the end (bench/run.sh turns it into the table).
local counter = 0
function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
end

-- The lines of `file` this thread owns (every threads-th line), each split on tabs.
function share(file, threads)
  local rows, n = {}, 0
  for line in io.lines(file) do
    if n % threads == index then
      local fields = {}
      for field in string.gmatch(line, "[^\t]+") do fields[#fields + 1] = field end
      rows[#rows + 1] = fields
    end
    n = n + 1
  end
  return rows
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
      + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors, summary.requests))
end
