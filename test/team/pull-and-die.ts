// Run as a child process by the fault tests: pulls a team catalog page by page and kills itself with
// SIGKILL (no cleanup, no index save) once `dieAfter` products are committed.
import { CatalogService } from '../../electron/engine/catalog-service.ts';
import { ProgressMeter } from '../../electron/engine/jobs/progress.ts';
import { createModelProvider } from '../../electron/engine/models.ts';
import { pullCatalog } from '../../electron/engine/team/pull.ts';
import { parseServerUrl } from '../../electron/engine/team/server-url.ts';

const [dir, url, dieAfter] = process.argv.slice(2);
const catalog = CatalogService.open(dir, createModelProvider());
const meter = new ProgressMeter({ jobId: 'die', catalogId: 'die', kind: 'sync' }, (p) => {
  if (p.phase === 'reading' && p.done >= Number(dieAfter)) process.kill(process.pid, 'SIGKILL');
});
await pullCatalog(catalog.handle, { server: parseServerUrl(url), pageSize: 10 }, meter);
process.stdout.write('finished without dying\n');
