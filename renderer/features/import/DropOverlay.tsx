import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { useApp } from '../../store/app-store.ts';
import { useImport } from '../../store/import-store.ts';

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/** Accepts a catalog file dropped anywhere on the window. */
export function DropOverlay() {
  const [visible, setVisible] = useState(false);

  useEffect(() => {
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth++;
      setVisible(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setVisible(false);
    };
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setVisible(false);
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      let path = '';
      try {
        path = api.pathForFile(file);
      } catch (err) {
        useApp.getState().report(err);
        return;
      }
      if (!path) {
        useApp
          .getState()
          .report(new Error(`“${file.name}” has no location on disk; save it to a folder first.`));
        return;
      }
      void useImport.getState().open(path);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);

  if (!visible) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-overlay-card">Drop to import this catalog file</div>
    </div>
  );
}
