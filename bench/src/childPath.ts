import { fileURLToPath } from 'node:url';

/** Absolute path of a compiled child entry point, e.g. childPath('lineWriter'). */
export function childPath(name: string): string {
  return fileURLToPath(new URL(`./children/${name}.js`, import.meta.url));
}
