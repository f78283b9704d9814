/**
 * Plan reports as the Terraform runner builds them, with plan text as
 * `terraform show -no-color` prints it (Terraform 1.11, AWS provider 5.x).
 */
import { createHash } from 'node:crypto';
import type { PlanReport, ResourceChange, RootPlan } from '../../src/plan/types.js';

export const COMMIT = '3f1c2a9b8e7d6c5b4a39281706f5e4d3c2b1a098';
export const RUN_URL = 'https://github.com/acme/detections/actions/runs/1234567890';
export const CONFIG_HASH = createHash('sha256').update('rendered tree').digest('hex');

export function fingerprint(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

const NO_CHANGES_TEXT =
  'No changes. Your infrastructure matches the configuration.\n\n' +
  'Terraform has compared your real infrastructure against your configuration and found no\n' +
  'differences, so no changes are needed.\n';

export function noChanges(root: string): RootPlan {
  return {
    root,
    status: 'no-changes',
    add: 0,
    change: 0,
    destroy: 0,
    changes: [],
    planText: NO_CHANGES_TEXT,
    fingerprint: fingerprint(`${root}:none`),
  };
}

const LEGEND = (symbols: string[]): string =>
  'Terraform used the selected providers to generate the following execution\n' +
  'plan. Resource actions are indicated with the following symbols:\n' +
  symbols.join('\n') +
  '\n\nTerraform will perform the following actions:\n\n';

export function change(
  address: string,
  action: ResourceChange['action'],
  dataBearing = false,
): ResourceChange {
  const type = /(aws_[a-z0-9_]+)\.[a-z0-9_]+(\[[^\]]*\])?$/.exec(address)?.[1] ?? 'unknown';
  return { address, type, action, dataBearing };
}

/** production: a new alarm, a Lambda code update (the usual pull request). */
export function productionChanges(): RootPlan {
  const planText =
    LEGEND(['  + create', '  ~ update in-place']) +
    `  # module.cloudwatch_monitoring.aws_cloudwatch_metric_alarm.kinesis_iterator_age will be created
  + resource "aws_cloudwatch_metric_alarm" "kinesis_iterator_age" {
      + actions_enabled                       = true
      + alarm_actions                         = [
          + "arn:aws:sns:us-east-1:123456789012:streamalert_monitoring",
        ]
      + alarm_name                            = "production_kinesis_iterator_age"
      + arn                                   = (known after apply)
      + comparison_operator                   = "GreaterThanOrEqualToThreshold"
      + evaluation_periods                    = 1
      + id                                    = (known after apply)
      + metric_name                           = "GetRecords.IteratorAgeMilliseconds"
      + namespace                             = "AWS/Kinesis"
      + period                                = 300
      + statistic                             = "Maximum"
      + tags_all                              = (known after apply)
      + threshold                             = 1000000
      + treat_missing_data                    = "missing"
    }

  # module.stream_alert.aws_lambda_function.rule_processor will be updated in-place
  ~ resource "aws_lambda_function" "rule_processor" {
        id                             = "production_streamalert_rule_processor"
      ~ last_modified                  = "2026-11-20T10:00:00.000+0000" -> (known after apply)
      ~ source_code_hash               = "n2zWb2Y6Qm1vZGVsLWhhc2gtYmVmb3Jl" -> "q8bXZmFzdGVyLWhhc2gtYWZ0ZXI="
        tags                           = {}
      ~ version                        = "3" -> (known after apply)
        # (27 unchanged attributes hidden)

        # (3 unchanged blocks hidden)
    }

Plan: 1 to add, 1 to change, 0 to destroy.
`;
  return {
    root: 'production',
    status: 'changes',
    add: 1,
    change: 1,
    destroy: 0,
    changes: [
      change(
        'module.cloudwatch_monitoring.aws_cloudwatch_metric_alarm.kinesis_iterator_age',
        'create',
      ),
      change('module.stream_alert.aws_lambda_function.rule_processor', 'update'),
    ],
    planText,
    fingerprint: fingerprint('production:alarm+lambda'),
  };
}

/** staging: the stream is renamed, which forces a replacement (data loss), and its user goes. */
export function kinesisDestroy(root = 'staging'): RootPlan {
  const planText =
    LEGEND(['  - destroy', '-/+ destroy and then create replacement']) +
    `  # module.kinesis_streams.aws_iam_user.this[0] will be destroyed
  # (because index [0] is out of range for count)
  - resource "aws_iam_user" "this" {
      - arn                  = "arn:aws:iam::123456789012:user/${root}_streamalert_user" -> null
      - force_destroy        = false -> null
      - id                   = "${root}_streamalert_user" -> null
      - name                 = "${root}_streamalert_user" -> null
      - path                 = "/streamalert/" -> null
      - tags                 = {} -> null
      - tags_all             = {} -> null
      - unique_id            = "AIDAEXAMPLEUNIQUEID01" -> null
    }

  # module.kinesis_streams.aws_kinesis_stream.this must be replaced
-/+ resource "aws_kinesis_stream" "this" {
      ~ arn                       = "arn:aws:kinesis:us-east-1:123456789012:stream/${root}_stream_alert_kinesis" -> (known after apply)
      ~ id                        = "arn:aws:kinesis:us-east-1:123456789012:stream/${root}_stream_alert_kinesis" -> (known after apply)
      ~ name                      = "${root}_stream_alert_kinesis" -> "${root}_streamalert_kinesis" # forces replacement
      - shard_level_metrics       = [] -> null
      - tags                      = {} -> null
      ~ tags_all                  = {} -> (known after apply)
        # (5 unchanged attributes hidden)

        # (1 unchanged block hidden)
    }

Plan: 1 to add, 0 to change, 2 to destroy.
`;
  return {
    root,
    status: 'changes',
    add: 1,
    change: 0,
    destroy: 2,
    changes: [
      change('module.kinesis_streams.aws_iam_user.this[0]', 'delete'),
      change('module.kinesis_streams.aws_kinesis_stream.this', 'replace', true),
    ],
    planText,
    fingerprint: fingerprint(`${root}:replace-stream`),
  };
}

