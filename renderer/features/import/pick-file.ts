import { api } from '../../api.ts';
import { useApp } from '../../store/app-store.ts';
import { useImport } from '../../store/import-store.ts';

export async function pickAndPreview(): Promise<void> {
  try {
    const picked = await api.pickFile({});
    if (picked) await useImport.getState().open(picked.path);
  } catch (err) {
    useApp.getState().report(err);
  }
}
