/**
 * What a browser keeps of the printed token link once it has been opened and the browser closed,
 * measured in chromium's own profile files: the address bar loses the token (302 to the URL without
 * it), but the history database keeps the link with the token, as the first URL of the redirect
 * chain, and the cookie database keeps the session cookie until the browser next starts, encrypted
 * with chromium's fixed key when no keyring is used. docs/SECURITY.md says the same.
 */
import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQmpSimulator, type QmpSimulator } from '@qmpscope/qmp-sim';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { chromiumAvailable, CHROMIUM } from './harness/browser.js';

if (!chromiumAvailable) console.warn(`SKIPPED: browser e2e needs ${CHROMIUM} (apt install chromium); CI installs it.`);

const TOKEN = 'history-test-token-0123456789';

/** Rows of one query on a copy of a profile database (chromium may still hold the original open). */
function rowsOf(profileFile: string, copyDir: string, sql: string, ...params: string[]): unknown[] {
  const copy = join(copyDir, `copy-${Date.now()}-${Math.random().toString(36).slice(2)}.sqlite`);
  copyFileSync(profileFile, copy);
  const db = new Database(copy, { readonly: true });
  try {
    return db.prepare(sql).all(...params);
  } finally {
    db.close();
  }
}

/** Chromium's Linux cookie encryption without a keyring: AES-128-CBC under a key derived from the fixed password "peanuts". */
function decryptV10(encrypted: Buffer): string {
  const key = pbkdf2Sync('peanuts', 'saltysalt', 1, 16, 'sha1');
  const decipher = createDecipheriv('aes-128-cbc', key, Buffer.alloc(16, ' '));
  return Buffer.concat([decipher.update(encrypted.subarray(3)), decipher.final()]).toString('latin1');
}

describe.skipIf(!chromiumAvailable)('the token link in a browser profile, after the browser is closed', () => {
  let sim: QmpSimulator;
  let bridge: BridgeProcess;
  let profile: string;
  let scratch: string;
  let addressBar = '';
  let link = '';

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'qmpscope-profile-'));
    scratch = mkdtempSync(join(tmpdir(), 'qmpscope-profile-copy-'));
    sim = await startQmpSimulator({ listen: 'tcp:127.0.0.1:0', name: 'history', scenario: 'idle' });
    bridge = new BridgeProcess(['--token', TOKEN, '--vm', `history=${sim.target}`]);
    await bridge.start();
    link = `${bridge.url}/?vm=history&token=${TOKEN}`;
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(link);
    await page.getByRole('region', { name: 'Virtual machines' }).getByText('history', { exact: true }).waitFor({ timeout: 15_000 });
    addressBar = page.url();
    await context.close();
  });

  afterAll(async () => {
    await bridge?.dispose();
    await sim?.close();
    for (const dir of [profile, scratch]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the URL without the token in the address bar, and the bridge says where it stays', () => {
    expect(addressBar).toBe(`${bridge.url}/?vm=history`);
    expect(bridge.output).toMatch(/opening the link leaves the token in that browser's history: on a shared computer use a private window/);
  });

  it('keeps the link with the token in the history database, as the start of the redirect', () => {
    const history = join(profile, 'Default', 'History');
    const urls = rowsOf(history, scratch, 'SELECT id, url FROM urls WHERE url LIKE ?', `%${TOKEN}%`) as { id: number; url: string }[];
    expect(urls.map((u) => u.url)).toEqual([link]);
    const visits = rowsOf(history, scratch, 'SELECT id FROM visits WHERE url = ?', String(urls[0]!.id));
    expect(visits).toHaveLength(1);
    const clean = rowsOf(history, scratch, 'SELECT url FROM urls WHERE url = ?', `${bridge.url}/?vm=history`);
    expect(clean).toHaveLength(1);
  });

  it('keeps the session cookie in the cookie database, readable with the fixed key when no keyring is used', () => {
    const cookies = join(profile, 'Default', 'Cookies');
    const rows = rowsOf(
      cookies,
      scratch,
      'SELECT name, value, encrypted_value, is_persistent, is_httponly FROM cookies WHERE name LIKE ?',
      'qmpscope_token_%',
    ) as { name: string; value: string; encrypted_value: Buffer; is_persistent: number; is_httponly: number }[];
    expect(rows).toHaveLength(1);
    const cookie = rows[0]!;
    expect(cookie).toMatchObject({ name: `qmpscope_token_${bridge.port}`, value: '', is_persistent: 0, is_httponly: 1 });
    const scheme = cookie.encrypted_value.subarray(0, 3).toString();
    expect(['v10', 'v11']).toContain(scheme);
    // v10: no keyring (playwright passes --password-store=basic); v11 would need the desktop keyring's key.
    if (scheme === 'v10') expect(decryptV10(cookie.encrypted_value)).toContain(TOKEN);
  });
});
