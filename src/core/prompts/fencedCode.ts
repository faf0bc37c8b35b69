// Finds fenced code blocks in a model's markdown answer, tolerating indents, tildes, long fences and a missing close.

/** One fenced block found in an answer. */
export interface FencedBlock {
  /** The info string's first word, lower-cased (`ts`, `python`, or empty). */
  readonly lang: string;
  readonly code: string;
  /** False when the answer ended before the closing fence. */
  readonly closed: boolean;
}

const OPEN = /^([ \t]*)(`{3,}|~{3,})[ \t]*([^\s`]*)[^`]*$/;

/** Every fenced block in `text`, in order. */
export function findFencedBlocks(text: string): FencedBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: FencedBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const open = OPEN.exec(lines[i] as string);
    if (!open) {
      i++;
      continue;
    }
    const indent = open[1] as string;
    const fence = open[2] as string;
    const close = new RegExp(`^[ \\t]*${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
    const body: string[] = [];
    let closed = false;
    for (i++; i < lines.length; i++) {
      const line = lines[i] as string;
      if (close.test(line)) {
        closed = true;
        i++;
        break;
      }
      body.push(indent && line.startsWith(indent) ? line.slice(indent.length) : line);
    }
    blocks.push({ lang: (open[3] as string).toLowerCase(), code: body.join('\n'), closed });
  }
  return blocks;
}

const ALIASES: Readonly<Record<string, readonly string[]>> = {
  typescript: ['ts', 'typescript'],
  typescriptreact: ['tsx', 'typescript', 'ts'],
  javascript: ['js', 'javascript', 'mjs', 'cjs'],
  javascriptreact: ['jsx', 'javascript', 'js'],
  python: ['py', 'python', 'python3'],
  shellscript: ['sh', 'bash', 'shell', 'zsh'],
  csharp: ['cs', 'csharp', 'c#'],
  cpp: ['cpp', 'c++', 'cc', 'cxx'],
  rust: ['rs', 'rust'],
  go: ['go', 'golang'],
  ruby: ['rb', 'ruby'],
};

/** True when a block's tag fits the document's language id (or the block has no tag). */
export function tagMatches(lang: string, languageId: string | undefined): boolean {
  if (lang === '' || languageId === undefined) return true;
  const id = languageId.toLowerCase();
  return lang === id || (ALIASES[id] ?? []).includes(lang);
}
