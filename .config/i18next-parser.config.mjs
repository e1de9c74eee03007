// i18next-parser settings for `npm run i18n` (.config/i18n.mjs passes input and output).
import { EventEmitter } from 'node:events';

const NAMESPACE = 'plugin__kata-console-plugin';

/** Extracts console's `%plugin__<name>~Text%` strings from console-extensions.json. */
class ConsoleExtensionsLexer extends EventEmitter {
  extract(content) {
    const keys = [];
    for (const match of content.matchAll(/"%([^"%~]+)~([^"%]+)%"/g)) {
      keys.push({ namespace: match[1], key: match[2] });
    }
    return keys;
  }
}

export default {
  locales: ['en'],
  defaultNamespace: NAMESPACE,
  namespaceSeparator: '~',
  keySeparator: false,
  contextSeparator: '~',
  createOldCatalogs: false,
  keepRemoved: false,
  sort: true,
  // English is the source language: each key is its own English text.
  defaultValue: (_locale, _namespace, key) => key,
  lexers: {
    ts: [{ lexer: 'JavascriptLexer', functions: ['t'] }],
    tsx: [{ lexer: 'JsxLexer', functions: ['t'], transSupportBasicHtmlNodes: true }],
    json: [ConsoleExtensionsLexer],
    default: ['JavascriptLexer'],
  },
  verbose: false,
};
