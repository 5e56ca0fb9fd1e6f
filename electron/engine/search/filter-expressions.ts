import type { Filters } from '../../../shared/types.ts';

const EXPRESSION = /^\s*([\w.\- ]+?)\s*(<=|>=|<|>|=)\s*(.+?)\s*$/;

/**
 * CLI filter expressions: `price<50`, `price>=20`, `category=Bags`, `brand=Nike`, `instock`, `onsale`,
 * `option.Size=M` for a variant option, `health=FINDING` for a health finding's products, and `NAME=VALUE` for any attribute (`season=Winter`). A price bound is inclusive either way, as a
 * manager reading "under 50" expects 50 itself to count.
 */
export function parseFilterExpressions(expressions: string[]): Filters {
  const filters: Filters = {};
  for (const expression of expressions) {
    if (/^\s*(in[-_ ]?stock)(\s*=\s*(true|yes|1))?\s*$/i.test(expression)) {
      filters.inStock = true;
      continue;
    }
    if (/^\s*on[-_ ]?sale\s*$/i.test(expression)) {
      filters.onSale = true;
      continue;
    }
    const m = EXPRESSION.exec(expression);
    if (!m)
      throw new Error(
        `cannot read filter "${expression}" (try price<50, category=Bags, instock, onsale, option.Size=M)`,
      );
    const [, rawName, op, value] = m;
    const name = rawName.toLowerCase();
    if (name === 'price') {
      const amount = Number(value.replace(/[^\d.]/g, ''));
      if (!Number.isFinite(amount) || value.replace(/[^\d.]/g, '') === '') {
        throw new Error(`filter "${expression}": "${value}" is not a price`);
      }
      if (op === '<' || op === '<=') filters.priceMax = amount;
      else if (op === '>' || op === '>=') filters.priceMin = amount;
      else filters.priceMin = filters.priceMax = amount;
      continue;
    }
    if (op !== '=') throw new Error(`filter "${expression}": only price can be compared with ${op}`);
    if (name === 'health') filters.health = value;
    else if (name === 'category') filters.categories = [...(filters.categories ?? []), value];
    else if (name === 'brand') filters.brands = [...(filters.brands ?? []), value];
    else if (name.startsWith('option.') && name.length > 7)
      filters.options = { ...filters.options, [rawName.trim().slice(7)]: value };
    else filters.attributes = { ...filters.attributes, [rawName.trim()]: value };
  }
  return filters;
}
