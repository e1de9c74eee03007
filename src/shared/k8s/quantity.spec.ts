import {
  addQuantities,
  compareQuantities,
  formatCpu,
  formatMemory,
  formatQuantity,
  isNegativeQuantity,
  parseQuantity,
  quantitiesEqual,
  quantityFromBytes,
  quantityFromMillis,
  quantityOf,
  subtractQuantities,
  sumQuantities,
  toMilliValue,
  toUnitValue,
} from './quantity';
import type { Quantity, QuantityFormat, QuantityParseErrorReason } from './quantity';

const NANO = 1_000_000_000n;
const MAX_INT64 = 9_223_372_036_854_775_807n;

const parsed = (input: unknown): Quantity => {
  const result = parseQuantity(input);
  if (!result.ok) throw new Error(`expected ${String(input)} to parse, got ${result.reason}`);
  return result.value;
};

describe('parseQuantity: valid input', () => {
  const cases: [string, bigint, QuantityFormat][] = [
    ['0', 0n, 'DecimalSI'],
    ['1', NANO, 'DecimalSI'],
    ['+1', NANO, 'DecimalSI'],
    ['-1', -NANO, 'DecimalSI'],
    ['000123', 123n * NANO, 'DecimalSI'],
    ['1.', NANO, 'DecimalSI'],
    ['.5', NANO / 2n, 'DecimalSI'],
    ['-.5', -NANO / 2n, 'DecimalSI'],
    ['0.5', 500_000_000n, 'DecimalSI'],
    ['0.25', 250_000_000n, 'DecimalSI'],
    ['250m', 250_000_000n, 'DecimalSI'],
    ['1n', 1n, 'DecimalSI'],
    ['5u', 5_000n, 'DecimalSI'],
    ['2k', 2_000n * NANO, 'DecimalSI'],
    ['3M', 3_000_000n * NANO, 'DecimalSI'],
    ['1G', 10n ** 9n * NANO, 'DecimalSI'],
    ['1T', 10n ** 12n * NANO, 'DecimalSI'],
    ['1P', 10n ** 15n * NANO, 'DecimalSI'],
    ['2E', 2n * 10n ** 18n * NANO, 'DecimalSI'],
    ['1E', 10n ** 18n * NANO, 'DecimalSI'],
    ['1Ki', 1024n * NANO, 'BinarySI'],
    ['350Mi', 350n * 1024n ** 2n * NANO, 'BinarySI'],
    ['1.5Gi', 1_610_612_736n * NANO, 'BinarySI'],
    ['1Ti', 1024n ** 4n * NANO, 'BinarySI'],
    ['1Pi', 1024n ** 5n * NANO, 'BinarySI'],
    ['7Ei', 7n * 1024n ** 6n * NANO, 'BinarySI'],
    ['0Mi', 0n, 'BinarySI'],
    ['1e3', 1000n * NANO, 'DecimalExponent'],
    ['1e+3', 1000n * NANO, 'DecimalExponent'],
    ['1E-3', 1_000_000n, 'DecimalExponent'],
    ['12E-1', 1_200_000_000n, 'DecimalExponent'],
    ['1.5e2', 150n * NANO, 'DecimalExponent'],
    ['1e0', NANO, 'DecimalExponent'],
    ['9223372036854775807', MAX_INT64 * NANO, 'DecimalSI'],
  ];

  it.each(cases)('%s is %p nano-units in %s', (input, nanos, format) => {
    expect(parseQuantity(input)).toEqual({ ok: true, value: { nanos, format } });
  });

  it('rounds precision finer than a nano-unit away from zero, as the API server does', () => {
    expect(parsed('0.1n').nanos).toBe(1n);
    expect(parsed('1.0000000001').nanos).toBe(NANO + 1n);
    expect(parsed('-0.1n').nanos).toBe(-1n);
    expect(parsed('1e-1000').nanos).toBe(1n);
    expect(parsed('1e-9999999').nanos).toBe(1n);
  });

  it('writes a fraction of a byte in decimal, not binary, form', () => {
    expect(parsed('0.0001Ki').format).toBe('DecimalSI');
    expect(parsed('0.5Ki')).toEqual({ nanos: 512n * NANO, format: 'BinarySI' });
  });

  it('accepts JSON numbers, as the API server does for `cpu: 1` in YAML', () => {
    expect(parsed(1).nanos).toBe(NANO);
    expect(parsed(0.25).nanos).toBe(250_000_000n);
  });
});

