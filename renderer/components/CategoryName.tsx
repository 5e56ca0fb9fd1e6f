import { splitCategory } from './category.ts';

/**
 * A category path shown as its leaf, the full path on hover. The levels above stay in the text for
 * screen readers, so "Jackets" under Men and under Women remain two different things.
 */
export function CategoryName({ path }: { path: string }) {
  const { parents, leaf } = splitCategory(path);
  return (
    <span className="category-name" title={path}>
      {parents !== null && <span className="visually-hidden">{`${parents} > `}</span>}
      {leaf}
    </span>
  );
}
