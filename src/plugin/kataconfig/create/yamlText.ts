import { dump, load } from 'js-yaml';

export type ParsedYaml = { ok: true; value: unknown } | { ok: false; message: string };

/** YAML text as the YAML view shows it. */
export const toYaml = (value: unknown): string => dump(value, { noRefs: true, lineWidth: -1 });

/** Parses what the user typed; a syntax error comes back with js-yaml's own message. */
export const parseYaml = (text: string): ParsedYaml => {
  try {
    return { ok: true, value: load(text) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
};
