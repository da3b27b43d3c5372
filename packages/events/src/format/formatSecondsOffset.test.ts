import { describe, expect, it } from 'vitest';
import { formatSecondsOffset, humanizeSecondsOffset } from './formatSecondsOffset.js';

describe('formatSecondsOffset', () => {
  it.each([
    [3600, '+3600 s'],
    [-5, '-5 s'],
    [0, '0 s'],
    [78, '+78 s'],
  ])('%s → %s', (n, text) => {
    expect(formatSecondsOffset(n)).toBe(text);
  });
});

describe('humanizeSecondsOffset', () => {
  it.each([
    [3600, '+1 h'],
    [-5, '-5 s'],
    [0, '0 s'],
    [5400, '+1 h 30 min'],
    [65, '+1 min 5 s'],
    [-90061, '-1 d 1 h'],
    [86405, '+1 d'],
    [-86400 * 365, '-365 d'],
  ])('%s → %s', (n, text) => {
    expect(humanizeSecondsOffset(n)).toBe(text);
  });
});
