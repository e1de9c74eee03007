/**
 * A webpack loader for the few `.scss` files the SDK's npm lib imports next to its status
 * components. They only use nesting (`.block { &__element { ... } .child { ... } }`), which this
 * flattens into plain CSS so the real rules reach the page without a Sass compiler.
 */

const combine = (parent: string, selector: string): string => {
  if (!parent) return selector;
  return selector.includes('&') ? selector.replace(/&/g, parent) : `${parent} ${selector}`;
};

/** Flattens rules from `source[start]` up to the closing brace of the current block. */
const flattenBlock = (source: string, start: number, parent: string, out: string[]): number => {
  let declarations = '';
  let buffer = '';
  let i = start;
  while (i < source.length) {
    const char = source[i] ?? '';
    if (char === '{') {
      const selector = combine(parent, buffer.trim().replace(/\s+/g, ' '));
      buffer = '';
      i = flattenBlock(source, i + 1, selector, out);
    } else if (char === '}') {
      break;
    } else if (char === ';') {
      declarations += `${buffer.trim()}; `;
      buffer = '';
    } else {
      buffer += char;
    }
    i += 1;
  }
  if (parent && declarations.trim()) out.unshift(`${parent} { ${declarations.trim()} }`);
  return i;
};

const flatten = (source: string): string => {
  const out: string[] = [];
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  flattenBlock(withoutComments, 0, '', out);
  return out.join('\n');
};

export default flatten;
module.exports = flatten;
