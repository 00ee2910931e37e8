// The alert rules and the dashboard's annotations, beyond what manifests.test.ts checks: the seed's expression
// still shows its blip behaviour under promtool, and the dashboard's deploy/rollback/drill annotations select what
// their names say, evaluated by promtool on synthetic series.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const examples = join(import.meta.dirname, '..', '..', 'examples');
const scratch = mkdtempSync(join(tmpdir(), 'rollgate-alerts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function promtool(args: string[], cwd: string): string {
  try {
    return execFileSync('promtool', args, { cwd, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') {
      throw new Error('promtool is not installed: run `apt-get update && apt-get install -y prometheus`');
    }
    throw new Error(`promtool ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

interface Annotation {
  name: string;
  expr: string;
}

const dashboard = JSON.parse(readFileSync(join(examples, 'grafana', 'rollgate-readyz.json'), 'utf8')) as {
  annotations: { list: Annotation[] };
};
const annotation = (prefix: string): Annotation => {
  const found = dashboard.annotations.list.find((a) => a.name.startsWith(prefix));
  if (found === undefined) throw new Error(`no annotation named ${prefix}…`);
  return found;
};

describe('the seed expression (kept in examples/prometheus for the record)', () => {
  it('pages on a single failed sample and resolves five minutes late, as its promtool test shows', () => {
    expect(promtool(['test', 'rules', 'seed-expression.test.yaml'], join(examples, 'prometheus'))).toContain(
      'SUCCESS',
    );
  });
});

describe('dashboard annotations', () => {
  it('label the ReadyzDependencyFailure annotation for what it plots (no more "Maintenance windows")', () => {
    const names = dashboard.annotations.list.map((a) => a.name);
    expect(names).not.toContain('Maintenance windows');
    expect(annotation('Dependency pages').expr).toContain('alertname="ReadyzDependencyFailure"');
  });

  it('mark deploys, rollbacks and drills from the metrics readyz exports (promtool evaluates each)', () => {
    // With Grafana's $service variable set to all services.
    const expr = (prefix: string) => annotation(prefix).expr.replaceAll('$service', '.*');
    const test = {
      rule_files: [],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: [
            // orders-api runs 1.0.0, deploys 1.1.0 at minute 30, rolls back to 1.0.0 at minute 60.
            {
              series: 'aether_readyz_build_info{service="orders-api",version="1.0.0",git_sha="a"}',
              values: '1x29 _x30 1x30',
            },
            {
              series: 'aether_readyz_build_info{service="orders-api",version="1.1.0",git_sha="b"}',
              values: '_x29 1x30 _x30',
            },
            {
              series: 'aether_readyz_simulated{service="orders-api",probe="Redis"}',
              values: '0x40 1x5 0x44',
            },
            { series: 'aether_readyz_simulated{service="orders-api",probe="Postgres"}', values: '0x89' },
          ],
          promql_expr_test: [
            {
              expr: expr('Deploys'),
              eval_time: '31m',
              exp_samples: [{ labels: '{service="orders-api",version="1.1.0"}', value: 1 }],
            },
            { expr: expr('Deploys'), eval_time: '45m', exp_samples: [] },
            { expr: expr('Deploys'), eval_time: '61m', exp_samples: [] },
            { expr: expr('Rollbacks'), eval_time: '31m', exp_samples: [] },
            {
              expr: expr('Rollbacks'),
              eval_time: '61m',
              exp_samples: [{ labels: '{service="orders-api",version="1.0.0"}', value: 1 }],
            },
            {
              expr: expr('Drills'),
              eval_time: '43m',
              exp_samples: [{ labels: '{service="orders-api",probe="Redis"}', value: 1 }],
            },
            { expr: expr('Drills'), eval_time: '50m', exp_samples: [] },
          ],
        },
      ],
    };
    writeFileSync(join(scratch, 'annotations.test.yaml'), JSON.stringify(test));
    expect(promtool(['test', 'rules', 'annotations.test.yaml'], scratch)).toContain('SUCCESS');
  });
});
