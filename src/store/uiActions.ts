// Shell actions: navigation between the lab's screens.

import { useLab } from './index';
import type { ScreenId } from './uiSlice';

export function showScreen(screen: ScreenId): void {
  useLab.setState({ screen });
}

export function setBackendLabel(backendLabel: string | null): void {
  useLab.setState({ backendLabel });
}
