// Figures from Linux's /proc, for the benchmarks. Kept apart from server.ts (which loads the server's build) so that a
// benchmark's child process can read its own figures without loading more than it measures.
import { readFileSync } from 'node:fs';

/** The process's peak resident set size (VmHWM: its own image's high-water mark), in bytes. */
export function peakRss(pid: number | 'self'): number {
  return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
}

/**
 * CPU seconds (user + system) of the process or thread whose `stat` file this is (`/proc/<pid>/stat`, or
 * `/proc/<pid>/task/<tid>/stat` for one thread); clock ticks of 1/100 s. Unlike wall time, it hardly depends on the
 * machine's load.
 */
export function statCpuSeconds(statFile: string): number {
  const fields = readFileSync(statFile, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
