/** Hard limits that keep memory bounded and hostile files from hanging an import. */
export interface ReadLimits {
  /** Longest single value (characters); a longer one rejects its row. */
  maxFieldChars: number;
  /** Longest record (characters across all its values); a longer one rejects its row. */
  maxRecordChars: number;
  /** Most columns a header may have before the file is refused. */
  maxColumns: number;
  /** Most bytes a gzip stream may expand to (gzip-bomb guard). */
  maxDecompressedBytes: number;
  /** Deepest JSON nesting accepted. */
  maxJsonDepth: number;
  /** Largest XLSX shared-strings part (uncompressed bytes), which has to be held in memory. */
  maxSharedStringsBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxFieldChars: 1024 * 1024,
  maxRecordChars: 8 * 1024 * 1024,
  maxColumns: 10_000,
  maxDecompressedBytes: 4 * 1024 ** 3,
  maxJsonDepth: 64,
  maxSharedStringsBytes: 256 * 1024 * 1024,
};

export function describeSize(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${+(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 * 1024) return `${+(bytes / 1024 ** 2).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
