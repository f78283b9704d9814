/**
 * Generated regions of the docs pages: the text between `<!-- generated:NAME -->` and the
 * next `<!-- /generated -->` belongs to the generator NAME (tables.ts) and is rewritten by
 * `npm run docs`; everything around it is written by people.
 */

export const DOCS_COMMAND = 'npm run docs';

export interface Region {
  readonly name: string;
  /** The lines between the markers, without the last newline. */
  readonly body: string;
  /** Offsets in the page of the lines between the markers (the close marker starts at `end`). */
  readonly start: number;
  readonly end: number;
}

const OPEN = /^<!-- generated:([a-z0-9-]+) -->\n/gm;
const CLOSE = /^<!-- \/generated -->$/m;

/** Every region of `text`, in order; throws on a region that is never closed. */
export function regionsOf(text: string, page: string): Region[] {
  const regions: Region[] = [];
  for (const m of text.matchAll(OPEN)) {
    const start = m.index + m[0].length;
    const rest = text.slice(start);
    const close = rest.search(CLOSE);
    const nextOpen = rest.search(/^<!-- generated:/m);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close))
      throw new Error(`${page}: <!-- generated:${m[1]} --> has no <!-- /generated --> after it`);
    regions.push({
      name: m[1]!,
      body: rest.slice(0, close).replace(/\n$/, ''),
      start,
      end: start + close,
    });
  }
  return regions;
}

/** `text` with each region's body replaced by `bodies[name]` (regions not named stay). */
export function withRegions(
  text: string,
  page: string,
  bodies: Readonly<Record<string, string>>,
): string {
  let out = '';
  let at = 0;
  for (const r of regionsOf(text, page)) {
    const body = bodies[r.name];
    if (body === undefined) continue;
    out += `${text.slice(at, r.start)}${body}\n`;
    at = r.end;
  }
  return out + text.slice(at);
}