describe('parseQuantity: malformed input', () => {
  const cases: [unknown, QuantityParseErrorReason][] = [
    ['', 'empty'],
    [' 1', 'containsWhitespace'],
    ['1 ', 'containsWhitespace'],
    ['1m ', 'containsWhitespace'],
    ['1 Mi', 'containsWhitespace'],
    ['1\t', 'containsWhitespace'],
    ['Mi', 'missingNumber'],
    ['m', 'missingNumber'],
    ['.', 'missingNumber'],
    ['-', 'missingNumber'],
    ['+', 'missingNumber'],
    ['--1', 'missingNumber'],
    ['abc', 'missingNumber'],
    ['.Mi', 'missingNumber'],
    ['1e', 'invalidExponent'],
    ['1e-', 'invalidExponent'],
    ['1E+', 'invalidExponent'],
    ['1e3.5', 'invalidExponent'],
    ['1e3Mi', 'invalidExponent'],
    ['1Mi2', 'trailingCharacters'],
    ['1m5', 'trailingCharacters'],
    ['1MB', 'unknownSuffix'],
    ['1ki', 'unknownSuffix'],
    ['1KI', 'unknownSuffix'],
    ['1K', 'unknownSuffix'],
    ['1b', 'unknownSuffix'],
    ['1,5', 'unknownSuffix'],
    ['1.5.5', 'invalidNumber'],
    ['1-', 'invalidNumber'],
    ['1+1', 'invalidNumber'],
    ['8Ei', 'outOfRange'],
    ['9223372036854775808', 'outOfRange'],
    ['1e19', 'outOfRange'],
    ['1e9999999', 'outOfRange'],
    ['9'.repeat(60), 'outOfRange'],
    ['1'.repeat(300), 'tooLong'],
    [null, 'notAString'],
    [undefined, 'notAString'],
    [{}, 'notAString'],
    [Number.NaN, 'notAString'],
    [Number.POSITIVE_INFINITY, 'notAString'],
  ];

  it.each(cases)('%p is rejected as %s', (input, reason) => {
    expect(parseQuantity(input)).toEqual({ ok: false, reason });
  });
});

describe('arithmetic', () => {
  it('adds exactly: 0.1 + 0.2 CPU is 300m', () => {
    const sum = addQuantities(parsed('0.1'), parsed('0.2'));
    expect(sum.nanos).toBe(300_000_000n);
    expect(formatCpu(sum)).toBe('300m');
    expect(quantitiesEqual(sum, parsed('300m'))).toBe(true);
  });

  it('compares across suffixes', () => {
    expect(compareQuantities(parsed('1Gi'), parsed('1G'))).toBe(1);
    expect(compareQuantities(parsed('1000m'), parsed('1'))).toBe(0);
    expect(compareQuantities(parsed('249m'), parsed('0.25'))).toBe(-1);
    expect(compareQuantities(parsed('1e3'), parsed('1k'))).toBe(0);
  });

  it('subtracts, keeping the left operand format, and can go negative', () => {
    const difference = subtractQuantities(parsed('350Mi'), parsed('400Mi'));
    expect(difference.format).toBe('BinarySI');
    expect(isNegativeQuantity(difference)).toBe(true);
    expect(formatMemory(difference)).toBe('-50Mi');
  });

  it('sums a list and an empty list', () => {
    expect(formatMemory(sumQuantities([parsed('1Gi'), parsed('512Mi'), parsed('512Mi')]))).toBe(
      '2Gi',
    );
    expect(sumQuantities([]).nanos).toBe(0n);
  });

  it('converts to milli-units and units, rounding away from zero', () => {
    expect(toMilliValue(parsed('0.25'))).toBe(250n);
    expect(toMilliValue(parsed('0.1m'))).toBe(1n);
    expect(toMilliValue(parsed('-0.1m'))).toBe(-1n);
    expect(toUnitValue(parsed('1Mi'))).toBe(1_048_576n);
    expect(toUnitValue(parsed('1.5'))).toBe(2n);
    expect(toUnitValue(parsed('2'))).toBe(2n);
  });

  it('builds quantities from millicores and bytes', () => {
    expect(formatCpu(quantityFromMillis(250n))).toBe('250m');
    expect(formatMemory(quantityFromBytes(367_001_600n))).toBe('350Mi');
  });
});

describe('formatting', () => {
  it.each([
    ['250m', '250m'],
    ['0.25', '250m'],
    ['2', '2'],
    ['2000m', '2'],
    ['1500m', '1500m'],
    ['2k', '2000'],
    ['0.1m', '100u'],
    ['1n', '1n'],
    ['-0.5', '-500m'],
    ['0', '0'],
  ])('CPU %s is written %s', (input, expected) => {
    expect(formatCpu(parsed(input))).toBe(expected);
  });

  it.each([
    ['350Mi', '350Mi'],
    ['367001600', '350Mi'],
    ['1.5Gi', '1536Mi'],
    ['1024', '1Ki'],
    ['1000', '1000'],
    ['1k', '1000'],
    ['1Gi', '1Gi'],
    ['0.5', '500m'],
    ['0', '0'],
    ['-1Gi', '-1Gi'],
  ])('memory %s is written %s', (input, expected) => {
    expect(formatMemory(parsed(input))).toBe(expected);
  });

  it.each([
    ['1.5', '1500m'],
    ['2000', '2k'],
    ['1.5Gi', '1536Mi'],
    ['0.5Ki', '512'],
    ['1e3', '1e3'],
    ['1.5e3', '1500'],
    ['1E-3', '1e-3'],
    ['12E-1', '1200e-3'],
    ['-1.5Gi', '-1536Mi'],
    ['0Mi', '0'],
  ])('canonical form of %s is %s', (input, expected) => {
    expect(formatQuantity(parsed(input))).toBe(expected);
  });

  it('round-trips: the formatted string parses back to the same value', () => {
    for (const input of ['1.5Gi', '0.1', '12E-1', '7Ei', '123456789n', '0.3333Mi', '-2.5k']) {
      const value = parsed(input);
      for (const written of [formatQuantity(value), formatCpu(value), formatMemory(value)]) {
        expect(parsed(written).nanos).toBe(value.nanos);
      }
    }
  });
});

describe('quantityOf', () => {
  it('parses trusted literals and throws on a programming error', () => {
    expect(quantityOf('350Mi').nanos).toBe(350n * 1024n ** 2n * NANO);
    expect(() => quantityOf('350 Mi')).toThrow('containsWhitespace');
  });
});
