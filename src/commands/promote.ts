/**
 * `promote` (run on a schedule): reads how many alerts each staged rule (`staged: true`)
 * raised since it was staged (src/promote/counts.ts), and opens — or updates — ONE pull
 * request that removes `staged: true` from the rules that stayed quiet, with a table of
 * counts per rule and day. Noisy rules are listed with their top merge keys and stay
 * staged. Promotion is a reviewed change, never a silent one (StreamAlert promoted after
 * 48 h by itself). Nothing is pushed when no rule is quiet, nor before the edited rule set
 * is built and its fixtures pass (src/promote/verify.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { processorBundlesDir } from '../build/bundles.js';
import { inspectRuleSet } from '../build/rule-set.js';
import { loadConfig } from '../config/load.js';
import { MAX_BODY_CHARS, promoteBody, promoteTitle } from '../promote/body.js';
import { readCounts, type PromoteSettings, type RuleCounts } from '../promote/counts.js';
import { removeStaged, StagedEditError } from '../promote/edit.js';
import { isSigmaFile } from '../build/rules.js';
import { s3StagingStore, type StagingStore } from '../promote/staging-store.js';
import { checkPromotion, PromoteCheckError } from '../promote/verify.js';
import type { FileChange, PromotionHost } from '../door-kit/github.js';
import type { EngineOptions } from '../door-kit/options.js';

/** The branch of the one promotion pull request. */
export const PROMOTE_BRANCH = 'streamalert/promote-staged-rules';

export interface PromoteOptions {
  quietThreshold: number;
  minStagedHours: number;
  /** Folder the repository's paths are relative to (GITHUB_WORKSPACE; the CLI's cwd). */
  repoRoot: string;
  now?: Date;
  /** Region → store; S3 through the SDK unless a test gives another. */
  store?: (region: string) => StagingStore;
}

export interface PromoteOutcome {
  counts: RuleCounts[];
  promoted: string[];
  /** Quiet rules whose file could not be edited safely: the message names the file. */
  refused: string[];
  pullRequest?: { number: number; url: string; created: boolean };
  lines: string[];
}

/** A store that sends each bucket's calls to its region's store. */
function routed(byBucket: Map<string, StagingStore>): StagingStore {
  const of = (bucket: string) => byBucket.get(bucket)!;
  return {
    list: (b, p) => of(b).list(b, p),
    folders: (b, p) => of(b).folders(b, p),
    get: (b, k) => of(b).get(b, k),
    put: (b, k, body) => of(b).put(b, k, body),
    delete: (b, k) => of(b).delete(b, k),
  };
}

export async function promoteCommand(
  options: EngineOptions,
  promote: PromoteOptions,
  host: PromotionHost,
): Promise<PromoteOutcome> {
  const config = await loadConfig(options.configDir);
  const settings: PromoteSettings = {
    quietThreshold: promote.quietThreshold,
    minStagedHours: promote.minStagedHours,
    now: promote.now ?? new Date(),
  };
  // The staging destination is each cluster's Firehose data bucket (modules/stream_alert staging.tf).
  const prefix = config.global.account.prefix;
  const stores = new Map<string, StagingStore>();
  const byBucket = new Map<string, StagingStore>();
  for (const c of config.clusters) {
    const firehose = c.modules.kinesis?.firehose;
    if (!firehose?.enabled) continue;
    const bucket = `${prefix}.${c.id.replace(/_/g, '.')}.${firehose.s3BucketSuffix}`;
    let store = stores.get(c.region);
    if (!store) {
      store =
        promote.store?.(c.region) ??
        s3StagingStore({ region: c.region, endpoint: options.awsEndpoint });
      stores.set(c.region, store);
    }
    byBucket.set(bucket, store);
  }

  const ruleSet = await inspectRuleSet(options.rulesDir, processorBundlesDir(), config.processors);
  const staged = ruleSet.rules
    .filter((r) => r.staged === true)
    .map((r) => ({
      name: r.name,
      file: r.file,
      ...(r.mergeByKeys ? { mergeByKeys: r.mergeByKeys } : {}),
    }));
  const lines: string[] = [];
  if (staged.length === 0) {
    lines.push('no staged rules');
    return { counts: [], promoted: [], refused: [], lines };
  }
  if (byBucket.size === 0)
    throw new Error(
      `${staged.length} rule(s) are staged (${staged.map((r) => r.name).join(', ')}) but no cluster has a staging destination: enable modules.kinesis.firehose, whose data bucket holds staging/`,
    );

  const counts = await readCounts(routed(byBucket), [...byBucket.keys()], staged, settings);
  for (const c of counts)
    lines.push(`${c.rule.name}: ${c.total} alert(s) since ${c.since}: ${c.verdict}`);

  // Edit each quiet rule's file; several rules of one file are edited one after the other.
  const texts = new Map<string, string>();
  const promoted: string[] = [];
  const refused: string[] = [];
  for (const c of counts.filter((x) => x.verdict === 'quiet')) {
    const file = c.rule.file;
    if (isSigmaFile(file)) {
      // A Sigma rule's staging is set in conf/sigma.json, not in its file.
      refused.push(
        `${file}: rule "${c.rule.name}" is a Sigma rule staged in conf/sigma.json; remove its "staged" there (promote edits rule files only)`,
      );
      continue;
    }
    try {
      const text = texts.get(file) ?? (await readFile(file, 'utf8'));
      texts.set(file, removeStaged(text, c.rule.name, file));
      promoted.push(c.rule.name);
    } catch (err) {
      if (!(err instanceof StagedEditError)) throw err;
      refused.push(err.message);
    }
  }
  for (const r of refused) lines.push(`not promoted: ${r}`);
  if (promoted.length === 0) {
    lines.push('no quiet rule to promote: no pull request');
    return { counts, promoted, refused, lines };
  }

  // Before anything is pushed: the edited rules build, the promoted ones are no longer
  // staged, the fixtures pass, and the body fits GitHub's limit.
  const checked = await checkPromotion({
    configDir: options.configDir,
    rulesDir: options.rulesDir,
    fixturesDir: options.fixturesDir,
    bundlesDir: processorBundlesDir(),
    config: config.processors,
    edits: texts,
    promoted,
  });
  lines.push(
    `edited rules ${checked} (${path.relative(promote.repoRoot, path.resolve(options.fixturesDir)) || '.'})`,
  );
  const files: FileChange[] = [...texts].map(([file, content]) => ({
    path: path.relative(promote.repoRoot, path.resolve(file)).split(path.sep).join('/'),
    content,
  }));
  const title = promoteTitle(promoted);
  const body = options.mask(promoteBody(counts, promoted, refused, settings));
  if (body.length > MAX_BODY_CHARS)
    throw new PromoteCheckError(
      `the pull request body is ${body.length} characters, over GitHub's ${MAX_BODY_CHARS}: nothing pushed`,
    );
  const base = await host.defaultBranch();
  await host.commitFiles(
    PROMOTE_BRANCH,
    options.commit,
    `${title}\n\n${promoted.join('\n')}`,
    files,
  );
  const open = await host.openPullRequestFrom(PROMOTE_BRANCH);
  const pr = open
    ? { ...(await host.updatePullRequest(open.number, { title, body })), created: false }
    : {
        ...(await host.createPullRequest({ head: PROMOTE_BRANCH, base, title, body })),
        created: true,
      };
  lines.push(`${pr.created ? 'opened' : 'updated'} ${pr.url}: promotes ${promoted.join(', ')}`);
  return { counts, promoted, refused, pullRequest: pr, lines };
}
