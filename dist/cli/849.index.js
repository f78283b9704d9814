export const id = 849;
export const ids = [849];
export const modules = {

/***/ 11849:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  demoCommand: () => (/* binding */ demoCommand)
});

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/door-kit/inputs.ts
var inputs = __webpack_require__(99328);
// EXTERNAL MODULE: ./src/config/load.ts + 8 modules
var load = __webpack_require__(77051);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
// EXTERNAL MODULE: ./src/shared/package-root.ts
var package_root = __webpack_require__(55658);
;// CONCATENATED MODULE: ./src/local-aws/moto.ts
/**
 * A local AWS stand-in: moto's server, started through the launcher this project ships
 * (scripts/local-aws/moto_launcher.py, which closes the gaps of moto 5.2 our Terraform
 * meets), on 127.0.0.1 and a free port. `npm run demo` and the tests start it through
 * here; `npm run local-aws` runs the same launcher in a terminal.
 *
 * Everything that talks to it gets `localAwsEnv`: the endpoint and test credentials, with
 * every other AWS setting of the caller's environment (profiles, roles, web identity,
 * config files) dropped, so nothing can reach a real account by accident.
 */





/** The launcher's exit code when moto (or its server extras) is not installed. */
const MOTO_MISSING = 3;
const INSTALL_MOTO = 'pip install "moto[server]"';
function launcherPath() {
    return external_node_path_default().join((0,package_root/* packageRoot */.Z)(), 'scripts', 'local-aws', 'moto_launcher.py');
}
/** Thrown when the stand-in cannot start for want of python3 or moto: its message is one line saying what to install. */
class LocalAwsMissing extends Error {
    constructor(message) {
        super(message);
        this.name = 'LocalAwsMissing';
    }
}
async function freePort() {
    return new Promise((resolve, reject) => {
        const server = (0,external_node_net_.createServer)();
        server.unref();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
        });
    });
}
/** True when `url` names this machine (a local AWS stand-in); anything else may be real AWS. */
function isLoopbackEndpoint(url) {
    let host;
    try {
        const u = new URL(url);
        if (u.protocol !== 'http:' && u.protocol !== 'https:')
            return false;
        host = u.hostname.replace(/^\[|\]$/g, '');
    }
    catch {
        return false;
    }
    return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
/**
 * The AWS settings every process talking to the stand-in gets: the endpoint for every
 * service, test credentials, no instance metadata, and empty config files (a profile in
 * ~/.aws could name a credential process or another endpoint).
 */
function localAwsSettings(endpoint, region = 'us-east-1') {
    return {
        AWS_ENDPOINT_URL: endpoint,
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
        AWS_SESSION_TOKEN: 'testing',
        AWS_REGION: region,
        AWS_DEFAULT_REGION: region,
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONFIG_FILE: external_node_os_.devNull,
        AWS_SHARED_CREDENTIALS_FILE: external_node_os_.devNull,
    };
}
/**
 * `base` (a process environment) with every AWS_* variable removed — AWS_PROFILE,
 * AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE, AWS_CONTAINER_CREDENTIALS_*, per-service
 * AWS_ENDPOINT_URL_* — and the stand-in's settings put in their place.
 */
function localAwsEnv(endpoint, base = process.env, region = 'us-east-1') {
    const env = {};
    for (const [k, v] of Object.entries(base))
        if (v !== undefined && !/^AWS_/i.test(k))
            env[k] = v;
    return { ...env, ...localAwsSettings(endpoint, region) };
}
async function waitUntilUp(endpoint, child, exited, log) {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
        if (exited()) {
            const text = log().trim();
            if (child.exitCode === MOTO_MISSING)
                throw new LocalAwsMissing(text.split('\n').pop() ?? `moto is missing: ${INSTALL_MOTO}`);
            throw new Error(`the local AWS stand-in (moto) exited with ${child.exitCode}:\n${text}`);
        }
        try {
            const res = await fetch(`${endpoint}/moto-api/`);
            if (res.ok)
                return;
        }
        catch {
            // not listening yet
        }
        await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the local AWS stand-in (moto) did not start within 60s:\n${log()}`);
}
/**
 * Starts moto through the shipped launcher on 127.0.0.1 and a free port; resolves once it
 * answers. The launcher also exits on its own when this process is gone (--exit-with-parent).
 */
async function startLocalAws(options = {}) {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    let child;
    let spawnError;
    let exited = false;
    try {
        child = (0,external_node_child_process_.spawn)('python3', [
            launcherPath(),
            '-H',
            '127.0.0.1',
            '-p',
            String(port),
            '--exit-with-parent',
            ...(options.account ? ['--account', options.account] : []),
        ], {
            stdio: ['ignore', 'pipe', 'pipe'],
            detached: options.detached ?? false,
            // moto itself needs no AWS settings; none of the caller's reach it.
            env: localAwsEnv(endpoint),
        });
    }
    catch (err) {
        throw new LocalAwsMissing(`python3 could not be started (${err.message}): install Python 3, then ${INSTALL_MOTO}`);
    }
    const done = new Promise((resolve) => child.once('close', () => {
        exited = true;
        resolve();
    }));
    child.once('error', (err) => {
        spawnError = err;
        exited = true;
    });
    let output = '';
    const keep = (chunk) => {
        output = (output + chunk.toString()).slice(-20_000);
        options.onOutput?.(chunk);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const stop = async () => {
        if (exited || child.pid === undefined)
            return;
        const signal = (s) => {
            try {
                if (options.detached)
                    process.kill(-child.pid, s);
                else
                    child.kill(s);
            }
            catch {
                // already gone
            }
        };
        signal('SIGTERM');
        const timer = setTimeout(() => signal('SIGKILL'), 5_000);
        await done;
        clearTimeout(timer);
    };
    try {
        await waitUntilUp(endpoint, child, () => exited, () => output);
    }
    catch (err) {
        if (spawnError && spawnError.code === 'ENOENT')
            throw new LocalAwsMissing(`python3 is not installed (or not on PATH): install Python 3, then ${INSTALL_MOTO}`);
        await stop();
        throw err;
    }
    return { endpoint, pid: child.pid, env: localAwsSettings(endpoint), stop };
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./src/config/processors/load.ts + 14 modules
var processors_load = __webpack_require__(75964);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-cjs/index.js
var dist_cjs = __webpack_require__(35193);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var client_s3_dist_cjs = __webpack_require__(53711);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sns/dist-cjs/index.js
var client_sns_dist_cjs = __webpack_require__(8797);
// EXTERNAL MODULE: ./src/render/lookups.ts
var render_lookups = __webpack_require__(38155);
// EXTERNAL MODULE: ./node_modules/@smithy/node-http-handler/dist-cjs/index.js
var node_http_handler_dist_cjs = __webpack_require__(61279);
;// CONCATENATED MODULE: ./src/local-aws/clients.ts
/** AWS SDK client settings for the local stand-in: its endpoint, path-style S3, test credentials. */

function localClientConfig(endpoint, region) {
    return {
        region,
        endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    };
}
/**
 * For Kinesis: its client defaults to an HTTP/2 handler (for SubscribeToShard), but moto
 * speaks HTTP/1.1 only and answers the HTTP/2 preface with 505 ("Protocol error").
 */
function localHttp1Config(endpoint, region) {
    return { ...localClientConfig(endpoint, region), requestHandler: new node_http_handler_dist_cjs.NodeHttpHandler() };
}

;// CONCATENATED MODULE: ./src/local-aws/prerequisites.ts
/**
 * An empty local AWS account made ready for a configuration: the existing resources the
 * configuration names but does not create — exactly the ones its plan looks up
 * (src/render/lookups.ts): flow-log VPCs, subnets and network interfaces, the alert
 * processor's subnets and security groups, the s3_events buckets, the rule processor's
 * input topics of its own account and region, and an existing monitoring topic in every
 * region. An example's README lists the same things as its prerequisites.
 *
 * moto makes up EC2 ids, so the configuration's EC2 ids are rewritten, at the JSON pointer
 * each lookup came from, to the ids moto gave (in the configuration folder given: use a
 * copy). Buckets and topics are created with the names written.
 */






/** Creates the bucket; one this account already owns (created earlier) is kept. */
async function createBucket(endpoint, bucket, region) {
    try {
        await new client_s3_dist_cjs/* S3Client */.YxF(localClientConfig(endpoint, region)).send(new client_s3_dist_cjs/* CreateBucketCommand */.cZX({
            Bucket: bucket,
            ...(region === 'us-east-1'
                ? {}
                : {
                    CreateBucketConfiguration: { LocationConstraint: region },
                }),
        }));
    }
    catch (err) {
        if (err.name !== 'BucketAlreadyOwnedByYou')
            throw err;
    }
}
/** Creates the topic (CreateTopic returns the existing one of that name) and returns its ARN. */
async function createTopic(endpoint, name, region) {
    const out = await new client_sns_dist_cjs/* SNSClient */.kye(localClientConfig(endpoint, region)).send(new client_sns_dist_cjs/* CreateTopicCommand */.vxJ({ Name: name }));
    return out.TopicArn;
}
const EC2_TYPES = new Set(['aws_vpc', 'aws_subnet', 'aws_network_interface', 'aws_security_group']);
/** The tag that marks what an EC2 resource stands in for, so a second run finds it again. */
const STANDS_IN_FOR = 'streamalert:stands-in-for';
/**
 * One root's EC2 lookups: every subnet, interface and security group goes into its first
 * VPC (or one made for them). Resources made by an earlier run (tagged) are used again, so
 * the same stand-in can take the same configuration twice.
 */
async function createNetwork(endpoint, region, lookups, ids, created) {
    const ec2 = new dist_cjs/* EC2Client */.gu5(localClientConfig(endpoint, region));
    const at = (l) => `${region}/${l.key}`;
    const earlier = async (standsInFor) => (await ec2.send(new dist_cjs/* DescribeTagsCommand */.yRM({
        Filters: [
            { Name: 'key', Values: [STANDS_IN_FOR] },
            { Name: 'value', Values: [standsInFor] },
        ],
    }))).Tags?.[0]?.ResourceId;
    const tag = async (id, standsInFor) => {
        await ec2.send(new dist_cjs/* CreateTagsCommand */.RmG({
            Resources: [id],
            Tags: [{ Key: STANDS_IN_FOR, Value: standsInFor }],
        }));
        return id;
    };
    const newVpc = async (standsInFor) => tag((await ec2.send(new dist_cjs/* CreateVpcCommand */.fzh({ CidrBlock: '10.0.0.0/16' }))).Vpc.VpcId, standsInFor);
    let home;
    const homeVpc = async () => (home ??= (await earlier('vpc of the stand-ins')) ?? (await newVpc('vpc of the stand-ins')));
    const newSubnet = async (standsInFor) => {
        const vpc = await homeVpc();
        const used = new Set(((await ec2.send(new dist_cjs/* DescribeSubnetsCommand */.jSW({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }))).Subnets ?? []).map((n) => n.CidrBlock));
        let i = 0;
        while (used.has(`10.0.${i}.0/24`))
            i++;
        const subnet = await ec2.send(new dist_cjs/* CreateSubnetCommand */.Rai({ VpcId: vpc, CidrBlock: `10.0.${i}.0/24` }));
        return tag(subnet.Subnet.SubnetId, standsInFor);
    };
    const order = ['aws_vpc', 'aws_subnet', 'aws_network_interface', 'aws_security_group'];
    const sorted = [...lookups].sort((a, b) => order.indexOf(a.dataType) - order.indexOf(b.dataType));
    for (const l of sorted) {
        if (!EC2_TYPES.has(l.dataType) || l.key === null || ids.has(at(l)))
            continue;
        const again = await earlier(l.key);
        let id;
        if (again) {
            id = again;
            if (l.dataType === 'aws_vpc')
                home ??= id;
        }
        else if (l.dataType === 'aws_vpc') {
            id = home === undefined ? (home = await newVpc(l.key)) : await newVpc(l.key);
        }
        else if (l.dataType === 'aws_subnet')
            id = await newSubnet(l.key);
        else if (l.dataType === 'aws_network_interface') {
            const subnet = (await earlier('subnet of the interfaces')) ??
                (await newSubnet('subnet of the interfaces'));
            id = await tag((await ec2.send(new dist_cjs/* CreateNetworkInterfaceCommand */.FUV({ SubnetId: subnet }))).NetworkInterface
                .NetworkInterfaceId, l.key);
        }
        else
            id = await tag((await ec2.send(new dist_cjs/* CreateSecurityGroupCommand */.x3C({
                GroupName: l.key,
                Description: `stands in for ${l.key}`,
                VpcId: await homeVpc(),
            }))).GroupId, l.key);
        ids.set(at(l), id);
        created.push(`${l.what} in ${region} (the stand-in's id: ${id}${again ? ', made by an earlier run' : ''})`);
    }
}
/** Writes the ids moto gave into the configuration files, at each lookup's JSON pointer. */
async function rewriteIds(lookups, ids) {
    const byFile = new Map();
    for (const l of lookups)
        if (EC2_TYPES.has(l.dataType))
            byFile.set(l.file, [...(byFile.get(l.file) ?? []), l]);
    for (const [file, list] of byFile) {
        const json = JSON.parse(await (0,promises_.readFile)(file, 'utf8'));
        for (const l of list) {
            const id = ids.get(`${l.region}/${l.key}`);
            if (id === undefined)
                continue;
            const parts = l.pointer
                .split('/')
                .slice(1)
                .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
            const last = parts.pop();
            let node = json;
            for (const p of parts)
                node = node[p];
            if (node[last] === l.key)
                node[last] = id;
        }
        await (0,promises_.writeFile)(file, `${JSON.stringify(json, null, 2)}\n`);
    }
}
/** Creates in the stand-in what `config` looks up, and rewrites the EC2 ids in its files. */
async function createExistingResources(config, endpoint) {
    const created = [];
    const ids = new Map();
    const all = [];
    const regionOf = new Map(config.clusters.map((c) => [c.id, c.region]));
    for (const [root, lookups] of (0,render_lookups/* lookupsByRoot */.HL)(config)) {
        all.push(...lookups);
        const rootRegion = regionOf.get(root) ?? config.global.account.region;
        const byRegion = new Map();
        for (const l of lookups) {
            const region = l.region ?? rootRegion;
            byRegion.set(region, [...(byRegion.get(region) ?? []), l]);
        }
        for (const [region, list] of byRegion) {
            await createNetwork(endpoint, region, list, ids, created);
            for (const l of list) {
                if (l.dataType === 'aws_s3_bucket' && l.key !== null) {
                    await createBucket(endpoint, l.key, region);
                    created.push(`${l.what} in ${region}`);
                }
                else if (l.dataType === 'aws_sns_topic') {
                    const name = l.key ?? config.global.monitoring.snsTopicName;
                    await createTopic(endpoint, name, region);
                    created.push(`SNS topic ${name} in ${region}`);
                }
            }
        }
    }
    await rewriteIds(all, ids);
    return { created: [...new Set(created)], ids };
}

// EXTERNAL MODULE: ./src/door-kit/plan-outcome.ts
var plan_outcome = __webpack_require__(82715);
;// CONCATENATED MODULE: ./src/demo/deploy.ts
/**
 * Deploys a repository the way the action does from a pull request to its merge, through
 * the action's own code path: the pull request's plan (planAndWrite with the state bucket
 * looked at, as the action plans: a missing bucket makes it the first deployment), its
 * comment kept by a local stand-in for the pull request, then the push to the default
 * branch (applyAndReport: bootstrap of the global root and its state moved into the new
 * bucket, re-plan, each root applied only when its plan is the one reviewed).
 */


/** The pull request: one comment, merged as is, no labels (so no destroy is allowed). */
class LocalPullRequest {
    number;
    comment;
    statuses = [];
    constructor(number) {
        this.number = number;
    }
    async mergedPullRequestFor() {
        return { number: this.number, labels: [] };
    }
    async findComment(_issue, isOurs) {
        return this.comment !== undefined && isOurs(this.comment) ? { body: this.comment } : undefined;
    }
    async upsertComment(_issue, _isOurs, body) {
        this.comment = body;
        return { url: `local pull request #${this.number}` };
    }
    async setCommitStatus(_sha, status) {
        this.statuses.push(status);
    }
}
/** A markdown result line of the apply ("- **global**: :white_check_mark: applied ...") for a terminal. */
function plainLine(line) {
    return line
        .replace(/^- \*\*([^*]+)\*\*:/, '$1:')
        .replace(/:[a-z_]+: /g, '')
        .replace(/`/g, '');
}
class DeployError extends Error {
}
const seconds = (ms) => `${Math.round(ms / 1000)} s`;
async function deployAsOnMerge(o, commands, print) {
    const pr = new LocalPullRequest(1);
    print('  pull request #1: plan, as the action comments it');
    let started = Date.now();
    const planned = await commands.plan(o);
    if (planned.report.firstDeployment)
        print(`    first deployment: the state bucket ${planned.report.firstDeployment.bucket} does not exist yet, ` +
            'so global (which creates it) is planned with local state and every cluster against empty state');
    for (const line of (0,plan_outcome/* planLines */.HN)(planned.report))
        print(`    ${line}`);
    print(`    (${seconds(Date.now() - started)})`);
    if (planned.failure)
        throw new DeployError(`the pull request's plan failed: ${planned.failure}`);
    await pr.upsertComment(pr.number, () => true, planned.comment);
    // The push runs in a job of its own: a fresh checkout, nothing the plan job wrote is left.
    await (0,promises_.rm)(o.outDir, { recursive: true, force: true });
    await (0,promises_.rm)(o.buildDir, { recursive: true, force: true });
    print('  merge: the push to main applies what was reviewed, as the action does');
    started = Date.now();
    const { outcome } = await commands.applyAndReport(o, pr);
    for (const line of outcome.lines.slice(2))
        print(`    ${plainLine(line)}`);
    print(`    (${seconds(Date.now() - started)})`);
    if (outcome.failure) {
        // The failing root's Terraform output is in the report (the job summary, in the action).
        for (const r of outcome.report.roots.filter((x) => x.status === 'error'))
            print(`    ${r.root}: terraform ${r.error?.step} failed:\n${r.error?.message}`);
        throw new DeployError(`the apply on merge failed: ${outcome.failure}`);
    }
    return outcome;
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-cjs/index.js
var client_cloudwatch_logs_dist_cjs = __webpack_require__(70303);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-iam/dist-cjs/index.js
var client_iam_dist_cjs = __webpack_require__(16764);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-lambda/dist-cjs/index.js
var client_lambda_dist_cjs = __webpack_require__(71696);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-secrets-manager/dist-cjs/index.js
var client_secrets_manager_dist_cjs = __webpack_require__(12994);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sqs/dist-cjs/index.js
var client_sqs_dist_cjs = __webpack_require__(8868);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ssm/dist-cjs/index.js
var client_ssm_dist_cjs = __webpack_require__(34736);
// EXTERNAL MODULE: ./src/build/zip.ts
var build_zip = __webpack_require__(96671);
// EXTERNAL MODULE: ./src/processors/alert-processor/outputs/aws.ts
var aws = __webpack_require__(13401);
;// CONCATENATED MODULE: ./src/demo/outputs.ts
/**
 * Stand-ins for where alerts go (conf/outputs.json), so the alert processor has something
 * to deliver to in the empty local account: the S3 buckets, SNS topics, SQS queues, Lambda
 * functions and log groups it names are created; a Slack or webhook output's credential (in
 * SSM or Secrets Manager, as in a real account) becomes the URL of a small HTTP server on
 * 127.0.0.1 that records what it is sent. Outputs with no stand-in are named: their
 * deliveries fail in the demo, as they would in an account without them.
 */











/** An HTTP server on 127.0.0.1 standing in for Slack and webhook outputs. */
class LocalWebhook {
    received = [];
    server;
    base = '';
    async start() {
        this.server = (0,external_node_http_.createServer)((req, res) => {
            const chunks = [];
            let size = 0;
            req.on('data', (c) => {
                size += c.length;
                if (size <= 1024 * 1024)
                    chunks.push(c);
            });
            req.on('end', () => {
                this.received.push({ path: req.url ?? '/', body: Buffer.concat(chunks).toString('utf8') });
                res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
            });
        });
        await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
        this.base = `http://127.0.0.1:${this.server.address().port}`;
    }
    url(service, descriptor) {
        return `${this.base}/${service}/${encodeURIComponent(descriptor)}`;
    }
    async stop() {
        if (!this.server)
            return;
        this.server.closeAllConnections();
        await new Promise((resolve) => this.server.close(() => resolve()));
    }
}
/** Made by an earlier run against the same stand-in (moto names the conflict differently than AWS). */
const exists = (err) => ['ResourceConflictException', 'ConflictException'].includes(err.name) ||
    /already exists/i.test(err.message);
const STAND_IN_HANDLER = 'exports.handler = async () => ({ ok: true });\n';
async function standInFunction(endpoint, region, fn) {
    const { name, qualifier } = (0,aws/* splitFunction */.Xe)(fn);
    const iam = new client_iam_dist_cjs/* IAMClient */.h8v(localClientConfig(endpoint, region));
    const roleName = 'streamalert-demo-output-stand-in';
    let roleArn;
    try {
        roleArn = (await iam.send(new client_iam_dist_cjs/* GetRoleCommand */.kbp({ RoleName: roleName }))).Role.Arn;
    }
    catch {
        roleArn = (await iam.send(new client_iam_dist_cjs/* CreateRoleCommand */.IS({
            RoleName: roleName,
            AssumeRolePolicyDocument: JSON.stringify({
                Version: '2012-10-17',
                Statement: [
                    {
                        Effect: 'Allow',
                        Principal: { Service: 'lambda.amazonaws.com' },
                        Action: 'sts:AssumeRole',
                    },
                ],
            }),
        }))).Role.Arn;
    }
    const lambda = new client_lambda_dist_cjs.LambdaClient(localClientConfig(endpoint, region));
    const functionName = name.startsWith('arn:') ? name.split(':')[6] : name;
    const zip = await (0,build_zip/* deterministicZip */._)(new Map([['index.js', Buffer.from(STAND_IN_HANDLER)]]));
    try {
        await lambda.send(new client_lambda_dist_cjs.CreateFunctionCommand({
            FunctionName: functionName,
            Runtime: 'nodejs22.x',
            Role: roleArn,
            Handler: 'index.handler',
            Code: { ZipFile: zip },
            Publish: true,
        }));
    }
    catch (err) {
        if (!exists(err))
            throw err;
    }
    if (qualifier && qualifier !== '$LATEST' && !/^\d+$/.test(qualifier)) {
        try {
            await lambda.send(new client_lambda_dist_cjs.CreateAliasCommand({
                FunctionName: functionName,
                Name: qualifier,
                FunctionVersion: '1',
            }));
        }
        catch (err) {
            if (!exists(err))
                throw err;
        }
    }
}
/**
 * Creates the stand-ins of every output in every cluster region (the alert processor
 * addresses them from its own region); returns one line per output saying what stands in
 * for it, or that nothing does.
 */
async function standInOutputs(config, outputs, endpoint, webhook) {
    const regions = [...new Set(config.clusters.map((c) => c.region))];
    const lines = [];
    for (const [key, target] of outputs) {
        switch (target.service) {
            case 'aws-s3':
                await createBucket(endpoint, target.bucket, config.global.account.region);
                lines.push(`${key}: S3 bucket ${target.bucket}`);
                break;
            case 'aws-sns':
                for (const region of regions) {
                    const arn = target.topic.startsWith('arn:') ? target.topic.split(':') : undefined;
                    if (arn && arn[3] !== region)
                        continue;
                    await createTopic(endpoint, arn ? arn[5] : target.topic, region);
                }
                lines.push(`${key}: SNS topic ${target.topic}`);
                break;
            case 'aws-sqs':
                for (const region of regions)
                    await new client_sqs_dist_cjs.SQSClient(localClientConfig(endpoint, region)).send(new client_sqs_dist_cjs.CreateQueueCommand({ QueueName: target.queue.split('/').pop() }));
                lines.push(`${key}: SQS queue ${target.queue}`);
                break;
            case 'aws-lambda':
                for (const region of regions)
                    await standInFunction(endpoint, region, target.functionName);
                lines.push(`${key}: Lambda function ${target.functionName} (the stand-in accepts the invocation; it runs no code)`);
                break;
            case 'aws-cloudwatch-log':
                if (target.logGroup)
                    for (const region of regions) {
                        try {
                            await new client_cloudwatch_logs_dist_cjs.CloudWatchLogsClient(localClientConfig(endpoint, region)).send(new client_cloudwatch_logs_dist_cjs.CreateLogGroupCommand({ logGroupName: target.logGroup }));
                        }
                        catch (err) {
                            if (err.name !== 'ResourceAlreadyExistsException')
                                throw err;
                        }
                    }
                lines.push(`${key}: CloudWatch log group ${target.logGroup ?? "(the alert processor's own)"}`);
                break;
            case 'slack':
            case 'webhook': {
                const url = webhook.url(target.service, target.descriptor);
                for (const region of regions) {
                    if ('ssmParameter' in target.secret) {
                        await new client_ssm_dist_cjs/* SSMClient */.jBj(localClientConfig(endpoint, region)).send(new client_ssm_dist_cjs/* PutParameterCommand */.ihh({
                            Name: target.secret.ssmParameter,
                            Type: 'SecureString',
                            Value: url,
                            Overwrite: true,
                        }));
                    }
                    else {
                        try {
                            await new client_secrets_manager_dist_cjs/* SecretsManagerClient */._H(localClientConfig(endpoint, region)).send(new client_secrets_manager_dist_cjs/* CreateSecretCommand */._f({
                                Name: target.secret.secretsManagerSecret,
                                SecretString: url,
                            }));
                        }
                        catch (err) {
                            if (err.name !== 'ResourceExistsException')
                                throw err;
                            // Made by an earlier run: this run's webhook listens elsewhere.
                            await new client_secrets_manager_dist_cjs/* SecretsManagerClient */._H(localClientConfig(endpoint, region)).send(new client_secrets_manager_dist_cjs/* PutSecretValueCommand */.cp({
                                SecretId: target.secret.secretsManagerSecret,
                                SecretString: url,
                            }));
                        }
                    }
                }
                const where = 'ssmParameter' in target.secret
                    ? `SSM parameter ${target.secret.ssmParameter}`
                    : `secret ${target.secret.secretsManagerSecret}`;
                lines.push(`${key}: ${where} holds the URL of a local webhook (${url})`);
                break;
            }
            default:
                lines.push(`${key}: no local stand-in (its deliveries fail in the demo)`);
        }
    }
    return lines;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-dynamodb/dist-cjs/index.js
var client_dynamodb_dist_cjs = __webpack_require__(64305);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-kinesis/dist-cjs/index.js
var client_kinesis_dist_cjs = __webpack_require__(10289);
// EXTERNAL MODULE: ./src/rule-test/fixtures.ts + 1 modules
var fixtures = __webpack_require__(95134);
// EXTERNAL MODULE: ./src/state/s3-store.ts + 1 modules
var s3_store = __webpack_require__(25230);
// EXTERNAL MODULE: ./src/state/location.ts
var state_location = __webpack_require__(40694);
;// CONCATENATED MODULE: ./src/demo/events.ts
/**
 * The events AWS hands a function, built from what the event source really holds: Kinesis
 * records as GetRecords returned them (what Lambda's poller reads), an S3 object
 * notification for an object that was written, an SNS notification as SNS delivered it
 * (read back through an SQS subscription of the same topic), and EventBridge's scheduled
 * event. Field for field as the AWS documentation shows them, so the handler cannot tell.
 */

/** One batch of a Kinesis event source mapping. */
function kinesisEvent(records, shardId, streamArn, region, roleArn) {
    return {
        Records: records.map((r) => ({
            kinesis: {
                kinesisSchemaVersion: '1.0',
                partitionKey: r.PartitionKey ?? '',
                sequenceNumber: r.SequenceNumber ?? '',
                data: Buffer.from(r.Data ?? new Uint8Array()).toString('base64'),
                approximateArrivalTimestamp: (r.ApproximateArrivalTimestamp ?? new Date()).getTime() / 1000,
            },
            eventSource: 'aws:kinesis',
            eventVersion: '1.0',
            eventID: `${shardId}:${r.SequenceNumber ?? ''}`,
            eventName: 'aws:kinesis:record',
            invokeIdentityArn: roleArn,
            awsRegion: region,
            eventSourceARN: streamArn,
        })),
    };
}
/** S3 encodes the key in notifications as a form value: spaces as '+', the rest percent-encoded. */
function notificationKey(key) {
    return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}
/** The notification for one object written (`s3:ObjectCreated:Put`). */
function s3Event(object, region, configurationId, account) {
    return {
        Records: [
            {
                eventVersion: '2.1',
                eventSource: 'aws:s3',
                awsRegion: region,
                eventTime: new Date().toISOString(),
                eventName: 'ObjectCreated:Put',
                userIdentity: { principalId: `AWS:${account}` },
                requestParameters: { sourceIPAddress: '127.0.0.1' },
                responseElements: {
                    'x-amz-request-id': (0,external_node_crypto_.randomUUID)().replaceAll('-', '').slice(0, 16).toUpperCase(),
                    'x-amz-id-2': Buffer.from((0,external_node_crypto_.randomUUID)()).toString('base64'),
                },
                s3: {
                    s3SchemaVersion: '1.0',
                    configurationId,
                    bucket: {
                        name: object.bucket,
                        ownerIdentity: { principalId: account },
                        arn: `arn:aws:s3:::${object.bucket}`,
                    },
                    object: {
                        key: notificationKey(object.key),
                        size: object.size,
                        eTag: object.eTag.replace(/"/g, ''),
                        ...(object.versionId ? { versionId: object.versionId } : {}),
                        sequencer: Date.now().toString(16).toUpperCase().padStart(18, '0'),
                    },
                },
            },
        ],
    };
}
/** SNS → Lambda: one record per invocation, the envelope's fields as Lambda names them. */
function snsEvent(envelope, subscriptionArn) {
    return {
        Records: [
            {
                EventSource: 'aws:sns',
                EventVersion: '1.0',
                EventSubscriptionArn: subscriptionArn,
                Sns: {
                    Type: envelope.Type,
                    MessageId: envelope.MessageId,
                    TopicArn: envelope.TopicArn,
                    Subject: envelope.Subject ?? null,
                    Message: envelope.Message,
                    Timestamp: envelope.Timestamp,
                    SignatureVersion: envelope.SignatureVersion ?? '1',
                    Signature: envelope.Signature ?? '',
                    SigningCertUrl: envelope.SigningCertURL ?? envelope.SigningCertUrl ?? '',
                    UnsubscribeUrl: envelope.UnsubscribeURL ?? envelope.UnsubscribeUrl ?? '',
                    MessageAttributes: envelope.MessageAttributes ?? {},
                },
            },
        ],
    };
}
/** EventBridge's event for a schedule rule (`rate(1 minute)`) targeting the function. */
function scheduledEvent(ruleArn, region, account) {
    return {
        version: '0',
        id: (0,external_node_crypto_.randomUUID)(),
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account,
        time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region,
        resources: [ruleArn],
        detail: {},
    };
}

;// CONCATENATED MODULE: ./src/demo/zip-read.ts
/**
 * Reads a Lambda deployment zip (what `build` wrote and Terraform uploaded) into its files,
 * to run it the way the Lambda service unpacks it into /var/task. Stored and deflated
 * entries; names that would leave the folder are refused.
 */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Lambda's own limit for an unzipped function. */
const MAX_UNZIPPED = 250 * 1024 * 1024;
function readZip(zip) {
    let eocd = -1;
    for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
        if (zip.readUInt32LE(i) === EOCD) {
            eocd = i;
            break;
        }
    }
    if (eocd < 0)
        throw new Error('not a zip file (no end of central directory)');
    const count = zip.readUInt16LE(eocd + 10);
    let at = zip.readUInt32LE(eocd + 16);
    const files = new Map();
    let total = 0;
    for (let n = 0; n < count; n++) {
        if (zip.readUInt32LE(at) !== CENTRAL)
            throw new Error('zip central directory is corrupt');
        const method = zip.readUInt16LE(at + 10);
        const compressed = zip.readUInt32LE(at + 20);
        const size = zip.readUInt32LE(at + 24);
        const nameLength = zip.readUInt16LE(at + 28);
        const extra = zip.readUInt16LE(at + 30);
        const comment = zip.readUInt16LE(at + 32);
        const local = zip.readUInt32LE(at + 42);
        const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
        at += 46 + nameLength + extra + comment;
        if (name.endsWith('/'))
            continue;
        if (name.startsWith('/') || name.includes('\\') || name.split('/').includes('..'))
            throw new Error(`zip entry "${name}" would be written outside the function's folder`);
        if (zip.readUInt32LE(local) !== LOCAL)
            throw new Error(`zip entry ${name}: bad local header`);
        const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const raw = zip.subarray(start, start + compressed);
        total += size;
        if (total > MAX_UNZIPPED)
            throw new Error('the zip unpacks to more than 250 MB');
        let data;
        if (method === 0)
            data = Buffer.from(raw);
        else if (method === 8)
            data = (0,external_node_zlib_.inflateRawSync)(raw, { maxOutputLength: size });
        else
            throw new Error(`zip entry ${name}: compression method ${method} is not supported`);
        if (data.length !== size)
            throw new Error(`zip entry ${name}: size mismatch`);
        files.set(name, data);
    }
    return files;
}

;// CONCATENATED MODULE: ./src/demo/lambda-runtime.ts
/**
 * Plays the Lambda service for one deployed function, on this machine: the stand-in (moto)
 * keeps the function's configuration but cannot run its code. Its zip is unpacked as Lambda
 * unpacks it into /var/task, and each invocation is a child `node` process with the
 * function's environment as deployed (GetFunctionConfiguration of the alias the event
 * sources call), the variables the Node.js runtime sets, the stand-in's endpoint and test
 * credentials in place of the role's, and the AWS SDK from this checkout's node_modules in
 * place of the one the runtime carries. The handler gets the event and a context object,
 * and its answer (or error) comes back on a pipe of its own, apart from its logs.
 */







/** Node.js runtime bootstrap: loads the handler from LAMBDA_TASK_ROOT and calls it once. */
const BOOTSTRAP = `'use strict';
// streamalert demo: plays the Node.js Lambda runtime for one invocation (see lambda-runtime.ts).
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const [eventFile, deadline, requestId, invokedArn] = process.argv.slice(2);
const answer = (message) => {
  fs.writeSync(3, JSON.stringify(message));
  process.exit(0);
};
(async () => {
  const root = process.env.LAMBDA_TASK_ROOT;
  const spec = process.env._HANDLER;
  const dot = spec.lastIndexOf('.');
  const base = path.resolve(root, spec.slice(0, dot));
  if (!base.startsWith(root + path.sep)) throw new Error('handler ' + spec + ' is outside the task root');
  const ext = ['.js', '.cjs', '.mjs'].find((e) => fs.existsSync(base + e));
  if (!ext) throw new Error('Runtime.ImportModuleError: cannot find module ' + spec.slice(0, dot));
  const mod = ext === '.mjs' ? await import(pathToFileURL(base + ext).href) : require(base + ext);
  const handler = mod[spec.slice(dot + 1)];
  if (typeof handler !== 'function') throw new Error('Runtime.HandlerNotFound: ' + spec);
  const context = {
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: invokedArn,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: requestId,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, Number(deadline) - Date.now()),
  };
  const event = JSON.parse(fs.readFileSync(eventFile, 'utf8'));
  const value = await handler(event, context);
  answer({ ok: true, value: value === undefined ? null : value });
})().catch((err) =>
  answer({ ok: false, type: (err && err.name) || 'Error', message: String((err && err.message) || err) }),
);
`;
/** Extra time a child gets over the function's timeout: a cold `node` start here is slower than Lambda's. */
const START_GRACE_MS = 10_000;
class LocalLambda {
    workDir;
    endpoint;
    sdkPath;
    zipFor;
    roots = new Map();
    runtime;
    invocations = 0;
    /**
     * `workDir`: where zips are unpacked and events written; `sdkPath`: a node_modules
     * holding @aws-sdk/* (what the runtime carries); `zipFor`: the deployed zip of a code hash.
     */
    constructor(workDir, endpoint, sdkPath, zipFor) {
        this.workDir = workDir;
        this.endpoint = endpoint;
        this.sdkPath = sdkPath;
        this.zipFor = zipFor;
    }
    async taskRoot(fn) {
        const known = this.roots.get(fn.codeSha256);
        if (known)
            return known;
        const files = readZip(await this.zipFor(fn.codeSha256));
        checkSdk(files, this.sdkPath, fn.name);
        const root = external_node_path_default().join(this.workDir, 'task', `${fn.name}-${this.roots.size}`);
        for (const [name, data] of files) {
            const file = external_node_path_default().join(root, name);
            await (0,promises_.mkdir)(external_node_path_default().dirname(file), { recursive: true });
            await (0,promises_.writeFile)(file, data);
        }
        this.roots.set(fn.codeSha256, root);
        return root;
    }
    async bootstrap() {
        if (this.runtime)
            return this.runtime;
        const dir = external_node_path_default().join(this.workDir, 'runtime');
        await (0,promises_.mkdir)(dir, { recursive: true });
        const file = external_node_path_default().join(dir, 'bootstrap.cjs');
        await (0,promises_.writeFile)(file, BOOTSTRAP);
        this.runtime = file;
        return file;
    }
    /** The environment Lambda gives the function: its own variables, then the runtime's reserved ones. */
    environment(fn, taskRoot, runtimeDir) {
        const stream = `${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/[${fn.version}]${(0,external_node_crypto_.randomUUID)().replaceAll('-', '')}`;
        return {
            ...fn.environment,
            PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
            LANG: 'en_US.UTF-8',
            TZ: ':UTC',
            HOME: external_node_path_default().join(this.workDir, 'home'),
            NODE_PATH: this.sdkPath,
            LAMBDA_TASK_ROOT: taskRoot,
            LAMBDA_RUNTIME_DIR: runtimeDir,
            _HANDLER: fn.handler,
            AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
            AWS_LAMBDA_FUNCTION_NAME: fn.name,
            AWS_LAMBDA_FUNCTION_VERSION: fn.version,
            AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
            AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
            AWS_LAMBDA_LOG_STREAM_NAME: stream,
            // The role's credentials in Lambda; here the stand-in's test ones and its endpoint.
            ...localAwsSettings(this.endpoint, fn.region),
        };
    }
    async invoke(fn, event) {
        const taskRoot = await this.taskRoot(fn);
        const bootstrap = await this.bootstrap();
        const n = ++this.invocations;
        const eventFile = external_node_path_default().join(this.workDir, 'events', `${n}.json`);
        await (0,promises_.mkdir)(external_node_path_default().dirname(eventFile), { recursive: true });
        await (0,promises_.mkdir)(external_node_path_default().join(this.workDir, 'home'), { recursive: true });
        await (0,promises_.writeFile)(eventFile, JSON.stringify(event));
        const started = Date.now();
        const deadline = started + fn.timeoutSeconds * 1000;
        const child = (0,external_node_child_process_.spawn)(process.execPath, [bootstrap, eventFile, String(deadline), (0,external_node_crypto_.randomUUID)(), fn.invokedArn], {
            cwd: taskRoot,
            env: this.environment(fn, taskRoot, external_node_path_default().dirname(bootstrap)),
            stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
        });
        const logs = [];
        let partial = '';
        const log = (chunk) => {
            const lines = (partial + chunk.toString('utf8')).split('\n');
            partial = lines.pop() ?? '';
            logs.push(...lines.filter((l) => l.trim() !== ''));
        };
        child.stdout.on('data', log);
        child.stderr.on('data', log);
        const answer = [];
        child.stdio[3].on('data', (b) => answer.push(b));
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
        }, fn.timeoutSeconds * 1000 + START_GRACE_MS);
        const code = await new Promise((resolve) => {
            child.once('error', () => resolve(null));
            child.once('close', (c) => resolve(c));
        });
        clearTimeout(timer);
        if (partial.trim() !== '')
            logs.push(partial);
        const durationMs = Date.now() - started;
        if (timedOut)
            return {
                ok: false,
                error: { type: 'Timeout', message: `Task timed out after ${fn.timeoutSeconds} seconds` },
                logs,
                durationMs,
            };
        const text = Buffer.concat(answer).toString('utf8');
        if (text === '')
            return {
                ok: false,
                error: {
                    type: 'Runtime.ExitError',
                    message: `the process exited (${code}) without an answer`,
                },
                logs,
                durationMs,
            };
        const parsed = JSON.parse(text);
        return parsed.ok
            ? { ok: true, value: parsed.value, logs, durationMs }
            : {
                ok: false,
                error: { type: parsed.type ?? 'Error', message: parsed.message ?? '' },
                logs,
                durationMs,
            };
    }
}
const SDK_REQUIRE = /require\("(@aws-sdk\/[a-z0-9-]+)"\)/g;
/**
 * The bundles leave the AWS SDK out (the Lambda runtime carries it): every @aws-sdk client
 * the function's code requires must be in `sdkPath` (this checkout's node_modules after
 * `npm ci`), or the handler would fail on its first call with an unhelpful message.
 */
function checkSdk(files, sdkPath, fn) {
    const wanted = new Set();
    for (const [name, data] of files)
        if (/\.(c|m)?js$/.test(name))
            for (const m of data.toString('utf8').matchAll(SDK_REQUIRE))
                wanted.add(m[1]);
    const missing = [...wanted].filter((c) => !(0,external_node_fs_.existsSync)(external_node_path_default().join(sdkPath, ...c.split('/'))));
    if (missing.length > 0)
        throw new Error(`${fn} needs the AWS SDK the Lambda runtime carries; looked for it in ${sdkPath}: ${missing.join(', ')} missing (run npm ci)`);
}

;// CONCATENATED MODULE: ./src/demo/pipeline.ts
/**
 * Sends sample records through a deployed cluster and shows the alerts its rules raise.
 * The stand-in (moto) holds everything a real account would — the stream, the buckets and
 * their notifications, the topics and their subscriptions, the functions and their
 * configuration — but runs no Lambda code. So this plays the Lambda service, driven by what
 * is deployed:
 *
 * - each Kinesis event source mapping of the rule processor: records are put on the stream,
 *   read back with GetRecords as its poller reads them (from LATEST: earlier records were
 *   delivered before), in batches of its size;
 * - each S3 notification to the rule processor: the object is written, and the event names it;
 * - each SNS subscription of the rule processor: the message is published, and read back
 *   through an SQS queue subscribed to the same topic;
 * - the alerts topic: an SQS queue subscribed to it receives what the rule processor
 *   published (the alerts as delivered), and the alert processor — the topic's Lambda
 *   subscriber — is invoked with each, as SNS invokes it;
 * - the alert merger's schedule (EventBridge, every minute): invoked once.
 *
 * Each function runs from its deployed zip with its deployed environment (LocalLambda).
 */
















/** Base64 SHA-256 of each zip in the build folder: what Lambda reports as CodeSha256. */
async function zipsByHash(buildDir) {
    const zips = new Map();
    for (const name of (await (0,promises_.readdir)(buildDir)).filter((n) => n.endsWith('.zip'))) {
        const file = external_node_path_default().join(buildDir, name);
        zips.set((0,external_node_crypto_.createHash)('sha256')
            .update(await (0,promises_.readFile)(file))
            .digest('base64'), file);
    }
    return zips;
}
/** `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]` → name and qualifier. */
function functionOfArn(arn) {
    const parts = arn.split(':');
    return { name: parts[6] ?? arn, ...(parts[7] ? { qualifier: parts[7] } : {}) };
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** The 'processed' line the rule processor logs per invocation, as a short text. */
function processedSummary(inv) {
    for (const line of inv.logs) {
        try {
            const l = JSON.parse(line);
            if (l.message === 'processed')
                return `${String(l.records)} record(s), ${String(l.classified)} classified, ${String(l.alerts)} alert(s)${Number(l.unclassified) > 0 ? `, ${String(l.unclassified)} unclassified` : ''}`;
        }
        catch {
            // not a JSON line
        }
    }
    return 'no summary logged';
}
class Cluster {
    config;
    c;
    endpoint;
    lambda;
    sns;
    sqs;
    s3;
    kinesis;
    account;
    constructor(config, c, endpoint) {
        this.config = config;
        this.c = c;
        this.endpoint = endpoint;
        this.lambda = new client_lambda_dist_cjs.LambdaClient(localClientConfig(endpoint, c.region));
        this.sns = new client_sns_dist_cjs/* SNSClient */.kye(localClientConfig(endpoint, c.region));
        this.sqs = new client_sqs_dist_cjs.SQSClient(localClientConfig(endpoint, c.region));
        this.s3 = new client_s3_dist_cjs/* S3Client */.YxF(localClientConfig(endpoint, c.region));
        this.kinesis = new client_kinesis_dist_cjs/* KinesisClient */.qXI(localHttp1Config(endpoint, c.region));
        this.account = config.global.account.awsAccountId;
    }
    async deployed(name, qualifier) {
        const f = await this.lambda.send(new client_lambda_dist_cjs.GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: qualifier }));
        const base = `arn:aws:lambda:${this.c.region}:${this.account}:function:${name}`;
        return {
            name,
            qualifier,
            invokedArn: qualifier === '$LATEST' ? base : `${base}:${qualifier}`,
            version: f.Version ?? '$LATEST',
            region: this.c.region,
            handler: f.Handler ?? 'index.handler',
            runtime: f.Runtime ?? 'nodejs22.x',
            timeoutSeconds: f.Timeout ?? 3,
            memoryMb: f.MemorySize ?? 128,
            environment: f.Environment?.Variables ?? {},
            codeSha256: f.CodeSha256 ?? '',
        };
    }
    /** A queue subscribed to `topicArn` (raw delivery off: SNS's envelope, as Lambda receives it). */
    async watch(topicArn, queueName) {
        const url = (await this.sqs.send(new client_sqs_dist_cjs.CreateQueueCommand({ QueueName: queueName }))).QueueUrl;
        const arn = (await this.sqs.send(new client_sqs_dist_cjs.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes.QueueArn;
        await this.sns.send(new client_sns_dist_cjs/* SubscribeCommand */.KQk({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: arn }));
        return url;
    }
    /** Every SNS envelope the queue holds, waiting until `idleSeconds` pass without one. */
    async drain(queueUrl, idleSeconds = 2) {
        const out = [];
        for (let idle = 0; idle < idleSeconds;) {
            const res = await this.sqs.send(new client_sqs_dist_cjs.ReceiveMessageCommand({
                QueueUrl: queueUrl,
                MaxNumberOfMessages: 10,
                WaitTimeSeconds: 1,
            }));
            const messages = res.Messages ?? [];
            if (messages.length === 0)
                idle++;
            for (const m of messages) {
                out.push(JSON.parse(m.Body));
                await this.sqs.send(new client_sqs_dist_cjs.DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
            }
        }
        return out;
    }
    async lambdaSubscriptions(topicArn) {
        const subs = await this.sns.send(new client_sns_dist_cjs/* ListSubscriptionsByTopicCommand */.GYf({ TopicArn: topicArn }));
        return (subs.Subscriptions ?? [])
            .filter((s) => s.Protocol === 'lambda' && s.Endpoint && s.SubscriptionArn)
            .map((s) => ({ arn: s.SubscriptionArn, endpoint: s.Endpoint }));
    }
}
/** The cluster's state (what its root's apply recorded), to find its functions by address. */
async function clusterState(config, cluster, endpoint) {
    const store = (0,s3_store/* s3StateStore */.x)(endpoint)({ ...(0,state_location/* stateLocation */.vJ)(config, []), pathStyle: true });
    const text = await store.readState(cluster);
    if (!text)
        throw new Error(`cluster ${cluster} has no state in the state bucket: was it applied?`);
    return JSON.parse(text).resources ?? [];
}
function attributes(state, type, name) {
    return state.find((r) => r.module === 'module.stream_alert' && r.type === type && r.name === name)
        ?.instances?.[0]?.attributes;
}
/** The record's bytes as its source would carry them (gzip when the fixture says compress). */
function bytesOf(f, gzip = f.compress) {
    return gzip ? (0,external_node_zlib_.gzipSync)(Buffer.from(f.data)) : Buffer.from(f.data);
}
async function runPipeline(o) {
    const { print } = o;
    const zips = await zipsByHash(o.buildDir);
    const local = new LocalLambda(o.workDir, o.endpoint, o.sdkPath, async (sha) => {
        const file = zips.get(sha);
        if (!file)
            throw new Error(`the deployed code (CodeSha256 ${sha}) is none of the zips built in ${o.buildDir}`);
        return (0,promises_.readFile)(file);
    });
    const { records, problems } = await (0,fixtures/* loadFixtures */.X)(o.fixturesDir);
    if (problems.length > 0)
        throw new Error(`sample records: ${problems.join('; ')}`);
    const report = {
        alerts: [],
        sent: 0,
        skipped: [],
        waitingInMergeTables: 0,
        failures: [],
    };
    const used = new Set();
    const invoke = async (fn, event, what) => {
        const inv = await local.invoke(fn, event);
        if (!inv.ok) {
            report.failures.push(`${fn.name}: ${inv.error?.type}: ${inv.error?.message}`);
            print(`    ${what}: FAILED (${inv.error?.type}: ${inv.error?.message})`);
            for (const l of inv.logs.slice(-10))
                print(`      | ${l.slice(0, 300)}`);
        }
        return inv;
    };
    for (const c of o.config.clusters) {
        const cluster = new Cluster(o.config, c, o.endpoint);
        const state = await clusterState(o.config, c.id, o.endpoint);
        const rp = attributes(state, 'aws_lambda_function', 'rule_processor');
        const rpAlias = attributes(state, 'aws_lambda_alias', 'rule_processor_production');
        if (!rp || !rpAlias)
            throw new Error(`cluster ${c.id}: no rule processor in its state`);
        const ruleProcessor = await cluster.deployed(String(rp.function_name), String(rpAlias.name));
        const calls = (arn) => arn !== undefined && functionOfArn(arn).name === ruleProcessor.name;
        print(`  cluster ${c.id} (${c.region}): rule processor ${ruleProcessor.name}:${ruleProcessor.qualifier} ` +
            `(${ruleProcessor.runtime}, ${ruleProcessor.memoryMb} MB, ${ruleProcessor.timeoutSeconds} s; version ${ruleProcessor.version})`);
        // Watch the alerts topic before anything is sent, as an operator's subscription would.
        const alertsTopic = ruleProcessor.environment.ALERTS_TOPIC_ARN;
        if (!alertsTopic)
            throw new Error(`${ruleProcessor.name} has no ALERTS_TOPIC_ARN`);
        const alertsQueue = await cluster.watch(alertsTopic, `streamalert-demo-alerts-${c.id}`);
        // Kinesis: the mappings as deployed.
        const mappings = [];
        let marker;
        do {
            const page = await cluster.lambda.send(new client_lambda_dist_cjs.ListEventSourceMappingsCommand({ Marker: marker }));
            mappings.push(...(page.EventSourceMappings ?? []).filter((m) => calls(m.FunctionArn)));
            marker = page.NextMarker;
        } while (marker);
        for (const m of mappings.filter((x) => x.EventSourceArn?.includes(':kinesis:'))) {
            const streamArn = m.EventSourceArn;
            const stream = streamArn.split('/').pop();
            const mine = records.filter((f) => f.service === 'kinesis' && f.source === stream);
            if (mine.length === 0)
                continue;
            const shards = (await cluster.kinesis.send(new client_kinesis_dist_cjs/* ListShardsCommand */.fVF({ StreamName: stream }))).Shards ?? [];
            // The mapping has polled since it was deployed (from its StartingPosition): what the
            // stream held before now was delivered then. So its next batches start at LATEST.
            const iterators = new Map();
            for (const s of shards)
                iterators.set(s.ShardId, (await cluster.kinesis.send(new client_kinesis_dist_cjs/* GetShardIteratorCommand */.uwm({
                    StreamName: stream,
                    ShardId: s.ShardId,
                    ShardIteratorType: 'LATEST',
                }))).ShardIterator);
            for (const [i, f] of mine.entries()) {
                await cluster.kinesis.send(new client_kinesis_dist_cjs/* PutRecordCommand */.mYS({
                    StreamName: stream,
                    Data: bytesOf(f),
                    PartitionKey: `streamalert-demo-${i}`,
                }));
                used.add(f);
            }
            report.sent += mine.length;
            print(`    Kinesis ${stream}: put ${mine.length} sample record(s)`);
            const batch = m.BatchSize ?? 100;
            for (const [shard, first] of iterators) {
                let iterator = first;
                const got = [];
                for (let polls = 0; iterator && polls < 20; polls++) {
                    const res = await cluster.kinesis.send(new client_kinesis_dist_cjs/* GetRecordsCommand */.S4V({ ShardIterator: iterator, Limit: 10_000 }));
                    got.push(...(res.Records ?? []));
                    iterator = res.NextShardIterator;
                    if ((res.Records ?? []).length === 0)
                        break;
                }
                for (let i = 0; i < got.length; i += batch) {
                    const part = got.slice(i, i + batch);
                    const event = kinesisEvent(part, shard, streamArn, c.region, `arn:aws:iam::${cluster.account}:role/${ruleProcessor.name}`);
                    const what = `rule processor ← Kinesis batch of ${part.length} from ${shard}`;
                    const inv = await invoke(ruleProcessor, event, what);
                    if (inv.ok) {
                        const failures = inv.value?.batchItemFailures ?? [];
                        print(`    ${what}: ${processedSummary(inv)}${failures.length > 0 ? `; ${failures.length} item failure(s) to retry` : ''} (${inv.durationMs} ms)`);
                    }
                }
            }
        }
        // S3: each s3_events bucket whose notification calls the rule processor.
        for (const bucket of c.modules.s3Events.map((s) => s.bucketId)) {
            const mine = records.filter((f) => f.service === 's3' && f.source === bucket);
            if (mine.length === 0)
                continue;
            const notification = await cluster.s3.send(new client_s3_dist_cjs/* GetBucketNotificationConfigurationCommand */.zP$({ Bucket: bucket }));
            const config = (notification.LambdaFunctionConfigurations ?? []).find((n) => calls(n.LambdaFunctionArn) &&
                (n.Events ?? []).some((e) => e === 's3:ObjectCreated:*' || e === 's3:ObjectCreated:Put'));
            if (!config)
                continue;
            const rules = config.Filter?.Key?.FilterRules ?? [];
            const prefix = rules.find((r) => r.Name?.toLowerCase() === 'prefix')?.Value ?? '';
            const suffix = rules.find((r) => r.Name?.toLowerCase() === 'suffix')?.Value ?? '';
            for (const [i, f] of mine.entries()) {
                const gzip = f.compress || suffix.endsWith('.gz');
                const name = `${external_node_path_default().basename(f.file, '.json')}-${f.index}${gzip ? '.json.gz' : '.log'}`;
                const key = `${prefix}streamalert-demo/${name}${suffix && !name.endsWith(suffix) ? suffix : ''}`;
                const body = bytesOf(f, gzip);
                const put = await cluster.s3.send(new client_s3_dist_cjs/* PutObjectCommand */.wKZ({ Bucket: bucket, Key: key, Body: body }));
                used.add(f);
                report.sent++;
                const event = s3Event({
                    bucket,
                    key,
                    size: body.length,
                    eTag: put.ETag ?? '',
                    ...(put.VersionId ? { versionId: put.VersionId } : {}),
                }, c.region, config.Id ?? `streamalert-demo-${i}`, cluster.account);
                const what = `rule processor ← S3 s3://${bucket}/${key}`;
                const inv = await invoke(ruleProcessor, event, what);
                if (inv.ok)
                    print(`    ${what}: ${processedSummary(inv)} (${inv.durationMs} ms)`);
            }
        }
        // SNS: each input topic with a subscription of the rule processor.
        for (const topicArn of c.modules.streamAlert.ruleProcessor.inputSnsTopics) {
            const topic = topicArn.split(':').pop();
            const mine = records.filter((f) => f.service === 'sns' && f.source === topic);
            if (mine.length === 0)
                continue;
            const sub = (await cluster.lambdaSubscriptions(topicArn)).find((s) => calls(s.endpoint));
            if (!sub)
                continue;
            const queue = await cluster.watch(topicArn, `streamalert-demo-input-${c.id}`);
            for (const f of mine) {
                await cluster.sns.send(new client_sns_dist_cjs/* PublishCommand */.D5G({ TopicArn: topicArn, Message: f.data }));
                used.add(f);
                report.sent++;
            }
            const delivered = await cluster.drain(queue, 1);
            print(`    SNS ${topic}: published ${mine.length} sample record(s)`);
            for (const envelope of delivered) {
                const what = `rule processor ← SNS message ${envelope.MessageId.slice(0, 8)} from ${topic}`;
                const inv = await invoke(ruleProcessor, snsEvent(envelope, sub.arn), what);
                if (inv.ok)
                    print(`    ${what}: ${processedSummary(inv)} (${inv.durationMs} ms)`);
            }
        }
        // The alert merger, as its schedule runs it.
        const merger = attributes(state, 'aws_lambda_function', 'alert_merger');
        const schedule = attributes(state, 'aws_cloudwatch_event_rule', 'alert_merger');
        const table = ruleProcessor.environment.MERGE_TABLE;
        if (merger && schedule && table) {
            const dynamo = new client_dynamodb_dist_cjs/* DynamoDBClient */.MGV(localClientConfig(o.endpoint, c.region));
            const waiting = async () => (await dynamo.send(new client_dynamodb_dist_cjs.ScanCommand({ TableName: table, Select: 'COUNT' }))).Count ?? 0;
            const fn = await cluster.deployed(String(merger.function_name), '$LATEST');
            const what = 'alert merger ← EventBridge schedule (every minute)';
            const inv = await invoke(fn, scheduledEvent(String(schedule.arn), c.region, cluster.account), what);
            if (inv.ok) {
                const r = inv.value;
                const left = await waiting();
                report.waitingInMergeTables += left;
                print(`    ${what}: sent ${r?.sent ?? 0} merged alert(s)` +
                    (left > 0
                        ? `; ${left} match(es) wait in ${table} until their merge window closes`
                        : ''));
            }
        }
        // What the rules raised, as the alerts topic delivered it, then the alert processor.
        await sleep(200);
        const envelopes = await cluster.drain(alertsQueue);
        const apSub = (await cluster.lambdaSubscriptions(alertsTopic))[0];
        const ap = apSub ? functionOfArn(apSub.endpoint) : undefined;
        const alertProcessor = ap
            ? await cluster.deployed(ap.name, ap.qualifier ?? '$LATEST')
            : undefined;
        for (const envelope of envelopes) {
            const alert = JSON.parse(envelope.Message);
            const raised = { cluster: c.id, alert };
            report.alerts.push(raised);
            if (!alertProcessor || !apSub)
                continue;
            const inv = await local.invoke(alertProcessor, snsEvent(envelope, apSub.arn));
            if (inv.ok) {
                raised.deliveries = (inv.value?.deliveries ?? []).map((d) => ({ output: d.output, ok: d.ok, ...(d.error ? { error: d.error } : {}) }));
            }
            else {
                raised.error = `${inv.error?.type}: ${inv.error?.message}`;
                raised.deliveries = deliveriesFromLogs(inv.logs);
            }
        }
    }
    report.skipped = [
        ...new Set(records.filter((f) => !used.has(f)).map((f) => `${f.service} ${f.source}`)),
    ];
    return report;
}
/** A failed alert processor run still logged each delivery ('alert delivered' / 'alert not delivered'). */
function deliveriesFromLogs(logs) {
    const out = [];
    for (const line of logs) {
        try {
            const l = JSON.parse(line);
            if (l.message === 'alert delivered' || l.message === 'alert not delivered')
                out.push({
                    output: String(l.output),
                    ok: l.ok === true,
                    ...(typeof l.error === 'string' ? { error: l.error } : {}),
                });
        }
        catch {
            // not a JSON line
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/demo/worker.ts
/**
 * The demo's work, in the child process the supervisor started (supervisor.ts): copy the
 * example, make the empty local account ready for it (the existing resources it names, the
 * outputs' stand-ins), deploy it as the action does on a first merge (deploy.ts), send its
 * sample records through what was deployed and show the alerts (pipeline.ts).
 *
 * Its environment was made by the supervisor: every AWS setting points at the stand-in,
 * with test credentials. It checks that again before anything talks to AWS.
 */











/** Refuses to go on unless every AWS call of this process and its children goes to the stand-in. */
function assertLocalOnly(endpoint, env = process.env) {
    const problems = [];
    if (!isLoopbackEndpoint(endpoint))
        problems.push(`endpoint ${endpoint} is not on this machine`);
    if (env.AWS_ENDPOINT_URL !== endpoint)
        problems.push('AWS_ENDPOINT_URL is not the stand-in');
    if (env.AWS_ACCESS_KEY_ID !== 'testing' || env.AWS_SECRET_ACCESS_KEY !== 'testing')
        problems.push('the credentials are not the test ones');
    for (const k of Object.keys(env))
        if (/^AWS_(PROFILE|ROLE_ARN|WEB_IDENTITY_TOKEN_FILE|CONTAINER_|ENDPOINT_URL_)/i.test(k))
            problems.push(`${k} is set`);
    if (problems.length > 0)
        throw new Error(`refusing to run: it could reach real AWS (${problems.join('; ')})`);
}
const worker_seconds = (ms) => `${(ms / 1000).toFixed(0)} s`;
function alertLines(a) {
    const lines = [
        `  ALERT ${a.alert.rule_name} — ${a.alert.rule_description}`,
        `        ${a.alert.log_source} record from ${a.alert.source_service} ${a.alert.source_entity}` +
            ` (cluster ${a.cluster}, alert ${a.alert.id.slice(0, 12)})${a.alert.staged ? ', staged rule' : ''}`,
    ];
    const deliveries = a.deliveries ?? [];
    if (deliveries.length > 0)
        lines.push(`        alert processor: ${deliveries
            .map((d) => d.ok ? `${d.output} delivered` : `${d.output} NOT delivered (${d.error ?? 'failed'})`)
            .join('; ')}`);
    else if (a.error)
        lines.push(`        alert processor failed: ${a.error}`);
    return lines;
}
/** The AWS SDK warns on every start under Node 20 that a later version will need 22: noise here. */
function quietSdkWarnings() {
    const listeners = process.listeners('warning');
    process.removeAllListeners('warning');
    process.on('warning', (w) => {
        if (!w.message.startsWith('NodeVersionSupportWarning'))
            for (const l of listeners)
                l(w);
    });
}
async function runDemoWorker(o) {
    const { print } = o;
    quietSdkWarnings();
    assertLocalOnly(o.endpoint);
    const root = (0,package_root/* packageRoot */.Z)();
    const source = external_node_path_default().join(root, 'examples', o.example);
    const repo = external_node_path_default().join(o.workDir, 'repo');
    await (0,promises_.mkdir)(repo, { recursive: true });
    for (const dir of ['conf', 'rules', 'tests'])
        await (0,promises_.cp)(external_node_path_default().join(source, dir), external_node_path_default().join(repo, dir), { recursive: true }).catch((err) => {
            if (err.code !== 'ENOENT' || dir === 'conf')
                throw err;
        });
    const configDir = external_node_path_default().join(repo, 'conf');
    const config = await (0,load/* loadConfig */.Z)(configDir);
    print(`\n[2/4] The account gets what examples/${o.example} expects to exist already`);
    const prepared = await createExistingResources(config, o.endpoint);
    for (const line of prepared.created)
        print(`  ${line}`);
    const webhook = new LocalWebhook();
    await webhook.start();
    try {
        const outputs = await (0,processors_load/* loadOutputsConfig */.Zn)(configDir);
        for (const line of await standInOutputs(config, outputs, o.endpoint, webhook))
            print(`  output ${line}`);
        print(`\n[3/4] Deploy, as the action does from the pull request to its merge`);
        const deployStarted = Date.now();
        const options = {
            configDir,
            rulesDir: external_node_path_default().join(repo, 'rules'),
            fixturesDir: external_node_path_default().join(repo, 'tests', 'rules'),
            outDir: external_node_path_default().join(repo, 'terraform'),
            buildDir: external_node_path_default().join(repo, 'build'),
            awsEndpoint: o.endpoint,
            bootstrap: false,
            clusters: [],
            parallelism: Math.max(1, Math.min((0,external_node_os_.availableParallelism)(), config.clusters.length + 1)),
            terraformBinary: 'terraform',
            backendConfig: [],
            commit: 'demo',
            mask: (t) => t,
            manageState: true,
        };
        await deployAsOnMerge(options, o.commands, print);
        print(`  deployed in ${worker_seconds(Date.now() - deployStarted)}`);
        print(`\n[4/4] Sample records (tests/rules) through the deployed pipeline`);
        const report = await runPipeline({
            config: await (0,load/* loadConfig */.Z)(configDir),
            fixturesDir: options.fixturesDir,
            buildDir: options.buildDir,
            endpoint: o.endpoint,
            workDir: external_node_path_default().join(o.workDir, 'lambda'),
            sdkPath: external_node_path_default().join(root, 'node_modules'),
            print,
        });
        if (report.skipped.length > 0)
            print(`  not sent: sample records of sources this deployment does not feed to a rule processor (${report.skipped.join(', ')})`);
        print(`\n${report.alerts.length} alert(s) published to the alerts topic, as an SQS subscription of the topic received them ` +
            `(${worker_seconds(Date.now() - o.startedAt)} after the demo started):`);
        for (const a of report.alerts)
            for (const line of alertLines(a))
                print(line);
        for (const d of webhook.received) {
            let text = d.body;
            try {
                text = String(JSON.parse(d.body).text ?? d.body);
            }
            catch {
                // not JSON
            }
            print(`  local webhook ${d.path} received: ${text.slice(0, 120)}`);
        }
        if (report.waitingInMergeTables > 0)
            print(`  ${report.waitingInMergeTables} match(es) of merging rules wait in the merge table; the merger sends them as one alert when the window closes`);
        return report;
    }
    finally {
        await webhook.stop();
    }
}

;// CONCATENATED MODULE: ./src/demo/supervisor.ts
/**
 * `streamalert demo` (`npm run demo`): deploys an example (examples/production by default)
 * into a fresh local AWS stand-in and shows the alerts its sample records raise. This
 * process is the supervisor; it owns everything the demo starts and stops all of it, on
 * success, on failure and on Ctrl-C (SIGINT), SIGTERM or SIGHUP:
 *
 * - a temp folder (the example's copy, Terraform's files, the unpacked functions; TMPDIR
 *   of every child points into it), removed at the end;
 * - moto, through the shipped launcher, in its own process group (it also exits by itself
 *   when this process dies without cleaning up);
 * - the worker (worker.ts): this same CLI again, in its own process group, so Terraform,
 *   its provider and the functions' node processes — all the worker's descendants — are
 *   stopped with one signal to the group.
 *
 * Never real AWS: the worker's environment has every AWS_* variable of this one removed
 * and the stand-in's endpoint and test credentials put in their place (localAwsEnv); the
 * worker checks it again. `--aws-endpoint` (a stand-in already running, e.g. `npm run
 * local-aws`) must name this machine.
 */









/** Set (to JSON) in the worker's environment by the supervisor; its presence makes a run the worker. */
const WORKER_ENV = 'STREAMALERT_DEMO_WORKER';
const FIRST_LINE = 'streamalert demo: runs only against a local AWS stand-in (moto on 127.0.0.1) with test credentials; nothing here reaches real AWS.';
/** The examples shipped with the package (folders of examples/ with a conf/). */
function examples() {
    const dir = external_node_path_default().join((0,package_root/* packageRoot */.Z)(), 'examples');
    return (0,external_node_fs_.readdirSync)(dir)
        .filter((n) => (0,external_node_fs_.existsSync)(external_node_path_default().join(dir, n, 'conf', 'global.json')))
        .sort();
}
/** The Terraform CLI configuration of the demo: the provider mirror when there is one, and a plugin cache. */
function terraformCliConfig(dir) {
    const mirror = process.env.STREAMALERT_TF_PLUGIN_MIRROR ?? '/opt/tf-plugins';
    const own = process.env.TF_CLI_CONFIG_FILE;
    // A user's own CLI configuration (a network mirror, registry credentials) is kept when
    // there is no local mirror to point at.
    if (!(0,external_node_fs_.existsSync)(mirror) && own && (0,external_node_fs_.existsSync)(own))
        return undefined;
    const cache = external_node_path_default().join(dir, 'terraform-plugin-cache');
    const file = external_node_path_default().join(dir, 'terraform.rc');
    const installation = (0,external_node_fs_.existsSync)(mirror)
        ? `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/hashicorp/*"]\n  }\n}\n`
        : '';
    (0,external_node_fs_.rmSync)(cache, { recursive: true, force: true });
    (0,external_node_fs_.writeFileSync)(file, `${installation}plugin_cache_dir = ${JSON.stringify(cache)}\n`);
    return file;
}
/**
 * What the demo needs besides python3 and moto (the launcher says those), each in one line:
 * the AWS SDK the processors run with (from `npm ci`) and Terraform.
 */
async function missingTool() {
    const sdk = external_node_path_default().join((0,package_root/* packageRoot */.Z)(), 'node_modules', '@aws-sdk', 'client-sns');
    if (!(0,external_node_fs_.existsSync)(sdk))
        return `the demo runs the Lambda processors with this checkout's AWS SDK, and ${external_node_path_default().dirname(sdk)} has none: run npm ci first`;
    const ok = await new Promise((resolve) => (0,external_node_child_process_.execFile)('terraform', ['version'], { timeout: 60_000 }, (error) => resolve(!error)));
    if (!ok)
        return 'the demo deploys with Terraform (1.10 or later), and `terraform version` does not run: install it (https://developer.hashicorp.com/terraform/install)';
    return undefined;
}
function killGroup(child, signal) {
    if (child?.pid === undefined)
        return;
    try {
        process.kill(-child.pid, signal);
    }
    catch {
        // the group is gone
    }
}
/** Resolves when no process of the group is left (or after `ms`). */
async function groupGone(pid, ms) {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
        try {
            process.kill(-pid, 0);
        }
        catch {
            return true;
        }
        await new Promise((r) => setTimeout(r, 100));
    }
    return false;
}
async function superviseDemo(r) {
    const startedAt = Date.now();
    const { print } = r;
    print(FIRST_LINE);
    const known = examples();
    if (!known.includes(r.example))
        throw new inputs/* InputError */.dz(`--example: no example "${r.example}" (examples/: ${known.join(', ')})`);
    if (r.awsEndpoint !== undefined && !isLoopbackEndpoint(r.awsEndpoint))
        throw new inputs/* InputError */.dz(`--aws-endpoint: the demo runs only against a stand-in on this machine (127.0.0.1, localhost, ::1), not ${r.awsEndpoint}`);
    const config = await (0,load/* loadConfig */.Z)(external_node_path_default().join((0,package_root/* packageRoot */.Z)(), 'examples', r.example, 'conf'));
    const missing = await missingTool();
    if (missing) {
        print(missing);
        return 1;
    }
    const temp = (0,external_node_fs_.mkdtempSync)(external_node_path_default().join((0,external_node_os_.tmpdir)(), 'streamalert-demo-'));
    let moto;
    let motoLog = '';
    let worker;
    let stopping;
    const stop = () => (stopping ??= (async () => {
        if (worker?.pid !== undefined) {
            killGroup(worker, 'SIGTERM');
            if (!(await groupGone(worker.pid, 5_000))) {
                killGroup(worker, 'SIGKILL');
                await groupGone(worker.pid, 5_000);
            }
        }
        await moto?.stop();
        (0,external_node_fs_.rmSync)(temp, { recursive: true, force: true, maxRetries: 3 });
    })());
    const onSignal = (signal) => {
        print(`\n${signal}: stopping everything the demo started...`);
        void stop().then(() => {
            print('stopped; nothing of the demo is left running');
            process.exit(signal === 'SIGINT' ? 130 : 143);
        });
    };
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const s of signals)
        process.on(s, onSignal);
    try {
        let endpoint = r.awsEndpoint;
        if (endpoint === undefined) {
            print(`\n[1/4] A fresh local AWS stand-in`);
            try {
                moto = await startLocalAws({
                    detached: true,
                    account: config.global.account.awsAccountId,
                    onOutput: (chunk) => {
                        motoLog = (motoLog + chunk.toString('utf8')).slice(-200_000);
                    },
                });
            }
            catch (err) {
                if (err instanceof LocalAwsMissing) {
                    print(`cannot start the local AWS stand-in: ${err.message}`);
                    return 1;
                }
                throw err;
            }
            endpoint = moto.endpoint;
            print(`  moto on ${endpoint} (account ${config.global.account.awsAccountId}, empty), started from scripts/local-aws/moto_launcher.py`);
        }
        else {
            print(`\n[1/4] The local AWS stand-in at ${endpoint} (not started by the demo)`);
        }
        const cliConfig = terraformCliConfig(temp);
        const state = { workDir: external_node_path_default().join(temp, 'work'), startedAt };
        const env = {
            ...localAwsEnv(endpoint, process.env, config.global.account.region),
            TMPDIR: temp,
            TF_IN_AUTOMATION: '1',
            CHECKPOINT_DISABLE: '1',
            ...(cliConfig ? { TF_CLI_CONFIG_FILE: cliConfig } : {}),
            [WORKER_ENV]: JSON.stringify(state),
        };
        // Nothing of the caller's Terraform setup may change what the demo applies.
        for (const k of Object.keys(env))
            if (/^TF_(CLI_ARGS|VAR_|WORKSPACE|DATA_DIR)/.test(k))
                delete env[k];
        const entry = r.entry ?? {
            execPath: process.execPath,
            args: [...process.execArgv, process.argv[1]],
        };
        worker = (0,external_node_child_process_.spawn)(entry.execPath, [...entry.args, 'demo', '--example', r.example, '--aws-endpoint', endpoint], { env, stdio: 'inherit', detached: true });
        const code = await new Promise((resolve) => {
            worker.once('error', () => resolve(1));
            worker.once('close', (c) => resolve(c ?? 1));
        });
        if (code !== 0) {
            // The stand-in's side of a failure (a request it answered with an error) goes with it.
            const unusual = motoLog
                .split('\n')
                .filter((l) => /" [45]\d\d -|Traceback|Error|Exception/.test(l))
                .slice(-15);
            if (unusual.length > 0)
                print(`\nthe local AWS stand-in's last errors:\n${unusual.join('\n')}`);
            print(`\nthe demo failed (exit ${code}); stopping everything it started`);
        }
        return code === 0 ? 0 : 1;
    }
    finally {
        await stop();
        for (const s of signals)
            process.off(s, onSignal);
        print(`\n${moto ? 'stopped the local AWS stand-in and ' : ''}removed ${temp}; nothing of the demo is left running (${((Date.now() - startedAt) / 1000).toFixed(0)} s in all)`);
    }
}
/** The worker's side (this process is the worker when WORKER_ENV is set). */
async function workDemo(r) {
    const state = JSON.parse(process.env[WORKER_ENV] ?? '{}');
    if (!state.workDir || r.awsEndpoint === undefined)
        throw new Error(`${WORKER_ENV} is set, but not by the demo`);
    const report = await runDemoWorker({
        example: r.example,
        endpoint: r.awsEndpoint,
        workDir: state.workDir,
        startedAt: state.startedAt,
        print: r.print,
        commands: r.commands,
    });
    if (report.failures.length > 0) {
        r.print(`\n${report.failures.length} invocation(s) failed:`);
        for (const f of report.failures)
            r.print(`  ${f}`);
        return 1;
    }
    if (report.alerts.length === 0) {
        r.print('\nno alert was raised: the sample records should have raised some');
        return 1;
    }
    return 0;
}


// EXTERNAL MODULE: ./src/commands/apply-report.ts + 4 modules
var apply_report = __webpack_require__(42829);
// EXTERNAL MODULE: ./src/commands/plan.ts + 15 modules
var plan = __webpack_require__(59970);
;// CONCATENATED MODULE: ./src/commands/demo.ts
/**
 * CLI `demo` (`npm run demo`): the whole product on this machine, never real AWS — a local
 * AWS stand-in, an example deployed as the action deploys it on a first merge, its sample
 * records through the deployed pipeline, the alerts its rules raise. See src/demo/.
 */



async function demoCommand(o, print) {
    const request = {
        example: o.example ?? 'production',
        ...(o.awsEndpoint ? { awsEndpoint: o.awsEndpoint } : {}),
        print,
        commands: { plan: plan/* planAndWrite */.mX, applyAndReport: apply_report/* applyAndReport */.Cv },
    };
    return process.env[WORKER_ENV] ? workDemo(request) : superviseDemo(request);
}


/***/ })

};
