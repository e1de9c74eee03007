import { apiVersionOf, referenceForModel } from './model';
import {
  LimitRangeModel,
  NamespaceModel,
  NodeModel,
  PodModel,
  ResourceQuotaModel,
  RuntimeClassModel,
} from './models';

describe('core models', () => {
  it.each([
    [NodeModel, 'v1', 'core~v1~Node', '/api/v1/nodes'],
    [PodModel, 'v1', 'core~v1~Pod', '/api/v1/namespaces/<ns>/pods'],
    [NamespaceModel, 'v1', 'core~v1~Namespace', '/api/v1/namespaces'],
    [
      RuntimeClassModel,
      'node.k8s.io/v1',
      'node.k8s.io~v1~RuntimeClass',
      '/apis/node.k8s.io/v1/runtimeclasses',
    ],
    [ResourceQuotaModel, 'v1', 'core~v1~ResourceQuota', '/api/v1/namespaces/<ns>/resourcequotas'],
    [LimitRangeModel, 'v1', 'core~v1~LimitRange', '/api/v1/namespaces/<ns>/limitranges'],
  ])(
    '%o is served at the path its apiVersion and plural give',
    (model, apiVersion, reference, path) => {
      expect(apiVersionOf(model)).toBe(apiVersion);
      expect(referenceForModel(model)).toBe(reference);
      const prefix = model.apiGroup ? `/apis/${apiVersionOf(model)}` : `/api/${model.apiVersion}`;
      const scope = model.namespaced ? '/namespaces/<ns>' : '';
      expect(`${prefix}${scope}/${model.plural}`).toBe(path);
    },
  );
});
