export const USAGE = `usage: streamalert <command> [options]

commands:
  init [folder]            scaffold a new detection repository in folder (default: .): conf/, a rule
                           and its fixtures, workflows, .gitignore; refuses a folder that is not empty
  validate                 check the configuration (schemas and cross-file rules)
  render                   validate, then write one Terraform root per cluster plus global
  build                    build the Lambda zips (rule + alert processor) and manifest.json
  test                     run the rule fixtures (tests/rules/*.json) against the rules
  plan                     validate, render, build, test, then init/plan every root; writes
                           <out-dir>/plan-comment.md (the pull-request comment) and plan-report.json;
                           without the state bucket, the first deployment (global creates it)
  apply                    apply the saved plans; refuses a plan that is stale, a first deployment
                           and the destroy of a removed cluster
  demo                     (npm run demo) deploy an example into a fresh local AWS stand-in (moto;
                           needs python3 and pip install "moto[server]") as the action does on a
                           first merge, send its sample records through it and show the alerts;
                           never real AWS, and stops everything it started

options:
  --config-dir DIR         configuration folder (default: conf)
  --out-dir DIR            render/plan/apply: where the Terraform tree goes (default: terraform);
                           build: where the zips go (default: build)
  --build-dir DIR          render/plan: where the processor zips are built (default: build)
  --rules-dir DIR          build/test/plan: the detection rules (default: rules)
  --fixtures-dir DIR       test/plan: the rule fixtures (default: tests/rules)
  --aws-endpoint URL       render/plan/apply: send every AWS call to URL (LocalStack, moto), S3 path-style;
                           demo: a stand-in already running on this machine (npm run local-aws)
  --example NAME           demo: the example under examples/ to deploy (default: production)
  --bootstrap              render: global root with a local backend, to create the state bucket
  --clusters a,b           plan/apply: only these roots (cluster ids and/or global; commas or spaces)
  --parallelism N          plan: roots planned at once (default: number of CPUs)
  --backend-config K=V     plan/apply: passed to every terraform init (repeatable)
  --terraform-binary BIN   plan/apply: terraform or tofu (default: terraform)
  --mask-pattern REGEX     mask what REGEX matches (or its group named secret) as *** in
                           every message, plan-comment.md and plan-report.json (repeatable);
                           credentials in AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
                           GITHUB_TOKEN, GH_TOKEN and TF_TOKEN_* are always masked
  --fail-on LEVEL          plan: exit 1 when this change brings a new unwaived security finding
                           of LEVEL or above: none (default), high or medium
  --force                  init: add the missing files to a folder that is not empty; a file
                           already there is never overwritten (those that differ are listed)
  -h, --help               show this help
`;
