import fs from 'node:fs';
import path from 'node:path';
import { Settings } from '../../shared/types.ts';
import { EngineError } from './errors.ts';

const DEFAULTS: Settings = { llmEndpoint: null, llmModel: null, llmTimeoutMs: 15_000 };
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function loadSettings(dataDir: string): Settings {
  const file = path.join(dataDir, 'settings.json');
  if (!fs.existsSync(file)) return DEFAULTS;
  const parsed = Settings.safeParse({
    ...DEFAULTS,
    ...(JSON.parse(fs.readFileSync(file, 'utf8')) as object),
  });
  return parsed.success ? parsed.data : DEFAULTS;
}

/** Only loopback endpoints are accepted: nothing may leave the machine unless it is a local model server. */
export function saveSettings(dataDir: string, settings: Settings): Settings {
  if (settings.llmEndpoint) {
    let url: URL;
    try {
      url = new URL(settings.llmEndpoint);
    } catch {
      throw new EngineError('invalid-input', `"${settings.llmEndpoint}" is not a URL`);
    }
    if (!/^https?:$/.test(url.protocol) || !LOOPBACK.has(url.hostname)) {
      throw new EngineError(
        'invalid-input',
        'the language-model endpoint must be http(s) on localhost, 127.0.0.1 or [::1]',
      );
    }
  }
  const file = path.join(dataDir, 'settings.json');
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(settings, null, 2));
  fs.renameSync(`${file}.tmp`, file);
  return settings;
}
