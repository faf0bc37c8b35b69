// The text of the pools view: which models each pool tries, the fallback, and any settings problems.
import type { PoolsConfig } from '../core/pools/poolsConfig';
import { formatModelRef, POOLS } from '../core/request';

/** The pools view's markdown for the pools in force and the current settings problems. */
export function poolsMarkdown(config: Pick<PoolsConfig, 'pools' | 'fallback'>, problems: readonly string[]): string {
  const lines = ['# Triage pools', '', '| pool | models, tried in order |', '| --- | --- |'];
  for (const pool of POOLS) lines.push(`| ${pool} | ${config.pools[pool].map((r) => `\`${formatModelRef(r)}\``).join(' → ') || '(none)'} |`);
  lines.push('', `Final local fallback: \`${formatModelRef(config.fallback)}\``, '', 'Change them in Settings → Triage → Pools.');
  if (problems.length) lines.push('', '## Settings problems', '', ...problems.map((p) => `- ${p}`));
  return `${lines.join('\n')}\n`;
}
