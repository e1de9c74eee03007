import { decodeProtobufBody, PROTOBUF_MAGIC } from './protobuf';
import { ApiError } from './errors';
const errorOf = (fn: () => unknown): ApiError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
};

// A tiny encoder, enough to build the messages clients send.
const varint = (n: number): Buffer => {
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.push((v & 0x7f) | (v >= 0x80 ? 0x80 : 0));
    v = Math.floor(v / 128);
  } while (v > 0);
  return Buffer.from(bytes);
};
const bytesField = (num: number, content: Buffer | string): Buffer => {
  const buf = typeof content === 'string' ? Buffer.from(content) : content;
  return Buffer.concat([varint((num << 3) | 2), varint(buf.length), buf]);
};
const varintField = (num: number, value: number): Buffer =>
  Buffer.concat([varint(num << 3), varint(value)]);
const mapEntry = (num: number, key: string, value: Buffer | string): Buffer =>
  bytesField(num, Buffer.concat([bytesField(1, key), bytesField(2, value)]));
const envelope = (apiVersion: string, kind: string, raw: Buffer): Buffer =>
  Buffer.concat([
    PROTOBUF_MAGIC,
    bytesField(1, Buffer.concat([bytesField(1, apiVersion), bytesField(2, kind)])),
    bytesField(2, raw),
  ]);

describe('decodeProtobufBody', () => {
  it('decodes a Secret as kubectl create secret sends it', () => {
    const metadata = Buffer.concat([
      bytesField(1, 's1'),
      bytesField(2, ''),
      bytesField(3, 'ns1'),
      mapEntry(11, 'app', 'x'),
      bytesField(14, 'example.com/f'),
    ]);
    const secret = Buffer.concat([
      bytesField(1, metadata),
      mapEntry(2, 'password', Buffer.from([0, 1, 255])),
      bytesField(3, 'Opaque'),
      varintField(5, 1),
    ]);
    expect(decodeProtobufBody(envelope('v1', 'Secret', secret))).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 's1',
        namespace: 'ns1',
        labels: { app: 'x' },
        finalizers: ['example.com/f'],
      },
      data: { password: Buffer.from([0, 1, 255]).toString('base64') },
      type: 'Opaque',
      immutable: true,
    });
  });

  it('decodes a SelfSubjectAccessReview and DeleteOptions', () => {
    const attrs = Buffer.concat([
      bytesField(1, 'default'),
      bytesField(2, 'create'),
      bytesField(5, 'configmaps'),
    ]);
    const review = bytesField(2, bytesField(1, attrs));
    expect(
      decodeProtobufBody(envelope('authorization.k8s.io/v1', 'SelfSubjectAccessReview', review)),
    ).toEqual({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: {
        resourceAttributes: { namespace: 'default', verb: 'create', resource: 'configmaps' },
      },
    });
    const options = Buffer.concat([bytesField(4, 'Background'), bytesField(5, 'All')]);
    expect(decodeProtobufBody(envelope('v1', 'DeleteOptions', options))).toEqual({
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      propagationPolicy: 'Background',
      dryRun: ['All'],
    });
  });

  it('decodes ConfigMap data and Namespace finalizers', () => {
    const cm = Buffer.concat([bytesField(1, bytesField(1, 'c')), mapEntry(2, 'k', 'v')]);
    expect(decodeProtobufBody(envelope('v1', 'ConfigMap', cm))).toMatchObject({
      metadata: { name: 'c' },
      data: { k: 'v' },
    });
    const ns = Buffer.concat([
      bytesField(1, bytesField(1, 'n')),
      bytesField(2, bytesField(1, 'kubernetes')),
    ]);
    expect(decodeProtobufBody(envelope('v1', 'Namespace', ns))).toMatchObject({
      spec: { finalizers: ['kubernetes'] },
    });
  });

  it('answers 415 for unknown kinds, a missing prefix or garbage', () => {
    expect(
      errorOf(() => decodeProtobufBody(envelope('apps/v1', 'Deployment', Buffer.alloc(0)))),
    ).toMatchObject({ code: 415 });
    expect(errorOf(() => decodeProtobufBody(Buffer.from('{}')))).toMatchObject({ code: 415 });
    expect(
      errorOf(() => decodeProtobufBody(Buffer.concat([PROTOBUF_MAGIC, Buffer.from([0x0a, 0x7f])]))),
    ).toMatchObject({ code: 415 });
  });
});
