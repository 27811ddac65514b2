// A labelled range input that shows its value beside the label.

interface SliderProps {
  label: string;
  min: number;
  max: number;
  step: number;
  position: number;
  /** the value as shown beside the slider */
  display: string;
  onChange(position: number): void;
  testId?: string;
}

export function Slider({ label, min, max, step, position, display, onChange, testId }: SliderProps) {
  return (
    <label className="slider">
      <span className="field-label">
        {label} <output className="num">{display}</output>
      </span>
      <input
        type="range"
        min={min}
        max={max}
        step={step}
        value={position}
        aria-valuetext={display}
        data-testid={testId}
        onChange={(e) => onChange(Number(e.target.value))}
      />
    </label>
  );
}
