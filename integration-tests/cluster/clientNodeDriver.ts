/**
 * Runs @kubernetes/client-node (an ES module Jest cannot load) against a local cluster and prints
 * what it saw as JSON. Usage: node -r ts-node/register clientNodeDriver.ts KUBECONFIG NAMESPACE
 */
import * as k8s from '@kubernetes/client-node';

const [kubeconfigPath = '', namespace = 'default'] = process.argv.slice(2);

const main = async (): Promise<void> => {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const events: string[] = [];
  const informer = k8s.makeInformer(kc, `/api/v1/namespaces/${namespace}/configmaps`, () =>
    core.listNamespacedConfigMap({ namespace }),
  );
  informer.on('add', (o) => events.push(`add:${o.metadata?.name ?? ''}`));
  informer.on('update', (o) => events.push(`update:${o.metadata?.name ?? ''}:${o.data?.k ?? ''}`));
  informer.on('delete', (o) => events.push(`delete:${o.metadata?.name ?? ''}`));
  await informer.start();
  const body = new k8s.V1ConfigMap();
  body.metadata = new k8s.V1ObjectMeta();
  body.metadata.name = 'cn1';
  body.data = { k: '1' };
  await core.createNamespacedConfigMap({ namespace, body });
  await core.patchNamespacedConfigMap(
    { namespace, name: 'cn1', body: { data: { k: '2' } } },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
  );
  await core.deleteNamespacedConfigMap({ namespace, name: 'cn1' });
  const deadline = Date.now() + 20_000;
  while (events.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await informer.stop();
  const pages: number[] = [];
  let token: string | undefined;
  do {
    const page = await core.listNamespace({ limit: 4, _continue: token });
    pages.push(page.items.length);
    token = page.metadata?._continue;
  } while (token);
  const cached = informer.list().map((o) => o.metadata?.name ?? '');
  process.stdout.write(`${JSON.stringify({ events, pages, cached })}\n`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
