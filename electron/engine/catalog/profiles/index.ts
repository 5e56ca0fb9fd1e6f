import type { XmlDialect } from '../xml-feed.ts';
import { bigcommerce } from './bigcommerce.ts';
import { googleMerchant } from './google-merchant.ts';
import { magento } from './magento.ts';
import { prestashop } from './prestashop.ts';
import type { PlatformProfile } from './profile.ts';
import { shopify } from './shopify.ts';
import { woocommerce } from './woocommerce.ts';
import { wxr } from './wxr.ts';

/** Most specific first: the first whose header rule matches reads the file. */
export const PROFILES: readonly PlatformProfile[] = [
  shopify,
  woocommerce,
  wxr,
  magento,
  prestashop,
  bigcommerce,
  googleMerchant,
];

/** The platform a file's header (or XML dialect) shows; null leaves it to the generic column detection. */
export function detectProfile(columns: string[], dialect: XmlDialect | null): PlatformProfile | null {
  const set = new Set(columns);
  return PROFILES.find((p) => p.matches(set, dialect)) ?? null;
}
