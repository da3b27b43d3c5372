/** One sample of a Prometheus text exposition (format 0.0.4). */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface PromExposition {
  /** `# TYPE` of each metric family. */
  types: Map<string, string>;
  samples: PromSample[];
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(?:,|$)/y;

/** Parses a whole exposition; throws on a line that is not a comment, a blank or a valid sample. */
export function parsePromText(text: string): PromExposition {
  const types = new Map<string, string>();
  const samples: PromSample[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types.set(type[1]!, type[2]!);
    if (line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`line ${i + 1} is not a sample: ${line}`);
    samples.push({ name: m[1]!, labels: parseLabels(m[2] ?? '', line), value: parseValue(m[3]!, line) });
  }
  return { types, samples };
}

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const m = LABEL.exec(text);
    if (!m) throw new Error(`bad labels in: ${line}`);
    labels[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

/** Like Prometheus (Go's ParseFloat): NaN and Inf in any case; prom-client writes `Nan`. */
function parseValue(text: string, line: string): number {
  const lower = text.toLowerCase();
  if (lower === 'nan') return NaN;
  if (lower === '+inf' || lower === 'inf') return Infinity;
  if (lower === '-inf') return -Infinity;
  const n = Number(text);
  if (text.trim() === '' || Number.isNaN(n)) throw new Error(`bad value in: ${line}`);
  return n;
}

/** Samples of `name` whose labels include `match`. */
export function samplesOf(exp: PromExposition, name: string, match: Record<string, string> = {}): PromSample[] {
  return exp.samples.filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v));
}

/** The value of the one sample of `name` with labels `match`; throws when there is not exactly one. */
export function valueOf(exp: PromExposition, name: string, match: Record<string, string> = {}): number {
  const found = samplesOf(exp, name, match);
  if (found.length !== 1) throw new Error(`expected one sample ${name}${JSON.stringify(match)}, found ${found.length}`);
  return found[0]!.value;
}
