import { DATA_FILES, readLabelledFile } from '../src/cli/dataset';
import { losoDecisions } from './classifierBench';
import { replayBench } from './replay';
async function main() {
  const dev = readLabelledFile(DATA_FILES.dev);
  const extra = readLabelledFile(DATA_FILES.extra);
  const t = Date.now();
  const held = losoDecisions(dev, extra);
  console.log('loso', Date.now() - t);
  const r = await replayBench(dev, held, console.log);
  for (const s of r.strategies) console.log(JSON.stringify({ ...s, callsByModel: undefined }), '\n', JSON.stringify(s.callsByModel));
}
main();
