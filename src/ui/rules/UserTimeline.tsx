import type { PreviewMonth } from '../../worker/protocol/rulesMessages';

const WIDTH = 300;
const HEIGHT = 54;

/**
 * Monthly purchases as bars (accented where the user was active in the rule categories) and clicks as a line on
 * their own scale: clicks outnumber purchases by far, so one shared axis would flatten the bars.
 */
export function UserTimeline({ months }: { months: PreviewMonth[] }) {
  const n = Math.max(1, months.length);
  const slot = WIDTH / n;
  const plot = HEIGHT - 1;
  const maxPurchases = Math.max(1, ...months.map((m) => m.purchases));
  const maxClicks = Math.max(1, ...months.map((m) => m.clicks));
  const clickPoints = months
    .map((m, i) => `${(i + 0.5) * slot},${plot - (m.clicks / maxClicks) * (plot - 2) - 1}`)
    .join(' ');
  const first = months[0]?.month ?? '';
  const last = months[months.length - 1]?.month ?? '';
  return (
    <figure className="timeline">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Monthly activity ${first} to ${last}`}
      >
        <line x1={0} x2={WIDTH} y1={plot + 0.5} y2={plot + 0.5} className="timeline-axis" />
        {months.map((m, i) => {
          const h = (m.purchases / maxPurchases) * (plot - 2);
          return (
            <rect
              key={m.month}
              x={i * slot + slot * 0.15}
              width={slot * 0.7}
              y={plot - h}
              height={h}
              className={m.highlighted > 0 ? 'bar-rule' : 'bar-plain'}
            >
              <title>
                {`${m.month}: ${m.purchases} purchases, ${m.clicks} clicks, ${m.highlighted} events in rule categories`}
              </title>
            </rect>
          );
        })}
        <polyline points={clickPoints} className="timeline-clicks" vectorEffect="non-scaling-stroke" />
      </svg>
      <figcaption className="timeline-range">
        <span>{first}</span>
        <span>{last}</span>
      </figcaption>
    </figure>
  );
}
