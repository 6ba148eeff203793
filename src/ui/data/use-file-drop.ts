/** Drag-and-drop of files anywhere on the map: the props for the drop zone, whether a file is over it, the drop. */
import { useMemo, useState, type DragEvent } from 'react';
import type { DroppedFiles } from './ImportSection';

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes('Files');

/**
 * @param onDrop called after a drop (e.g. to open the data panel)
 * @example const drop = useFileDrop(open); <main {...drop.props}>{drop.dragging && …}</main>
 */
export function useFileDrop(onDrop: () => void) {
  const [dragging, setDragging] = useState(false);
  const [dropped, setDropped] = useState<DroppedFiles | null>(null);
  const props = useMemo(
    () => ({
      onDragOver: (e: DragEvent) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      },
      onDragLeave: (e: DragEvent) => {
        if (e.currentTarget === e.target || !e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      },
      onDrop: (e: DragEvent) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(false);
        const files = Array.from(e.dataTransfer.files);
        if (files.length === 0) return;
        setDropped((d) => ({ files, n: (d?.n ?? 0) + 1 }));
        onDrop();
      },
    }),
    [onDrop],
  );
  return { props, dragging, dropped };
}
