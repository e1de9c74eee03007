import { errorMessage, httpStatus } from './errorMessage';

describe('httpStatus', () => {
  it('reads the status the SDK error carries as `code` or `response.status`', () => {
    expect(httpStatus(Object.assign(new Error('forbidden'), { code: 403 }))).toBe(403);
    expect(httpStatus({ response: { status: 409 } })).toBe(409);
  });

  it('is undefined for anything without a numeric status', () => {
    expect(httpStatus(new Error('network down'))).toBeUndefined();
    expect(httpStatus({ code: 'ECONNRESET' })).toBeUndefined();
    expect(httpStatus(null)).toBeUndefined();
    expect(httpStatus('403')).toBeUndefined();
  });
});

describe('errorMessage', () => {
  it("prefers the server's own Status message", () => {
    expect(errorMessage({ json: { message: 'quota exceeded' }, message: 'Conflict' })).toBe(
      'quota exceeded',
    );
    expect(errorMessage(new Error('request failed'))).toBe('request failed');
    expect(errorMessage(undefined)).toBeUndefined();
  });
});
