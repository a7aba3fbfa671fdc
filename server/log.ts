/** A small structured logger. Secrets never reach it: callers log ids and hints, and `redact` masks known secret values as a second line of defence. */
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

const secrets = new Set<string>();
let threshold = ORDER.info;
let sink: (line: string) => void = (line) => process.stdout.write(line + '\n');

/** Remember a secret value so that it is masked should it ever be logged. */
export function registerSecret(value: string | null | undefined): void {
  if (value && value.length >= 6) secrets.add(value);
}

function redact(text: string): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join('[redacted]');
  return out;
}

export function setLogLevel(level: Level | 'silent'): void {
  threshold = ORDER[level];
}

/** Send log lines somewhere else (tests capture them to search for secrets). */
export function setLogSink(fn: (line: string) => void): void {
  sink = fn;
}

function write(level: Level, msg: string, fields?: Record<string, unknown>): void {
  if (ORDER[level] < threshold) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields });
  sink(redact(line));
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write('debug', msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write('info', msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write('warn', msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write('error', msg, fields),
};
