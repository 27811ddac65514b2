import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../store';
import { openRules } from '../../store/rulesActions';
import { catalogIndexOf } from './catalogIndex';
import { LabelOutcome } from './LabelOutcome';
import { MatchedUsers } from './MatchedUsers';
import { RuleSideEditor } from './RuleSideEditor';
import { RulesToolbar } from './RulesToolbar';
import { TrainingSettings } from './TrainingSettings';
import './rules.css';

/** Step 2: write the rules that label users, watch their counts live, and set up the training set. */
/** Before the worker sent the catalogue: an empty one (one object, so its empty index is built once). */
const NO_CATALOG = { categories: [] };

export function RulesScreen() {
  const s = useLab(
    useShallow((st) => ({
      loadedAt: st.dataset?.loadedAt ?? null,
      draft: st.rulesDraft,
      sampling: st.sampling,
      features: st.features,
      catalog: st.catalog,
      evaluation: st.evaluation,
      evaluating: st.evaluating,
      error: st.rulesError,
      notice: st.rulesNotice,
      tab: st.previewTab,
    })),
  );
  useEffect(() => {
    if (s.loadedAt) void openRules();
  }, [s.loadedAt]);
  const index = catalogIndexOf(s.catalog ?? NO_CATALOG);
  const catalogReady = s.catalog !== null && s.catalog.forLoadedAt === s.loadedAt;
  const issues = s.evaluation?.issues ?? [];

  if (!s.loadedAt) return <p className="panel muted">Load a dataset on the Data screen first.</p>;
  return (
    <div className="screen rules-screen">
      <RulesToolbar notice={s.notice} error={s.error} />
      {!catalogReady ? (
        <p className="panel muted">Reading the dataset’s categories…</p>
      ) : (
        <>
          <div className="rule-sides">
            {(['positive', 'negative'] as const).map((side) => (
              <RuleSideEditor
                key={side}
                side={side}
                draft={s.draft[side]}
                issues={issues}
                categories={index.categories}
                index={index}
              />
            ))}
          </div>
          <div className="rules-lower">
            <LabelOutcome
              evaluation={s.evaluation}
              evaluating={s.evaluating}
              onConflict={s.draft.onConflict}
              asOf={s.draft.asOf}
              catalog={s.catalog!}
            />
            <TrainingSettings sampling={s.sampling} features={s.features} evaluation={s.evaluation} />
          </div>
          {s.evaluation && <MatchedUsers evaluation={s.evaluation} tab={s.tab} />}
        </>
      )}
    </div>
  );
}
