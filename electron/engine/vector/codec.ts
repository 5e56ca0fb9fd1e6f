// Vectors kept in SQLite as int8 with one float scale per vector: a quarter of float32's size, and
// close enough (cosine error ~1e-3) for rebuilding the ANN index and exact scans of filtered subsets.

export function encodeVector(v: Float32Array): Buffer {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]));
  const scale = max > 0 ? max / 127 : 1;
  const buf = Buffer.allocUnsafe(4 + v.length);
  buf.writeFloatLE(scale, 0);
  // Through a typed view: Buffer#writeInt8 checks its arguments on every call (7 µs a vector).
  const q = new Int8Array(buf.buffer, buf.byteOffset + 4, v.length);
  for (let i = 0; i < v.length; i++) q[i] = Math.round(v[i] / scale);
  return buf;
}

export function decodeVector(buf: Uint8Array, out = new Float32Array(buf.length - 4)): Float32Array {
  const scale = new DataView(buf.buffer, buf.byteOffset, 4).getFloat32(0, true);
  const q = new Int8Array(buf.buffer, buf.byteOffset + 4, out.length);
  for (let i = 0; i < out.length; i++) out[i] = q[i] * scale;
  return out;
}

/** Dot product of a float vector with a stored (int8 + scale) one, without decoding it first. */
export function dotEncoded(v: Float32Array, buf: Uint8Array): number {
  const scale = new DataView(buf.buffer, buf.byteOffset, 4).getFloat32(0, true);
  const q = new Int8Array(buf.buffer, buf.byteOffset + 4, v.length);
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * q[i];
  return s * scale;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Cosine similarity; 0 when either vector is all zeros. */
export function cosine(a: Float32Array, b: Float32Array): number {
  const norms = Math.sqrt(dot(a, a) * dot(b, b));
  return norms > 0 ? dot(a, b) / norms : 0;
}
