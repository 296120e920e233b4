-- wrk script for POST /v1/partners/validateresellers with ids drawn at random (bench/run.sh,
-- large world). Each thread builds a pool of complete requests in init(), so request() only
-- hands out the next one and Lua costs nothing per request.
--
-- The ids come from WRK_FIRST .. WRK_FIRST + WRK_SPACE - 1. Thread k of WRK_THREADS takes every
-- WRK_THREADS-th of them and deals them out in a random order (its own seed), reshuffling when
-- it has dealt them all: every request's ids are uniformly distributed over the range, the ids
-- of one body are distinct, and one pass through the pools requests every id of the range, so
-- the run's working set is the whole range whatever the pool size.
--
-- Environment:
--   WRK_TOKEN    bearer token (required)
--   WRK_IDS      ids per body (default 1)
--   WRK_FIRST    lowest id (default 7000001); WRK_SPACE how many consecutive ids (default 100000);
--                all of them must have the same number of digits
--   WRK_THREADS  wrk's -t (default 2)
--   WRK_POOL     requests per thread (default: one pass over the thread's ids, at least 2,000)
--   WRK_SEED     base seed (default: the clock); thread k seeds with WRK_SEED * 1000 + k
--   WRK_PATH     request path (default /v1/partners/validateresellers)
-- done() (report.lua) prints one line "WRKJSON {...}" that run.sh parses.

local token = os.getenv("WRK_TOKEN") or ""
local per_body = tonumber(os.getenv("WRK_IDS") or "1")
local first = tonumber(os.getenv("WRK_FIRST") or "7000001")
local space = tonumber(os.getenv("WRK_SPACE") or "100000")
local threads = tonumber(os.getenv("WRK_THREADS") or "2")
local pool_size = tonumber(os.getenv("WRK_POOL") or "0")
local base_seed = tonumber(os.getenv("WRK_SEED") or tostring(os.time()))
local path = os.getenv("WRK_PATH") or "/v1/partners/validateresellers"
local share = math.floor(space / threads)
if pool_size <= 0 then pool_size = math.max(2000, math.ceil(share / per_body)) end

-- wrk reports a failing script but still runs the load (as non-2xx answers), so stop at once.
local function fail(message)
  io.stderr:write("random.lua: " .. message .. "\n")
  os.exit(2)
end
if token == "" then fail("WRK_TOKEN is required") end
if per_body < 1 or per_body > share then fail("WRK_IDS must be between 1 and WRK_SPACE / WRK_THREADS") end
if #tostring(first) ~= #tostring(first + space - 1) then fail("the ids of WRK_FIRST .. + WRK_SPACE differ in length") end

local started = 0
function setup(thread)
  started = started + 1
  thread:set("thread_index", started)
end

local pool = {}
local next_index = 0

function init(args)
  local k = thread_index or 1
  if k > threads then fail("more wrk threads than WRK_THREADS") end
  math.randomseed(base_seed * 1000 + k)
  local mine = {}
  for offset = k - 1, space - 1, threads do mine[#mine + 1] = '"' .. (first + offset) .. '"' end
  -- Fisher-Yates over `mine`, one step per dealt id.
  local dealt = #mine
  local function deal()
    if dealt == #mine then dealt = 0 end
    dealt = dealt + 1
    local j = math.random(dealt, #mine)
    mine[dealt], mine[j] = mine[j], mine[dealt]
    return mine[dealt]
  end
  -- A new pass may deal an id the body already holds (only at a pass boundary): skip it.
  local ids, seen, stamp = {}, {}, 0
  local function body()
    stamp = stamp + 1
    local n = 0
    while n < per_body do
      local id = deal()
      if seen[id] ~= stamp then
        seen[id] = stamp
        n = n + 1
        ids[n] = id
      end
    end
    return '{"partnerIds":[' .. table.concat(ids, ",", 1, n) .. ']}'
  end
  -- All ids have the same length, so all bodies do: one formatted request gives the head. init()
  -- runs after the previous threads have started their load, so it must be quick.
  local sample = body()
  local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}
  local head = wrk.format("POST", path, headers, sample)
  head = head:sub(1, #head - #sample)
  pool[1] = head .. sample
  for r = 2, pool_size do pool[r] = head .. body() end
end

function request()
  next_index = next_index % pool_size + 1
  return pool[next_index]
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "report.lua")
