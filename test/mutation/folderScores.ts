// Turns Stryker's JSON report (mutation-testing-elements schema) into a mutation score per folder.
export interface FolderScore {
  folder: string;
  killed: number;
  survived: number;
  noCoverage: number;
  timeout: number;
  score: number;
}

interface ReportMutant {
  status: string;
}
interface Report {
  files: Record<string, { mutants: ReportMutant[] }>;
}

// Stryker's score: detected (killed + timed out) over valid mutants (detected + survived + no coverage).
// Compile errors and ignored mutants are not valid mutants, so they count for nothing either way.
export function folderScores(report: Report): FolderScore[] {
  const byFolder = new Map<string, FolderScore>();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const path = file.replace(/\\/g, '/');
    const parts = path.split('/');
    const folders = [parts.slice(0, 2).join('/')];
    if (parts.length > 3) folders.push(parts.slice(0, 3).join('/'));
    for (const folder of folders) {
      const s = byFolder.get(folder) ?? { folder, killed: 0, survived: 0, noCoverage: 0, timeout: 0, score: 0 };
      for (const m of mutants) {
        if (m.status === 'Killed') s.killed++;
        else if (m.status === 'Survived') s.survived++;
        else if (m.status === 'NoCoverage') s.noCoverage++;
        else if (m.status === 'Timeout') s.timeout++;
      }
      byFolder.set(folder, s);
    }
  }
  const scores = [...byFolder.values()].sort((a, b) => a.folder.localeCompare(b.folder));
  for (const s of scores) {
    const valid = s.killed + s.timeout + s.survived + s.noCoverage;
    s.score = valid === 0 ? 100 : (100 * (s.killed + s.timeout)) / valid;
  }
  return scores;
}

export function formatScores(scores: FolderScore[]): string {
  const rows = scores.map(
    (s) =>
      `${s.folder.padEnd(28)} ${s.score.toFixed(2).padStart(7)}%  killed ${String(s.killed).padStart(5)}  timeout ${String(s.timeout).padStart(4)}  survived ${String(s.survived).padStart(4)}  no coverage ${String(s.noCoverage).padStart(4)}`,
  );
  return ['Mutation score per folder:', ...rows].join('\n');
}
