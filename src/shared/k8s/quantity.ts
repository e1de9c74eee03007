/**
 * Kubernetes resource quantities (`250m`, `350Mi`, `1.5`, `1e3`) with exact arithmetic.
 *
 * Grammar (k8s.io/apimachinery resource.Quantity):
 *   quantity     ::= signedNumber suffix
 *   signedNumber ::= number | sign number          sign ::= '+' | '-'
 *   number       ::= digits | digits '.' digits | digits '.' | '.' digits
 *   suffix       ::= binarySI | decimalSI | ('e' | 'E') signed integer
 *   binarySI     ::= Ki | Mi | Gi | Ti | Pi | Ei
 *   decimalSI    ::= n | u | m | '' | k | M | G | T | P | E
 *
 * Values are held as a bigint count of nano-units, the finest precision Kubernetes keeps:
 * anything finer is rounded away from zero to the next nano-unit, as the API server does.
 * Floats are never used, so 0.1 + 0.2 CPU is exactly 300m.
 */

/** How the quantity was written; formatting keeps the same family, as Kubernetes does. */
export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

export interface Quantity {
  /** The value in units of 10^-9 (nano-cores, nano-bytes). */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

/** Why a string is not a quantity. An id, not a sentence: the UI translates it. */
export type QuantityParseErrorReason =
  | 'notAString'
  | 'empty'
  | 'tooLong'
  | 'containsWhitespace'
  | 'missingNumber'
  | 'invalidNumber'
  | 'invalidExponent'
  | 'unknownSuffix'
  | 'trailingCharacters'
  | 'outOfRange';

export type QuantityParseResult =
  { ok: true; value: Quantity } | { ok: false; reason: QuantityParseErrorReason };

/** Longer input is certainly a mistake, and bounding it keeps parsing cheap. */
export const MAX_QUANTITY_LENGTH = 256;

const NANOS_PER_UNIT = 1_000_000_000n;
const NANOS_PER_MILLI = 1_000_000n;
const MAX_INT64 = 2n ** 63n - 1n;
/** Kubernetes caps quantities at 2^63-1 units; beyond that we refuse rather than clamp silently. */
const MAX_NANOS = MAX_INT64 * NANOS_PER_UNIT;

const BINARY_SUFFIXES: readonly (readonly [string, number])[] = [
  ['Ki', 1],
  ['Mi', 2],
  ['Gi', 3],
  ['Ti', 4],
  ['Pi', 5],
  ['Ei', 6],
];

/** Power of ten of each decimal SI suffix. */
const DECIMAL_SUFFIXES: readonly (readonly [string, number])[] = [
  ['n', -9],
  ['u', -6],
  ['m', -3],
  ['', 0],
  ['k', 3],
  ['M', 6],
  ['G', 9],
  ['T', 12],
  ['P', 15],
  ['E', 18],
];

const binaryPowerOf = (suffix: string): number | undefined =>
  BINARY_SUFFIXES.find(([name]) => name === suffix)?.[1];

const decimalPowerOf = (suffix: string): number | undefined =>
  DECIMAL_SUFFIXES.find(([name]) => name === suffix)?.[1];

const isDigit = (char: string | undefined): boolean =>
  char !== undefined && char >= '0' && char <= '9';

const fail = (reason: QuantityParseErrorReason): QuantityParseResult => ({ ok: false, reason });

interface SuffixMeaning {
  format: QuantityFormat;
  powerOfTen: number;
  powerOf1024: number;
}

type SuffixResult =
  { ok: true; meaning: SuffixMeaning } | { ok: false; reason: QuantityParseErrorReason };

const EXPONENT_PATTERN = /^[eE][+-]?[0-9]+$/;
/** Exponents beyond this cannot produce an in-range, non-zero value worth computing. */
const MAX_EXPONENT_DIGITS = 6;

const interpretSuffix = (suffix: string): SuffixResult => {
  const binaryPower = binaryPowerOf(suffix);
  if (binaryPower !== undefined) {
    return { ok: true, meaning: { format: 'BinarySI', powerOfTen: 0, powerOf1024: binaryPower } };
  }
  const decimalPower = decimalPowerOf(suffix);
  if (decimalPower !== undefined) {
    return { ok: true, meaning: { format: 'DecimalSI', powerOfTen: decimalPower, powerOf1024: 0 } };
  }
  if (suffix.startsWith('e') || suffix.startsWith('E')) {
    if (!EXPONENT_PATTERN.test(suffix)) {
      return { ok: false, reason: 'invalidExponent' };
    }
    const sign = suffix[1] === '-' ? -1 : 1;
    const exponentDigits = suffix.replace(/^[eE][+-]?0*/, '');
    if (exponentDigits.length > MAX_EXPONENT_DIGITS) {
      // A huge negative exponent still names a tiny positive value; keep it representable.
      return sign < 0
        ? { ok: true, meaning: { format: 'DecimalExponent', powerOfTen: -1e6, powerOf1024: 0 } }
        : { ok: false, reason: 'outOfRange' };
    }
    const exponent = sign * Number(exponentDigits === '' ? '0' : exponentDigits);
    return {
      ok: true,
      meaning: { format: 'DecimalExponent', powerOfTen: exponent, powerOf1024: 0 },
    };
  }
  if (suffix.startsWith('.') || suffix.startsWith('+') || suffix.startsWith('-')) {
    return { ok: false, reason: 'invalidNumber' };
  }
  // '1Mi2' is a known suffix with junk after it; '1MB' or '1kb' is a suffix we do not know.
  const knownPrefix = [...BINARY_SUFFIXES, ...DECIMAL_SUFFIXES].some(
    ([name]) => name !== '' && suffix.startsWith(name),
  );
  const lettersOnly = /^[A-Za-z]+$/.test(suffix);
  return {
    ok: false,
    reason: knownPrefix && !lettersOnly ? 'trailingCharacters' : 'unknownSuffix',
  };
};

/** Divides, rounding any remainder away from zero (both operands non-negative). */
const divideRoundingUp = (dividend: bigint, divisor: bigint): bigint =>
  (dividend + divisor - 1n) / divisor;

/**
 * Parses a quantity. Never throws: malformed input yields `{ ok: false, reason }`.
 * Surrounding whitespace is rejected, as the API server rejects it.
 */
export const parseQuantity = (value: unknown): QuantityParseResult => {
  // The API server also accepts JSON numbers (`cpu: 1` in YAML), so finite numbers are read too.
  const input = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof input !== 'string') {
    return fail('notAString');
  }
  if (input === '') {
    return fail('empty');
  }
  if (input.length > MAX_QUANTITY_LENGTH) {
    return fail('tooLong');
  }
  if (/\s/.test(input)) {
    return fail('containsWhitespace');
  }

