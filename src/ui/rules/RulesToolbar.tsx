import { useRef } from 'react';
import {
  dismissRulesMessages,
  exportRulesJson,
  importRulesText,
  resetRulesToPreset,
} from '../../store/rulesActions';

function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Title, import / export of rules.json, back to the preset, and the messages those produce. */
export function RulesToolbar({ notice, error }: { notice: string | null; error: string | null }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    importRulesText(await file.text(), file.name);
    if (fileInput.current) fileInput.current.value = '';
  };
  return (
    <>
      <div className="panel rules-toolbar">
        <div>
          <h2>Labelling rules</h2>
          <span className="muted small">
            Rules label a first set of users; the models learn from them and score everyone else. Saved in
            this browser as you edit.
          </span>
        </div>
        <div className="toolbar-buttons">
          <button type="button" onClick={() => fileInput.current?.click()}>
            Import rules…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            hidden
            data-testid="rules-file-input"
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
          <button type="button" onClick={() => downloadText(exportRulesJson(), 'rules.json')}>
            Export rules.json
          </button>
          <button type="button" onClick={resetRulesToPreset}>
            Reset to preset
          </button>
        </div>
      </div>
      {error && (
        <div className="panel panel-error rules-message" role="alert" data-testid="rules-error">
          <span>{error}</span>
          <button type="button" className="link-button" onClick={dismissRulesMessages}>
            dismiss
          </button>
        </div>
      )}
      {notice && !error && (
        <p className="notice rules-message" role="status" data-testid="rules-notice">
          <span>{notice}</span>
          <button type="button" className="link-button" onClick={dismissRulesMessages}>
            dismiss
          </button>
        </p>
      )}
    </>
  );
}
