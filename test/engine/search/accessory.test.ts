import { describe, expect, it } from 'vitest';
import { isAccessoryOf } from '../../../electron/engine/search/accessory.ts';

describe('accessory detection', () => {
  it('sees the searched word used as a modifier', () => {
    expect(isAccessoryOf('CHERRY WetEx Keyboard cover', ['keyboard'])).toBe(true);
    expect(isAccessoryOf('Kensington Foam Keyboard Wrist Rest Black', ['keyboard'])).toBe(true);
    expect(isAccessoryOf('Kensington SP Sleeve for iPad - 9"/22cm', ['ipad'])).toBe(true);
    expect(isAccessoryOf('StarTech.com 15 ft DVI to VGA Display Monitor Cable', ['monitors'])).toBe(true);
    expect(isAccessoryOf('Optoma SP.8EG01GC01 projector lamp 280 W P-VIP', ['projector'])).toBe(true);
    expect(isAccessoryOf('HP Tablet Docking Station', ['tablet'])).toBe(true);
  });

  it('keeps the thing itself, and accessories the query asks for', () => {
    expect(isAccessoryOf('CHERRY Comfort USB keyboard QWERTY Black', ['keyboard'])).toBe(false);
    expect(isAccessoryOf('AOC 416V computer monitor 61 cm (24")', ['monitor'])).toBe(false);
    expect(isAccessoryOf('Targus notebook case Black', ['laptop', 'case'])).toBe(false);
    expect(isAccessoryOf('Philips In-Ear Headphones', ['keyboard'])).toBe(false);
    expect(isAccessoryOf('Optoma SP.8EG01GC01 projector lamp 280 W P-VIP', ['projector', 'lamp'])).toBe(
      false,
    );
  });
});
