import type { Page } from 'playwright-core';

/**
 * Installs, in the dashboard page, a MutationObserver on the grid named "Events": for each row
 * that appears (id event-row-SEQ), the epoch time in ms just after the next frame is painted
 * (requestAnimationFrame, then a task: the frame has been handed to the compositor by then).
 * A row appears either as a new node or as an existing row node given the new id: the list
 * keeps its row nodes while its window moves, and changes their contents.
 */
export async function installPaintProbe(page: Page): Promise<void> {
  await page.getByRole('grid', { name: 'Events' }).waitFor();
  await page.evaluate(() => {
    const w = window as unknown as { __painted: [number, number][] };
    w.__painted = [];
    const grid = document.querySelector('[role="grid"][aria-label="Events"]');
    if (!grid) throw new Error('no grid named "Events" in the page');
    const channel = new MessageChannel();
    let waiting: number[] = [];
    channel.port1.onmessage = () => {
      const at = performance.timeOrigin + performance.now();
      for (const seq of waiting) w.__painted.push([seq, at]);
      waiting = [];
    };
    let frameRequested = false;
    const shown = new Set<number>();
    new MutationObserver((records) => {
      const seen = (node: Node) => {
        const id = (node as Element).id;
        if (!id?.startsWith('event-row-')) return;
        const seq = Number(id.slice('event-row-'.length));
        // Only its first appearance: a row node moving up the window takes the id of a row shown before.
        if (shown.has(seq)) return;
        shown.add(seq);
        waiting.push(seq);
      };
      for (const r of records) {
        if (r.type === 'attributes') seen(r.target);
        else for (const node of r.addedNodes) seen(node);
      }
      if (waiting.length > 0 && !frameRequested) {
        frameRequested = true;
        requestAnimationFrame(() => {
          frameRequested = false;
          channel.port2.postMessage(null);
        });
      }
    }).observe(grid, { childList: true, subtree: true, attributes: true, attributeFilter: ['id'] });
  });
}

/** Rows painted since the last call: [seq, epoch ms]. */
export async function takePainted(page: Page): Promise<[number, number][]> {
  return page.evaluate(() => {
    const w = window as unknown as { __painted: [number, number][] };
    const out = w.__painted;
    w.__painted = [];
    return out;
  });
}
