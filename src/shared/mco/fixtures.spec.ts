/**
 * Checks the rollout logic against real captures in ../shared/fixtures/mco (see its README):
 * MachineConfigPool and Node lists, and the `oc adm upgrade status --details=all` output for them.
 */
import fs from 'fs';
import path from 'path';
import yaml from 'js-yaml';
import type { List, Node } from '../k8s/types';
import { nodeRolloutPhase } from './nodePhase';
import { computePoolCounts, poolCountsFromStatus, poolTargetConfig } from './poolCounts';
import { nodesByPrimaryPool, nodesOfPool, poolName } from './poolMembership';
import { poolProgress } from './poolProgress';
import type { MachineConfigPool } from './types';
import {
  assessPool,
  formatPoolCompletion,
  formatPoolStatus,
  type PoolAssessment,
} from './upgradeStatusAssessment';

const FIXTURES = path.resolve(__dirname, '../../../../shared/fixtures/mco');

interface Capture {
  dir: string;
  pools: MachineConfigPool[];
  nodes: Node[];
  output: string;
  /**
   * Rendered config → OCP version. oc reads these from the rendered MachineConfigs'
   * `release-image-version` annotation; the MachineConfig captures are not in the fixtures, so
   * the mapping is given here as input (01 is a multi-arch migration: one version throughout).
   */
  versions: Record<string, string>;
}

const load = (dir: string, stem: string, versions: Record<string, string>): Capture => {
  const read = (file: string) => fs.readFileSync(path.join(FIXTURES, dir, file), 'utf8');
  // 03's .yaml files are JSON; JSON is YAML, so one parser reads both.
  const pools = (yaml.load(read(`${stem}-mcp.yaml`)) as List<MachineConfigPool>).items;
  const nodes = (yaml.load(read(`${stem}-node.yaml`)) as List<Node>).items;
  return { dir, pools, nodes, output: read(`${stem}.detailed-output`), versions };
};

const C01 = load('01-oc-to-multi-arch-midupdate', 'to-multi-arch', {
  'rendered-master-909adc791f502a35c20ba70158c4c582': '4.18.0-ec.3',
  'rendered-master-1f718b5bc3667e49797e9a47d9f48725': '4.18.0-ec.3',
  'rendered-worker-869799cd72c887a5da8248efd58bb2a9': '4.18.0-ec.3',
  'rendered-worker-a079988a31206987bed827f0242d7b3f': '4.18.0-ec.3',
});
const C02 = load(
  '02-oc-4.16-pdb-prohibits-draining',
  '4.16.0-ec2-control-plane-updated-pdb-prohibits-draining',
  {
    'rendered-master-e3c7b185390e28b7535bc5d0855940ad': '4.16.0-ec.3',
    'rendered-worker-55c03f1f59ad9bd3b224c96a3618ce1d': '4.16.0-ec.3',
    'rendered-worker-6b0cfe9b92e34c641ac59510e408b311': '4.16.0-ec.2',
  },
);
const C03 = load('03-oc-ocpbugs-60768-degraded-master', 'ocpbugs-60768', {
  'rendered-master-51b9bd96466b1461e8a9b84416e4405b': '4.20.0-0.nightly-2025-08-12-153542',
  'rendered-master-505a1e08a37430cbe1ee421928f810ec': '4.20.0-0.nightly-2025-08-19-180353',
  'rendered-worker-2b807ab49e9d8a7040a5bcc4085e31c1': '4.20.0-0.nightly-2025-08-19-180353',
});
const CAPTURES = [C01, C02, C03];

const poolNamed = (c: Capture, name: string): MachineConfigPool => {
  const pool = c.pools.find((p) => poolName(p) === name);
  if (!pool) throw new Error(`no pool ${name} in ${c.dir}`);
  return pool;
};

const nodeNamed = (c: Capture, name: string): Node => {
  const node = c.nodes.find((n) => n.metadata?.name === name);
  if (!node) throw new Error(`no node ${name} in ${c.dir}`);
  return node;
};