/**
 * A first plan of a cluster whose `outputs` export the Kinesis writer's keys: the access
 * key's secret and the `secret_key` output are sensitive, so Terraform prints
 * `(sensitive value)` and never the value.
 */
export function sensitiveOutputs(root = 'production'): RootPlan {
  const planText =
    LEGEND(['  + create']) +
    `  # module.kinesis_streams.aws_iam_access_key.this[0] will be created
  + resource "aws_iam_access_key" "this" {
      + create_date                    = (known after apply)
      + encrypted_secret               = (known after apply)
      + encrypted_ses_smtp_password_v4 = (known after apply)
      + id                             = (known after apply)
      + key_fingerprint                = (known after apply)
      + secret                         = (sensitive value)
      + ses_smtp_password_v4           = (sensitive value)
      + status                         = "Active"
      + user                           = "${root}_streamalert_user"
    }

  # module.kinesis_streams.aws_iam_user.this[0] will be created
  + resource "aws_iam_user" "this" {
      + arn           = (known after apply)
      + force_destroy = false
      + id            = (known after apply)
      + name          = "${root}_streamalert_user"
      + path          = "/streamalert/"
      + tags_all      = (known after apply)
      + unique_id     = (known after apply)
    }

Plan: 2 to add, 0 to change, 0 to destroy.

Changes to Outputs:
  + kinesis_${root}_access_key_id = (known after apply)
  + kinesis_${root}_secret_key    = (sensitive value)
  + kinesis_${root}_username      = "${root}_streamalert_user"
`;
  return {
    root,
    status: 'changes',
    add: 2,
    change: 0,
    destroy: 0,
    changes: [
      change('module.kinesis_streams.aws_iam_access_key.this[0]', 'create'),
      change('module.kinesis_streams.aws_iam_user.this[0]', 'create'),
    ],
    planText,
    fingerprint: fingerprint(`${root}:writer-keys`),
  };
}

/** A root that failed at `plan` (the provider could not reach AWS). */
export function planError(root: string): RootPlan {
  return {
    root,
    status: 'error',
    add: 0,
    change: 0,
    destroy: 0,
    changes: [],
    planText: '',
    error: {
      step: 'plan',
      message: `
Error: Invalid value for variable

  on main.tf line 41, in module "kinesis_streams":
  41:   shards = 0
    ├────────────────
    │ var.shards is 0

A Kinesis stream needs at least one shard.

This was checked by the validation rule at ../modules/kinesis_streams/variables.tf:18,3-13.
`.trimStart(),
    },
    fingerprint: fingerprint(`${root}:error`),
  };
}

/**
 * A big cluster: `count` Lambda permissions to create, each printed in full. About 570
 * characters of plan per resource.
 */
export function bigPlan(root: string, count: number): RootPlan {
  const changes: ResourceChange[] = [];
  let body = '';
  for (let i = 0; i < count; i++) {
    const address = `module.s3_events_${root}.aws_lambda_permission.bucket_notification[${i}]`;
    changes.push(change(address, 'create'));
    body += `  # ${address} will be created
  + resource "aws_lambda_permission" "bucket_notification" {
      + action              = "lambda:InvokeFunction"
      + function_name       = "${root}_streamalert_rule_processor"
      + id                  = (known after apply)
      + principal           = "s3.amazonaws.com"
      + qualifier           = "production"
      + source_arn          = "arn:aws:s3:::acme-${root}-logs-${String(i).padStart(4, '0')}"
      + statement_id        = "AllowExecutionFromS3Bucket${i}"
      + statement_id_prefix = (known after apply)
    }

`;
  }
  return {
    root,
    status: 'changes',
    add: count,
    change: 0,
    destroy: 0,
    changes,
    planText: `${LEGEND(['  + create'])}${body}Plan: ${count} to add, 0 to change, 0 to destroy.\n`,
    fingerprint: fingerprint(`${root}:big:${count}`),
  };
}

export function report(roots: RootPlan[], extra: Partial<PlanReport> = {}): PlanReport {
  return {
    commit: COMMIT,
    runUrl: RUN_URL,
    configHash: CONFIG_HASH,
    clusterCount: roots.filter((r) => r.root !== 'global').length,
    roots,
    ...extra,
  };
}
