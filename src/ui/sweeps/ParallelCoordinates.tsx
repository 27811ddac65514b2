import type { SweepParameter, SweepPointResult } from '../../core/sweeps';
import { parallelAxes, aucColour, type ParallelAxis } from './parallelAxes';

const WIDTH = 680;
const HEIGHT = 240;
const PAD = { top: 28, bottom: 30, left: 48, right: 64 };

/**
 * Plain SVG (a recharts tree would mount a chart per axis): one vertical axis per swept hyperparameter and one for the
 * validation AUC, one line per point through its values, coloured by AUC, the best point drawn thick on top.
 */
export function ParallelCoordinates({
  points,
  best,
  labels,
}: {
  points: SweepPointResult[];
  best: number | null;
  labels: Record<SweepParameter, string>;
}) {
  const finished = points.filter((p) => p.valAuc !== null);
  const axes = parallelAxes(finished, labels);
  if (finished.length === 0 || axes.length < 2) return null;
  const step = (WIDTH - PAD.left - PAD.right) / (axes.length - 1);
  const x = (i: number) => PAD.left + i * step;
  const y = (t: number) => PAD.top + (1 - t) * (HEIGHT - PAD.top - PAD.bottom);
  const aucAxis = axes[axes.length - 1];
  const path = (p: SweepPointResult) =>
    axes.map((a, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(a.position(p)).toFixed(1)}`).join(' ');
  // the best last, so it is drawn over the others
  const ordered = [...finished].sort((a, b) => Number(a.index === best) - Number(b.index === best));
  return (
    <figure className="parallel-coordinates" data-testid="sweep-parallel">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={`Parallel coordinates: ${finished.length} sweep points across ${axes
          .map((a) => a.label)
          .join(', ')}`}
      >
        {ordered.map((p) => (
          <path
            key={p.index}
            d={path(p)}
            fill="none"
            stroke={aucColour(aucAxis.position(p))}
            strokeWidth={p.index === best ? 3.5 : 1.5}
            strokeOpacity={p.index === best ? 1 : 0.75}
            data-best={p.index === best ? 'true' : undefined}
          >
            <title>{describePoint(p, axes)}</title>
          </path>
        ))}
        {axes.map((a, i) => (
          <Axis key={a.label} axis={a} x={x(i)} y={y} />
        ))}
      </svg>
      <figcaption className="muted small">
        One line per point, coloured by validation ROC AUC (darker is higher); the thick line is the best
        point.
      </figcaption>
    </figure>
  );
}

function Axis({ axis, x, y }: { axis: ParallelAxis; x: number; y: (t: number) => number }) {
  return (
    <g className="pc-axis">
      <line x1={x} x2={x} y1={y(0)} y2={y(1)} stroke="var(--line-strong)" />
      <text x={x} y={PAD.top - 12} textAnchor="middle" className="pc-label">
        {axis.label}
      </text>
      {axis.ticks.map((t) => (
        <g key={t.text}>
          <line x1={x - 3} x2={x + 3} y1={y(t.position)} y2={y(t.position)} stroke="var(--muted)" />
          <text x={x + 6} y={y(t.position) + 3} className="pc-tick">
            {t.text}
          </text>
        </g>
      ))}
    </g>
  );
}

function describePoint(p: SweepPointResult, axes: ParallelAxis[]): string {
  return `Point ${p.index + 1}: ${axes.map((a) => `${a.label} ${a.format(p)}`).join(', ')}`;
}
