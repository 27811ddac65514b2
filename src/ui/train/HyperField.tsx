import { useId, useState } from 'react';
import type { Hyperparameters } from '../../core/models/types';
import { HYPERPARAMETER_RANGES, isInRange } from '../../store/trainSettings';

interface HyperFieldProps {
  label: string;
  name: keyof Hyperparameters;
  value: number;
  onCommit(value: number): void;
  hint?: string;
  width?: number;
}

/** A number input that commits only values in range; while the text is unusable it says what to enter. */
export function HyperField({ label, name, value, onCommit, hint, width = 76 }: HyperFieldProps) {
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  const errorId = useId();
  if (shown !== value) {
    setShown(value);
    setText(String(value));
  }
  const range = HYPERPARAMETER_RANGES[name];
  const ok = isInRange(name, text.trim() === '' ? Number.NaN : Number(text));
  const change = (next: string) => {
    setText(next);
    const parsed = next.trim() === '' ? Number.NaN : Number(next);
    if (isInRange(name, parsed) && parsed !== value) {
      setShown(parsed);
      onCommit(parsed);
    }
  };
  return (
    <label className={`hyper-field${ok ? '' : ' invalid'}`}>
      <span className="field-label">{label}</span>
      <input
        type="number"
        min={range.least}
        max={range.most}
        step={range.whole ? 1 : 'any'}
        value={text}
        style={{ width }}
        aria-invalid={!ok}
        aria-describedby={ok ? undefined : errorId}
        title={hint}
        onChange={(e) => change(e.target.value)}
        onBlur={() => {
          if (!ok) setText(String(value));
        }}
      />
      {!ok && (
        <span id={errorId} className="field-error" role="alert">
          {range.whole ? 'A whole number' : 'A number'} from {range.least} to {range.most}.
        </span>
      )}
    </label>
  );
}

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
