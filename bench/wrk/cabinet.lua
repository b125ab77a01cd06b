-- A member's cabinet with the member's own token: the balance, then the first page of the history, in turn.
--   wrk ... -s bench/wrk/cabinet.lua URL -- <tokens file> <threads> [<pause ms> <paths>]
-- <pause ms>: each connection waits a random 0..2×pause (mean: pause) before each request, so that N connections
-- offer about N × 1000 / pause requests per second (an open rate, as a cabinet's visitors arrive) instead of as
-- many as the service can answer. <paths>: "both" (default) or "balance".
dofile("bench/wrk/common.lua")
local tokens, n, pause, balance_only = nil, 0, 0, false

function init(args)
  tokens = share(args[1], tonumber(args[2]))
  pause = tonumber(args[3] or "0")
  balance_only = args[4] == "balance"
  math.randomseed(os.time() + index)
end

function delay()
  if pause > 0 then
    return math.random(0, 2 * pause)
  end
  return 0
end

function request()
  n = n + 1
  local token = tokens[math.floor(n / 2) % #tokens + 1][1]
  local path = (balance_only or n % 2 == 1) and "/v1/me/balance" or "/v1/me/transactions"
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. token})
end
