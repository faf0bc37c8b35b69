import { DATA_FILES, readLabelledFile } from '../src/cli/dataset';
import { prepareRecords, losoProbabilities, decideRecord, computeMetrics } from '../src/cli/evaluation';
const dev = readLabelledFile(DATA_FILES.dev);
const extra = readLabelledFile(DATA_FILES.extra);
const records = [...prepareRecords(dev, true), ...prepareRecords(extra, false)];
const loso = losoProbabilities(records);
const idx = records.flatMap((r, i) => (r.reported ? [i] : []));
const rows: string[] = [];
for (let m = 1; m <= 2.01; m += 0.25) for (let bq = -0.5; bq <= 1.01; bq += 0.25) for (let bc = -0.5; bc <= 1.01; bc += 0.25) for (let br = 0; br <= 1.51; br += 0.25) {
  const chosen = idx.map((i) => {
    const p = Float64Array.from(loso[i]!);
    p[1] *= Math.exp(bq); p[2] *= Math.exp(bc); p[3] *= Math.exp(br);
    const s = p.reduce((a, b) => a + b, 0); for (let k = 0; k < 4; k++) p[k] /= s;
    return decideRecord(records[i]!, p, m);
  });
  const met = computeMetrics(idx.map((i) => records[i]!.record.label), chosen);
  if (met.underRouting <= 0.05) rows.push([m, bq, bc, br].map((x) => x.toFixed(2)).join(' ') + ' ' + (met.accuracy * 100).toFixed(1) + ' ' + (met.underRouting * 100).toFixed(1) + ' ' + (met.overRouting * 100).toFixed(1));
}
rows.sort((a, b) => Number(b.split(' ')[4]) - Number(a.split(' ')[4]));
console.log(rows.slice(0, 15).join('\n'));
