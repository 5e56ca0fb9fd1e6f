import type { Cell } from './cells.ts';

/** Where export rows go: a file written as the rows come, never built in memory first. */
export interface SheetSink {
  /** Resolves once the row is buffered within the stream's high-water mark (backpressure). */
  write(row: Cell[]): Promise<void>;
  /** Ends the file and resolves when it is on disk. */
  close(): Promise<void>;
  /** Stops writing; the caller deletes the partial file. */
  abort(): void;
}
