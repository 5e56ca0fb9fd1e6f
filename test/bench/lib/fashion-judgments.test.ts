import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hermesJudged, myntraJudged } from '../../../bench/lib/fashion-judgments.ts';
import { HERMES_CSV, tempDir } from '../../engine/helpers.ts';

describe('fashion judgments', () => {
  it('judges every Hermes product by its name, category and seasons', () => {
    // The repo's copy of the Hermes catalog: a unit test never reads the shared datasets.
    const { judgments } = hermesJudged(HERMES_CSV);
    // Read off products.csv by hand: the hats, beanies and earmuffs, and which of them are for winter.
    expect(Object.fromEntries(judgments.get('a warm hat for winter') ?? [])).toEqual({
      CHN0987: 2, // Chunky Knit Beanie, Fall, Winter
      BKR0123: 1, // Bucket Hat, Spring, Summer
      CBY6789: 2, // Corduroy Bucket Hat, Fall, Winter
      CLF2109: 2, // Cable Knit Beanie, Winter
      ERM5432: 2, // Earmuffs, Winter
    });
    expect(Object.fromEntries(judgments.get('sandals for men for the summer') ?? [])).toEqual({
      SLD7654: 2, // Slide Sandals, Men's Shoes
      SND7654: 1, // Strappy Sandals, Women's Shoes
      CLG4567: 1, // Clog Sandals, Women's Shoes
    });
  });

  it('grades Myntra products 2 with the type and every constraint, 1 with one missed, 0 without the type', () => {
    const file = path.join(tempDir(), 'myntra.csv');
    fs.writeFileSync(
      file,
      [
        'ProductID,ProductName,ProductBrand,Gender,Price (INR),NumImages,Description,PrimaryColor',
        '1,Roadster Women Blue Skinny Fit Jeans,Roadster,Women,999,5,"Blue jeans",Blue',
        '2,Roadster Women Black Skinny Fit Jeans,Roadster,Women,999,5,"Black jeans", Black',
        '3,Roadster Men Blue Slim Fit Jeans,Roadster,Men,999,5,"Blue jeans",Blue',
        '4,Roadster Women Blue Denim Jacket,Roadster,Women,1999,5,"Blue denim jacket",Blue',
      ].join('\n'),
    );
    const judged = myntraJudged(file).judgments.get('blue denim for women');
    expect(Object.fromEntries(judged ?? [])).toEqual({ '1': 2, '2': 1, '3': 1 });
  });
});
