/** What a key pressed on the timeline asks for. */
export type TimelineCommand =
  | { kind: 'zoom'; factor: number }
  | { kind: 'pan'; fraction: number }
  | { kind: 'resetZoom' }
  | { kind: 'edge'; edge: 'start' | 'end' }
  | { kind: 'scrollLanes'; pages: 1 | -1 };

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** The keys listed in the drawing's aria-keyshortcuts: PageUp/PageDown only while the lanes scroll. */
export const keyShortcuts = (scrolling: boolean): string => `+ - ArrowLeft ArrowRight 0 [ ]${scrolling ? ' PageUp PageDown' : ''}`;

/**
 * The command for a key, or null (the browser keeps the key): + and - zoom, arrows pan a
 * quarter (shift: a whole span), 0 resets, [ and ] set the range's edges at the selected event,
 * PageUp/PageDown scroll the lanes. A key with ctrl, meta or alt is the browser's.
 */
export function keyCommand(e: KeyPress, scrolling: boolean): TimelineCommand | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const step = e.shiftKey ? 1 : 0.25;
  switch (e.key) {
    case '+':
    case '=':
      return { kind: 'zoom', factor: 0.5 };
    case '-':
    case '_':
      return { kind: 'zoom', factor: 2 };
    case 'ArrowLeft':
      return { kind: 'pan', fraction: -step };
    case 'ArrowRight':
      return { kind: 'pan', fraction: step };
    case '0':
      return { kind: 'resetZoom' };
    case '[':
      return { kind: 'edge', edge: 'start' };
    case ']':
      return { kind: 'edge', edge: 'end' };
    case 'PageDown':
      return scrolling ? { kind: 'scrollLanes', pages: 1 } : null;
    case 'PageUp':
      return scrolling ? { kind: 'scrollLanes', pages: -1 } : null;
    default:
      return null;
  }
}