// ---- parsing the captured `oc adm upgrade status --details=all` output ----

interface NodeRow {
  name: string;
  assessment: string;
  phase: string;
  version: string;
  estimate: string;
  message: string;
}

interface PoolRow {
  name: string;
  assessment: string;
  completion: string;
  status: string;
}

interface ParsedOutput {
  /** Node rows per pool, in printed order; the control plane section is pool `master`. */
  nodes: Map<string, NodeRow[]>;
  pools: PoolRow[];
  /** `All control plane nodes successfully updated to X` → X. */
  controlPlaneUpdatedTo?: string;
}

const NODE_ROW = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)(?: +(.*))?$/;
const POOL_ROW = /^(\S+)\s+(\S+)\s+(\d+% \(\d+\/\d+\))\s+(.+)$/;

const parseOutput = (output: string, nodeNames: ReadonlySet<string>): ParsedOutput => {
  const parsed: ParsedOutput = { nodes: new Map(), pools: [] };
  let section: NodeRow[] | undefined;
  let inPoolTable = false;
  for (const line of output.split('\n')) {
    const updatedTo = /^All control plane nodes successfully updated to (\S+)$/.exec(line);
    if (updatedTo) parsed.controlPlaneUpdatedTo = updatedTo[1];
    const worker = /^Worker Pool Nodes: (\S+)$/.exec(line);
    if (line === 'Control Plane Nodes' || worker) {
      section = [];
      parsed.nodes.set(worker?.[1] ?? 'master', section);
      continue;
    }
    if (line.startsWith('WORKER POOL ')) {
      inPoolTable = true;
      continue;
    }
    if (line.trim() === '' || line.startsWith('=')) {
      section = undefined;
      inPoolTable = false;
      continue;
    }
    if (inPoolTable) {
      const m = POOL_ROW.exec(line);
      if (m)
        parsed.pools.push({ name: m[1]!, assessment: m[2]!, completion: m[3]!, status: m[4]! });
      continue;
    }
    if (!section || line.startsWith('NAME ')) continue;
    const m = NODE_ROW.exec(line);
    const last = section[section.length - 1];
    if (m && nodeNames.has(m[1]!)) {
      section.push({
        name: m[1]!,
        assessment: m[2]!,
        phase: m[3]!,
        version: m[4]!,
        estimate: m[5]!,
        message: (m[6] ?? '').trimEnd(),
      });
    } else if (last) {
      // A multi-line message (fixture 03) continues on the following lines.
      last.message = `${last.message}\n${line.trimEnd()}`;
    }
  }
  return parsed;
};

const rowOf = (p: PoolAssessment['nodes'][number]): NodeRow => ({
  name: p.name,
  assessment: p.assessment,
  phase: p.phase,
  version: p.version,
  estimate: p.estimate,
  message: p.message,
});

// ---- tests ----

describe('fixture captures', () => {
  it('are readable and non-trivial', () => {
    for (const c of CAPTURES) {
      expect(c.pools.length).toBeGreaterThanOrEqual(2);
      expect(c.nodes.length).toBeGreaterThanOrEqual(6);
    }
  });
});

