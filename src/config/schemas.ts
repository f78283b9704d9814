/**
 * JSON Schemas for conf/global.json and conf/clusters/<id>.json. Defaults are the seed's
 * (StreamAlert v1.5 "Clusters" and "Lambda Settings" pages); ajv fills them in while
 * validating. `x-message` replaces ajv's wording for a pattern a person cannot read.
 * `description` and `x-default` (a default the loader computes from other keys) are for
 * people: ajv ignores them, and `npm run docs` writes the key tables of
 * docs/configuration.md from them. The schema of each key under a cluster's `modules` is
 * its module's configuration descriptor's (src/config/modules).
 */
import { sourceHealthSchema } from './source-health.js';
import {
  AWS_REGIONS,
  CLUSTER_ID_PATTERN,
  S3_KEY_FOLDER_MAX,
  S3_KEY_FOLDER_PATTERN,
} from './aws-limits.js';
import { aggregateMetricAlarms } from './metric-alarms.js';
import { FINDING_IDS } from '../findings/ids.js';
import { DEFAULT_TRAFFIC } from './traffic.js';
import { CONFIG_MODULES } from './modules/all.js';
import { s3BucketName } from './modules/descriptor.js';
import { streamalertAppsSchema } from './streamalert-apps.js';
import { classifierConfigSchema, v3GlobalSchema } from './streamalert3.js';

type Schema = Record<string, unknown>;

const region: Schema = {
  type: 'string',
  enum: [...AWS_REGIONS],
  'x-message': 'must be an AWS region name such as "us-east-1"',
};

export const globalSchema: Schema = {
  $id: 'global.json',
  type: 'object',
  additionalProperties: false,
  // StreamAlert 3 may leave `terraform` out: its default state bucket is then used.
  required: ['account'],
  properties: {
    general: v3GlobalSchema.general,
    account: {
      type: 'object',
      additionalProperties: false,
      required: ['aws_account_id', 'prefix', 'region'],
      properties: {
        aws_account_id: {
          type: 'string',
          pattern: '^\\d{12}$',
          'x-message': 'must be a 12-digit AWS account id, as a string',
        },
        prefix: {
          type: 'string',
          pattern: '^[a-z][a-z0-9]{0,15}$',
          'x-message':
            'must start with a lowercase letter and hold only lowercase letters and digits (at most 16); it begins every resource and bucket name',
          description: 'starts every resource name',
        },
        region,
        kms_key_alias: {
          type: 'string',
          pattern: '^(?!aws/)[a-zA-Z0-9/_-]{1,250}$',
          'x-default':
            '`"stream_alert_secrets"`; StreamAlert 3\'s `"<prefix>_streamalert_secrets"` in a conf with no `terraform.tfstate_bucket`',
          description:
            'the KMS key the global root creates in each region, `alias/<kms_key_alias>`',
          'x-message':
            'must be a KMS alias name without "alias/" (letters, digits, /, _ and -), not starting with "aws/"',
        },
      },
    },
    terraform: {
      type: 'object',
      additionalProperties: false,
      properties: {
        tfstate_bucket: {
          ...s3BucketName,
          'x-default':
            '`bucket_name`, or StreamAlert 3\'s `"<prefix>-streamalert-terraform-state"`',
          description: "holds every root's state (S3 native locking, `use_lockfile`)",
        },
        // false: the bucket already exists (most organisations have one) and is never managed
        // here; true: the global root creates it, on the first deployment from local state.
        create_state_bucket: {
          type: 'boolean',
          'x-default':
            "`true`; with StreamAlert 3's `bucket_name`, true only when it is the default name (as StreamAlert 3)",
          description:
            'true: the global root creates and manages `tfstate_bucket`; false: the bucket exists and is used as it is',
        },
        tfstate_s3_key_prefix: {
          type: 'string',
          maxLength: S3_KEY_FOLDER_MAX,
          pattern: S3_KEY_FOLDER_PATTERN,
          'x-message':
            'must be an S3 key folder such as "stream_alert_state" (letters, digits and !_.*\'()- between single slashes; no leading, trailing or double slash, no "." or ".." folder)',
          'x-default': '`"stream_alert_state"`, or the folder of `tfstate_s3_key`',
          description:
            'each root keeps its state at `<tfstate_s3_key_prefix>/<root>/terraform.tfstate`',
        },
        // StreamAlert's own keys, accepted so existing files keep working: the folder of
        // `tfstate_s3_key` becomes the key prefix; `tfvars` was already unused by StreamAlert 1.4.
        tfstate_s3_key: {
          type: 'string',
          maxLength: S3_KEY_FOLDER_MAX,
          pattern: S3_KEY_FOLDER_PATTERN,
          'x-message':
            'must be an S3 key such as "stream_alert_state/terraform.tfstate" (letters, digits and !_.*\'()- between single slashes; no leading, trailing or double slash, no "." or ".." folder)',
          description: "StreamAlert's: accepted, its folder becomes the key prefix",
        },
        tfvars: { type: 'string', description: "StreamAlert's: accepted, unused" },
        // The detection bundle is code the rule processors run: whoever can write it runs code
        // in every cluster. Naming the role that applies narrows that to the deploy pipeline.
        apply_role_arn: {
          type: 'string',
          pattern: '^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$',
          'x-message': 'must be an IAM role ARN such as "arn:aws:iam::123456789012:role/deploy"',
          'x-default': "none: any principal IAM lets write, except the functions' roles",
          description:
            'the role `apply` runs as: when set, the only principal allowed to write the detection bundle',
        },
        ...v3GlobalSchema.terraformKeys,
      },
    },
    infrastructure: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ...v3GlobalSchema.infrastructure,
        monitoring: {
          type: 'object',
          additionalProperties: false,
          // Not creating a topic means using an existing one, which then needs its name.
          if: {
            required: ['create_sns_topic'],
            properties: { create_sns_topic: { const: false } },
          },
          then: { required: ['sns_topic_name'] },
          properties: {
            create_sns_topic: {
              type: 'boolean',
              'x-default': '`true`, unless only `sns_topic_name` is given',
              description:
                'create the monitoring SNS topic in every region that has a cluster; false: use your existing topics named `sns_topic_name`',
            },
            sns_topic_name: {
              type: 'string',
              pattern: '^[A-Za-z0-9_-]{1,256}$',
              'x-message': 'must be an SNS topic name (letters, digits, _ and -, at most 256)',
              'x-default': '`"stream_alert_monitoring"`',
            },
            metric_alarms: {
              type: 'object',
              additionalProperties: false,
              properties: {
                rule_processor: aggregateMetricAlarms('rule_processor'),
                alert_processor: aggregateMetricAlarms('alert_processor'),
              },
            },
            // Every cluster's defaults; a cluster file's rule_processor.source_health overrides them.
            source_health: sourceHealthSchema,
          },
        },
      },
    },
    // Security findings of the plan (src/findings): a finding waived here by id and resource
    // address is shown with its reason and never fails the check.
    findings: {
      type: 'object',
      additionalProperties: false,
      properties: {
        waivers: {
          type: 'array',
          default: [],
          description:
            'findings waived by id and resource address, with a reason; shown with the reason and never failing the check',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'address', 'reason'],
            properties: {
              id: { type: 'string', enum: [...FINDING_IDS] },
              address: {
                type: 'string',
                pattern: '^[A-Za-z0-9_.\\[\\]"-]+$',
                'x-message':
                  'must be a Terraform resource address such as "module.stream_alert.aws_lambda_function.alert_processor"',
              },
              reason: { type: 'string', minLength: 1 },
            },
          },
        },
      },
    },
  },
};

