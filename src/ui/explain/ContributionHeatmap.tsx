import { useEffect, useMemo, useRef, useState } from 'react';
import type { ExplainedCategory, ExplainedGrid } from '../../worker/protocol/explainMessages';
import { contributionColour, formatLogit, labelledColumns } from './explainText';

const ROW_HEIGHT = 18;
/** Grid width in px the columns share (a dual model's 90 days get 8 px each, 18 months 40 px). */
const GRID_WIDTH = 720;
const LABEL_PX = { monthly: 58, daily: 84, yearly: 60 } as const;

const TITLES = {
  yearly: 'Purchases, last 12 months (one column)',
  monthly: 'Purchases by month',
  daily: 'Clicks by day',
} as const;

function cellWidthOf(grid: ExplainedGrid): number {
  return grid.periods.length === 1 ? 120 : Math.max(4, Math.floor(GRID_WIDTH / grid.periods.length));
}

function columnLabel(grid: ExplainedGrid, column: number): string {
  const p = grid.periods[column];
  return grid.input === 'monthly' ? p.start.slice(0, 7) : grid.input === 'daily' ? p.start : p.label;
}

/** Draws the cells on one canvas (a dual model's clicks are thousands of cells: no DOM node each). */
function useCells(grid: ExplainedGrid, rows: number, scale: number) {
  const ref = useRef<HTMLCanvasElement>(null);
  const cell = cellWidthOf(grid);
  useEffect(() => {
    const canvas = ref.current;
    const g = canvas?.getContext('2d');
    if (!canvas || !g) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = grid.periods.length * cell * ratio;
    canvas.height = rows * ROW_HEIGHT * ratio;
    g.scale(ratio, ratio);
    for (let t = 0; t < grid.periods.length; t++)
      for (let r = 0; r < rows; r++) {
        g.fillStyle = contributionColour(grid.values[t * rows + r], scale);
        g.fillRect(t * cell, r * ROW_HEIGHT, cell - (cell > 6 ? 1 : 0), ROW_HEIGHT - 1);
      }
  }, [grid, rows, scale, cell]);
  return { ref, cell };
}

interface Props {
  grid: ExplainedGrid;
  categories: ExplainedCategory[];
  scale: number;
}

/** One input's contributions: rows are the top categories, columns its periods, oldest left. */
export function ContributionHeatmap({ grid, categories, scale }: Props) {
  const rows = categories.length;
  const { ref, cell } = useCells(grid, rows, scale);
  const [hover, setHover] = useState<{ row: number; column: number } | null>(null);
  // each row's total over this input's periods (the category's total over every input is in its tooltip)
  const rowTotals = useMemo(() => {
    const out = new Float64Array(rows);
    grid.values.forEach((v, i) => (out[i % rows] += v));
    return out;
  }, [grid, rows]);
  const width = grid.periods.length * cell;
  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const column = Math.floor((e.clientX - box.left) / cell);
    const row = Math.floor((e.clientY - box.top) / ROW_HEIGHT);
    setHover(column >= 0 && column < grid.periods.length && row >= 0 && row < rows ? { row, column } : null);
  };
  const hovered = hover && {
    name: categories[hover.row].name,
    period: grid.periods[hover.column].label,
    value: grid.values[hover.column * rows + hover.row],
  };
  return (
    <figure className="heatmap" data-testid={`heatmap-${grid.input}`}>
      <figcaption>
        <strong>{TITLES[grid.input]}</strong>{' '}
        <span className="muted small">
          total {formatLogit(grid.total)} logit · {grid.periods[0].start} to {grid.periods.at(-1)?.end}
        </span>
      </figcaption>
      <div className="heatmap-body">
        <ol className="heatmap-rows" aria-label="Categories">
          {categories.map((c, r) => (
            <li key={c.id} className={c.rule ? 'rule-row' : undefined} style={{ height: ROW_HEIGHT }}>
              <span
                className="heatmap-name"
                title={`${c.name} (id ${c.id}): ${formatLogit(c.total)} logit over every input`}
              >
                {c.name}
              </span>
              {c.rule && (
                <span className="rule-badge" title="Named by the labelling rules">
                  rule
                </span>
              )}
              {c.masked && <span className="muted small">masked</span>}
              <span className={`num small ${hover?.row === r ? 'strong' : 'muted'}`}>
                {formatLogit(rowTotals[r], 2)}
              </span>
            </li>
          ))}
        </ol>
        <div className="heatmap-grid">
          <canvas
            ref={ref}
            style={{ width, height: rows * ROW_HEIGHT }}
            role="img"
            aria-label={`${TITLES[grid.input]}: contributions of ${rows} categories over ${grid.periods.length} periods`}
            onMouseMove={onMove}
            onMouseLeave={() => setHover(null)}
          />
          <div className="heatmap-columns" style={{ width }}>
            {labelledColumns(grid.periods.length, cell, LABEL_PX[grid.input]).map((c) => (
              <span key={c} style={{ left: c * cell + cell / 2 }}>
                {columnLabel(grid, c)}
              </span>
            ))}
          </div>
        </div>
      </div>
      <p className="heatmap-hover small" aria-live="polite">
        {hovered
          ? `${hovered.name} · ${hovered.period}: ${formatLogit(hovered.value, 4)} logit`
          : 'Point at a cell for its category, period and contribution.'}
      </p>
    </figure>
  );
}
