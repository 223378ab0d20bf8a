-- A bounded mixed read/write load for bench/soak.sh: nine reads of the public pages for every
-- write, the write being a committee member posting a ledger entry (as the web app does: JSON,
-- the session cookie, a same-origin Origin header). Amounts differ per request.
local cookie = os.getenv("XINYI_COOKIE")
local origin = os.getenv("XINYI_ORIGIN")
local reads = {
  "/api/v1/public/compounds/1",
  "/api/v1/public/compounds/1/feed?limit=50",
  "/api/v1/public/compounds/1/balances",
  "/api/v1/public/compounds/1/sth",
  "/api/v1/public/compounds/2/feed?limit=20",
  "/api/v1/public/compounds/1/votes",
  "/api/v1/public/compounds/3/settlement?period=2026-10",
  "/api/v1/public/compounds/1/arrears",
  "/api/v1/public/compounds/4/tenders",
}
local n = 0
request = function()
  n = n + 1
  if n % 10 == 0 then
    local fen = 100 + n % 9000
    local body = string.format('{"date":"2026-11-20","description":"压力测试 %d","postings":[{"account":"1001","amount_fen":%d},{"account":"4002","amount_fen":-%d}]}', n, fen, fen)
    return wrk.format("POST", "/api/v1/compounds/1/ledger/transactions",
      { ["Content-Type"] = "application/json", ["Cookie"] = cookie, ["Origin"] = origin }, body)
  end
  return wrk.format("GET", reads[n % #reads + 1])
end
