import { useEffect, useState } from 'react';
import type { RejectedRow } from '../../../shared/types.ts';
import { api } from '../../api.ts';
import { formatCount } from '../../components/format.ts';
import { useApp } from '../../store/app-store.ts';
import { rejectedRowsToCsv } from './rejected-csv.ts';

const SHOWN = 1000;

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function RejectedRows({ catalogId }: { catalogId: string }) {
  const finishedJob = useApp((s) => s.jobs[catalogId]?.finished?.jobId);
  const [rows, setRows] = useState<RejectedRow[]>([]);

  useEffect(() => {
    let live = true;
    api
      .rejectedRows({ catalogId })
      .then((found) => live && setRows(found))
      .catch(useApp.getState().report);
    return () => {
      live = false;
    };
  }, [catalogId, finishedJob]);

  if (rows.length === 0) return null;
  return (
    <section className="card rejected" aria-label="Rejected rows">
      <header className="card-header">
        <h2>
          {formatCount(rows.length)} rejected {rows.length === 1 ? 'row' : 'rows'}
        </h2>
        <button
          type="button"
          className="button button-small"
          onClick={() => download(`${catalogId}-rejected-rows.csv`, rejectedRowsToCsv(rows))}
        >
          Export CSV
        </button>
      </header>
      {rows.length > SHOWN && (
        <p className="hint">Showing the first {formatCount(SHOWN)}; the export has them all.</p>
      )}
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col" className="num">
                Row
              </th>
              <th scope="col">Field</th>
              <th scope="col">Reason</th>
              <th scope="col">File</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, SHOWN).map((row, i) => (
              <tr key={i}>
                <td className="num">{row.row}</td>
                <td>{row.field}</td>
                <td>{row.reason}</td>
                <td className="muted" title={row.file}>
                  {row.file.split(/[\\/]/).pop()}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
