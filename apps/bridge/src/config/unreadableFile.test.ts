import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { whyUnreadable } from './unreadableFile.js';

const failure = (read: () => unknown): unknown => {
  try {
    read();
  } catch (err) {
    return err;
  }
  throw new Error('expected the read to fail');
};

describe('whyUnreadable', () => {
  it('says in words why a file could not be read, and gives any other error its own message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qmpscope-unreadable-'));
    try {
      expect(whyUnreadable(failure(() => readFileSync(join(dir, 'absent'))))).toBe('no such file');
      expect(whyUnreadable(failure(() => readFileSync(dir)))).toBe('it is a directory');
      expect(whyUnreadable(new Error('disk on fire'))).toBe('disk on fire');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