  const negative = input.startsWith('-');
  let position = negative || input.startsWith('+') ? 1 : 0;
  const integerStart = position;
  while (isDigit(input[position])) position += 1;
  const integerDigits = input.slice(integerStart, position);
  let fractionDigits = '';
  if (input[position] === '.') {
    position += 1;
    const fractionStart = position;
    while (isDigit(input[position])) position += 1;
    fractionDigits = input.slice(fractionStart, position);
  }
  if (integerDigits === '' && fractionDigits === '') {
    return fail('missingNumber');
  }

  const suffix = interpretSuffix(input.slice(position));
  if (!suffix.ok) {
    return fail(suffix.reason);
  }
  const { format, powerOf1024 } = suffix.meaning;

  const significant = `${integerDigits}${fractionDigits}`.replace(/^0+/, '');
  if (significant === '') {
    return { ok: true, value: { nanos: 0n, format } };
  }
  // The value is significant × 10^powerOfTen × 1024^powerOf1024, expressed in nano-units.
  const powerOfTen = suffix.meaning.powerOfTen - fractionDigits.length + 9;
  // 1024^6 < 10^19, so a magnitude above 10^(19+19+9+1) is out of range however it is written.
  if (significant.length + powerOfTen > 48) {
    return fail('outOfRange');
  }
  const mantissa = BigInt(significant) * 1024n ** BigInt(powerOf1024);
  let magnitude: bigint;
  if (powerOfTen >= 0) {
    magnitude = mantissa * 10n ** BigInt(powerOfTen);
  } else if (significant.length + powerOfTen + 6 * powerOf1024 < -1) {
    // Far below one nano-unit: skip the huge division, the result rounds up to 1.
    magnitude = 1n;
  } else {
    magnitude = divideRoundingUp(mantissa, 10n ** BigInt(-powerOfTen));
  }
  if (magnitude > MAX_NANOS) {
    return fail('outOfRange');
  }
  // Kubernetes does not write fractions of a byte with binary suffixes; it switches to decimal.
  const effectiveFormat =
    format === 'BinarySI' && magnitude < NANOS_PER_UNIT ? 'DecimalSI' : format;
  return { ok: true, value: { nanos: negative ? -magnitude : magnitude, format: effectiveFormat } };
};

/** Parses a string that the code itself wrote (constants, defaults); a bad literal is a bug. */
export const quantityOf = (literal: string): Quantity => {
  const parsed = parseQuantity(literal);
  if (!parsed.ok) {
    throw new Error(`Invalid quantity literal ${JSON.stringify(literal)}: ${parsed.reason}`);
  }
  return parsed.value;
};

export const ZERO_QUANTITY: Quantity = { nanos: 0n, format: 'DecimalSI' };

