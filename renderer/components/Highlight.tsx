import { useMemo } from 'react';
import { splitHighlights } from './highlight.ts';

export function Highlight({ text, terms }: { text: string; terms: readonly string[] }) {
  const segments = useMemo(() => splitHighlights(text, terms), [text, terms]);
  return (
    <>{segments.map((segment, i) => (segment.match ? <mark key={i}>{segment.text}</mark> : segment.text))}</>
  );
}
