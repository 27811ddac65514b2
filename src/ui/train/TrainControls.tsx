import { useShallow } from 'zustand/react/shallow';
import {
  HYPERPARAMETERS,
  MODEL_KINDS,
  resolveProjection,
  type BackendName,
  type HyperparameterName,
  type Hyperparameters,
} from '../../core/models';
import { useLab } from '../../store';
import { applyBackendChoice, queueTraining, trainingBlockers } from '../../store/trainActions';
import {
  changeTrainHyperparameters,
  setRepeats,
  setTrainBackend,
  setTrainKind,
} from '../../store/trainSettingsActions';
import { KIND_LABELS } from '../../store/trainProgress';
import { REPEAT_CHOICES, type RepeatSetting } from '../../store/trainSlice';
import { BACKENDS, formatL2, l2FromSlider, L2_SLIDER_MAX, sliderFromL2 } from '../../store/trainSettings';
import { NumberField } from '../shared/NumberField';
import { Slider } from './Slider';
import { WorkersField } from './WorkersField';

/** SwiftShader / llvmpipe: a CPU pretending to be a GPU, where the fast path runs faster on WASM. */
function isSoftwareRenderer(renderer: string | null): boolean {
  return !!renderer && /swiftshader|llvmpipe|software/i.test(renderer);
}

const BACKEND_LABELS: Record<BackendName, string> = {
  webgl: 'WebGL (GPU)',
  wasm: 'WASM (CPU, SIMD)',
  cpu: 'CPU (plain JS, slow)',
};

const KIND_SHORT = { shallow: 'Shallow', lstm: 'LSTM', dual: 'Dual LSTM' };

const KIND_NOTES = {
  shallow: 'Dense layer on one year of purchase totals: fast, blind to time.',
  lstm: 'LSTM over monthly purchases: sees how behaviour changes.',
  dual: 'Monthly purchases and daily clicks, one LSTM each, joined by a dense layer.',
};

interface HyperparameterFieldProps {
  name: HyperparameterName;
  value: number;
  onChange(change: Partial<Hyperparameters>): void;
}

/** A hyperparameter's number field: label, help and limits from the core's table. */
function HyperparameterField({ name, value, onChange }: HyperparameterFieldProps) {
  const spec = HYPERPARAMETERS[name];
  return (
    <NumberField
      className="hyper-field"
      label={spec.label}
      hint={spec.help}
      value={value}
      least={spec.least}
      most={spec.most}
      whole={spec.whole}
      width={76}
      onCommit={(v) => onChange({ [name]: v })}
    />
  );
}

const repeatKey = (r: RepeatSetting) => `${r.mode}:${r.k}`;

