import { expect, it } from 'vitest';
import { catalogNameFromPath } from '../../../../renderer/features/import/catalog-name.ts';

it('names a new catalog after its file', () => {
  expect(catalogNameFromPath('/home/me/Spring catalog 2026.csv.gz')).toBe('Spring catalog 2026');
  expect(catalogNameFromPath('C:\\data\\products.xlsx')).toBe('products');
  expect(catalogNameFromPath('/tmp/.csv')).toBe('Catalog');
});
