import { useApp } from '../../store/app-store.ts';
import { useSearch } from '../../store/search-store.ts';

/** Shows a finding's products in the search screen: an empty query under the finding's filter. */
export function openFinding(ref: string): void {
  const search = useSearch.getState();
  search.setQuery('');
  search.setFilters({ health: ref });
  useApp.getState().setView('search');
}
