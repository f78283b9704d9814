"""Local AWS for streamalert-action: moto's server with the fixes our Terraform needs.

    python3 scripts/local-aws/moto_launcher.py [-H 127.0.0.1] [-p PORT] [--account ID]
                                               [--exit-with-parent]
    python3 scripts/local-aws/moto_launcher.py --fork-server SOCKET [--exit-with-parent]

(`npm run local-aws` runs it; `npm run demo` and the tests start it the same way.) It needs
moto 5.2 with its server extras: pip install "moto[server]". Without -p it takes a free
port; --account makes it play that account (moto's own default is 123456789012), so the
ARNs a configuration writes match what it creates. Before serving it prints the endpoint and the environment to use; everything it
holds is in memory and gone when it stops (Ctrl-C). moto has no authentication: keep it on
127.0.0.1.

What it changes in moto 5.2.1, and why (each verified against the AWS provider 5.100):

1. CloudTrail StartLogging/StopLogging look the trail up by name only, but the AWS
   provider calls them with the trail ARN: moto raises KeyError and the provider retries
   for many minutes. Resolve the name or ARN the way moto's own get_trail does.
2. DescribeTrails ignores trailNameList and returns every trail of the region, so with
   two clusters' trails in one region the provider fails with "too many results".
3. moto's bucket-policy evaluation ignores "Bool" and "Arn*" conditions (the statement
   then always applies) and has no request context, so the state bucket's standard "deny
   when aws:SecureTransport is false" statement denies every request, and the detection
   bundle's "deny writes to the functions' roles" (ArnLike aws:PrincipalArn) denies every
   write to an existing key. Requests to AWS travel over TLS and the test credentials are
   moto's own user, so evaluate Bool and Arn conditions, supply aws:SecureTransport =
   "true" and aws:PrincipalArn = that user, and let a Deny whose conditions do not hold not
   apply (moto returns DENIED for any statement whose conditions fail, whatever its Effect).
4. An asynchronous invocation (InvocationType Event) answers with the function's error,
   which AWS never does (it answers 202 and runs the function later): moto cannot run
   Lambda code here (no Docker), so every Event invocation came back "Handled" and an alert
   processor's aws-lambda output counted as failed. The error header is dropped for Event.
5. CreateAlias of an alias that exists with the same function version answers with that
   alias instead of 409 "Alias already exists". Seen once in about ten demo runs on a
   loaded 2-core machine: the provider's CreateAlias came back 409 for the alias the same
   apply was creating, i.e. a retried request whose first attempt had succeeded, and the
   apply failed. AWS would not have seen a retry there; a different version still conflicts.
6. An event source mapping created for an alias ("name:alias" or the alias ARN) reads back
   with the function's unqualified ARN; AWS returns the alias ARN it maps to. The provider
   compares the two, so every plan after an apply showed the mapping's function_name
   changing back (and a drift run reported it). The qualifier is kept, on create and update.
7. CreateStream drops its Tags (AddTagsToStream keeps them), so every plan after an apply
   showed the stream's tags as a change. The tags of CreateStream are added.
8. MOTO_IAM_LOAD_MANAGED_POLICIES=true (unless set otherwise): the VPC alert processor
   attaches AWSLambdaVPCAccessExecutionRole, which moto only knows when it loads AWS
   managed policies.
9. DynamoDB evaluates a write's condition and applies the write as one step; moto's server
   answers each request on its own thread and does the two without a lock, so two
   conditional writes to one item at the same moment can both pass (seen: two collector
   invocations both took the checkpoint lease, and the first one's next write found the
   lease gone). Item writes are serialized, as one item's writes are on AWS.

Not fixes but CPU (measured by sampling a forked server's threads through
test/moto/apply-production.test.ts; about a third of its samples went to the first three
of these): moto looks up the backend of every request by listing its own
package folder (os.listdir and an isdir per entry, ~150 of them, under the lock every
request takes); the list never changes while it runs, so it is read once. The fork server
parses the service models of the services the suite reaches once (botocore's JSON, cached
per process, so a child would parse each one again on its first request). A forked child
logs no line per request (its output is its parent's connection; errors still show). And
moto makes an RSA-2048 key pair for every KMS key, symmetric ones too (~0.1 CPU-s each;
a symmetric key never signs): for SYMMETRIC_DEFAULT keys the pair is made on first use.

--fork-server serves fresh servers to a test suite that starts many (one per test file):
starting one costs about 2.3 CPU seconds, nearly all of it importing moto and loading the
AWS managed policies, the same work every time. This process does that work once, listens
on the Unix socket SOCKET, and forks a child per request: a line of JSON {"port": N,
"host": H, "account": ID} (host and account optional). The child answers its pid on one
line, then its output follows on the same connection, which closes when it exits; its state
starts empty like any new server's (the parent never serves a request). Children exit with
this process.
"""
import argparse
import fnmatch
import json
import logging
import os
import re
import socket
import sys
import threading
import time

INSTALL = 'pip install "moto[server]"'
# Exit code when moto (or its server extras) is missing: the demo says so in one line.
MISSING = 3


def _fail(message):
    sys.stderr.write(message + "\n")
    sys.exit(MISSING)


