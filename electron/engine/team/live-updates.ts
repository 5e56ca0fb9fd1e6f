// Live updates for a team catalog: one connection LISTENing for published generations. A notification
// for this catalog asks for a sync; a lost connection is reported (the replica goes on working offline)
// and retried with a growing delay, and each reconnection asks for a sync too, to catch up whatever was
// published while nobody listened.
import type pg from 'pg';
import { connectServer } from './connect.ts';
import { NOTIFY_CHANNEL } from './publish.ts';
import type { TeamServer } from './server-url.ts';

export interface LiveUpdateHandlers {
  /** Something may have been published since the last sync (a notification, or a reconnection). */
  onChange(generation: number | null): void;
  onConnection(connected: boolean, error: string | null): void;
}

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

export class LiveUpdates {
  private client: pg.Client | null = null;
  private stopped = false;
  private retryMs = FIRST_RETRY_MS;
  private timer: NodeJS.Timeout | null = null;
  private readonly server: TeamServer;
  private readonly name: string;
  private readonly handlers: LiveUpdateHandlers;

  constructor(server: TeamServer, name: string, handlers: LiveUpdateHandlers) {
    this.server = server;
    this.name = name;
    this.handlers = handlers;
  }

  get connected(): boolean {
    return this.client !== null;
  }

  start(): void {
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    let client: pg.Client;
    try {
      client = await connectServer(this.server);
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    } catch (e) {
      this.handlers.onConnection(false, (e as Error).message);
      this.retryLater();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = FIRST_RETRY_MS;
    client.on('notification', (msg) => {
      const published = parseNotification(msg.payload);
      if (published && published.name === this.name) this.handlers.onChange(published.generation);
    });
    const lost = (e?: Error) => {
      if (this.client !== client) return;
      this.client = null;
      client.end().catch(() => undefined);
      if (this.stopped) return;
      this.handlers.onConnection(false, e?.message ?? 'the connection to the team server was closed');
      this.retryLater();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    this.handlers.onConnection(true, null);
    this.handlers.onChange(null);
  }

  private retryLater(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.connect(), this.retryMs);
    this.timer.unref?.();
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

function parseNotification(payload: string | undefined): { name: string; generation: number } | null {
  try {
    const value = JSON.parse(payload ?? '') as { name?: unknown; generation?: unknown };
    return typeof value.name === 'string' && typeof value.generation === 'number'
      ? { name: value.name, generation: value.generation }
      : null;
  } catch {
    return null;
  }
}
