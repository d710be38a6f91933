-- A mixed registry load for wrk: reads of every kind and idempotent writes.
-- (No HEAD: wrk would wait for a body a HEAD response never has.)
-- Every request here must answer 2xx; anything else is counted and reported.
local paths = {}
local unexpected = 0

init = function(args)
  manifest = args[1]
  blob = args[2]
  small = args[3]
  smallDigest = args[4]
  paths = {
    {"GET", "/v2/soak/app/manifests/v1", {Accept = "application/vnd.oci.image.manifest.v1+json"}},
    {"GET", "/v2/soak/app/blobs/" .. blob, {}},
    {"GET", "/v2/soak/app/blobs/" .. blob, {Range = "bytes=100-4195"}},
    {"GET", "/v2/soak/app/tags/list", {}},
    {"GET", "/v2/_catalog?n=10", {}},
    {"GET", "/v2/", {}},
    {"PUT", "/v2/soak/app/manifests/v1", {["Content-Type"] = "application/vnd.oci.image.manifest.v1+json"}, manifest},
    {"POST", "/v2/soak/app/blobs/uploads/?digest=" .. smallDigest, {["Content-Type"] = "application/octet-stream"}, small},
  }
end

local i = 0
request = function()
  i = i + 1
  local p = paths[(i % #paths) + 1]
  return wrk.format(p[1], p[2], p[3], p[4])
end

response = function(status, headers, body)
  if status < 200 or status > 299 then
    unexpected = unexpected + 1
  end
end

done = function(summary, latency, requests)
  io.write(string.format("soak: %d requests, %d socket errors (connect %d, read %d, write %d, timeout %d)\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
