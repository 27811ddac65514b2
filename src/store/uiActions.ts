// Shell actions: navigation between the lab's screens, the notices shown above every screen.

import { useLab } from './index';
import type { ScreenId } from './uiSlice';

export function showScreen(screen: ScreenId): void {
  useLab.setState({ screen });
}

export function setBackendLabel(backendLabel: string | null): void {
  useLab.setState({ backendLabel });
}

export function dismissPageNotice(which: 'settingsNotice' | 'storageNotice' | 'workerNotice'): void {
  useLab.setState({ [which]: null });
}
