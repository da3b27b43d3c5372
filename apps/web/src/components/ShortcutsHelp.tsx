import { useEffect, useRef } from 'react';

const SHORTCUTS: { where: string; keys: [string, string][] }[] = [
  {
    where: 'Anywhere',
    keys: [
      ['?', 'Show this list'],
      ['Tab / Shift+Tab', 'Move between panels and controls'],
      ['Esc', 'Close this list'],
    ],
  },
  {
    where: 'Event list (the "Events" grid focused)',
    keys: [
      ['↓ or j', 'Next event'],
      ['↑ or k', 'Previous event'],
      ['Home / End', 'First / last event'],
      ['Enter or Space', 'Select the event: detail opens, timeline highlights it'],
    ],
  },
  {
    where: 'Timeline (focused)',
    keys: [
      ['+ / −', 'Zoom in / out'],
      ['← / →', 'Pan earlier / later (Shift: a whole screen)'],
      ['0', 'Reset zoom'],
      ['[', 'Set the time range start at the selected event'],
      [']', 'Set the time range end at the selected event'],
      ['PageUp / PageDown', 'Scroll the lanes (more than 16 VMs)'],
    ],
  },
];

function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** A "?" button and key opening a modal list of every keyboard shortcut (the dialog traps focus and closes on Esc). */
export function ShortcutsHelp() {
  const dialog = useRef<HTMLDialogElement>(null);
  const open = () => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey && !typingIn(e.target)) {
        e.preventDefault();
        open();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <button
        type="button"
        className="help-button"
        aria-label="Keyboard shortcuts"
        aria-keyshortcuts="?"
        aria-haspopup="dialog"
        title="Keyboard shortcuts (?)"
        onClick={open}
      >
        ?
      </button>
      <dialog ref={dialog} className="shortcuts" aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        {SHORTCUTS.map((group) => (
          <table key={group.where} className="shortcut-table">
            <caption>{group.where}</caption>
            <tbody>
              {group.keys.map(([k, what]) => (
                <tr key={k}>
                  <th scope="row">
                    <kbd>{k}</kbd>
                  </th>
                  <td>{what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
        <form method="dialog">
          <button type="submit">Close</button>
        </form>
      </dialog>
    </>
  );
}
