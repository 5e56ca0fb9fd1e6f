// `shelfscope search … | head`: the reader closes the pipe while the CLI still writes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HERMES_CSV, tempDir } from '../engine/helpers.ts';
import { REPO, runCli } from './lib/run-cli.ts';

describe('output into a pipe closed early', () => {
  it('ends quietly with success, like other command-line tools', async () => {
    const work = tempDir();
    const dir = path.join(work, 'c');
    // Many queries, so the CLI is still writing when the pipe closes after the first chunk.
    const queries = path.join(work, 'queries.txt');
    fs.writeFileSync(queries, Array.from({ length: 400 }, () => 'a').join('\n'));
    const imported = await runCli(['import', HERMES_CSV, '--catalog', dir, '--no-index']);
    expect(imported.code).toBe(0);
    const child = spawn(
      path.join(REPO, 'node_modules/.bin/node'),
      [
        path.join(REPO, 'bin/shelfscope.js'),
        'search',
        '--catalog',
        dir,
        '--mode',
        'keyword',
        '--limit',
        '1000',
        '--queries',
        queries,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  }, 120_000);
});
