// Categories arrive as paths, "Men > Tops > Jackets"; lists show the last level to stay short.

const SEPARATOR = ' > ';

/** The leaf and the levels above it ("Men > Tops"), or null parents for a top-level category. */
export function splitCategory(path: string): { parents: string | null; leaf: string } {
  const i = path.lastIndexOf(SEPARATOR);
  return i < 0
    ? { parents: null, leaf: path }
    : { parents: path.slice(0, i), leaf: path.slice(i + SEPARATOR.length) };
}
