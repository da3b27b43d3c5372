import { readFileSync } from 'node:fs';

/** Clock ticks per second for /proc/PID/stat times: 100 on every Linux this runs on (getconf CLK_TCK). */
const CLK_TCK = 100;

/** CPU seconds (user + system) a process has used so far, from /proc/PID/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / CLK_TCK;
}

/** Resident set size in MB, from /proc/PID/status. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status: has process ${pid} exited?`);
  return Number(match[1]) / 1024;
}

/**
 * The anonymous part of the resident set in MB (heap, buffers): RSS minus mapped files. SQLite's
 * mmap of events.db shows in VmRSS as file pages the kernel can drop; this is what the process itself holds.
 */
export function rssAnonMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^RssAnon:\s+(\d+) kB/m.exec(status);
  if (!match) throw new Error(`no RssAnon in /proc/${pid}/status: has process ${pid} exited?`);
  return Number(match[1]) / 1024;
}