os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")

try:
    import moto
    from moto.awslambda.models import LambdaBackend, LambdaFunction
    from moto.cloudtrail.models import CloudTrailBackend
    from moto.cloudtrail.responses import CloudTrailResponse
    from moto.dynamodb.models import DynamoDBBackend
    from moto.iam.access_control import IAMPolicyStatement, PermissionResult
    from moto.iam.policy_conditions import CONDITION_OPERATIONS
    from moto.kinesis.responses import KinesisResponse
    from moto.kms import models as kms_models
    from moto import backends as moto_backends
    from moto.core.utils import get_service_model
    from moto.server import main
except ImportError as err:
    _fail(f"local AWS needs moto with its server extras ({err.name or err} is missing): {INSTALL}")

if not moto.__version__.startswith("5."):
    _fail(f"local AWS is made for moto 5.x, this is moto {moto.__version__}: {INSTALL}")


def _start_logging(self, name):
    self.get_trail(name).start_logging()


def _stop_logging(self, name):
    self.get_trail(name).stop_logging()


_describe_trails = CloudTrailResponse.describe_trails


def _describe_named_trails(self):
    body = _describe_trails(self)
    wanted = self._get_param("trailNameList")
    if not wanted:
        return body
    data = json.loads(body)
    data["trailList"] = [t for t in data["trailList"] if t.get("Name") in wanted or t.get("TrailARN") in wanted]
    return json.dumps(data)


def _bool_equals(expected, actual):
    values = expected if isinstance(expected, list) else [expected]
    return str(actual).lower() in [str(v).lower() for v in values]


def _arn_like(expected, actual):
    values = expected if isinstance(expected, list) else [expected]
    return any(fnmatch.fnmatchcase(str(actual), str(v)) for v in values)


def _arn_not_like(expected, actual):
    return not _arn_like(expected, actual)


_is_action_permitted = IAMPolicyStatement.is_action_permitted


def _over_tls(self, action, resource="*", principal=None, incoming_condition_values=None):
    caller = f"arn:aws:iam::{os.environ.get('MOTO_ACCOUNT_ID', '123456789012')}:user/moto"
    context = {
        "aws:SecureTransport": "true",
        "aws:PrincipalArn": caller,
        **(incoming_condition_values or {}),
    }
    if (
        self._statement.get("Effect") == "Deny"
        and self._statement.get("Condition")
        and not self._check_conditions(context)
    ):
        return PermissionResult.NEUTRAL
    return _is_action_permitted(self, action, resource, principal, context)


_invoke = LambdaFunction.invoke


def _invoke_async_without_error(self, body, request_headers, response_headers):
    result = _invoke(self, body, request_headers, response_headers)
    if str(request_headers.get("x-amz-invocation-type", "")).lower() == "event":
        response_headers.pop("x-amz-function-error", None)
    return result


LambdaFunction.invoke = _invoke_async_without_error

_create_alias = LambdaBackend.create_alias


def _create_alias_replayed(self, name, function_name, function_version, description, routing_config):
    try:
        return _create_alias(self, name, function_name, function_version, description, routing_config)
    except Exception as err:  # moto's ConflictException
        if "already exists" not in str(err):
            raise
        existing = self.get_alias(name, function_name)
        if existing.function_version != function_version:
            raise
        return existing


LambdaBackend.create_alias = _create_alias_replayed


def _qualified_function_arn(function_arn, function_name):
    """function_arn with the alias or version `function_name` names, as AWS reports it."""
    if not function_name:
        return function_arn
    parts = function_name.split(":")
    if function_name.startswith("arn:"):
        qualifier = parts[7] if len(parts) == 8 else None
    else:
        qualifier = parts[1] if len(parts) == 2 else None
    unqualified = ":".join(function_arn.split(":")[:7])
    return f"{unqualified}:{qualifier}" if qualifier else unqualified


_create_esm = LambdaBackend.create_event_source_mapping
_update_esm = LambdaBackend.update_event_source_mapping


def _create_esm_qualified(self, spec):
    esm = _create_esm(self, spec)
    esm.function_arn = _qualified_function_arn(esm.function_arn, spec.get("FunctionName"))
    return esm


def _update_esm_qualified(self, uuid, spec):
    esm = _update_esm(self, uuid, spec)
    if esm and spec.get("FunctionName"):
        esm.function_arn = _qualified_function_arn(esm.function_arn, spec["FunctionName"])
    return esm


LambdaBackend.create_event_source_mapping = _create_esm_qualified
LambdaBackend.update_event_source_mapping = _update_esm_qualified

_create_stream = KinesisResponse.create_stream


def _create_stream_tagged(self):
    result = _create_stream(self)
    tags = self._get_param("Tags")
    if tags:
        self.kinesis_backend.add_tags_to_stream(None, self._get_param("StreamName"), tags)
    return result


KinesisResponse.create_stream = _create_stream_tagged
CloudTrailBackend.start_logging = _start_logging
CloudTrailBackend.stop_logging = _stop_logging
CloudTrailResponse.describe_trails = _describe_named_trails
CONDITION_OPERATIONS.setdefault("Bool", _bool_equals)
# AWS compares ARNs with wildcards under both names.
for _name in ("ArnLike", "ArnEquals"):
    CONDITION_OPERATIONS.setdefault(_name, _arn_like)
