// How the report writes figures and tables.
export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
export const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const num = (n: number) => n.toLocaleString('en-US');

export function table(head: string[], rows: (string | number)[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}
