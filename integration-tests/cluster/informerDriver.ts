/**
 * Runs a @kubernetes/client-node informer on the ConfigMaps of a namespace and prints one JSON
 * line per thing it sees (`list`, `add`, `update`, `delete`, `error`), until it is killed. On an
 * error it starts the informer again, as client-node's documentation recommends; an informer
 * whose watch gets 410 Gone relists by itself.
 * Usage: node -r ts-node/register informerDriver.ts KUBECONFIG NAMESPACE
 */
import * as k8s from '@kubernetes/client-node';

const [kubeconfigPath = '', namespace = 'default'] = process.argv.slice(2);

const print = (line: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

const main = async (): Promise<void> => {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const informer = k8s.makeInformer(kc, `/api/v1/namespaces/${namespace}/configmaps`, async () => {
    const list = await core.listNamespacedConfigMap({ namespace });
    print({
      event: 'list',
      names: list.items.map((o) => o.metadata?.name ?? ''),
      resourceVersion: list.metadata?.resourceVersion ?? '',
    });
    return list;
  });
  const name = (o: k8s.V1ConfigMap): string => o.metadata?.name ?? '';
  informer.on('add', (o) => {
    print({ event: 'add', name: name(o) });
  });
  informer.on('update', (o) => {
    print({ event: 'update', name: name(o), value: o.data?.k ?? '' });
  });
  informer.on('delete', (o) => {
    print({ event: 'delete', name: name(o) });
  });
  informer.on('error', (error: unknown) => {
    print({ event: 'error', message: error instanceof Error ? error.message : String(error) });
    setTimeout(() => {
      void informer.start();
    }, 200);
  });
  await informer.start();
  print({ event: 'started' });
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
