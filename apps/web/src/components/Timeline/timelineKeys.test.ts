import { describe, expect, it } from 'vitest';
import { keyCommand, keyShortcuts, type KeyPress } from './timelineKeys';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('timeline keys', () => {
  it('maps the keys its aria-keyshortcuts lists', () => {
    expect(keyCommand(press('+'), false)).toEqual({ kind: 'zoom', factor: 0.5 });
    expect(keyCommand(press('='), false)).toEqual({ kind: 'zoom', factor: 0.5 });
    expect(keyCommand(press('-'), false)).toEqual({ kind: 'zoom', factor: 2 });
    expect(keyCommand(press('ArrowLeft'), false)).toEqual({ kind: 'pan', fraction: -0.25 });
    expect(keyCommand(press('ArrowRight', { shiftKey: true }), false)).toEqual({ kind: 'pan', fraction: 1 });
    expect(keyCommand(press('0'), false)).toEqual({ kind: 'resetZoom' });
    expect(keyCommand(press('['), false)).toEqual({ kind: 'edge', edge: 'start' });
    expect(keyCommand(press(']'), false)).toEqual({ kind: 'edge', edge: 'end' });
  });

  it('scrolls lanes with PageUp/PageDown only while they scroll, and leaves modified keys to the browser', () => {
    expect(keyCommand(press('PageDown'), false)).toBeNull();
    expect(keyCommand(press('PageDown'), true)).toEqual({ kind: 'scrollLanes', pages: 1 });
    expect(keyCommand(press('PageUp'), true)).toEqual({ kind: 'scrollLanes', pages: -1 });
    expect(keyCommand(press('+', { ctrlKey: true }), false)).toBeNull();
    expect(keyCommand(press('x'), false)).toBeNull();
    expect(keyShortcuts(true)).toContain('PageDown');
    expect(keyShortcuts(false)).not.toContain('PageDown');
  });
});
