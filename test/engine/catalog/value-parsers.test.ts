import { describe, expect, it } from 'vitest';
import { categoryLeaf, categoryPath } from '../../../electron/engine/catalog/category-path.ts';
import { htmlToText } from '../../../electron/engine/catalog/html-text.ts';
import { readOffer, Rejection } from '../../../electron/engine/catalog/normalize.ts';
import { parseStockState, stockStateOf } from '../../../electron/engine/catalog/stock-state.ts';

describe('HTML descriptions as text', () => {
  it('drops tags, decodes entities and keeps paragraphs and list items on their own lines', () => {
    expect(
      htmlToText(
        '<p>Soft&nbsp;cotton &amp; linen.</p><ul><li>Machine wash</li><li>Slim fit</li></ul>Made in <b>Italy</b><br>2024',
      ),
    ).toBe('Soft cotton & linen.\nMachine wash\nSlim fit\nMade in Italy\n2024');
  });

  it('leaves script and style out, and keeps table cells apart', () => {
    expect(
      htmlToText(
        '<style>p{color:red}</style><table><tr><td>Width</td><td>40 cm</td></tr></table><script>x()</script>',
      ),
    ).toBe('Width 40 cm');
  });

  it('returns plain text as it is, and reads text with a lone "<" or "&" without losing it', () => {
    expect(htmlToText('  Plain text  ')).toBe('Plain text');
    expect(htmlToText('Salt & pepper, 3 < 4')).toBe('Salt & pepper, 3 < 4');
  });
});

describe('category paths', () => {
  it('writes every level separator as " > "', () => {
    expect(categoryPath('Men > Tops > Jackets')).toBe('Men > Tops > Jackets');
    expect(categoryPath('Men|Tops')).toBe('Men > Tops');
    expect(categoryPath('Home / Garden')).toBe('Home > Garden');
    expect(categoryPath('T-Shirts/Tops')).toBe('T-Shirts/Tops');
  });

  it('keeps the deepest of several paths, without roots that say nothing (Magento)', () => {
    const magento = { separators: ['/'], multiple: ',', dropRoots: ['Default Category'] };
    expect(
      categoryPath(
        'Default Category/Men,Default Category/Men/Tops/Jackets,Default Category/Collections',
        magento,
      ),
    ).toBe('Men > Tops > Jackets');
    expect(categoryPath('Default Category', magento)).toBe('Default Category');
    expect(categoryPath(' , ', magento)).toBeNull();
  });

  it('names the leaf a facet shows', () => {
    expect(categoryLeaf('Men > Tops > Jackets')).toBe('Jackets');
    expect(categoryLeaf('Shoes')).toBe('Shoes');
  });
});

describe('stock states', () => {
  it('reads the words platforms write', () => {
    expect(parseStockState('in stock')).toBe('in stock');
    expect(parseStockState('in_stock')).toBe('in stock');
    expect(parseStockState('instock')).toBe('in stock');
    expect(parseStockState('https://schema.org/InStock')).toBe('in stock');
    expect(parseStockState('Out of Stock')).toBe('out of stock');
    expect(parseStockState('onbackorder')).toBe('backorder');
    expect(parseStockState('pre-order')).toBe('preorder');
    expect(parseStockState(1)).toBe('in stock');
    expect(parseStockState('0')).toBe('out of stock');
    expect(parseStockState(false)).toBe('out of stock');
    expect(parseStockState('')).toBeNull();
    expect(parseStockState('maybe')).toBe('invalid');
  });

  it('lets a stated state win over the count, and the count decide otherwise', () => {
    expect(stockStateOf(0, 'backorder')).toBe('backorder');
    expect(stockStateOf(3, null)).toBe('in stock');
    expect(stockStateOf(0, null)).toBe('out of stock');
    expect(stockStateOf(null, null)).toBeNull();
  });
});

describe('offers', () => {
  const mapping = {
    price: 'Sale price',
    compareAtPrice: 'Regular price',
    stock: 'Stock',
    stockState: 'In stock?',
  };
  const offer = (values: Record<string, unknown>) => readOffer({ row: 7, values }, mapping, 'shop.csv');

  it('pays the sale price and strikes the regular one through; pays the regular price when nothing is on sale', () => {
    expect(offer({ 'Sale price': '18', 'Regular price': '25' })).toMatchObject({
      price: 18,
      compareAtPrice: 25,
    });
    expect(offer({ 'Sale price': '', 'Regular price': '25' })).toMatchObject({
      price: 25,
      compareAtPrice: null,
    });
    expect(offer({ 'Sale price': '25', 'Regular price': '20' })).toMatchObject({
      price: 25,
      compareAtPrice: null,
    });
  });

  it('reads prices written with their currency', () => {
    expect(offer({ 'Sale price': '15.00 USD', 'Regular price': '$20.00' })).toMatchObject({
      price: 15,
      compareAtPrice: 20,
      currency: 'USD',
    });
  });

  it('reads availability words as the stock state, and a word in the stock column too', () => {
    expect(offer({ Stock: '', 'In stock?': '0' })).toMatchObject({ stock: null, stockState: 'out of stock' });
    expect(offer({ Stock: 'in stock' })).toMatchObject({ stock: null, stockState: 'in stock' });
    expect(offer({ Stock: '4' })).toMatchObject({ stock: 4, stockState: 'in stock' });
  });

  it('rejects an unparsable price or availability naming the file, row and column', () => {
    const bad = offer({ 'Regular price': 'call us' });
    expect(bad).toBeInstanceOf(Rejection);
    expect((bad as Rejection).rejected).toEqual({
      file: 'shop.csv',
      row: 7,
      field: 'Regular price',
      reason: 'regular price "call us" is not a number',
    });
    expect((offer({ 'In stock?': 'perhaps' }) as Rejection).rejected).toMatchObject({ field: 'In stock?' });
  });
});
