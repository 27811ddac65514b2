import type { Transform } from '../../core/features';
import { setFeatures, setSampling } from '../../store/rulesActions';
import type { FeatureSettings, SamplingSettings } from '../../store/rulesSettings';
import type { RulesEvaluation } from '../../worker/protocol/rulesMessages';
import { formatCount } from '../format';
import { NumberField } from '../shared/NumberField';

interface SettingsProps {
  sampling: SamplingSettings;
  features: FeatureSettings;
  evaluation: RulesEvaluation | null;
}

/** How the labelled users become a training set, and how their behaviour becomes model inputs. */
export function TrainingSettings({ sampling, features, evaluation }: SettingsProps) {
  const training = evaluation?.training;
  return (
    <section className="panel training-settings" aria-label="Training set">
      <h2>Training set</h2>
      <div className="settings-group">
        <label className="check">
          <input
            type="checkbox"
            checked={sampling.balance}
            onChange={(e) => setSampling({ balance: e.target.checked })}
          />
          Balance by down-sampling (drop users of the larger class down to the size of the smaller)
        </label>
        <p className="muted small" data-testid="sampling-note">
          {sampling.balance
            ? 'Down-sampling: the users left out of the larger class are not trained on; the loss is unweighted.'
            : sampling.classWeights === false
              ? 'Every labelled user trains, without class weights.'
              : 'Every labelled user trains; class weights (n / (2 · class size)) balance the classes in the loss.'}
        </p>
        <div className="settings-row">
          <NumberField
            label="Cap the sample at (users, 0 = no cap)"
            value={sampling.maxSamples}
            least={0}
            whole
            width={90}
            onCommit={(maxSamples) => setSampling({ maxSamples })}
          />
          <NumberField
            label="Data seed (sample and validation split)"
            value={sampling.seed}
            least={0}
            whole
            width={72}
            onCommit={(seed) => setSampling({ seed })}
          />
        </div>
        <p className="training-size" data-testid="training-size">
          {training ? (
            <>
              <strong className="num">{formatCount(training.positive)}</strong> positive ·{' '}
              <strong className="num">{formatCount(training.negative)}</strong> negative ·{' '}
              <span className="muted">
                {formatCount(training.positive + training.negative)} users to train and validate on
              </span>
            </>
          ) : (
            <span className="muted">Counting…</span>
          )}
        </p>
      </div>
      <h3>Model inputs</h3>
      <div className="settings-group">
        <label className="check guard">
          <input
            type="checkbox"
            checked={features.maskRuleCategories}
            onChange={(e) => setFeatures({ maskRuleCategories: e.target.checked })}
          />
          <span>
            Remove the rule categories from the model inputs
            <span className="muted small block">
              Leakage guard: the model must learn from other signals instead of re-learning the rules.
            </span>
          </span>
        </label>
        <div className="settings-row">
          <NumberField
            label="Vocabulary: top categories"
            value={features.topK}
            least={1}
            whole
            width={80}
            onCommit={(topK) => setFeatures({ topK })}
          />
          <NumberField
            label="Months of purchases"
            value={features.months}
            least={1}
            whole
            onCommit={(months) => setFeatures({ months })}
          />
          <NumberField
            label="Days of clicks"
            value={features.days}
            least={1}
            whole
            onCommit={(days) => setFeatures({ days })}
          />
          <label className="field-label">
            Transform
            <select
              value={features.transform}
              onChange={(e) => setFeatures({ transform: e.target.value as Transform })}
            >
              <option value="log1p">log1p</option>
              <option value="none">none</option>
            </select>
          </label>
        </div>
        <p className="muted small" data-testid="feature-summary">
          {evaluation?.featureSummary ?? ''}
        </p>
      </div>
    </section>
  );
}
