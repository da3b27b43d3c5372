import { FUNCTION_LIBRARY, PUBLISH_FUNCTION } from './fleetKeys.js';

/**
 * The Redis function that appends a node's events to the fleet log (FUNCTION LOAD, Redis 7).
 * KEYS: log, seq counter, published hash. ARGV: publisher key (`NODE:INCARNATION`), node, max
 * log length, then per event its local seq and its JSON. An event at or below the publisher's
 * high-water mark was published before (a retry after a lost reply, a restart) and is skipped, so
 * every event enters the log once. The entry ID is `SEQ-1` with SEQ from the counter: the log's
 * order is the fleet's seq, the same on every bridge. An entry added by someone else (XADD *)
 * moves the stream's last ID past the counter: the counter then jumps past it.
 * Returns {high-water mark, last fleet seq}.
 */
export const PUBLISH_LIBRARY = `#!lua name=${FUNCTION_LIBRARY}
local function append(log, counter, seq, fields)
  local ok = redis.pcall('XADD', log, 'MAXLEN', '~', fields.maxlen, seq .. '-1', 'n', fields.node, 'l', fields.lseq, 'e', fields.json)
  if type(ok) == 'table' and ok.err then
    local info = redis.call('XINFO', 'STREAM', log)
    for i = 1, #info, 2 do
      if info[i] == 'last-generated-id' then
        local last = tonumber(string.match(info[i + 1], '^(%d+)'))
        redis.call('SET', counter, last)
        seq = redis.call('INCR', counter)
      end
    end
    redis.call('XADD', log, 'MAXLEN', '~', fields.maxlen, seq .. '-1', 'n', fields.node, 'l', fields.lseq, 'e', fields.json)
  end
  return seq
end

local function publish(keys, args)
  local log, counter, published = keys[1], keys[2], keys[3]
  local publisher, node, maxlen = args[1], args[2], args[3]
  local high = tonumber(redis.call('HGET', published, publisher) or '0')
  local seq = tonumber(redis.call('GET', counter) or '0')
  for i = 4, #args, 2 do
    local lseq = tonumber(args[i])
    if lseq > high then
      seq = redis.call('INCR', counter)
      seq = append(log, counter, seq, {maxlen = maxlen, node = node, lseq = args[i], json = args[i + 1]})
      high = lseq
    end
  end
  redis.call('HSET', published, publisher, high)
  return {high, seq}
end

redis.register_function('${PUBLISH_FUNCTION}', publish)
`;
