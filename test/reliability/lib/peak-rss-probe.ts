// Preloaded into CLI children (`--import`): at exit, writes the kernel's peak RSS for the process
// (getrusage ru_maxrss) where the harness can read it, which polling /proc could miss between two polls.
import fs from 'node:fs';

const file = process.env.SHELFSCOPE_TEST_PEAK_FILE;
if (file) {
  process.on('exit', () => {
    fs.writeFileSync(file, JSON.stringify({ maxRss: process.resourceUsage().maxRSS * 1024 }));
  });
}
