import { memo } from 'react';
import type { BatchPoint, EpochPoint } from './curves';
import { linePath, scaleLinear } from './curveGeometry';

const WIDTH = 440;
const HEIGHT = 220;
const PLOT = { left: 48, top: 8, width: WIDTH - 48 - 12, height: HEIGHT - 8 - 34 };
const TRAIN = '#1f6feb';
const VALIDATION = '#d9480f';
const BATCH = '#9db7d9';
const GRID = '#e3e8ef';
const TEXT = '#5b6776';

interface Props {
  title: string;
  metric: 'loss' | 'accuracy';
  epochs: EpochPoint[];
  batches: BatchPoint[];
  /** the x axis runs from 0 to xMax epochs */
  xMax: number;
  xTicks: number[];
  yTicks: number[];
  yDomain: [number, number];
}

const LEGEND = [
  { name: 'train per batch (smoothed)', colour: BATCH },
  { name: 'train (epoch)', colour: TRAIN },
  { name: 'validation', colour: VALIDATION },
];

/** One training metric: the smoothed per-batch line and the epoch points (train, validation), in plain SVG. */
export const CurveChart = memo(function CurveChart(p: Props) {
  const valKey = p.metric === 'loss' ? 'valLoss' : 'valAccuracy';
  const x = scaleLinear([0, Math.max(1, p.xMax)], [PLOT.left, PLOT.left + PLOT.width]);
  const y = scaleLinear(p.yDomain, [PLOT.top + PLOT.height, PLOT.top]);
  // a few hundred points: building the path strings costs well under a millisecond, no memo needed
  const paths = {
    batch: linePath(
      p.batches.map((b) => ({ x: b.x, y: b[p.metric] })),
      x,
      y,
    ),
    train: linePath(
      p.epochs.map((e) => ({ x: e.x, y: e[p.metric] })),
      x,
      y,
    ),
    validation: linePath(
      p.epochs.map((e) => ({ x: e.x, y: e[valKey] })),
      x,
      y,
    ),
  };
  const format = (v: number | null) => (v === null || !Number.isFinite(v) ? '—' : v.toFixed(4));
  return (
    <>
      <ul className="curve-legend">
        {LEGEND.map((item) => (
          <li key={item.name}>
            <span className="curve-swatch" style={{ background: item.colour }} aria-hidden="true" />
            {item.name}
          </li>
        ))}
      </ul>
      <svg
        className="curve-chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`${p.title} by epoch: train per batch, train per epoch and validation`}
      >
        <g stroke={GRID}>
          {p.yTicks.map((t) => (
            <line key={`y${t}`} x1={PLOT.left} x2={PLOT.left + PLOT.width} y1={y(t)} y2={y(t)} />
          ))}
          {p.xTicks.map((t) => (
            <line key={`x${t}`} x1={x(t)} x2={x(t)} y1={PLOT.top} y2={PLOT.top + PLOT.height} />
          ))}
        </g>
        <g fill={TEXT} fontSize={11}>
          {p.yTicks.map((t) => (
            <text key={`y${t}`} x={PLOT.left - 6} y={y(t)} textAnchor="end" dominantBaseline="middle">
              {t.toFixed(2)}
            </text>
          ))}
          {p.xTicks.map((t) => (
            <text key={`x${t}`} x={x(t)} y={PLOT.top + PLOT.height + 14} textAnchor="middle">
              {t}
            </text>
          ))}
          <text x={PLOT.left + PLOT.width / 2} y={HEIGHT - 4} textAnchor="middle">
            epoch
          </text>
        </g>
        <path className="curve-line" d={paths.batch} stroke={BATCH} strokeWidth={1.5} fill="none" />
        <path className="curve-line" d={paths.train} stroke={TRAIN} strokeWidth={2} fill="none" />
        <path className="curve-line" d={paths.validation} stroke={VALIDATION} strokeWidth={2} fill="none" />
        {p.epochs.map((e) => (
          <g key={e.x}>
            <title>{`epoch ${e.x}: train ${format(e[p.metric])}, validation ${format(e[valKey])}`}</title>
            <circle cx={x(e.x)} cy={y(e[p.metric])} r={3} fill="#fff" stroke={TRAIN} strokeWidth={2} />
            {e[valKey] !== null && Number.isFinite(e[valKey]) && (
              <circle cx={x(e.x)} cy={y(e[valKey]!)} r={3} fill="#fff" stroke={VALIDATION} strokeWidth={2} />
            )}
          </g>
        ))}
      </svg>
    </>
  );
});
