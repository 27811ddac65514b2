import { useId, useState } from 'react';
import { parseNumberField } from '../../store/rulesSettings';

interface NumberFieldProps {
  label: string;
  /** hide the label visually (it stays the input's accessible name) */
  hideLabel?: boolean;
  value: number;
  least: number;
  /** no upper limit when absent */
  most?: number;
  whole: boolean;
  onCommit(value: number): void;
  width?: number;
  testId?: string;
  /** one sentence on what the value does (the input's title) */
  hint?: string;
  /** an extra class for the field's layout (e.g. "hyper-field" in the Train screen's grid) */
  className?: string;
}

/**
 * A number input that commits only usable values: while the text is not a number in range, the last good value
 * stays in force and the field says what to enter.
 */
export function NumberField({
  label,
  hideLabel,
  value,
  least,
  most,
  whole,
  onCommit,
  width = 64,
  testId,
  hint,
  className,
}: NumberFieldProps) {
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  const errorId = useId();
  // Adopt outside changes (reset, import) without an effect: React's "adjust state when a prop changes".
  if (shown !== value) {
    setShown(value);
    setText(String(value));
  }
  const parsed = parseNumberField(text, { least, most, whole });
  const change = (next: string) => {
    setText(next);
    const result = parseNumberField(next, { least, most, whole });
    if (result.ok && result.value !== value) {
      setShown(result.value);
      onCommit(result.value);
    }
  };
  return (
    <span className={['number-field', className, parsed.ok ? '' : 'invalid'].filter(Boolean).join(' ')}>
      <label className={hideLabel ? 'bare-label' : 'field-label'}>
        <span className={hideLabel ? 'visually-hidden' : undefined}>{label}</span>
        <input
          type="number"
          inputMode={whole ? 'numeric' : 'decimal'}
          min={least}
          max={most}
          step={whole ? 1 : 'any'}
          value={text}
          style={{ width }}
          aria-invalid={!parsed.ok}
          aria-describedby={parsed.ok ? undefined : errorId}
          data-testid={testId}
          title={hint}
          onChange={(e) => change(e.target.value)}
          onBlur={() => {
            if (!parsed.ok) setText(String(value));
          }}
        />
      </label>
      {!parsed.ok && (
        <span id={errorId} className="field-error" role="alert">
          {parsed.message}
        </span>
      )}
    </span>
  );
}
