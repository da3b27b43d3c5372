import { describe, expect, it } from 'vitest';
import { createLog } from './pinoLog.js';

const HOSTILE = 'x\r\nqmpscope: vm good: FORGED\u001b[31m\u009b2J\u202eevil"}{"level":"error"';

function capture(format: 'json' | 'pretty', level: 'info' | 'warn' | 'error' = 'info') {
  let text = '';
  const log = createLog({ format, level, write: (t) => (text += t) });
  return { log, text: () => text, lines: () => text.split('\n').slice(0, -1) };
}

describe('createLog, JSON lines', () => {
  it('writes one JSON object per line with level, ISO time and msg, fields beside them', () => {
    const { log, text, lines } = capture('json');
    log.info('started', { url: 'http://127.0.0.1:8484/', vms: 3 });
    log.warn('QMP stream problem', { vm: 'a', issue: HOSTILE });
    log.error('config not reloaded', { error: 'bad' });
    expect(text().endsWith('\n')).toBe(true);
    const records = lines().map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => [r['level'], r['msg']])).toEqual([
      ['info', 'started'],
      ['warn', 'QMP stream problem'],
      ['error', 'config not reloaded'],
    ]);
    for (const r of records) expect(new Date(String(r['time'])).toISOString()).toBe(r['time']);
    expect(records[0]).toMatchObject({ url: 'http://127.0.0.1:8484/', vms: 3 });
    expect(Object.keys(records[0]!).sort()).toEqual(['level', 'msg', 'time', 'url', 'vms']);
  });

  it("keeps a peer's string in its field, escaped: no raw CR, LF, ESC, C1 or bidi control in the output", () => {
    const { log, text, lines } = capture('json');
    log.warn('QMP stream problem', { vm: 'good', issue: HOSTILE });
    expect(lines()).toHaveLength(1);
    // eslint-disable-next-line no-control-regex -- the test looks for a raw ESC.
    expect(text()).not.toMatch(/[\r\u001b\u009b\u202e]/);
    expect(text()).toContain('\\u009b2J\\u202eevil');
    const record = JSON.parse(lines()[0]!) as Record<string, unknown>;
    expect(record['issue']).toBe(HOSTILE);
    expect(record['level']).toBe('warn');
  });

  it('cuts a field longer than a log line', () => {
    const { log, lines } = capture('json');
    log.warn('long', { data: 'y'.repeat(100_000) });
    const record = JSON.parse(lines()[0]!) as Record<string, string>;
    expect(record['data']!.length).toBeLessThan(4100);
    expect(record['data']).toMatch(/… \(96000 more characters\)$/);
  });
});

describe('createLog, --log-level', () => {
  it('drops the levels below the one chosen', () => {
    for (const [level, shown] of [
      ['info', ['i', 'w', 'e']],
      ['warn', ['w', 'e']],
      ['error', ['e']],
    ] as const) {
      const { log, lines } = capture('json', level);
      log.info('i');
      log.warn('w');
      log.error('e');
      expect(
        lines().map((l) => (JSON.parse(l) as { msg: string }).msg),
        level,
      ).toEqual(shown);
    }
  });
});

describe('createLog, readable lines for a terminal', () => {
  it('writes qmpscope: [level: ]message key=value, peer strings escaped and quoted', () => {
    const { log, lines } = capture('pretty');
    log.info('started', { url: 'http://127.0.0.1:8484/' });
    log.warn('QMP stream problem', { vm: 'good', issue: HOSTILE, bytes: 12 });
    expect(lines()).toEqual([
      'qmpscope: started url=http://127.0.0.1:8484/',
      'qmpscope: warn: QMP stream problem vm=good issue="x\\x0d\\x0aqmpscope: vm good: FORGED\\x1b[31m\\x9b2J\\u202eevil\\"}{\\"level\\":\\"error\\"" bytes=12',
    ]);
  });

  it('filters by level too', () => {
    const { log, lines } = capture('pretty', 'error');
    log.warn('w');
    log.error('e', { error: 'disk full' });
    expect(lines()).toEqual(['qmpscope: error: e error="disk full"']);
  });
});
