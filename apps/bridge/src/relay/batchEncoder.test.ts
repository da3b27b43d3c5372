import { describe, expect, it, vi } from 'vitest';
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';
import type { StoredEvent } from '@qmpscope/events';
import { BatchEncoder } from './batchEncoder.js';
import { EncodedBatch, encodedOnce } from './encodedBatch.js';

const events: StoredEvent[] = [
  { seq: 1, vm: 'a"b', event: 'STOP', timestamp: { seconds: 1, microseconds: 2 }, receivedAt: 3 },
  {
    seq: 2,
    vm: 'é',
    event: 'SHUTDOWN',
    data: { guest: true, reason: 'guest-shutdown', big: '18446744073709551615' },
    timestamp: { seconds: -1, microseconds: -1 },
    receivedAt: 4.5,
  },
];

const packet = (data: unknown, extra: Partial<Packet> = {}): Packet => ({ type: PacketType.EVENT, nsp: '/', data, ...extra });

describe('BatchEncoder', () => {
  it('writes an EncodedBatch as exactly the text the stock encoder writes for its events', () => {
    const stock = new Encoder().encode(packet(['events', events]));
    const ours = new BatchEncoder().encode(packet(['events', new EncodedBatch(events)]));
    expect(ours).toEqual(stock);
  });

  it('round-trips through the stock decoder to the same events', () => {
    const [text] = new BatchEncoder().encode(packet(['events', encodedOnce(events)]));
    const decoder = new Decoder();
    let got: unknown;
    decoder.on('decoded', (p: Packet) => (got = p.data));
    decoder.add(text as string);
    expect(got).toEqual(['events', events]);
  });

  it('leaves everything else to the stock encoder (acks, namespaces, plain data)', () => {
    const cases = [
      packet(['events', events]),
      packet(['events', new EncodedBatch(events)], { id: 7 }),
      packet(['events', new EncodedBatch(events)], { nsp: '/other' }),
      packet(['vms', []]),
    ];
    for (const p of cases) expect(new BatchEncoder().encode(p)).toEqual(new Encoder().encode(p));
  });

  it('stringifies a shared array once, however many times it is sent', () => {
    const page = events.slice();
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const encoder = new BatchEncoder();
      const texts = Array.from({ length: 10 }, () => encoder.encode(packet(['events', encodedOnce(page)])));
      expect(new Set(texts.map((t) => t[0])).size).toBe(1);
      expect(stringify.mock.calls.filter(([value]) => value === page)).toHaveLength(1);
      // Another array with the same events is another page: its own text.
      encoder.encode(packet(['events', encodedOnce(page.slice())]));
      expect(stringify.mock.calls.filter(([value]) => Array.isArray(value) && value.length === page.length)).toHaveLength(2);
    } finally {
      stringify.mockRestore();
    }
  });
});
