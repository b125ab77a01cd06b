-- Order-paid events, each sent once with the signature made for it (bench/SignedEvents.java).
--   wrk ... -s bench/wrk/events.lua URL -- <events file> <threads>
dofile("bench/wrk/common.lua")
local events, next_event = nil, 0

function init(args)
  events = share(args[1], tonumber(args[2]))
end

function request()
  next_event = next_event % #events + 1
  local e = events[next_event]
  return wrk.format("POST", "/v1/events", {["Content-Type"] = "application/json", ["X-Api-Key"] = os.getenv("BENCH_SHOP_KEY"),
      ["webhook-id"] = e[1], ["webhook-timestamp"] = e[2], ["webhook-signature"] = e[3]}, e[4])
end
