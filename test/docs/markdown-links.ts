/**
 * Links and anchors of Markdown pages as GitHub renders them, and the docs citations in
 * src/'s strings, for test/docs/links.test.ts. Every problem is one line naming the file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { outsideCode } from '../support/markdown.js';

/**
 * GitHub's heading anchor (github-slugger): lower case, every character that is not a
 * letter, mark, digit, connector (`_`), hyphen or space dropped, spaces made hyphens.
 */
export function githubSlug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The page without its fenced code blocks (their lines become empty, so line numbers stay). */
function withoutFences(markdown: string): string {
  let fence: string | undefined;
  return markdown
    .split('\n')
    .map((line) => {
      const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (fence === undefined && m) {
        fence = m[1]!;
        return '';
      }
      if (fence !== undefined) {
        if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '')
          fence = undefined;
        return '';
      }
      return line;
    })
    .join('\n');
}

/** A heading's text as GitHub shows it: code spans keep their text, links their label. */
function headingText(raw: string): string {
  return raw
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+#+\s*$/, '')
    .trim();
}

/** Every anchor of a page: its headings' slugs (duplicates numbered as GitHub does) and HTML ids. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of withoutFences(markdown).split('\n')) {
    const m = /^ {0,3}#{1,6}\s+(.+)$/.exec(line);
    if (m) {
      const slug = githubSlug(headingText(m[1]!));
      const n = seen.get(slug) ?? 0;
      seen.set(slug, n + 1);
      anchors.add(n === 0 ? slug : `${slug}-${n}`);
    }
    for (const a of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(a[1]!);
  }
  return anchors;
}

/** The headings' texts of a page, as written (for citations by section title). */
export function headingsOf(markdown: string): string[] {
  return withoutFences(markdown)
    .split('\n')
    .flatMap((line) => {
      const m = /^ {0,3}#{1,6}\s+(.+)$/.exec(line);
      return m ? [headingText(m[1]!)] : [];
    });
}

export interface Link {
  readonly target: string;
  readonly line: number;
}

/** Every link and image target of a page outside code: inline, reference definitions, HTML. */
export function linksOf(markdown: string): Link[] {
  const text = outsideCode(withoutFences(markdown));
  const lineAt = (index: number): number => text.slice(0, index).split('\n').length;
  const links: Link[] = [];
  const add = (target: string, index: number): void => {
    links.push({ target: target.replace(/^<(.*)>$/, '$1'), line: lineAt(index) });
  };
  for (const m of text.matchAll(/\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+"[^"]*")?\s*\)/g))
    add(m[1]!, m.index);
  for (const m of text.matchAll(/^ {0,3}\[[^\]]+\]:\s+(\S+)/gm)) add(m[1]!, m.index);
  for (const m of text.matchAll(/<(?:a|img)\s[^>]*?(?:href|src)="([^"]+)"/g)) add(m[1]!, m.index);
  return links;
}

const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

/** The problems of one page's links: missing files, anchors without a heading. */
export function brokenLinks(file: string, root: string): string[] {
  const markdown = readFileSync(file, 'utf8');
  const where = path.relative(root, file);
  const problems: string[] = [];
  for (const { target, line } of linksOf(markdown)) {
    if (EXTERNAL.test(target)) continue;
    const [rawPath, anchor] = target.split('#', 2) as [string, string | undefined];
    const linked = rawPath === '' ? file : path.resolve(path.dirname(file), decodeURI(rawPath));
    if (!linked.startsWith(root + path.sep) && linked !== root) {
      problems.push(`${where}:${line}: ${target} leaves the repository`);
      continue;
    }
    if (!existsSync(linked)) {
      problems.push(`${where}:${line}: ${target}: ${path.relative(root, linked)} does not exist`);
      continue;
    }
    if (anchor === undefined || !linked.endsWith('.md') || statSync(linked).isDirectory()) continue;
    if (!anchorsOf(readFileSync(linked, 'utf8')).has(anchor))
      problems.push(
        `${where}:${line}: ${target}: no heading of ${path.relative(root, linked)} has the anchor #${anchor}`,
      );
  }
  return problems;
}

/** The Markdown pages whose links are checked: README.md and docs/*.md. */
export function docsPages(root: string): string[] {
  const docs = path.join(root, 'docs');
  return [
    path.join(root, 'README.md'),
    ...readdirSync(docs)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => path.join(docs, f)),
  ];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) return sourceFiles(p);
      return /\.(ts|mts|cts)$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
    });
}

/** Every string literal of a TypeScript file (template parts included), with its line. */
export function stringLiterals(file: string): { text: string; line: number }[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const out: { text: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    )
      out.push({
        text: node.text,
        line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      });
    node.forEachChild(visit);
  };
  visit(source);
  return out;
}

const MENTION = /(?<![\w/.-])(?:docs\/|README\b)/;
const PAGE_CITATION = /(?<![\w/.-])(docs\/[\w.-]+\.md|README\.md)(?:#([\w-]+))?/g;
const README_SECTION = /\bREADME\b[^"\n]{0,30}"([^"]+)"/g;

/**
 * The problems of the docs citations in the string literals of `src/` (error messages,
 * hints): a cited page that does not exist, an anchor or README section title without its
 * heading, or a mention of the README or docs/ that cites nothing that can be checked.
 */
export function badCitations(root: string, srcDir = path.join(root, 'src')): string[] {
  const problems: string[] = [];
  const readmeHeadings = new Set(
    headingsOf(readFileSync(path.join(root, 'README.md'), 'utf8')).map(githubSlug),
  );
  // Most source files mention no page: only those whose text does are parsed (parsing every
  // file was nearly all of this check's time).
  for (const file of sourceFiles(srcDir)) {
    if (!MENTION.test(readFileSync(file, 'utf8'))) continue;
    for (const { text, line } of stringLiterals(file)) {
      if (!MENTION.test(text)) continue;
      const where = `${path.relative(root, file)}:${line}`;
      let cited = false;
      for (const m of text.matchAll(PAGE_CITATION)) {
        cited = true;
        const page = path.join(root, m[1]!);
        if (!existsSync(page)) problems.push(`${where}: cites ${m[1]}, which does not exist`);
        else if (m[2] !== undefined && !anchorsOf(readFileSync(page, 'utf8')).has(m[2]))
          problems.push(
            `${where}: cites ${m[1]}#${m[2]}, but no heading of ${m[1]} has that anchor`,
          );
      }
      for (const m of text.matchAll(README_SECTION)) {
        cited = true;
        if (!readmeHeadings.has(githubSlug(m[1]!)))
          problems.push(`${where}: cites the README section "${m[1]}", which does not exist`);
      }
      if (!cited)
        problems.push(
          `${where}: mentions the README or docs/ without a page and section that can be checked (cite docs/<page>.md#<anchor>): ${JSON.stringify(text.slice(0, 120))}`,
        );
    }
  }
  return problems;
}
