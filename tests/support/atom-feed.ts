// Reading an Atom feed the way the feed tests check it (unit test of the writer, and the status-page journey).
import { XMLParser, XMLValidator } from "fast-xml-parser";

export interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  content: { "#text": string };
}

export interface AtomFeed {
  "@xmlns": string;
  id: string;
  title: string;
  updated: string;
  link: { "@rel": string; "@href": string }[];
  entry: AtomEntry | AtomEntry[];
}

/** Whether the text is well-formed XML (true, or fast-xml-parser's error). */
export const validateXml = (xml: string) => XMLValidator.validate(xml);

/** The feed as fast-xml-parser reads it: attributes as "@name", text beside attributes as "#text". */
export function parseAtomFeed(xml: string): AtomFeed {
  return (new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" }).parse(xml) as { feed: AtomFeed }).feed;
}

/** A feed's entries: the parser gives one entry as an object and several as an array. */
export const entriesOf = (feed: AtomFeed): AtomEntry[] => (Array.isArray(feed.entry) ? feed.entry : [feed.entry]);
