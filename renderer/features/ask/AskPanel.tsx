import { useEffect, useState } from 'react';
import type { Answer } from '../../../shared/types.ts';
import { api } from '../../api.ts';
import { useApp } from '../../store/app-store.ts';
import { useAsk } from '../../store/ask-store.ts';
import { answeredByLabel } from './answered-by.ts';

const EXAMPLES = [
  'How many products are out of stock?',
  'Which bag is best for travel?',
  'What is the cheapest winter item?',
];

const ROUTES: Record<Answer['route'], string> = {
  aggregate: 'counted from the catalog',
  superlative: 'ranked from the catalog',
  lookup: 'looked up by ID',
  descriptive: 'from the most relevant products',
  comparison: 'compared from the catalog',
  'no-match': 'nothing matched',
};

/** Citations are ids; the names make them readable. A missing product keeps its id. */
function useProductNames(catalogId: string, ids: string[]): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    let live = true;
    Promise.all(ids.map((id) => api.getProduct({ catalogId, id }).catch(() => null))).then((products) => {
      if (live) setNames(Object.fromEntries(products.flatMap((p) => (p ? [[p.id, p.name]] : []))));
    });
    return () => {
      live = false;
    };
  }, [catalogId, ids]);
  return names;
}

function AnswerView({
  answer,
  model,
  catalogId,
  onAsk,
}: {
  answer: Answer;
  model: string | null;
  catalogId: string;
  onAsk: (question: string) => void;
}) {
  const openProduct = useApp((s) => s.openProduct);
  const [showBasis, setShowBasis] = useState(false);
  const names = useProductNames(catalogId, answer.citations);
  return (
    <article className="card answer" aria-label="Answer">
      <p className="answer-text">{answer.answer}</p>
      <p className="muted">
        {ROUTES[answer.route]} ·{' '}
        <span className={`answered-by answered-by-${answer.answeredBy}`}>
          {answeredByLabel(answer.answeredBy, model)}
        </span>{' '}
        · {Math.round(answer.tookMs)} ms
      </p>
      <p className="muted reading" aria-label="Based on">
        Based on: {answer.reading}
      </p>
      {answer.alternatives.length > 0 && (
        <div className="examples alternatives" aria-label="Other readings">
          <span className="muted">Or read it as:</span>
          {answer.alternatives.map((a) => (
            <button
              key={a.question}
              type="button"
              className="chip"
              title={a.question}
              onClick={() => onAsk(a.question)}
            >
              {a.reading}
            </button>
          ))}
        </div>
      )}
      {answer.citations.length > 0 && (
        <div className="citations" aria-label="Citations">
          <h3>Sources</h3>
          <ul>
            {answer.citations.map((id, i) => (
              <li key={id}>
                <button type="button" className="citation" onClick={() => openProduct(id)}>
                  <span className="citation-n">[{i + 1}]</span> {names[id] ?? id}
                  {names[id] && <span className="muted"> {id}</span>}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {answer.basedOn.length > 0 && (
        <div className="based-on">
          <button
            type="button"
            className="link-button"
            aria-expanded={showBasis}
            onClick={() => setShowBasis(!showBasis)}
          >
            {showBasis ? 'Hide' : 'Show'} what this answer is based on ({answer.basedOn.length}{' '}
            {answer.basedOn.length === 1 ? 'product' : 'products'})
          </button>
          {showBasis && (
            <table>
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col">Fields used</th>
                </tr>
              </thead>
              <tbody>
                {answer.basedOn.map((basis) => (
                  <tr key={basis.id}>
                    <td>
                      <button type="button" className="link-button" onClick={() => openProduct(basis.id)}>
                        {basis.id}
                      </button>
                    </td>
                    <td>{basis.fields.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </article>
  );
}

export function AskPanel({ catalogId }: { catalogId: string }) {
  const { question, answer, model, busy } = useAsk();
  const { setQuestion, ask: askCatalog } = useAsk.getState();
  const ask = (text: string) => askCatalog(catalogId, text);

  return (
    <div className="ask-view">
      <form
        className="ask-form"
        onSubmit={(event) => {
          event.preventDefault();
          void ask(question);
        }}
      >
        <input
          className="search-input"
          aria-label="Question"
          placeholder="Ask about this catalog, e.g. “how many boots under $80 are out of stock?”"
          value={question}
          maxLength={1000}
          onChange={(event) => setQuestion(event.target.value)}
        />
        <button type="submit" className="button button-primary" disabled={busy || !question.trim()}>
          {busy ? 'Thinking…' : 'Ask'}
        </button>
      </form>
      {!answer && !busy && (
        <div className="examples">
          <span className="muted">Try:</span>
          {EXAMPLES.map((example) => (
            <button
              key={example}
              type="button"
              className="chip"
              onClick={() => {
                setQuestion(example);
                void ask(example);
              }}
            >
              {example}
            </button>
          ))}
        </div>
      )}
      {answer && (
        <AnswerView answer={answer} model={model} catalogId={catalogId} onAsk={(q) => void ask(q)} />
      )}
    </div>
  );
}
