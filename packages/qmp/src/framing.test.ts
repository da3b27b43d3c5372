import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QmpFramer } from './framing.js';
import type { JsonObject, JsonValue, QmpProtocolIssue } from './types.js';

function collect(maxLineBytes?: number) {
  const messages: JsonValue[] = [];
  const issues: QmpProtocolIssue[] = [];
  const framer = new QmpFramer(
    { onMessage: (m) => messages.push(m), onIssue: (i) => issues.push(i) },
    maxLineBytes === undefined ? {} : { maxLineBytes },
  );
  return { framer, messages, issues };
}

/** QEMU's pretty=on layout: 4-space indent, one member per line. */
function pretty(v: JsonValue): string {
  return JSON.stringify(v, null, 4);
}

const STOP = { event: 'STOP', timestamp: { seconds: 1700000000, microseconds: 12 } };

describe('QmpFramer', () => {
  it('splits many CRLF-terminated messages in one chunk', () => {
    const { framer, messages, issues } = collect();
    framer.push(Buffer.from(`{"return": {}, "id": 1}\r\n${JSON.stringify(STOP)}\r\n`));
    expect(messages).toEqual([{ return: {}, id: 1 }, STOP]);
    expect(issues).toEqual([]);
  });

  it("reads valid JSON nested far deeper than any stack allows (the depth limit is the consumer's)", () => {
    const { framer, messages, issues } = collect();
    const depth = 200_000;
    framer.push(
      `{"event":"X","timestamp":{"seconds":1,"microseconds":2},"data":{"a":${'['.repeat(depth)}18446744073709551615${']'.repeat(depth)}}}\r\n`,
    );
    expect(issues).toEqual([]);
    expect(messages).toHaveLength(1);
    let v = ((messages[0] as JsonObject)['data'] as JsonObject)['a'];
    for (let i = 0; i < depth; i++) v = (v as JsonValue[])[0];
    expect(v).toBe('18446744073709551615');
  });

  it('keeps a message split across chunks until its newline arrives', () => {
    const { framer, messages } = collect();
    framer.push(Buffer.from('{"event": "ST'));
    expect(messages).toEqual([]);
    framer.push(Buffer.from('OP", "timestamp": {"seconds": 1700000000, "microseconds": 12}}\r'));
    expect(messages).toEqual([]);
    framer.push(Buffer.from('\n'));
    expect(messages).toEqual([STOP]);
  });

  it('decodes a UTF-8 character split between chunks', () => {
    const { framer, messages } = collect();
    const bytes = Buffer.from('{"return": {"name": "vm-é"}}\n');
    const cut = bytes.indexOf(0xc3) + 1;
    framer.push(bytes.subarray(0, cut));
    framer.push(bytes.subarray(cut));
    expect(messages).toEqual([{ return: { name: 'vm-é' } }]);
  });

  it('reads a pretty-printed object spread over many lines', () => {
    const { framer, messages, issues } = collect();
    const greeting = { QMP: { version: { qemu: { micro: 0, minor: 2, major: 7 }, package: 'Debian 1:7.2' }, capabilities: ['oob'] } };
    framer.push(Buffer.from(pretty(greeting).replace(/\n/g, '\r\n') + '\r\n' + pretty(STOP) + '\n'));
    expect(messages).toEqual([greeting, STOP]);
    expect(issues).toEqual([]);
  });

  it('does not count braces inside strings', () => {
    const { framer, messages } = collect();
    const v = { return: { desc: 'a } and a { and "quoted \\" }' } };
    framer.push(pretty(v) + '\n');
    expect(messages).toEqual([v]);
  });

  it('reports a non-JSON line and goes on', () => {
    const { framer, messages, issues } = collect();
    framer.push('(qemu) info status\r\n{oops}\r\n' + JSON.stringify(STOP) + '\r\n');
    expect(messages).toEqual([STOP]);
    expect(issues.map((i) => i.kind)).toEqual(['invalid-json', 'invalid-json']);
    expect(issues[0]?.message).toContain('(qemu) info status');
  });

  it('recovers from an unclosed "{" line when the next message starts at column 0', () => {
    const { framer, messages, issues } = collect();
    framer.push('{"broken": \r\n' + JSON.stringify(STOP) + '\r\n');
    expect(messages).toEqual([STOP]);
    expect(issues.map((i) => i.kind)).toEqual(['invalid-json']);
  });

  it('reports line-too-long for an oversized line, then ignores input until reset', () => {
    const { framer, messages, issues } = collect(100);
    framer.push(`{"return": "${'x'.repeat(200)}"}\r\n${JSON.stringify(STOP)}\r\n`);
    expect(issues.map((i) => i.kind)).toEqual(['line-too-long']);
    expect(framer.overflowed).toBe(true);
    framer.push(JSON.stringify(STOP) + '\r\n');
    expect(messages).toEqual([]);
    framer.reset();
    framer.push(JSON.stringify(STOP) + '\r\n');
    expect(messages).toEqual([STOP]);
  });

  it('reports line-too-long for an unterminated line growing past the limit', () => {
    const { framer, issues } = collect(100);
    for (let i = 0; i < 5; i++) framer.push('x'.repeat(30));
    expect(issues.map((i) => i.kind)).toEqual(['line-too-long']);
  });

  it('reports line-too-long for a pretty object growing past the limit', () => {
    const { framer, issues } = collect(100);
    framer.push('{\n' + '    "a": 1,\n'.repeat(20));
    expect(issues.map((i) => i.kind)).toEqual(['line-too-long']);
  });

  it('keeps integers beyond 2^53 exact', () => {
    const { framer, messages } = collect();
    framer.push(
      '{"event": "GUEST_PANICKED", "data": {"action": "pause", "info": {"type": "hyper-v", "arg1": 18446744073709551615, "arg2": 0}}, "timestamp": {"seconds": 1, "microseconds": 2}}\r\n',
    );
    expect((messages[0] as { data: { info: JsonObject } }).data.info['arg1']).toBe('18446744073709551615');
  });
});

