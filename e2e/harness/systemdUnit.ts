/** A systemd unit file read the way systemd reads it: sections of `Key=value` lines, `#`/`;` comments, `\` continuations. */
export type UnitFile = Map<string, [key: string, value: string][]>;

export function parseUnitFile(text: string): UnitFile {
  const unit: UnitFile = new Map();
  let section: [string, string][] | null = null;
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      section = [];
      unit.set(header[1]!, section);
      continue;
    }
    const eq = line.indexOf('=');
    if (section === null || eq <= 0) throw new Error(`unit line ${i + 1} is neither a [Section] nor Key=value: ${line}`);
    section.push([line.slice(0, eq).trim(), line.slice(eq + 1).trim()]);
  }
  return unit;
}

/** Every value of `key` in `section`, in order. */
export function unitValues(unit: UnitFile, section: string, key: string): string[] {
  return (unit.get(section) ?? []).filter(([k]) => k === key).map(([, v]) => v);
}

/** The one value of `key` in `section`; throws when it is missing or given twice. */
export function unitValue(unit: UnitFile, section: string, key: string): string {
  const values = unitValues(unit, section, key);
  if (values.length !== 1) throw new Error(`expected one ${key}= in [${section}], found ${values.length}`);
  return values[0]!;
}

/** An EnvironmentFile: `KEY=value` lines, comments and blanks skipped, optional quotes removed. */
export function parseEnvironmentFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) throw new Error(`not KEY=value in an EnvironmentFile: ${line}`);
    env[m[1]!] = m[2]!.replace(/^"(.*)"$|^'(.*)'$/, '$1$2');
  }
  return env;
}

/** systemd's PATH for system services (systemd 252, the split-usr layout of Debian). */
export const SYSTEMD_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
