/**
 * `sigma-sync`: brings the Sigma rules of a pinned release or ref of a rule repository
 * (SigmaHQ/sigma by default) into `<rules-dir>/sigma/`, and opens — or updates — ONE pull
 * request with the change. Local edits are kept: each file is merged three ways against
 * the upstream version it was last synced from (sigma-sync.json records it); conflicts,
 * and upstream rules that cannot run here (they do not compile against this repository's
 * logs and conf/sigma.json, or their name is taken), keep the local version and are listed.
 * The pull request's own plan then shows the changed rules' fixtures and backtest.
 * Without a pull-request host (a local CLI run) the files are written into the checkout.
 */
import { lstat, mkdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isSigmaFile, ruleBase, ruleFileNames, sigmaContextOf } from '../build/rules.js';
import { loadConfig } from '../config/load.js';
import type { FileChange, PromotionHost, UpstreamRepository } from '../door-kit/github.js';
import type { EngineOptions } from '../door-kit/options.js';
import { MAX_RULE_FILE_BYTES } from '../build/rules.js';
import { readRepositoryFile, REPOSITORY, repositoryRoot, isInside } from '../shared/repo-file.js';
import { compileSigma } from '../sigma/compile.js';
import { MAX_SYNC_BODY_CHARS, syncBody, syncTitle } from '../sigma-sync/body.js';
import {
  COMMIT,
  formatLock,
  LOCK_FILE,
  parseLock,
  REPOSITORY_NAME,
  type SyncLock,
} from '../sigma-sync/lock.js';
import { reconcile, type Decision } from '../sigma-sync/reconcile.js';
import { readTarball, SAFE_PATH } from '../sigma-sync/tarball.js';

/** The branch of the one sync pull request. */
export const SIGMA_SYNC_BRANCH = 'streamalert/sigma-sync';
/** The folder of rules-dir the synced rules live in. */
export const SIGMA_FOLDER = 'sigma';
/** Most older upstream commits fetched for merge bases in one run. */
const MAX_BASE_COMMITS = 4;

export interface SigmaSyncOptions {
  repository: string;
  ref: string;
  /** Upstream folders to bring, e.g. `rules/cloud`. */
  folders: string[];
  /** Folder the repository's paths are relative to (GITHUB_WORKSPACE; the CLI's cwd). */
  repoRoot: string;
}

export interface SigmaSyncOutcome {
  commit: string;
  decisions: Decision[];
  /** Files written or removed (the lock file included). */
  changed: FileChange[];
  pullRequest?: { number: number; url: string; created: boolean };
  lines: string[];
}

/** Where a pull request goes, or the checkout itself (a local run). */
export type SyncTarget = { pullRequest: PromotionHost } | { workingTree: true };

/** `rules/cloud/aws/x.yml` → `<sigma folder>/cloud/aws/x.yml`: upstream's `rules/` is dropped. */
const localPathOf = (upstreamPath: string): string =>
  `${SIGMA_FOLDER}/${upstreamPath.replace(/^rules\//, '')}`;

export function checkSyncOptions(o: SigmaSyncOptions, named: (input: string) => string): void {
  if (!REPOSITORY_NAME.test(o.repository))
    throw new Error(`${named('sigma-repository')}: "${o.repository}" is not owner/name`);
  if (o.ref === '')
    throw new Error(
      `${named('sigma-ref')}: the release tag or commit to sync is needed (a pinned ref: the pull request shows what changed since the last one)`,
    );
  if (o.folders.length === 0 || !o.folders.every((f) => SAFE_PATH.test(f)))
    throw new Error(`${named('sigma-folders')}: give repository folders such as rules/cloud`);
}

async function readLocal(file: string, root: string): Promise<string | undefined> {
  const read = await readRepositoryFile(
    file,
    root,
    REPOSITORY(root, 'rule files', MAX_RULE_FILE_BYTES),
  );
  if ('missing' in read) return undefined;
  if ('refused' in read) throw new Error(`${file}: ${read.refused}`);
  return read.bytes.toString('utf8');
}

/** Refuses to write through a link: every folder from the rules folder down must be a real one. */
async function writeInTree(rulesDir: string, rel: string, content: string | null): Promise<void> {
  const target = path.join(rulesDir, ...rel.split('/'));
  let at = path.resolve(rulesDir);
  for (const part of rel.split('/')) {
    at = path.join(at, part);
    const s = await lstat(at).catch(() => undefined);
    if (s?.isSymbolicLink())
      throw new Error(`${at}: is a symbolic link; sigma-sync does not write through links`);
  }
  if (content === null) {
    await unlink(target).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    return;
  }
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, content);
}

