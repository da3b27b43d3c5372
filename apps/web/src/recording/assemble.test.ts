import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@qmpscope/events';
import { defaultVmName, RecordingAssembler } from './assemble';
import { toJsonArray, toNdjson } from './exportEvents';
import { LineSplitter } from './lineSplitter';
import { parseLine } from './parseLine';

const stored: StoredEvent[] = [
  { seq: 3, vm: 'a', event: 'STOP', timestamp: { seconds: 10, microseconds: 5 }, receivedAt: 10_000.5 },
  {
    seq: 9,
    vm: 'b',
    event: 'BALLOON_CHANGE',
    data: { actual: '123456789012345678' },
    timestamp: { seconds: 11, microseconds: 0 },
    receivedAt: 11_000,
  },
];

function importText(text: string, name = 'x.ndjson') {
  const asm = new RecordingAssembler(name);
  const split = new LineSplitter();
  let n = 0;
  // Odd chunk sizes: lines must survive being cut anywhere.
  for (let i = 0; i < text.length; i += 7) for (const l of split.push(text.slice(i, i + 7))) asm.add(parseLine(l), ++n);
  for (const l of split.end()) asm.add(parseLine(l), ++n);
  return asm.finish();
}

describe('export and import', () => {
  it('NDJSON lines are QMP events plus vm and seq, and read back as the same events', () => {
    const text = toNdjson(stored);
    expect(text.split('\n')[0]).toBe('{"event":"STOP","timestamp":{"seconds":10,"microseconds":5},"vm":"a","seq":3}');
    const r = importText(text);
    expect(r.events.map(({ receivedAt: _r, ...e }) => e)).toEqual(stored.map(({ receivedAt: _r, ...e }) => e));
    expect(r.seqsAssigned).toBe(false);
    expect(r.skippedCount).toBe(0);
  });
  it('the JSON export is valid JSON and imports too', () => {
    const text = toJsonArray(stored);
    expect(JSON.parse(text)).toHaveLength(2);
    expect(importText(text).events.map((e) => e.seq)).toEqual([3, 9]);
    expect(JSON.parse(toJsonArray([]))).toEqual([]);
  });
  it('numbers plain QMP lines in file order, names the VM after the file, and lists skipped lines', () => {
    const text = [
      '{"QMP":{}}',
      '{"event":"STOP","timestamp":{"seconds":1,"microseconds":0}}',
      'garbage',
      '{"event":"RESUME","timestamp":{"seconds":2,"microseconds":0}}\r',
      '',
    ].join('\n');
    const r = importText(text, '/tmp/my vm.log');
    expect(r.events.map((e) => [e.seq, e.vm, e.event])).toEqual([
      [1, 'my_vm', 'STOP'],
      [2, 'my_vm', 'RESUME'],
    ]);
    expect(r.seqsAssigned).toBe(true);
    expect(r.skipped.map((s) => s.line)).toEqual([1, 3]);
    expect(r.skippedCount).toBe(2);
    expect(r.vms).toEqual(['my_vm']);
  });
  it('renumbers when seqs repeat (two exports concatenated)', () => {
    const r = importText(toNdjson(stored) + toNdjson(stored));
    expect(r.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(r.seqsAssigned).toBe(true);
  });
  it('derives safe default VM names', () => {
    expect(defaultVmName('events.ndjson')).toBe('events');
    expect(defaultVmName('')).toBe('recording');
  });
});