for _name in ("ArnNotLike", "ArnNotEquals"):
    CONDITION_OPERATIONS.setdefault(_name, _arn_not_like)
IAMPolicyStatement.is_action_permitted = _over_tls


class _KeyPairOnFirstUse:
    """A KMS key's private key, made when something first signs, verifies or reads it."""

    def __init__(self, make, key_spec):
        self._make = make
        self._key_spec = key_spec
        self._key = None

    def __getattr__(self, name):
        if self._key is None:
            self._key = self._make(self._key_spec)
        return getattr(self._key, name)


def _private_key_on_first_use(make):
    def generate(key_spec):
        if key_spec == "SYMMETRIC_DEFAULT":
            return _KeyPairOnFirstUse(make, key_spec)
        return make(key_spec)

    return generate


kms_models.generate_private_key = _private_key_on_first_use(kms_models.generate_private_key)

_MOTO_MODULES = tuple(moto_backends.list_of_moto_modules())
moto_backends.list_of_moto_modules = lambda: _MOTO_MODULES


_ITEM_WRITES = threading.Lock()


def _serialized(write):
    def serialized(self, *args, **kwargs):
        with _ITEM_WRITES:
            return write(self, *args, **kwargs)

    return serialized


for _name in ("put_item", "update_item", "delete_item", "batch_write_item", "transact_write_items"):
    setattr(DynamoDBBackend, _name, _serialized(getattr(DynamoDBBackend, _name)))


def _free_port(host):
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _exit_with_parent():
    """Stops this server when the process that started it is gone (killed without cleanup)."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


# The services the suite's Terraform and SDK calls reach; a child finds them imported.
_PREWARM = (
    "cloudtrail", "cloudwatch", "dynamodb", "ec2", "events", "firehose", "iam", "kinesis",
    "kms", "lambda", "logs", "s3", "secretsmanager", "sns", "sqs", "ssm", "sts",
)


def _fork_server(path):
    import signal

    from moto.backends import get_backend
    from moto.moto_server.werkzeug_app import create_backend_app

    for service in _PREWARM:
        create_backend_app(service)
        get_backend(service)
        get_service_model(service)
    # The managed policies of the default account (per account; other accounts load theirs).
    get_backend("iam")["123456789012"]["global"]
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the children
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    while True:
        conn, _ = listener.accept()
        try:
            request = json.loads(conn.makefile("r").readline() or "{}")
        except ValueError:
            conn.close()
            continue
        if os.fork() == 0:
            listener.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            logging.getLogger("werkzeug").setLevel(logging.WARNING)
            conn.sendall(f"{os.getpid()}\n".encode())
            os.dup2(conn.fileno(), 1)
            os.dup2(conn.fileno(), 2)
            conn.close()
            argv = ["-H", str(request.get("host", "127.0.0.1")), "-p", str(int(request["port"]))]
            if request.get("account"):
                argv += ["--account", str(request["account"])]
            try:
                run([*argv, "--exit-with-parent"])
            finally:
                os._exit(0)
        conn.close()


def run(argv):
    ours = argparse.ArgumentParser(add_help=False)
    ours.add_argument("--fork-server")
    ours.add_argument("-H", "--host", default="127.0.0.1")
    ours.add_argument("-p", "--port", type=int)
    ours.add_argument("--account")
    ours.add_argument("--exit-with-parent", action="store_true")
    args, rest = ours.parse_known_args(argv)
    if args.account is not None:
        if not re.fullmatch(r"\d{12}", args.account):
            sys.stderr.write(f"--account: {args.account!r} is not a 12-digit AWS account id\n")
            sys.exit(2)
        os.environ["MOTO_ACCOUNT_ID"] = args.account
    if args.exit_with_parent:
        _exit_with_parent()
    if args.fork_server:
        return _fork_server(args.fork_server)
    port = args.port if args.port is not None else _free_port(args.host)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    endpoint = f"http://{shown}:{port}"
    print(
        f"local AWS: moto {moto.__version__} with streamalert-action's fixes on {endpoint} "
        f"(account {os.environ.get('MOTO_ACCOUNT_ID', '123456789012')}); "
        "not AWS: what it holds is gone when it stops (Ctrl-C)\n"
        "use it from another shell (test credentials; nothing reaches real AWS):\n"
        "  unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ROLE_ARN AWS_WEB_IDENTITY_TOKEN_FILE\n"
        f"  export AWS_ENDPOINT_URL={endpoint} AWS_ACCESS_KEY_ID=testing "
        "AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1\n"
        "try (from the streamalert-action checkout):\n"
        f"  node dist/cli/index.js demo --aws-endpoint {endpoint}   # deploys examples/production here\n"
        f"  node dist/cli/index.js render --aws-endpoint {endpoint}  # your conf/, every AWS call sent here",
        flush=True,
    )
    main([*rest, "-H", args.host, "-p", str(port)])


if __name__ == "__main__":
    run(sys.argv[1:])
