// A handful of real-looking source products (Icecat electronics, Myntra fashion) for the generators' tests.
import type { SourceProduct } from '../../../bench/lib/sources.ts';

export const source = (over: Partial<SourceProduct>): SourceProduct => ({
  origin: 'icecat',
  name: 'Xerox 006R90321 toner cartridge Original Black',
  model: '006R90321',
  brand: 'Xerox',
  category: 'Toner Cartridge',
  description: 'Toner (6 per box) for CopyCentre C65. Fits many copiers.',
  price: 49.95,
  color: 'Black',
  gender: null,
  spec: [['print technology', 'Laser printing']],
  ...over,
});

const myntra = (name: string, brand: string, color: string, category: string, price: number) =>
  source({
    origin: 'myntra',
    name,
    model: null,
    brand,
    category,
    description: `${name}, regular fit. Machine wash & tumble dry <low>.`,
    gender: 'Women',
    color,
    spec: [],
    price,
  });

export const SOURCES: SourceProduct[] = [
  source({}),
  source({ name: 'HP 305A toner cartridge Cyan', model: 'CE411A', brand: 'HP', color: 'Cyan', price: 80 }),
  source({
    origin: 'myntra',
    name: 'DKNY Unisex Black Printed Trolley Bag',
    model: null,
    brand: 'DKNY',
    category: 'Trolley Bag',
    description: 'Black printed medium trolley bag, secured with a TSA lock, "four" wheels.',
    gender: 'Unisex',
    spec: [],
    price: 141.5,
  }),
  myntra('Roadster Women Navy Blue Cotton Top', 'Roadster', 'Navy Blue', 'Top', 9.99),
  myntra('HERE&NOW Women Red Solid Kurta', 'HERE&NOW', 'Red', 'Kurta', 14.5),
  myntra('Mast & Harbour Women Green Jacket', 'Mast & Harbour', 'Green', 'Jacket', 32),
  myntra('Anouk Women White Printed Dress', 'Anouk', 'White', 'Dress', 21),
  myntra('Vero Moda Women Yellow Shirt', 'Vero Moda', 'Yellow', 'Shirt', 18),
  myntra('Tokyo Talkies Women Pink Skirt', 'Tokyo Talkies', 'Pink', 'Skirt', 12),
];