// Property tests: whatever the chunking, line endings and layout, the same messages come out.
const jsonKey = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
const jsonLeaf: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.string(),
  fc.integer(), // Integral doubles past 2^53 would be read back as exact strings; exactJson.test.ts covers those.
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }).filter((d) => !Object.is(d, -0)),
  fc.boolean(),
  fc.constant(null),
  fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }).map((b) => b.toString()),
);
const jsonObject = fc.letrec<{ obj: JsonObject; value: JsonValue }>((tie) => ({
  obj: fc.dictionary(jsonKey, tie('value'), { maxKeys: 4 }),
  value: fc.oneof({ depthSize: 'small' }, jsonLeaf, tie('obj'), fc.array(tie('value'), { maxLength: 3 })),
})).obj;
const qmpEvent = fc.record({
  event: fc.stringMatching(/^[A-Z_]{1,20}$/),
  data: jsonObject,
  timestamp: fc.record({ seconds: fc.integer({ min: -1, max: 2 ** 32 }), microseconds: fc.integer({ min: -1, max: 999999 }) }),
});
const garbage = fc.constantFrom('(qemu) ', 'not json', '{oops}', '}', "QEMU 7.2.0 monitor - type 'help'");

type Item = { kind: 'msg'; value: JsonObject; pretty: boolean } | { kind: 'garbage'; text: string };
const item: fc.Arbitrary<Item> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('msg' as const), value: fc.oneof(qmpEvent, jsonObject), pretty: fc.boolean() }) },
  { weight: 1, arbitrary: garbage.map((text) => ({ kind: 'garbage' as const, text })) },
);

function render(items: Item[], eol: string): string {
  return items
    .map((it) => (it.kind === 'garbage' ? it.text : it.pretty ? pretty(it.value).replace(/\n/g, eol) : JSON.stringify(it.value)) + eol)
    .join('');
}

function chunkAt(buf: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const p of points) {
    out.push(buf.subarray(prev, p));
    prev = p;
  }
  out.push(buf.subarray(prev));
  return out;
}

/** What the JSON text of a value means, as parseQmpJson reads it (bigint-like strings stay strings). */
function roundTrip(v: JsonValue): JsonValue {
  return JSON.parse(JSON.stringify(v)) as JsonValue;
}

describe('QmpFramer properties', () => {
  it('yields the same messages and one issue per garbage line for any chunking and line ending', () => {
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.nat(), { maxLength: 12 }),
        (items, eol, cuts) => {
          const { framer, messages, issues } = collect();
          for (const chunk of chunkAt(Buffer.from(render(items, eol)), cuts)) framer.push(chunk);
          const expected = items.filter((i) => i.kind === 'msg').map((i) => roundTrip(i.value));
          expect(messages).toEqual(expected);
          expect(issues.filter((i) => i.kind === 'invalid-json').length).toBe(items.filter((i) => i.kind === 'garbage').length);
          expect(issues.filter((i) => i.kind !== 'invalid-json')).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('yields the same messages when split at every single offset', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 3 }), (items) => {
        // Every offset of a long text is slow and adds nothing over the random chunkings above.
        fc.pre(render(items, '\r\n').length < 600);
        const text = Buffer.from(render(items, '\r\n'));
        const expected = items.filter((i) => i.kind === 'msg').map((i) => roundTrip(i.value));
        for (let cut = 0; cut <= text.length; cut++) {
          const { framer, messages } = collect();
          framer.push(text.subarray(0, cut));
          framer.push(text.subarray(cut));
          expect(messages).toEqual(expected);
        }
      }),
      { numRuns: 30 },
    );
  });
});