export async function sigmaSyncCommand(
  options: EngineOptions,
  sync: SigmaSyncOptions,
  upstream: UpstreamRepository,
  target: SyncTarget,
  named: (input: string) => string = (input) => `input ${input}`,
): Promise<SigmaSyncOutcome> {
  const config = await loadConfig(options.configDir);
  const sigma = sigmaContextOf(config.processors);
  const root = repositoryRoot(options.rulesDir);
  const lockFile = path.join(options.rulesDir, SIGMA_FOLDER, LOCK_FILE);
  const lockText = await readLocal(lockFile, root);
  const lock: SyncLock | undefined =
    lockText === undefined ? undefined : parseLock(lockText, lockFile);
  if (lock && lock.repository !== sync.repository)
    throw new Error(
      `${lockFile}: the rules were synced from ${lock.repository}; to sync ${sync.repository} instead, remove ${path.join(options.rulesDir, SIGMA_FOLDER)} first`,
    );

  const commit = await upstream.commitOf(sync.repository, sync.ref);
  if (!COMMIT.test(commit))
    throw new Error(`${sync.repository}@${sync.ref}: no commit id in the answer`);
  const theirs = readTarball(await upstream.tarballOf(sync.repository, commit), sync.folders);

  // The merge bases: each synced file at the commit it was last synced from.
  const bases = new Map<string, string>();
  if (lock) {
    const byCommit = new Map<string, string[]>();
    for (const [p, c] of Object.entries(lock.files))
      byCommit.set(c, [...(byCommit.get(c) ?? []), p]);
    const commits = [...byCommit.keys()];
    if (commits.length > MAX_BASE_COMMITS + (byCommit.has(commit) ? 1 : 0))
      throw new Error(
        `${lockFile}: the synced files come from ${commits.length} upstream commits; sync can read at most ${MAX_BASE_COMMITS} older ones (resolve the held files and conflicts first)`,
      );
    for (const c of commits) {
      const files =
        c === commit
          ? theirs.files
          : readTarball(await upstream.tarballOf(lock.repository, c), lock.folders).files;
      for (const p of byCommit.get(c)!) {
        const text = files.get(p);
        if (text !== undefined) bases.set(p, text);
      }
    }
  }

  // Rule names must stay unique: names of the rules that are not synced files, then upstream's in order.
  const synced = new Set(
    [...theirs.files.keys(), ...Object.keys(lock?.files ?? {})].map(localPathOf),
  );
  const names = new Map<string, string>();
  for (const name of await ruleFileNames(options.rulesDir))
    if (!synced.has(name)) names.set(path.posix.basename(ruleBase(name)), name);

  const check = (upstreamPath: string, text: string): string | undefined => {
    const local = localPathOf(upstreamPath);
    const name = path.posix.basename(ruleBase(local));
    const other = names.get(name);
    if (other !== undefined && other !== local)
      return `rule name ${name} is taken by ${other} of the rules folder`;
    // The file is named beside the reason: the reason gives the place in it.
    const problem = compileSigma(text, local, name, sigma).problems[0];
    return problem
      ? `line ${problem.line}, column ${problem.column}: ${problem.message}`
      : undefined;
  };

  const paths = [...new Set([...theirs.files.keys(), ...Object.keys(lock?.files ?? {})])].sort();
  // Folders such as `rules/cloud` and `cloud` would land in the same place.
  const landing = new Map<string, string>();
  for (const p of paths) {
    const other = landing.get(localPathOf(p));
    if (other !== undefined)
      throw new Error(
        `${named('sigma-folders')}: upstream ${other} and ${p} would both be ${localPathOf(p)}; choose folders that do not overlap`,
      );
    landing.set(localPathOf(p), p);
  }
  const decisions: Decision[] = [];
  const lockFiles: Record<string, string> = {};
  const changed: FileChange[] = [];
  const rel = (p: string) =>
    path
      .relative(
        sync.repoRoot,
        path.join(path.resolve(options.rulesDir), ...localPathOf(p).split('/')),
      )
      .split(path.sep)
      .join('/');
  for (const p of paths) {
    if (!isSigmaFile(p)) continue;
    const local = path.join(options.rulesDir, ...localPathOf(p).split('/'));
    const r = reconcile(
      {
        path: p,
        base: bases.get(p),
        ours: await readLocal(local, root),
        theirs: theirs.files.get(p),
      },
      check,
    );
    decisions.push(r.decision);
    if (r.lock === 'new') lockFiles[p] = commit;
    else if (r.lock === 'keep' && lock?.files[p]) lockFiles[p] = lock.files[p]!;
    const d = r.decision;
    if (d.kind === 'add' || d.kind === 'update' || d.kind === 'merge') {
      changed.push({ path: rel(p), content: d.text });
      names.set(path.posix.basename(ruleBase(localPathOf(p))), localPathOf(p));
    } else if (d.kind === 'delete') changed.push({ path: rel(p), content: null });
    // A kept file's name stays taken for the upstream files after it.
    if (d.kind === 'same' || d.kind === 'conflict' || d.kind === 'held')
      names.set(path.posix.basename(ruleBase(localPathOf(p))), localPathOf(p));
  }
  const newLock: SyncLock = {
    repository: sync.repository,
    ref: sync.ref,
    commit,
    folders: sync.folders,
    files: lockFiles,
  };
  const lockChanged = lockText !== formatLock(newLock);
  if (lockChanged)
    changed.push({
      path: path.relative(sync.repoRoot, path.resolve(lockFile)).split(path.sep).join('/'),
      content: formatLock(newLock),
    });
  for (const c of changed)
    if (!isInside(path.resolve(sync.repoRoot), path.resolve(sync.repoRoot, c.path)))
      throw new Error(
        `${options.rulesDir}: the rules folder is outside the repository (${sync.repoRoot})`,
      );

  const count = (k: Decision['kind']) => decisions.filter((d) => d.kind === k).length;
  const lines = [
    `${sync.repository}@${sync.ref} (${commit.slice(0, 7)}): ${count('add')} added, ${count('update')} updated, ${count('merge')} merged, ${count('delete')} removed, ${count('conflict')} conflict(s), ${count('held')} held, ${count('skipped')} not brought`,
    ...decisions
      .filter((d) => 'reason' in d)
      .map((d) => `${d.kind}: ${localPathOf(d.path)}: ${(d as { reason: string }).reason}`),
  ];
  if (theirs.refused > 0)
    lines.push(`${theirs.refused} archive entries refused (links or odd names)`);
  if (changed.length === 0) {
    lines.push('up to date: nothing to change');
    return { commit, decisions, changed, lines };
  }
  if ('workingTree' in target) {
    for (const c of changed) {
      const relToRules = path.relative(
        path.resolve(options.rulesDir),
        path.resolve(sync.repoRoot, c.path),
      );
      await writeInTree(options.rulesDir, relToRules.split(path.sep).join('/'), c.content);
    }
    lines.push(
      `wrote ${changed.length} file(s) under ${path.join(options.rulesDir, SIGMA_FOLDER)}`,
    );
    return { commit, decisions, changed, lines };
  }
  const host = target.pullRequest;
  const title = syncTitle(sync);
  const body = options.mask(
    syncBody({
      repository: sync.repository,
      ref: sync.ref,
      commit,
      folders: sync.folders,
      ...(lock ? { previous: { ref: lock.ref, commit: lock.commit } } : {}),
      destOf: rel,
      decisions,
      refused: theirs.refused,
    }),
  );
  if (body.length > MAX_SYNC_BODY_CHARS)
    throw new Error(
      `the pull request body is ${body.length} characters, over GitHub's limit: nothing pushed`,
    );
  const base = await host.defaultBranch();
  await host.commitFiles(SIGMA_SYNC_BRANCH, options.commit, `${title}\n\n${lines[0]}`, changed);
  const open = await host.openPullRequestFrom(SIGMA_SYNC_BRANCH);
  const pr = open
    ? { ...(await host.updatePullRequest(open.number, { title, body })), created: false }
    : {
        ...(await host.createPullRequest({ head: SIGMA_SYNC_BRANCH, base, title, body })),
        created: true,
      };
  lines.push(`${pr.created ? 'opened' : 'updated'} ${pr.url}`);
  return { commit, decisions, changed, pullRequest: pr, lines };
}
