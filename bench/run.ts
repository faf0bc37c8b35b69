// `npm run bench`: runs the three parts (classifier, replay, editor costs), prints one table per part and the
// targets, and writes the figures to bench/results/latest.json plus a dated copy for comparison across commits.
// `npm run bench -- --only classifier,replay` runs some parts (written to latest-partial.json only).
// `npm run bench -- --prompts FILE` replays any labelled file in part 2 instead of the dev set (also latest-partial.json).

import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DATA_FILES, readLabelledFile, recordToRequest } from '../src/cli/dataset';
import { PARTS, parseBenchArgs } from './benchArgs';
import { classifierBench } from './classifierBench';
import { editorCosts } from './editorCosts';
import { faultBench, faultTable } from './faultBench';
import { followUpBench, followUpTable } from './followUpBench';
import { ledgerScaling, ledgerScalingLines } from './ledgerScaling';
import { selectionScaling, selectionScalingLines } from './selectionScaling';
import { streamScaling, streamScalingLines } from './streamScaling';
import { conversationLines, conversationReplayRows, readReplayData } from './conversationReplay';
import { replayBench } from './replay';
import { cheaperCodingExperiment, experimentBench, experimentBenchLines } from './experimentBench';
import { callsTable, classifierTable, editorTable, overheadTable, replayTable, targets, targetsTable } from './report';
import { renderTable } from './table';

const ROOT = path.resolve(__dirname, '..');

function git(args: readonly string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  const parts = args.parts;
  const started = Date.now();
  const loadBefore = os.loadavg();
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  const sha = git(['rev-parse', '--short', 'HEAD']) ?? 'nogit';
  const dirty = (git(['status', '--porcelain']) ?? '') !== '';
  log(`Triage bench — Node ${process.version}, ${os.cpus().length} CPUs, load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, commit ${sha}${dirty ? ' (uncommitted changes)' : ''}`);

  const dev = readLabelledFile(path.join(ROOT, DATA_FILES.dev));
  const extra = readLabelledFile(path.join(ROOT, DATA_FILES.extra));
  const tables: string[] = [];

  // Part 2 replays dev unless --prompts names another labelled file (paths relative to where npm runs: the repo root).
  const promptsPath = args.prompts === undefined ? path.join(ROOT, DATA_FILES.dev) : path.resolve(args.prompts);
  const replayingDev = promptsPath === path.join(ROOT, DATA_FILES.dev);
  const prompts = replayingDev ? dev : readLabelledFile(promptsPath);
  // The replay's held-out row needs part 1's LOSO decisions on dev, so part 1 runs whenever dev is replayed.
  const needsClassifier = parts.has('classifier') || (parts.has('replay') && replayingDev);
  const classifier = needsClassifier ? await classifierBench(dev, extra, readLabelledFile(path.join(ROOT, DATA_FILES.public))) : undefined;
  if (classifier) log(`  classifier: done after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (classifier && parts.has('classifier')) tables.push(renderTable(classifierTable(classifier)));
  const promptsName = path.relative(ROOT, promptsPath) || promptsPath;
  const replay = parts.has('replay') ? await replayBench(prompts, replayingDev ? classifier?.heldOut : undefined, log, promptsName) : undefined;
  if (replay) tables.push(renderTable(replayTable(replay)), renderTable(overheadTable(replay)), renderTable(callsTable(replay)));
  const experiment = parts.has('experiment') ? experimentBench(dev.map((r) => ({ id: r.id, request: recordToRequest(r), label: r.label })), cheaperCodingExperiment()) : undefined;
  if (experiment) tables.push(['Pool experiment on the dev traffic (simulated user: keeps an answer from its label pool or above; compared as the spend panel does)', ...experimentBenchLines(experiment)].join('\n'));
  const editor = parts.has('editor') ? await editorCosts(log) : undefined;
  if (editor) tables.push(renderTable(editorTable(editor)));
  const followUps = parts.has('followups') ? followUpBench(ROOT) : undefined;
  if (followUps) tables.push(renderTable(followUpTable(followUps)));
  const ledger = parts.has('ledger') ? await ledgerScaling([1000, 10_000, 100_000, 1_000_000]) : undefined;
  if (ledger) tables.push(['Ledger scaling (spend read at activation, spend panel; longest event-loop block by a 1 ms ticker)', ...ledgerScalingLines(ledger)].join('\n'));
  const selection = parts.has('selection') ? await selectionScaling() : undefined;
  if (selection) tables.push(['Selection scaling (edit syntax check, privacy scan)', ...selectionScalingLines(selection)].join('\n'));
  const stream = parts.has('stream') ? await streamScaling() : undefined;
  const conversations = parts.has('conversations') ? conversationReplayRows(readReplayData()) : undefined;
  if (conversations) tables.push(['Conversation replay (bench/data/conversations.json; tokens estimated)', ...conversationLines(conversations)].join('\n'));
  if (stream) tables.push(['Stream scaling (one 20 MB line; small deltas of 1 MB and 20 MB; real adapters, server in a child process)', ...streamScalingLines(stream)].join('\n'));
  const faults = parts.has('faults') ? await faultBench() : undefined;
  if (faults) tables.push(renderTable(faultTable(faults)));
  const verdicts = targets(parts.has('classifier') ? classifier : undefined, replay, editor);
  tables.push(renderTable(targetsTable(verdicts)));

  const seconds = (Date.now() - started) / 1000;
  const loadAfter = os.loadavg();
  log('');
  log(tables.join('\n\n'));
  log('');
  log(`Run took ${seconds.toFixed(0)} s; load average after ${loadAfter.map((l) => l.toFixed(2)).join(' ')} (timings on a busy machine run high).`);

  const date = new Date().toISOString().slice(0, 10);
  const { heldOut: _heldOut, ...classifierFigures } = classifier ?? { heldOut: undefined };
  const result = {
    meta: { date, commit: sha, dirty, node: process.version, cpus: os.cpus().length, loadBefore, loadAfter, seconds, parts: [...parts], prompts: promptsName },
    ...(classifier && parts.has('classifier') ? { classifier: classifierFigures } : {}),
    ...(replay ? { replay } : {}),
    ...(editor ? { editor } : {}),
    ...(followUps ? { followUps } : {}),
    ...(ledger ? { ledger } : {}),
    ...(selection ? { selection } : {}),
    ...(stream ? { stream } : {}),
    ...(faults ? { faults } : {}),
    ...(conversations ? { conversations } : {}),
    ...(experiment ? { experiment } : {}),
    targets: verdicts,
  };
  const dir = path.join(ROOT, 'bench', 'results');
  await fs.mkdir(dir, { recursive: true });
  const json = `${JSON.stringify(result, null, 2)}\n`;
  const complete = parts.size === PARTS.length && replayingDev;
  const written = complete ? ['latest.json', `${date}-${sha}.json`] : ['latest-partial.json'];
  for (const name of written) await fs.writeFile(path.join(dir, name), json);
  log(`Figures written to ${written.map((n) => `bench/results/${n}`).join(' and ')}.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