export const clusterSchema: Schema = {
  $id: 'cluster.json',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'modules'],
  // A StreamAlert 3 cluster sizes its rule processor with classifier_config (its alert
  // processor is lambda.json's); any other cluster file names modules.stream_alert.
  if: { required: ['classifier_config'] },
  else: { properties: { modules: { required: ['stream_alert'] } } },
  properties: {
    id: {
      type: 'string',
      pattern: CLUSTER_ID_PATTERN,
      'x-message':
        'must start with a lowercase letter and hold only lowercase letters, digits and single _ between them (at most 23; no trailing or double _: the id is part of S3 bucket names, with dots for underscores)',
      description: 'must equal the file name; `global` and `modules` are reserved',
    },
    region: {
      ...region,
      'x-default': "global.json's `account.region` (StreamAlert 3's cluster files have none)",
      description: "the region of the cluster's root and resources",
    },
    classifier_config: classifierConfigSchema,
    data_sources: {
      type: 'object',
      description:
        "StreamAlert 3's sources of this cluster: service → entity → logs (instead of sources.json)",
    },
    enable_threat_intel: {
      type: 'boolean',
      description:
        "StreamAlert 3's: with conf/threat_intel.json enabled, records are matched when at least one cluster sets it (docs/threat-intel.md)",
    },
    modules: {
      type: 'object',
      additionalProperties: false,
      // Each module's key is its configuration descriptor's (src/config/modules).
      // stream_alert, the one required module, is required by the if/else above.
      required: CONFIG_MODULES.filter((d) => d.required && d.configKey !== 'stream_alert').map(
        (d) => d.configKey,
      ),
      properties: {
        ...Object.fromEntries(CONFIG_MODULES.map((d) => [d.configKey, d.schema])),
        // StreamAlert 3's apps: collectors where this project has their source.
        streamalert_apps: streamalertAppsSchema,
      },
    },
    outputs: {
      type: 'object',
      additionalProperties: false,
      description:
        'the modules\' outputs to make root outputs `<module>_<cluster>_<name>`, e.g. `{"kinesis": ["username", "access_key_id", "secret_key"]}` (names: see Cluster outputs)',
      // A key per module that has outputs; which names each may list is checked in cross-checks.ts.
      properties: Object.fromEntries(
        CONFIG_MODULES.filter((d) => d.outputs).map((d) => [
          d.configKey,
          { type: 'array', uniqueItems: true, items: { type: 'string' } },
        ]),
      ),
    },
    // The traffic the cost estimate (src/cost) assumes for this cluster; defaults in src/config/traffic.ts.
    traffic: {
      type: 'object',
      additionalProperties: false,
      description: 'the traffic the monthly cost estimate assumes',
      properties: {
        events_per_second: {
          type: 'number',
          minimum: 0,
          'x-default': `\`${DEFAULT_TRAFFIC.eventsPerSecond}\``,
        },
        average_event_bytes: {
          type: 'integer',
          minimum: 1,
          maximum: 1048576,
          'x-default': `\`${DEFAULT_TRAFFIC.averageEventBytes}\``,
        },
      },
    },
  },
};
