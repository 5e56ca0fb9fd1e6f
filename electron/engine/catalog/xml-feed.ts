/** Which kind of XML product feed a file is, from its root element and namespaces. */
export type XmlDialect = 'google-rss' | 'google-atom' | 'wxr' | 'rss' | 'atom';
