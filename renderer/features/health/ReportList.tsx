import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { ReactNode } from 'react';

const MAX_HEIGHT = 460;

type Props<T> = {
  items: T[];
  label: string;
  /** A first guess of an item's height; each rendered item is then measured. */
  estimate: number;
  itemKey(item: T, index: number): string;
  render(item: T, index: number): ReactNode;
};

/**
 * A report list of any length: only the items in view are in the DOM (a report of 1,000 clusters or
 * 5,000 attributes scrolls like ten), each measured as rendered since items differ in height.
 */
export function ReportList<T>({ items, label, estimate, itemKey, render }: Props<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimate,
    overscan: 4,
    getItemKey: (index) => itemKey(items[index], index),
  });
  return (
    // As tall as its items up to a limit, then it scrolls: a two-item report takes two items' room.
    <div
      ref={scrollRef}
      className="report-list"
      role="list"
      aria-label={label}
      style={{ height: Math.min(virtualizer.getTotalSize(), MAX_HEIGHT) }}
    >
      <div className="report-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.key}
            ref={virtualizer.measureElement}
            data-index={item.index}
            role="listitem"
            className="report-slot"
            style={{ transform: `translateY(${item.start}px)` }}
          >
            {render(items[item.index], item.index)}
          </div>
        ))}
      </div>
    </div>
  );
}
