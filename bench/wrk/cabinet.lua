-- A member's cabinet: the balance, then the first page of the history, with the member's own token.
--   wrk ... -s bench/wrk/cabinet.lua URL -- <tokens file> <threads>
dofile("bench/wrk/common.lua")
local tokens, n = nil, 0

function init(args)
  tokens = share(args[1], tonumber(args[2]))
end

function request()
  n = n + 1
  local token = tokens[math.floor(n / 2) % #tokens + 1][1]
  local path = (n % 2 == 1) and "/v1/me/balance" or "/v1/me/transactions"
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. token})
end
