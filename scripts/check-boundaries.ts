/**
 * Import boundaries (docs/architecture.md#layout), checked over every TypeScript file:
 * - engines import nothing of server, web or cli (pure algorithms);
 * - contracts import only contracts (and zod);
 * - web imports only contracts, engines and its own code;
 * - a server module is imported from outside only through its `index.ts`;
 * - a web screen module never imports the shell (the shell collects the modules' routes and nav
 *   entries from `src/web/module-list.ts`);
 * - what the code cites of `docs/` exists (file and heading), and it cites nothing outside the
 *   repository ("DESIGN §n" named a document the project does not carry).
 * A hand-written check: dependency-cruiser, the library made for this, needs Node 22.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const src = path.join(root, 'src');

function* files(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (/\.(ts|tsx)$/.test(entry.name)) yield full;
  }
}

const importPattern =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function area(file: string): string {
  const rel = path.relative(src, file).split(path.sep);
  return rel[0] ?? '';
}

function moduleOf(file: string): string | null {
  const rel = path.relative(src, file).split(path.sep);
  return rel[0] === 'server' && rel[1] === 'modules' ? (rel[2] ?? null) : null;
}

const problems: string[] = [];
const scanned = [
  ...files(src),
  ...['test', 'bench', 'scripts'].flatMap((d) =>
    fs.existsSync(path.join(root, d)) ? [...files(path.join(root, d))] : [],
  ),
];

for (const file of scanned) {
  const text = fs.readFileSync(file, 'utf8');
  for (const match of text.matchAll(importPattern)) {
    const spec = match[1] ?? match[2];
    if (!spec || !spec.startsWith('.')) continue;
    const target = path.resolve(path.dirname(file), spec);
    const from = file.startsWith(src) ? area(file) : 'outside';
    const to = target.startsWith(src) ? area(target) : 'outside';
    const where = `${path.relative(root, file)} → ${spec}`;
    if (from === 'engines' && to !== 'engines') problems.push(`engine imports ${to}: ${where}`);
    if (from === 'contracts' && to !== 'contracts')
      problems.push(`contract imports ${to}: ${where}`);
    if (from === 'web' && !['web', 'contracts', 'engines'].includes(to))
      problems.push(`web imports ${to}: ${where}`);
    const webShell = path.join(src, 'web', 'shell') + path.sep;
    if (file.startsWith(path.join(src, 'web', 'modules') + path.sep) && target.startsWith(webShell))
      problems.push(`web module imports the shell: ${where}`);
    const targetModule = target.startsWith(src) ? moduleOf(target) : null;
    if (targetModule && moduleOf(file) !== targetModule) {
      const rel = path.relative(path.join(src, 'server', 'modules', targetModule), target);
      if (rel !== '' && rel !== 'index' && rel !== 'index.ts') {
        problems.push(`module ${targetModule} imported past its index.ts: ${where}`);
      }
    }
  }
}

// GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const [, heading] of markdown.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    anchors.add(
      heading!
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s-]/gu, '')
        .replace(/\s/g, '-'),
    );
  }
  return anchors;
}

const docAnchors = new Map<string, Set<string> | null>();
function anchorsOfDoc(doc: string): Set<string> | null {
  if (!docAnchors.has(doc)) {
    const file = path.join(root, doc);
    docAnchors.set(doc, fs.existsSync(file) ? anchorsOf(fs.readFileSync(file, 'utf8')) : null);
  }
  return docAnchors.get(doc)!;
}

for (const file of scanned) {
  const text = fs.readFileSync(file, 'utf8');
  const where = path.relative(root, file);
  if (/DESIGN §\d/.test(text)) problems.push(`cites a design document outside the repo: ${where}`);
  for (const [, doc, anchor] of text.matchAll(/\b(docs\/[\w./-]+\.md)(?:#([\w-]+))?/g)) {
    const anchors = anchorsOfDoc(doc!);
    if (!anchors) problems.push(`cites ${doc}, which does not exist: ${where}`);
    else if (anchor && !anchors.has(anchor))
      problems.push(`cites ${doc}#${anchor}, which has no such heading: ${where}`);
  }
}

if (problems.length > 0) {
  process.stderr.write(
    `Import boundaries broken (${problems.length}):\n  ${problems.join('\n  ')}\n`,
  );
  process.exit(1);
}
process.stdout.write(`Import boundaries hold (${scanned.length} files).\n`);
