import { describe, expect, it } from 'vitest';
import { parseQuery, type ParsedQuery } from '../../../electron/engine/search/query-parse.ts';

const plain = (text: string): ParsedQuery => ({ text, filters: {}, stockWanted: null });
const max = (text: string, priceMax: number): ParsedQuery => ({
  text,
  filters: { priceMax },
  stockWanted: null,
});
const min = (text: string, priceMin: number): ParsedQuery => ({
  text,
  filters: { priceMin },
  stockWanted: null,
});
const between = (text: string, priceMin: number, priceMax: number): ParsedQuery => ({
  text,
  filters: { priceMin, priceMax },
  stockWanted: null,
});

describe('parseQuery: upper price bounds', () => {
  it.each([
    ['headphones under $50', max('headphones', 50)],
    ['headphones under 50', max('headphones', 50)],
    ['below 50', max('', 50)],
    ['shoes less than 50 dollars', max('shoes', 50)],
    ['cheaper than 40', max('', 40)],
    ['tv < 50', max('tv', 50)],
    ['tv <50', max('tv', 50)],
    ['tv <= 50', max('tv', 50)],
    ['max 50', max('', 50)],
    ['price max 50', max('', 50)],
    ['shoes, max 50', max('shoes', 50)],
    ['headphones max $50', max('headphones', 50)],
    ['up to 50', max('', 50)],
    ['at most 50 bucks', max('', 50)],
    ['UNDER €50', max('', 50)],
    ['under 50€', max('', 50)],
    ['under 50 euros', max('', 50)],
    ['under £30 scarf', max('scarf', 30)],
    ['kurta under ₹999', max('kurta', 999)],
    ['kurta under rs. 999', max('kurta', 999)],
    ['usb hub under usd 20', max('usb hub', 20)],
    ['no more than 30', max('', 30)],
    ['not over 30', max('', 30)],
    ['headphones $50 or less', max('headphones', 50)],
    ['boots €80 max', max('boots', 80)],
    ['laptop under 1,299.99', max('laptop', 1299.99)],
    ['laptop under 1.299,99 €', max('laptop', 1299.99)],
    ['jacket under 1.299 €', max('jacket', 1299)],
    ['socks under 9,50 €', max('socks', 9.5)],
    ['iphone 15 under 800', max('iphone 15', 800)],
    ['4k tv under 500', max('4k tv', 500)],
    ['over-ear headphones under 100', max('over-ear headphones', 100)],
    ['2 pack under 20', max('2 pack', 20)],
    ['cases for under $20', max('cases', 20)],
    ['sneakers priced below 60', max('sneakers', 60)],
  ])('%s', (query, expected) => expect(parseQuery(query)).toEqual(expected));
});

describe('parseQuery: lower price bounds', () => {
  it.each([
    ['over $20', min('', 20)],
    ['watch above 20', min('watch', 20)],
    ['more than 20', min('', 20)],
    ['at least 20', min('', 20)],
    ['from $20', min('', 20)],
    ['> 20', min('', 20)],
    ['>=20', min('', 20)],
    ['min 20', min('', 20)],
    ['tv min. 500 dollars', min('tv', 500)],
    ['no less than 30 euros', min('', 30)],
    ['not under 30', min('', 30)],
    ['$100+', min('', 100)],
    ['speakers $20 and up', min('speakers', 20)],
    ['galaxy s23 over 600', min('galaxy s23', 600)],
  ])('%s', (query, expected) => expect(parseQuery(query)).toEqual(expected));
});

