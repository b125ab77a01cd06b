-- Paying with bonuses: a quote for a 5-line cart, then applying it (a reservation for a new order), in turn.
--   wrk ... -s bench/wrk/spend.lua URL -- <member prefix> <first member> <last member> <threads>
dofile("bench/wrk/common.lua")
local prefix, first, last, threads, n, member = nil, 0, 0, 1, 0, nil
local lines = '[{"sku":"SKI-1","category":"ski","unitPrice":"120.00","quantity":1},'
    .. '{"sku":"POLE-2","category":"ski","unitPrice":"35.50","quantity":2},'
    .. '{"sku":"GLOVE-3","category":"apparel","unitPrice":"19.99","quantity":3},'
    .. '{"sku":"HAT-4","category":"apparel","unitPrice":"12.00","quantity":1},'
    .. '{"sku":"WAX-5","category":"care","unitPrice":"7.25","quantity":4}]'

function init(args)
  prefix, first, last, threads = args[1], tonumber(args[2]), tonumber(args[3]), tonumber(args[4])
end

function request()
  n = n + 1
  local headers = {["Content-Type"] = "application/json", ["X-Api-Key"] = os.getenv("BENCH_SHOP_KEY")}
  if n % 2 == 1 then
    -- Each thread walks its own members so that no two reservations wait for one account.
    member = prefix .. (first + (math.floor(n / 2) * threads + index) % (last - first + 1))
    return wrk.format("POST", "/v1/quotes", headers, '{"externalId":"' .. member .. '","lines":' .. lines .. '}')
  end
  local order = "bench-" .. index .. "-" .. n .. "-" .. os.time()
  return wrk.format("POST", "/v1/redemptions", headers,
      '{"externalId":"' .. member .. '","orderId":"' .. order .. '","lines":' .. lines .. '}')
end
