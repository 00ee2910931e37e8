// The `rollgate` command tree, built with commander. Only commander and the output helpers load here: each
// command's module (and zod behind it) is imported inside its action (command-modules.ts), so `rollgate --help`
// loads no schema code.
import { Command, CommanderError } from 'commander';
import { EXIT, type ExitCode } from '../output/exit-codes.js';
import type { CliIo } from '../output/io.js';
import { reportError } from '../output/report-error.js';
import { styleFor } from '../output/style.js';
import type { CommandModuleName, commandModules } from './command-modules.js';

/** The version `rollgate --version` prints. */
export const CLI_VERSION = '0.1.0';

/** A command's module, through `commandModules` (itself imported only once an action runs). */
async function loadCommand<Name extends CommandModuleName>(
  name: Name,
): Promise<Awaited<ReturnType<(typeof commandModules)[Name]>>> {
  const { commandModules: modules } = await import('./command-modules.js');
  return (await modules[name]()) as Awaited<ReturnType<(typeof commandModules)[Name]>>;
}

const collect = (value: string, previous: string[]) => [...previous, value];

const example = (lines: string) => `\nExample:\n${lines}\n`;

function exitCodes(rows: string) {
  return `\nExit codes:\n${rows}\n`;
}

/** The command tree writing to `io`; `setExit` receives each action's exit code. */
export function createProgram(io: CliIo, setExit: (code: ExitCode) => void): Command {
  const program = new Command('rollgate');
  const err = styleFor(io.stderr, io);
  program
    .description('Validate deployment contracts, run the deployment gate and judge canaries.')
    .version(CLI_VERSION, '-V, --version', 'print the version')
    .option('--debug', 'print the stack of an unexpected error')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // One line, prefixed like every other rollgate error; commander's own text names the flag.
      outputError: (text, write) => write(`${err.bad('rollgate:')} ${text.replace(/^error: /, '')}`),
    })
    .addHelpText(
      'after',
      example(
        '  $ rollgate validate examples/demo/documents/rollback_rules.yaml\n  $ rollgate validate --help',
      ),
    );

  program
    .command('validate')
    .description(
      'validate YAML or JSON documents against the contract (kind from --kind, a "kind" field or the file name)',
    )
    .argument('<file...>', 'documents to validate (- reads standard input)')
    .option('--kind <kind>', 'the kind of every file, e.g. rollback-rules')
    .option('--json', 'print one JSON document')
    .addHelpText(
      'after',
      example(
        '  $ rollgate validate examples/demo/documents/release-manifest.json examples/demo/documents/rollback_rules.yaml\n' +
          '  $ rollgate validate --kind gate-policy policy.yaml\n' +
          '  $ git show main:deploy/deployment_manifest.yaml | rollgate validate --kind deployment-manifest -',
      ) + exitCodes('  0 all valid, 1 any invalid, 2 unreadable file or unknown kind'),
    )
    .action(async (files: string[], options: { kind?: string; json?: boolean }) => {
      const { validateCommand } = await loadCommand('validate');
      setExit(await validateCommand(files, options, io));
    });

  program
    .command('schema')
    .description("print or write the contract's JSON Schemas (draft 2020-12)")
    .option('--out <dir>', 'write <kind>.schema.json files and index.json into this directory')
    .option('--kind <kind>', 'only this kind (printed when --out is not given)')
    .option('--json', 'print every schema keyed by kind')
    .addHelpText(
      'after',
      example(
        '  $ rollgate schema --kind rollback-rules > rollback-rules.schema.json\n  $ rollgate schema --out schemas/',
      ) + exitCodes('  0 done, 2 unknown kind or unwritable directory'),
    )
    .action(async (options: { out?: string; kind?: string; json?: boolean }) => {
      const { schemaCommand } = await loadCommand('schema');
      setExit(await schemaCommand(options, io));
    });

  program
    .command('gate')
    .description('evaluate the deployment gate: a release manifest against a gate policy')
    .requiredOption('--manifest <file>', 'release manifest (YAML or JSON)')
    .requiredOption('--policy <file>', 'gate policy')
    .option('--scorecard <file>', 'readiness scorecard')
    .option('--signals <file>', 'live signals: { p95_ms, error_rate, open_critical_incidents }')
    .option('--environment <name>', "environment deployed to (default: the manifest's)")
    .option('--now <instant>', 'decision instant, RFC 3339 (default: now)')
    .option('--signature <file>', 'DSSE envelope of the manifest (rollgate sign); needs --pub')
    .option('--pub <file>', 'Ed25519 public key (PEM) that must have signed the manifest')
    .option('--json', "print the contract's GateDecision")
    .addHelpText(
      'after',
      example(
        '  $ rollgate gate --manifest examples/demo/documents/release-manifest.json \\\n' +
          '      --policy examples/demo/documents/gate_policy.yaml --now 2025-10-02T16:00:00+08:00',
      ) +
        exitCodes(
          '  0 approve, 3 waiver_required, 4 reject, 2 bad input (unreadable or malformed document, bad flag)',
        ),
    )
    .action(async (options) => {
      const { gateCommand } = await loadCommand('gate');
      setExit(await gateCommand(options, io));
    });

  program
    .command('analyze')
    .description('judge a canary with rollback rules, over recorded samples or Prometheus range queries')
    .requiredOption('--rules <file>', 'rollback rules (YAML or JSON)')
    .option(
      '--samples <file>',
      'recorded samples: { metric: [{ t, value }] } or { metric: { canary, baseline } }',
    )
    .option('--prometheus <url>', 'Prometheus base URL, e.g. http://127.0.0.1:9090')
    .option('--queries <file>', 'metric-queries document: the PromQL of each metric (with --prometheus)')
    .option(
      '--now <instant>',
      'evaluation instant, RFC 3339 (default: the last sample with --samples, else now)',
    )
    .option('--var <name=value>', 'fills {{name}} in the queries; repeatable', collect, [])
    .option('--step <duration>', 'range-query step (default 15s, finer for windows under 150s)')
    .option('--timeout <duration>', 'timeout of each Prometheus query (default 10s)')
    .option('--html <file>', 'write a self-contained HTML report')
    .option('--plan <file>', 'canary plan: the report draws the weights it would have taken (with --html)')
    .option('--service <name>', 'service named in the rollback.requested event (default: --var service)')
    .option(
      '--environment <name>',
      'environment of the rollback.requested event (default: --var environment)',
    )
    .option('--release-version <version>', 'version of the rollback.requested event (default: --var version)')
    .option('--correlation-id <id>', 'correlation id of the rollback.requested event')
    .option('--json', 'print { decision, event } as JSON')
    .addHelpText(
      'after',
      example(
        '  $ rollgate analyze --rules examples/demo/documents/rollback_rules.yaml \\\n' +
          '      --samples examples/demo/inputs/canary_samples.json --now 2025-10-02T12:14:00Z \\\n' +
          '      --plan examples/demo/documents/canary_plan.yaml --html report.html\n' +
          '  $ rollgate analyze --rules rules.yaml --prometheus http://127.0.0.1:9090 --queries queries.yaml \\\n' +
          '      --var service=orders-api --var namespace=shop',
      ) + exitCodes('  0 promote, continue or hold; 3 inconclusive; 4 rollback or block; 2 bad input'),
    )
    .action(async (options) => {
      const { analyzeCommand } = await loadCommand('analyze');
      setExit(await analyzeCommand(options, io));
    });

  program
    .command('report')
    .description(
      "write a release_report.md: the contract's ReleaseReport as YAML front matter, then Markdown notes",
    )
    .requiredOption('--from <file>', 'the ReleaseReport (JSON or YAML)')
    .option('--notes <file>', 'Markdown notes placed after the front matter')
    .option('--output <file>', 'where to write release_report.md (default: stdout); written atomically')
    .option('--json', 'print { written, output, report, issues }')
    .addHelpText(
      'after',
      example(
        '  $ rollgate report --from packages/contract/fixtures/v1.0.0/release-report/valid/2025.10.02-production.json \\\n' +
          '      --output release_report.md\n' +
          '  $ rollgate validate release_report.md',
      ) +
        exitCodes(
          '  0 written, 1 the report is invalid (nothing written), 2 unreadable input or unwritable output',
        ),
    )
    .action(async (options) => {
      const { reportCommand } = await loadCommand('report');
      setExit(await reportCommand(options, io));
    });

  program
    .command('serve-analysis')
    .description('serve the analysis endpoint Argo Rollouts (web provider) and Flagger (webhooks) call')
    .requiredOption('--rules <file>', 'rollback rules')
    .requiredOption('--queries <file>', 'metric-queries document')
    .requiredOption('--prometheus <url>', 'Prometheus base URL')
    .option('--port <port>', 'TCP port (0: any free port)', '8080')
    .option('--host <host>', 'address to listen on', '0.0.0.0')
    .addHelpText(
      'after',
      example(
        '  $ rollgate serve-analysis --rules rules.yaml --queries queries.yaml \\\n' +
          '      --prometheus http://prometheus.monitoring:9090 --port 8080',
      ) +
        exitCodes(
          '  0 stopped by SIGINT or SIGTERM; 2 bad input found before it listens (a document, a port in use, a host not of this machine)',
        ),
    )
    .action(async (options) => {
      const { serveAnalysisCommand } = await loadCommand('serveAnalysis');
      setExit(await serveAnalysisCommand(options, io));
    });

  program
    .command('lint-k8s')
    .description(
      'check Deployment, StatefulSet, Argo Rollout and Flagger Canary manifests against rollgate: probes, thresholds, grace period',
    )
    .argument('<path...>', 'YAML files or directories (walked for *.yaml, *.yml)')
    .option('--readiness-path <path>', 'the path readiness probes must GET', '/readyz')
    .option('--drain-delay <duration>', "the service's installShutdown drainDelayMs (default 5s)")
    .option('--shutdown-timeout <duration>', "the service's installShutdown timeoutMs (default 25s)")
    .option('--json', 'print { clean, findings, issues, skipped, files, workloads }')
    .addHelpText(
      'after',
      example(
        '  $ rollgate lint-k8s examples/kubernetes\n' +
          '  $ rollgate lint-k8s deploy/k8s --readiness-path /health/ready --drain-delay 10s --json',
      ) + exitCodes('  0 no findings, 1 findings, 2 a file or document that cannot be read, or a bad flag'),
    )
    .action(async (paths: string[], options) => {
      const { lintK8sCommand } = await loadCommand('lintK8s');
      setExit(await lintK8sCommand(paths, options, io));
    });

  program
    .command('conformance')
    .description(
      "check a running service's /readyz and /livez against rollgate's HTTP table, breaking each dependency in turn",
    )
    .argument('<url>', 'base URL of the service, e.g. http://127.0.0.1:8080')
    .option('--dependency <name>', 'a dependency the 503 body names, e.g. Redis; repeatable', collect, [])
    .option('--fail <command>', 'shell command that breaks the dependency before it; repeatable', collect, [])
    .option('--restore <command>', 'shell command mending the dependency before it; repeatable', collect, [])
    .option('--readyz-path <path>', 'readiness path (default /readyz)')
    .option('--livez-path <path>', 'liveness path (default /livez)')
    .option('--fail-within <duration>', 'longest wait for 503 after --fail (default 5s)')
    .option('--restore-within <duration>', 'longest wait for 200 after --restore (default 15s)')
    .option('--hook-timeout <duration>', 'longest run of one --fail or --restore command (default 60s)')
    .option('--json', 'print { conforms, findings }')
    .addHelpText(
      'after',
      example(
        '  $ rollgate conformance http://127.0.0.1:8080 \\\n' +
          '      --dependency Redis --fail "docker pause redis" --restore "docker unpause redis" \\\n' +
          '      --dependency Postgres --fail "docker stop pg" --restore "docker start pg"',
      ) + exitCodes('  0 conforms, 1 any check failed, 2 bad flag (e.g. --fail without --dependency)'),
    )
    .action(async (url: string, options) => {
      const { conformanceCommand } = await loadCommand('conformance');
      setExit(await conformanceCommand(url, options, io));
    });

  program
    .command('manifest')
    .description(
      'assemble release-manifest.json from a release config, a readiness report and the artifact files',
    )
    .requiredOption('--config <file>', 'release config (release.yml, kind release-config)')
    .requiredOption('--report <file>', 'readiness report (readiness_report.json)')
    .option(
      '--artifact <name=path>',
      "the file of an artifact, hashed as a stream; repeatable (default: the config's path)",
      collect,
      [],
    )
    .requiredOption('--output <file>', 'where to write the manifest; written atomically, after it validates')
    .option('--now <instant>', 'generated_at, RFC 3339 (default: now)')
    .option('--json', 'print the manifest as JSON')
    .addHelpText(
      'after',
      example(
        '  $ rollgate manifest --config release.yml --report readiness_report.json \\\n' +
          '      --artifact service-api=dist/service-api.tgz --artifact prompt-pack=dist/prompt-pack.tar \\\n' +
          '      --output release-manifest.json',
      ) +
        exitCodes(
          '  0 written, 1 an input the contract refuses (nothing written), 2 unreadable file or bad flag',
        ),
    )
    .action(async (options) => {
      const { manifestCommand } = await loadCommand('manifest');
      setExit(await manifestCommand(options, io));
    });

  program
    .command('approve')
    .description('append a timestamped approval to a release manifest (locked and written atomically)')
    .requiredOption('--manifest <file>', 'release manifest (JSON)')
    .requiredOption('--role <role>', 'approver role, e.g. change-board')
    .requiredOption('--actor <name>', 'who approves')
    .option('--reason <text>', 'why, recorded with the approval')
    .option('--policy <file>', "gate policy: refuse a role the environment's roster does not list")
    .option('--now <instant>', 'approval time, RFC 3339 (default: now)')
    .option('--json', 'print { added, approval, approvals }')
    .addHelpText(
      'after',
      example(
        '  $ rollgate approve --manifest release-manifest.json --role sre --actor bob \\\n' +
          '      --reason "on call" --policy examples/demo/documents/gate_policy.yaml',
      ) +
        exitCodes(
          '  0 appended or already recorded, 1 refused (role not on the roster, invalid manifest), 2 bad input',
        ),
    )
    .action(async (options) => {
      const { approveCommand } = await loadCommand('approve');
      setExit(await approveCommand(options, io));
    });

  program
    .command('sign')
    .description('sign a release manifest: a DSSE envelope over its canonical JSON (RFC 8785), Ed25519')
    .requiredOption('--manifest <file>', 'release manifest')
    .requiredOption('--key <file>', 'Ed25519 private key, PEM (openssl genpkey -algorithm ed25519)')
    .option('--out <file>', 'where to write the envelope (default: <manifest>.dsse.json)')
    .option('--json', 'print the envelope')
    .addHelpText(
      'after',
      example('  $ rollgate sign --manifest release-manifest.json --key ed25519.pem') +
        exitCodes('  0 signed, 1 invalid manifest, 2 unreadable file or unusable key'),
    )
    .action(async (options) => {
      const { signCommand } = await loadCommand('sign');
      setExit(await signCommand(options, io));
    });

  program
    .command('verify')
    .description("verify a release manifest's DSSE signature and, with --artifacts, every artifact digest")
    .requiredOption('--manifest <file>', 'release manifest')
    .requiredOption('--signature <file>', 'DSSE envelope written by rollgate sign')
    .requiredOption('--pub <file>', 'Ed25519 public key, PEM')
    .option('--artifacts <dir>', 'directory holding each artifact as <name> or <name>.<ext>')
    .option('--json', 'print { verified, signature, artifacts }')
    .addHelpText(
      'after',
      example(
        '  $ rollgate verify --manifest release-manifest.json --signature release-manifest.json.dsse.json \\\n' +
          '      --pub ed25519.pub --artifacts dist/',
      ) +
        exitCodes(
          '  0 verified, 1 a check failed (manifest_changed, signature_invalid, artifact_mismatch…), 2 unreadable file',
        ),
    )
    .action(async (options) => {
      const { verifyCommand } = await loadCommand('verify');
      setExit(await verifyCommand(options, io));
    });

  program
    .command('compat')
    .description(
      'classify a JSON Schema change as BACKWARD, FORWARD, FULL or NONE (Confluent Schema Registry modes)',
    )
    .argument('<old>', 'the old schema (JSON)')
    .argument('<new>', 'the new schema (JSON)')
    .option('--mode <mode>', 'backward, forward or full', 'full')
    .option('--json', 'print { mode, compatible, level, changes }')
    .addHelpText(
      'after',
      example(
        '  $ rollgate compat packages/contract/schemas-frozen/1.0.0/gate-policy.schema.json \\\n' +
          '      packages/contract/schemas/gate-policy.schema.json --mode backward',
      ) +
        exitCodes(
          '  0 compatible in the mode asked, 1 not, 2 unreadable file, not a JSON Schema, or bad --mode',
        ),
    )
    .action(async (oldFile: string, newFile: string, options) => {
      const { compatCommand } = await loadCommand('compat');
      setExit(await compatCommand(oldFile, newFile, options, io));
    });

  // A usage mistake inside a command names the command, as every other error of that command does.
  for (const command of program.commands)
    command.configureOutput({
      outputError: (text, write) =>
        write(`${err.bad(`rollgate ${command.name()}:`)} ${text.replace(/^error: /, '')}`),
    });
  return program;
}

/** Runs `rollgate` with `argv` (without node and the script) against `io`; resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let code: ExitCode = EXIT.OK;
  const program = createProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end through exitOverride too; their code is 0. Anything else is a usage mistake.
      return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    const debug = argv.includes('--debug');
    const command = program.commands.find((c) => argv.includes(c.name()))?.name() ?? '';
    return reportError(error, io, command, debug);
  }
}
