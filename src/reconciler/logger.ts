/**
 * Structured JSON logs, one object per line on stderr. Fields whose name suggests a secret are
 * replaced, and bearer tokens inside messages are masked, so no credential reaches the log.
 */
import type { LogLevel } from './flags';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /token|secret|password|authorization|cert|key$/i;
const BEARER = /(bearer\s+)[A-Za-z0-9._~+/=-]+/gi;

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug: (msg: string, fields?: LogFields) => void;
  info: (msg: string, fields?: LogFields) => void;
  warn: (msg: string, fields?: LogFields) => void;
  error: (msg: string, fields?: LogFields) => void;
  child: (fields: LogFields) => Logger;
}

const redact = (value: unknown, depth = 0): unknown => {
  if (typeof value === 'string') return value.replace(BEARER, '$1[REDACTED]');
  if (value instanceof Error) return { name: value.name, message: redact(value.message) };
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      SECRET_KEY.test(key) ? '[REDACTED]' : redact(item, depth + 1),
    ]),
  );
};

/** Serialises one log record; exported for tests. */
export const formatRecord = (
  level: LogLevel,
  msg: string,
  fields: LogFields,
  time: string,
): string => JSON.stringify({ time, level, msg: redact(msg), ...(redact(fields) as LogFields) });

export const createLogger = (
  level: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  base: LogFields = {},
): Logger => {
  const emit =
    (at: LogLevel) =>
    (msg: string, fields: LogFields = {}) => {
      if (RANK[at] < RANK[level]) return;
      write(formatRecord(at, msg, { ...base, ...fields }, new Date().toISOString()));
    };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (fields) => createLogger(level, write, { ...base, ...fields }),
  };
};
