// Saves a file the worker built: its bytes as a Blob behind an object URL, clicked through an <a download>.
// The URL is revoked shortly after, once the browser has taken the download over.

import type { DownloadFile } from '../../worker/protocol/exportMessages';

const REVOKE_AFTER_MS = 1000;

export function saveDownload(file: DownloadFile): void {
  const url = URL.createObjectURL(new Blob([file.bytes], { type: file.type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
