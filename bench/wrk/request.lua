-- wrk script shared by every fixed-request scenario of bench/run.sh.
-- Environment: WRK_METHOD (default GET), WRK_TOKEN (adds "Authorization: Bearer ..."),
-- WRK_BODY_FILE (request body, sent with Content-Type: application/json).
-- done() (report.lua) prints one line "WRKJSON {...}" that run.sh parses.

local method = os.getenv("WRK_METHOD") or "GET"
local token = os.getenv("WRK_TOKEN")
local body_file = os.getenv("WRK_BODY_FILE")

wrk.method = method
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
if body_file and body_file ~= "" then
  local f = assert(io.open(body_file, "rb"))
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = "application/json"
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "report.lua")
