#!/usr/bin/env node
// Thin launcher: the CLI is TypeScript run by Node 22's type stripping (Node >= 22.18).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `shelfscope needs Node 22.18 or newer (this is ${process.version}); run it through npm (npx shelfscope), which uses the project's pinned Node.\n`,
  );
  process.exit(2);
}
// `shelfscope search … | head` closes the pipe before the output ends: stop quietly, as Unix tools do.
process.stdout.on('error', (err) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(0);
});
const { main } = await import('../electron/cli.ts');
process.exitCode = await main(process.argv.slice(2));
