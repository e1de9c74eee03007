import { resolveMaxUnavailable } from './maxUnavailable';

describe('resolveMaxUnavailable', () => {
  it.each([
    [undefined, 10, 1],
    [null, 10, 1],
    [0, 10, 1],
    [3, 10, 3],
    [20, 59, 20],
    ['20%', 59, 11],
    ['50%', 5, 2],
    ['10%', 5, 1],
    ['0%', 5, 1],
    ['150%', 4, 6],
    ['100%', 0, 1],
  ])('%p of %i nodes → %i', (raw, count, value) => {
    expect(resolveMaxUnavailable(raw, count)).toEqual({ ok: true, value });
  });

  it.each([
    ['abc', 'notIntegerOrPercentage'],
    ['2', 'notIntegerOrPercentage'],
    ['1.5%', 'notIntegerOrPercentage'],
    [' 10%', 'notIntegerOrPercentage'],
    ['', 'notIntegerOrPercentage'],
    [1.5, 'notAnInteger'],
    ['-10%', 'negative'],
    [-1, 'negative'],
  ])('rejects %p with error id %s', (raw, id) => {
    expect(resolveMaxUnavailable(raw, 10)).toEqual({
      ok: false,
      error: { id, params: { value: String(raw) } },
    });
  });

  it('the arbiter pool always updates one node at a time', () => {
    expect(resolveMaxUnavailable('50%', 10, 'arbiter')).toEqual({ ok: true, value: 1 });
  });

  it('a garbage node count rounds a percentage down to the minimum', () => {
    expect(resolveMaxUnavailable('50%', Number.NaN)).toEqual({ ok: true, value: 1 });
  });
});