export const compareQuantities = (left: Quantity, right: Quantity): -1 | 0 | 1 => {
  if (left.nanos < right.nanos) return -1;
  if (left.nanos > right.nanos) return 1;
  return 0;
};

export const quantitiesEqual = (left: Quantity, right: Quantity): boolean =>
  left.nanos === right.nanos;

/** The sum, written in the left operand's format (as Kubernetes' Quantity.Add does). */
export const addQuantities = (left: Quantity, right: Quantity): Quantity => ({
  nanos: left.nanos + right.nanos,
  format: left.format,
});

export const subtractQuantities = (left: Quantity, right: Quantity): Quantity => ({
  nanos: left.nanos - right.nanos,
  format: left.format,
});

export const sumQuantities = (quantities: readonly Quantity[]): Quantity =>
  quantities.reduce(addQuantities, quantities[0] ? { ...quantities[0], nanos: 0n } : ZERO_QUANTITY);

export const isNegativeQuantity = (quantity: Quantity): boolean => quantity.nanos < 0n;

const absolute = (value: bigint): bigint => (value < 0n ? -value : value);

/** Scales down, rounding away from zero like Kubernetes' MilliValue() and Value(). */
const scaleDownRoundingUp = (nanos: bigint, nanosPerStep: bigint): bigint => {
  const magnitude = divideRoundingUp(absolute(nanos), nanosPerStep);
  return nanos < 0n ? -magnitude : magnitude;
};

/** Milli-units (millicores for CPU), rounded away from zero: `0.1m` is 1. */
export const toMilliValue = (quantity: Quantity): bigint =>
  scaleDownRoundingUp(quantity.nanos, NANOS_PER_MILLI);

/** Whole units (bytes for memory), rounded away from zero. */
export const toUnitValue = (quantity: Quantity): bigint =>
  scaleDownRoundingUp(quantity.nanos, NANOS_PER_UNIT);

export const quantityFromMillis = (millis: bigint): Quantity => ({
  nanos: millis * NANOS_PER_MILLI,
  format: 'DecimalSI',
});

export const quantityFromBytes = (bytes: bigint): Quantity => ({
  nanos: bytes * NANOS_PER_UNIT,
  format: 'BinarySI',
});

/** Writes |nanos| with the largest exact decimal suffix, e.g. 1500000000000 → '1500' or '1500m'. */
const formatDecimalSI = (magnitude: bigint): string => {
  for (const [suffix, power] of [...DECIMAL_SUFFIXES].reverse()) {
    const step = 10n ** BigInt(power + 9);
    if (magnitude % step === 0n) {
      return `${(magnitude / step).toString()}${suffix}`;
    }
  }
  return `${magnitude.toString()}n`;
};

const formatDecimalExponent = (magnitude: bigint): string => {
  for (let power = 18; power >= -9; power -= 3) {
    const step = 10n ** BigInt(power + 9);
    if (magnitude % step === 0n) {
      return `${(magnitude / step).toString()}${power === 0 ? '' : `e${power}`}`;
    }
  }
  return `${magnitude.toString()}e-9`;
};

/** Whole bytes use the largest exact binary suffix; fractions of a byte fall back to decimal. */
const formatBinarySI = (magnitude: bigint): string => {
  if (magnitude % NANOS_PER_UNIT !== 0n) {
    return formatDecimalSI(magnitude);
  }
  const units = magnitude / NANOS_PER_UNIT;
  for (const [suffix, power] of [...BINARY_SUFFIXES].reverse()) {
    const step = 1024n ** BigInt(power);
    if (units % step === 0n) {
      return `${(units / step).toString()}${suffix}`;
    }
  }
  return units.toString();
};

const withSign = (nanos: bigint, write: (magnitude: bigint) => string): string => {
  if (nanos === 0n) return '0';
  return nanos < 0n ? `-${write(-nanos)}` : write(nanos);
};

/** Canonical form in the quantity's own format: '1500m', '1536Mi', '1e3'. */
export const formatQuantity = (quantity: Quantity): string => {
  switch (quantity.format) {
    case 'BinarySI':
      return withSign(quantity.nanos, formatBinarySI);
    case 'DecimalExponent':
      return withSign(quantity.nanos, formatDecimalExponent);
    default:
      return withSign(quantity.nanos, formatDecimalSI);
  }
};

/** CPU as people write it: whole cores ('2'), else millicores ('250m'), else finer. */
export const formatCpu = (quantity: Quantity): string =>
  withSign(quantity.nanos, (magnitude) =>
    magnitude % NANOS_PER_UNIT === 0n
      ? (magnitude / NANOS_PER_UNIT).toString()
      : formatDecimalSI(magnitude),
  );

/** Memory in the largest exact binary suffix ('350Mi', '1536Mi', '1000'). */
export const formatMemory = (quantity: Quantity): string =>
  withSign(quantity.nanos, formatBinarySI);