/** One run, or k runs of the same settings as one group (k model seeds, or k folds), summarised as mean ± sd. */
function RepeatChoice({ repeats, seed }: { repeats: RepeatSetting; seed: number }) {
  return (
    <div className="repeat-choice">
      <label className="field-label">
        Repeats
        <select
          aria-label="Repeat runs"
          value={repeatKey(repeats)}
          onChange={(e) => {
            const choice = REPEAT_CHOICES.find((c) => repeatKey(c.value) === e.target.value);
            if (choice) setRepeats(choice.value);
          }}
        >
          {REPEAT_CHOICES.map((c) => (
            <option key={repeatKey(c.value)} value={repeatKey(c.value)}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <p className="muted small" data-testid="repeat-note">
        {repeats.mode === 'seeds'
          ? `${repeats.k} runs with model seeds ${seed}–${seed + repeats.k - 1}, the same split: Compare shows their mean ± sd, the spread a new seed alone would cause.`
          : repeats.mode === 'folds'
            ? `${repeats.k} runs, each validating on one of ${repeats.k} stratified folds of every labelled user (the validation share is ignored): Compare shows their mean ± sd.`
            : 'One run. Repeats show how much of a difference between runs is the seed alone.'}
      </p>
    </div>
  );
}

/** Model kind, hyperparameters, backend and the Train buttons (disabled, with the reason, when training cannot start). */
export function TrainControls() {
  // joined so the selector returns a stable value between renders
  const { settings, blockerText, backendInfo, repeats } = useLab(
    useShallow((s) => ({
      settings: s.trainSettings,
      repeats: s.repeats,
      blockerText: trainingBlockers(s).join('\n'),
      backendInfo: s.backendInfo,
    })),
  );
  const blockers = blockerText ? blockerText.split('\n') : [];
  const { kind, backend } = settings;
  const hp = settings.byKind[kind];
  const change = (c: Partial<Hyperparameters>) => changeTrainHyperparameters(c);
  const blocked = blockers.length > 0;
  return (
    <section className="panel train-controls" aria-label="Training settings">
      <h2>Model</h2>
      <div className="kind-choice" role="radiogroup" aria-label="Model kind">
        {MODEL_KINDS.map((k) => (
          <label key={k} className={k === kind ? 'kind selected' : 'kind'}>
            <input
              type="radio"
              name="model-kind"
              value={k}
              checked={k === kind}
              onChange={() => setTrainKind(k)}
            />
            {KIND_SHORT[k]}
          </label>
        ))}
      </div>
      <p className="muted small">{KIND_NOTES[kind]}</p>
      <Slider
        label={kind === 'shallow' ? 'Hidden units' : 'LSTM units'}
        min={4}
        max={128}
        step={4}
        position={hp.hidden}
        display={String(hp.hidden)}
        onChange={(hidden) => change({ hidden })}
        testId="hidden-slider"
      />
      {kind === 'dual' && (
        <Slider
          label={HYPERPARAMETERS.fcUnits.label}
          min={4}
          max={128}
          step={4}
          position={hp.fcUnits}
          display={String(hp.fcUnits)}
          onChange={(fcUnits) => change({ fcUnits })}
        />
      )}
      <Slider
        label={HYPERPARAMETERS.dropout.label}
        min={0}
        max={0.8}
        step={0.05}
        position={hp.dropout}
        display={hp.dropout.toFixed(2)}
        onChange={(dropout) => change({ dropout: Number(dropout.toFixed(2)) })}
      />
      <Slider
        label={HYPERPARAMETERS.l2.label}
        min={0}
        max={L2_SLIDER_MAX}
        step={1}
        position={sliderFromL2(hp.l2)}
        display={formatL2(hp.l2)}
        onChange={(p) => change({ l2: l2FromSlider(p) })}
        testId="l2-slider"
      />
      <div className="field-grid">
        <HyperparameterField name="learningRate" value={hp.learningRate} onChange={change} />
        {kind !== 'shallow' && (
          <HyperparameterField name="projection" value={resolveProjection(hp)} onChange={change} />
        )}
      </div>
      <h2>
        Training <span className="muted small">(all models)</span>
      </h2>
      <div className="field-grid">
        <HyperparameterField name="epochs" value={hp.epochs} onChange={change} />
        <HyperparameterField name="batchSize" value={hp.batchSize} onChange={change} />
        <HyperparameterField name="validationFraction" value={hp.validationFraction} onChange={change} />
        <HyperparameterField name="patience" value={hp.patience} onChange={change} />
        <HyperparameterField name="seed" value={hp.seed} onChange={change} />
      </div>
      <WorkersField />
      <label className="backend-choice">
        <span className="field-label">Backend</span>
        <select
          value={backend}
          onChange={(e) => {
            setTrainBackend(e.target.value as BackendName);
            void applyBackendChoice();
          }}
        >
          {BACKENDS.map((b) => (
            <option key={b} value={b}>
              {BACKEND_LABELS[b]}
            </option>
          ))}
        </select>
      </label>
      {backendInfo?.fellBackFrom && (
        <p className="backend-fallback" role="status">
          {backendInfo.message ??
            `${backendInfo.fellBackFrom} could not start; using ${backendInfo.backend}.`}
        </p>
      )}
      {backendInfo?.backend === 'webgl' && isSoftwareRenderer(backendInfo.renderer) && (
        <p className="backend-fallback" role="note">
          WebGL here is drawn in software ({backendInfo.renderer}): on this machine WASM trains the LSTMs
          several times faster.
        </p>
      )}
      <RepeatChoice repeats={repeats} seed={hp.seed} />
      <div className="train-buttons">
        <button type="button" className="primary" disabled={blocked} onClick={() => queueTraining([kind])}>
          Train {KIND_LABELS[kind]}
        </button>
        <button type="button" disabled={blocked} onClick={() => queueTraining(MODEL_KINDS)}>
          Train all three
        </button>
      </div>
      {blocked && (
        <ul className="blockers" data-testid="train-blockers">
          {blockers.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
