const CANDIDATES = [',', ';', '\t', '|'] as const;
const SAMPLE_LINES = 50;

/** Counts each candidate delimiter per line, ignoring anything inside double quotes. */
function countsPerLine(sample: string): Map<string, number[]> {
  const counts = new Map<string, number[]>(CANDIDATES.map((d) => [d, []]));
  let current = new Map<string, number>();
  let inQuotes = false;
  let lines = 0;
  const flush = () => {
    for (const d of CANDIDATES) counts.get(d)!.push(current.get(d) ?? 0);
    current = new Map();
    lines++;
  };
  for (let i = 0; i < sample.length && lines < SAMPLE_LINES; i++) {
    const c = sample[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === '\n') flush();
    else if (CANDIDATES.includes(c as (typeof CANDIDATES)[number])) current.set(c, (current.get(c) ?? 0) + 1);
  }
  return counts;
}

/**
 * Picks the delimiter from the first lines of a file: the candidate that appears in the header and
 * splits the most lines into the same number of fields as the header does. `complete` says whether
 * the sample is the whole file (otherwise its last, probably cut-off, line is ignored).
 */
export function sniffDelimiter(sample: string, complete: boolean): string {
  const cut = sample.lastIndexOf('\n');
  const text = complete || cut < 0 ? sample : sample.slice(0, cut + 1);
  const lines = text.replace(/\r\n?/g, '\n');
  const counts = countsPerLine(lines.endsWith('\n') ? lines : `${lines}\n`);
  let best = ',';
  let bestScore = -1;
  for (const d of CANDIDATES) {
    const perLine = counts.get(d)!;
    const header = perLine[0] ?? 0;
    if (header === 0) continue;
    const consistent = perLine.filter((n) => n === header).length / perLine.length;
    const score = consistent * 1000 + Math.min(header, 999);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}
