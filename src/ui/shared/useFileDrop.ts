import { useRef, useState, type ChangeEvent, type DragEvent } from 'react';

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/**
 * Drag-and-drop plus a hidden file picker for a drop zone: the zone spreads `zoneHandlers`, the hidden
 * <input type="file"> spreads `inputProps`, and a button calls `openPicker`. Files reach `onFiles` either way.
 */
export function useFileDrop(options: { busy: boolean; onFiles: (files: File[]) => void }) {
  const { busy, onFiles } = options;
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const onDragOver = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = busy ? 'none' : 'copy';
    setOver(true);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (!busy) onFiles(Array.from(event.dataTransfer.files));
  };
  return {
    over,
    openPicker: () => input.current?.click(),
    zoneHandlers: { onDragEnter: onDragOver, onDragOver, onDragLeave: () => setOver(false), onDrop },
    inputProps: {
      ref: input,
      type: 'file',
      hidden: true,
      onChange: (event: ChangeEvent<HTMLInputElement>) => {
        const files = Array.from(event.target.files ?? []);
        // cleared so that picking the same file again fires a change
        event.target.value = '';
        onFiles(files);
      },
    },
  };
}
