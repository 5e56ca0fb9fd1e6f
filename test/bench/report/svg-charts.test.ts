import { describe, expect, it } from 'vitest';
import { barChart, lineChart } from '../../../bench/report/svg-charts.ts';

describe('svg charts', () => {
  it('draws one polyline per series with points ordered by x on a log axis', () => {
    const svg = lineChart(
      'Latency',
      'ms',
      [
        {
          name: 'a',
          color: '#000',
          points: [
            { x: 10_000, y: 5 },
            { x: 100_000, y: 10 },
          ],
        },
        { name: 'b <peer>', color: '#f00', dashed: true, points: [{ x: 10_000, y: 1 }] },
      ],
      (x) => `${x / 1000}k`,
    );
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('b &lt;peer&gt;');
    expect(svg).toContain('>100k<');
    const [first, second] = /points="([^"]+)"/.exec(svg)?.[1].split(' ') ?? [];
    expect(Number(second.split(',')[0])).toBeGreaterThan(Number(first.split(',')[0]));
    // The larger value sits higher (smaller y in SVG coordinates).
    expect(Number(second.split(',')[1])).toBeLessThan(Number(first.split(',')[1]));
  });

  it('draws a bar per value and a dashed line per goal', () => {
    const svg = barChart(
      'NDCG',
      'NDCG@10',
      [{ label: 'hybrid', bars: [{ name: 'dev', color: '#00f', value: 0.7 }] }],
      1,
      [{ label: 'goal', value: 0.72, color: '#111' }],
    );
    expect(svg.match(/<rect /g)).toHaveLength(2);
    expect(svg).toContain('0.700');
    expect(svg).toContain('stroke-dasharray');
  });
});