describe('pool counts reproduce the MCO', () => {
  it.each([
    ['01', C01],
    ['03', C03],
  ])('match every pool status in fixture %s exactly', (_id, c) => {
    for (const pool of c.pools) {
      const mine = computePoolCounts(pool, nodesOfPool(pool, c.nodes, c.pools));
      expect({ pool: poolName(pool), ...mine }).toEqual({
        pool: poolName(pool),
        ...poolCountsFromStatus(pool),
      });
    }
  });

  it('fixture 01 reads 3/0/0/1/0 (master) and 3/1/1/1/0 (worker)', () => {
    const counts = (name: string): number[] => {
      const pool = poolNamed(C01, name);
      const c = computePoolCounts(pool, nodesOfPool(pool, C01.nodes, C01.pools));
      return [
        c.machineCount,
        c.updatedMachineCount,
        c.readyMachineCount,
        c.unavailableMachineCount,
        c.degradedMachineCount,
      ];
    };
    expect(counts('master')).toEqual([3, 0, 0, 1, 0]);
    expect(counts('worker')).toEqual([3, 1, 1, 1, 0]);
  });

  it('fixture 02: two nodes were hand-edited upstream, so the worker pool recomputes to 22/21/15/7', () => {
    // openshift/oc commit a69937e9e removed every MCO annotation from ...-tests-worker-b-d9vz2
    // (and made it NotReady) and removed only currentConfig from ...-prowjobs-worker-d-ddnxd.
    // The captured status (23/22/13/7) predates those edits.
    const worker = poolNamed(C02, 'worker');
    expect(poolCountsFromStatus(worker)).toEqual({
      machineCount: 59,
      updatedMachineCount: 23,
      readyMachineCount: 22,
      unavailableMachineCount: 13,
      degradedMachineCount: 7,
    });
    expect(computePoolCounts(worker, nodesOfPool(worker, C02.nodes, C02.pools))).toEqual({
      machineCount: 59,
      updatedMachineCount: 22,
      readyMachineCount: 21,
      unavailableMachineCount: 15,
      degradedMachineCount: 7,
    });
    const master = poolNamed(C02, 'master');
    expect(computePoolCounts(master, nodesOfPool(master, C02.nodes, C02.pools))).toEqual(
      poolCountsFromStatus(master),
    );
  });

  it('fixture 02: the hand-edited nodes come out unknown, with a note saying why', () => {
    const target = poolTargetConfig(poolNamed(C02, 'worker'));
    const bare = nodeRolloutPhase(nodeNamed(C02, 'build0-gstfj-ci-tests-worker-b-d9vz2'), target);
    expect(bare.phase).toBe('unknown');
    expect(bare.note).toEqual({ id: 'noMcoAnnotations', params: {} });
    const noCurrent = nodeRolloutPhase(
      nodeNamed(C02, 'build0-gstfj-ci-prowjobs-worker-d-ddnxd'),
      target,
    );
    expect(noCurrent.phase).toBe('unknown');
    expect(noCurrent.note).toEqual({
      id: 'annotationMissing',
      params: { annotation: 'currentConfig' },
    });
  });

  it('groups every node into exactly one primary pool', () => {
    for (const c of CAPTURES) {
      const groups = nodesByPrimaryPool(c.nodes, c.pools);
      const total = [...groups.values()].reduce((sum, g) => sum + g.length, 0);
      expect(total).toBe(c.nodes.length);
    }
  });
});

describe('per-node phases on the captures', () => {
  const phaseOf = (c: Capture, pool: string, node: string) =>
    nodeRolloutPhase(nodeNamed(c, node), poolTargetConfig(poolNamed(c, pool)));

  it('fixture 01: one node of each kind', () => {
    const master = phaseOf(C01, 'master', 'ip-10-0-33-81.us-east-2.compute.internal');
    expect(master).toMatchObject({ phase: 'rebooting', targeted: true, source: 'annotations' });
    const draining = phaseOf(C01, 'worker', 'ip-10-0-22-179.us-east-2.compute.internal');
    expect(draining).toMatchObject({ phase: 'draining', since: '2024-11-20T23:28:25Z' });
    expect(phaseOf(C01, 'worker', 'ip-10-0-72-40.us-east-2.compute.internal').phase).toBe('queued');
    expect(phaseOf(C01, 'worker', 'ip-10-0-17-117.us-east-2.compute.internal').phase).toBe('done');
  });

  it('fixture 02: degraded nodes carry the MCO reason; draining nodes are draining', () => {
    const degraded = phaseOf(C02, 'worker', 'build0-gstfj-ci-tests-worker-c-dcz9p');
    expect(degraded.phase).toBe('degraded');
    expect(degraded.reason).toBe(
      'failed to drain node: build0-gstfj-ci-tests-worker-c-dcz9p after 1 hour. Please see machine-config-controller logs for more information',
    );
    expect(phaseOf(C02, 'worker', 'build0-gstfj-ci-tests-worker-c-2kz4m').phase).toBe('draining');
    expect(phaseOf(C02, 'worker', 'build0-gstfj-ci-tests-worker-c-jq5rk').phase).toBe('done');
  });

  it('fixture 03: the stuck master is degraded, the others queued and done', () => {
    const stuck = phaseOf(C03, 'master', 'ci-op-pw3ghqzh-bb5c4-pdhfc-master-1');
    expect(stuck.phase).toBe('degraded');
    expect(stuck.reason).toMatch(/^failed to run command nice \(6 tries\)/);
    expect(phaseOf(C03, 'master', 'ci-op-pw3ghqzh-bb5c4-pdhfc-master-0').phase).toBe('queued');
    expect(phaseOf(C03, 'master', 'ci-op-pw3ghqzh-bb5c4-pdhfc-master-2').phase).toBe('done');
  });
});