describe('parseQuery: price ranges', () => {
  it.each([
    ['between 20 and 40 dollars', between('', 20, 40)],
    ['jeans between $20 and $40', between('jeans', 20, 40)],
    ['$20-$40', between('', 20, 40)],
    ['$20 - 40 mouse', between('mouse', 20, 40)],
    ['20 to 40 euros', between('', 20, 40)],
    ['from 20 to 40', between('', 20, 40)],
    ['keyboard from $20 to $40', between('keyboard', 20, 40)],
    ['between 40 and 20', between('', 20, 40)],
    ['over 20 under 50 usd', between('', 20, 50)],
    ['lamps priced between 20 and 40', between('lamps', 20, 40)],
  ])('%s', (query, expected) => expect(parseQuery(query)).toEqual(expected));

  it('keeps the tightest bound when one is given twice', () => {
    expect(parseQuery('under 50 below 40').filters).toEqual({ priceMax: 40 });
    expect(parseQuery('over 10 at least 15').filters).toEqual({ priceMin: 15 });
  });
});

describe('parseQuery: stock', () => {
  it.each([
    ['in stock', { text: '', filters: { inStock: true }, stockWanted: 'in' }],
    ['boots in stock', { text: 'boots', filters: { inStock: true }, stockWanted: 'in' }],
    ['In-Stock boots', { text: 'boots', filters: { inStock: true }, stockWanted: 'in' }],
    ['available', { text: '', filters: { inStock: true }, stockWanted: 'in' }],
    ['chairs available now', { text: 'chairs', filters: { inStock: true }, stockWanted: 'in' }],
    ['headphones that are in stock', { text: 'headphones', filters: { inStock: true }, stockWanted: 'in' }],
    ['out of stock', { text: '', filters: { inStock: false }, stockWanted: 'out' }],
    ['boots that are out of stock', { text: 'boots', filters: { inStock: false }, stockWanted: 'out' }],
    ['sold out sneakers', { text: 'sneakers', filters: { inStock: false }, stockWanted: 'out' }],
    ['jackets not available', { text: 'jackets', filters: { inStock: false }, stockWanted: 'out' }],
    ['not in stock', { text: '', filters: { inStock: false }, stockWanted: 'out' }],
  ] as [string, ParsedQuery][])('%s', (query, expected) => expect(parseQuery(query)).toEqual(expected));

  it('combines stock and price', () => {
    expect(parseQuery('headphones for under $50 that are in stock')).toEqual({
      text: 'headphones',
      filters: { priceMax: 50, inStock: true },
      stockWanted: 'in',
    });
    expect(parseQuery('boots under 80 in stock only')).toEqual({
      text: 'boots',
      filters: { priceMax: 80, inStock: true },
      stockWanted: 'in',
    });
    expect(parseQuery('in stock and under 50 headphones')).toEqual({
      text: 'headphones',
      filters: { priceMax: 50, inStock: true },
      stockWanted: 'in',
    });
  });
});

describe('parseQuery: numbers that belong to the product', () => {
  it.each([
    'rtx 2060',
    'aa batteries 4 pack',
    '2 pack',
    '32gb',
    'size 10',
    'sizes 10-12',
    'usb 3.0 hub',
    '2 in 1 laptop',
    'windows 10',
    'lens 18-55mm',
    'nike air max 90',
    'iphone 14 pro max 128',
    'headphones max 50',
    'up to 10 hours battery',
    'monitor under 24 inches',
    'laptop under 2 kg',
    'laptop under 2kg',
    'tv over 50"',
    'above 4.5 stars',
    'tent for more than 2 people',
    'cables from 3 m',
    'charger from 20 w',
    'speaker from 20 to 40 watts',
    'phones between 6 and 7 inches',
    '20-40',
    'fan 20 to 40 cm',
    'under armour shoes',
    'over ear headphones',
    'dv7-1211ea',
  ])('%s', (query) => expect(parseQuery(query)).toEqual(plain(query)));

  it('trims surrounding whitespace but otherwise leaves text as typed', () => {
    expect(parseQuery('  Sony WH-1000XM4 ')).toEqual(plain('Sony WH-1000XM4'));
    expect(parseQuery('Sony  WH-1000XM4 under $300, black')).toEqual(max('Sony WH-1000XM4 black', 300));
  });
});
