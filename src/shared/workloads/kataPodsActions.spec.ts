import type { BlockingPod } from './kataPods';
import {
  DeploymentModel,
  JobModel,
  ownerStopAction,
  planOwnerStops,
  planPodDeletion,
  ReplicaSetModel,
  StatefulSetModel,
} from './kataPodsActions';

const blocking = (name: string, owner?: BlockingPod['owner'], finished = false): BlockingPod => ({
  namespace: 'apps',
  name,
  runtimeClassName: 'kata',
  finished,
  terminating: false,
  ...(owner ? { owner } : {}),
});

describe('ownerStopAction', () => {
  it('scales Deployments, StatefulSets and standalone ReplicaSets, and deletes Jobs', () => {
    expect(
      ownerStopAction(
        blocking('web-1', {
          kind: 'Deployment',
          name: 'web',
          via: { kind: 'ReplicaSet', name: 'web-abc' },
        }),
      ),
    ).toEqual({ kind: 'scaleToZero', namespace: 'apps', name: 'web', model: DeploymentModel });
    expect(ownerStopAction(blocking('db-0', { kind: 'StatefulSet', name: 'db' }))?.model).toBe(
      StatefulSetModel,
    );
    expect(ownerStopAction(blocking('rs-1', { kind: 'ReplicaSet', name: 'rs' }))?.model).toBe(
      ReplicaSetModel,
    );
    expect(ownerStopAction(blocking('job-x', { kind: 'Job', name: 'job' }))).toEqual({
      kind: 'deleteOwner',
      namespace: 'apps',
      name: 'job',
      model: JobModel,
    });
  });

  it('offers nothing for bare pods and owners it cannot stop', () => {
    expect(ownerStopAction(blocking('bare'))).toBeUndefined();
    expect(ownerStopAction(blocking('ds-1', { kind: 'DaemonSet', name: 'ds' }))).toBeUndefined();
  });
});

describe('planPodDeletion', () => {
  it('says which pods a controller will recreate (not finished ones, not bare ones)', () => {
    const plan = planPodDeletion([
      blocking('web-1', { kind: 'Deployment', name: 'web' }),
      blocking('job-1', { kind: 'Job', name: 'job' }, true),
      blocking('bare'),
    ]);
    expect(plan.pods).toHaveLength(3);
    expect(plan.recreated.map((p) => p.name)).toEqual(['web-1']);
  });
});

describe('planOwnerStops', () => {
  it('acts once per owner and lists the pods no owner action covers', () => {
    const plan = planOwnerStops([
      blocking('web-1', { kind: 'Deployment', name: 'web' }),
      blocking('web-2', { kind: 'Deployment', name: 'web' }),
      blocking('job-1', { kind: 'Job', name: 'job' }),
      blocking('bare'),
      blocking('ds-1', { kind: 'DaemonSet', name: 'ds' }),
    ]);
    expect(plan.actions.map((a) => `${a.kind} ${a.model.kind}/${a.name}`)).toEqual([
      'scaleToZero Deployment/web',
      'deleteOwner Job/job',
    ]);
    expect(plan.coveredPodCount).toBe(3);
    expect(plan.uncovered.map((p) => p.name)).toEqual(['bare', 'ds-1']);
  });
});
