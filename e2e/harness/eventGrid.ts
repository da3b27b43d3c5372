import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/**
 * Checks, for each event name, that the dashboard's event list holds exactly `count` rows of it:
 * the grid is virtualized, so filtering by one name brings its rows into view and makes the row
 * count (aria-rowcount, header row included) exact. `whileShown` runs with each name's filter on.
 */
export async function expectRowsPerEventName(
  page: Page,
  counts: ReadonlyMap<string, number>,
  whileShown?: (name: string) => Promise<void>,
): Promise<void> {
  const grid = page.getByRole('grid', { name: 'Events' });
  const names = page.getByRole('group', { name: 'Event names' });
  for (const [name, count] of [...counts].sort()) {
    const box = names.getByRole('checkbox', { name, exact: true });
    await box.check();
    await expect.poll(() => grid.getAttribute('aria-rowcount'), { message: name }).toBe(String(count + 1));
    await grid
      .getByRole('row', { name: new RegExp(`\\b${name}\\b`) })
      .first()
      .waitFor();
    await whileShown?.(name);
    await box.uncheck();
  }
}
