-- wrk script: POSTs one pre-signed webhook body with its own X-GitHub-Delivery on every request.
-- Usage: wrk -t2 -c32 -d10s --latency -s bench/wrk/webhook.lua URL -- BODY_FILE SIGNATURE EVENT
-- The signature covers the body only (X-Hub-Signature-256 = sha256=HMAC(secret, body)), and every
-- request sends the same body, so it is computed once by the caller; only the delivery id varies.
local threads = {}
local next_thread = 0

function setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

function init(args)
  local f = assert(io.open(args[1], "rb"))
  local body = f:read("*a")
  f:close()
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-Hub-Signature-256"] = args[2]
  wrk.headers["X-GitHub-Event"] = args[3] or "pull_request"
  counter = 0
  prefix = "wrk-" .. os.time() .. "-" .. thread_id .. "-"
end

function request()
  counter = counter + 1
  wrk.headers["X-GitHub-Delivery"] = prefix .. counter
  return wrk.format()
end