describe('pool progress on the captures', () => {
  it('fixture 02 worker: degraded with the MCO reason and per-node message', () => {
    const p = poolProgress(poolNamed(C02, 'worker'));
    expect(p.state).toBe('degraded');
    expect(p.degradedReason).toBe('7 nodes are reporting degraded status on sync');
    expect(p.message).toMatch(
      /^Node build0-gstfj-ci-tests-worker-c-dcz9p is reporting: "failed to drain/,
    );
    expect(p.percent).toBe(38); // 23 of 59 per the captured status
    expect(p.maxUnavailable).toEqual({ ok: true, value: 20 });
    expect(p.countsSource).toBe('status');
  });

  it('fixture 03: master degraded, worker updated', () => {
    expect(poolProgress(poolNamed(C03, 'master')).state).toBe('degraded');
    const worker = poolProgress(poolNamed(C03, 'worker'));
    expect(worker).toMatchObject({ state: 'updated', percent: 100 });
    expect(worker.message).toMatch(/^All nodes are updated with MachineConfig rendered-worker-/);
  });

  it('fixture 01: both pools updating with the MCO message', () => {
    const master = poolProgress(poolNamed(C01, 'master'));
    expect(master).toMatchObject({ state: 'updating', percent: 0 });
    expect(master.message).toBe(
      'All nodes are updating to MachineConfig rendered-master-1f718b5bc3667e49797e9a47d9f48725',
    );
  });
});

describe.each([
  ['01', C01],
  ['02', C02],
  ['03', C03],
])('oc adm upgrade status assessments, fixture %s', (_id, c) => {
  const names = new Set(c.nodes.map((n) => n.metadata?.name ?? ''));
  const expected = parseOutput(c.output, names);
  const versionOf = (config: string) => c.versions[config];
  const assessed = new Map(
    c.pools.map((pool) => [
      poolName(pool),
      assessPool(pool, nodesOfPool(pool, c.nodes, c.pools), { versionOf }),
    ]),
  );

  it('the capture lists nodes to compare against', () => {
    const rows = [...expected.nodes.values()].flat();
    expect(rows.length).toBeGreaterThanOrEqual(6);
  });

  it('reproduces every node row, in oc order', () => {
    for (const [pool, rows] of expected.nodes) {
      expect({ pool, rows: assessed.get(pool)?.nodes.map(rowOf) }).toEqual({ pool, rows });
    }
  });

  it('reproduces every worker pool summary row', () => {
    expect(expected.pools.length).toBeGreaterThan(0);
    for (const row of expected.pools) {
      const p = assessed.get(row.name);
      expect(
        p && {
          name: p.name,
          assessment: p.assessment,
          completion: formatPoolCompletion(p),
          status: formatPoolStatus(p),
        },
      ).toEqual(row);
    }
  });

  it('reports the control plane complete exactly when oc does', () => {
    const master = assessed.get('master');
    if (expected.controlPlaneUpdatedTo === undefined) {
      expect(master?.assessment).not.toBe('Completed');
    } else {
      expect(master?.assessment).toBe('Completed');
      expect(master?.nodes[0]?.version).toBe(expected.controlPlaneUpdatedTo);
    }
  });
});
