"""Starts moto_server with the fixes our Terraform needs against moto 5.2.1.

1. CloudTrail StartLogging/StopLogging look the trail up by name only, but the AWS
   provider calls them with the trail ARN: moto raises KeyError and the provider retries
   for many minutes. Resolve the name or ARN the way moto's own get_trail does.
2. DescribeTrails ignores trailNameList and returns every trail of the region, so with
   two clusters' trails in one region the provider fails with "too many results".
3. moto's bucket-policy evaluation ignores "Bool" conditions (the statement then always
   applies) and has no request context, so the state bucket's standard "deny when
   aws:SecureTransport is false" statement denies every request. Requests to AWS travel
   over TLS, so evaluate Bool conditions, supply aws:SecureTransport = "true", and let a
   Deny whose conditions do not hold not apply (moto returns DENIED for any statement whose
   conditions fail, whatever its Effect).
"""
import json
import sys

from moto.cloudtrail.models import CloudTrailBackend
from moto.cloudtrail.responses import CloudTrailResponse
from moto.iam.access_control import IAMPolicyStatement, PermissionResult
from moto.iam.policy_conditions import CONDITION_OPERATIONS
from moto.server import main


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


_is_action_permitted = IAMPolicyStatement.is_action_permitted


def _over_tls(self, action, resource="*", principal=None, incoming_condition_values=None):
    context = {"aws:SecureTransport": "true", **(incoming_condition_values or {})}
    if (
        self._statement.get("Effect") == "Deny"
        and self._statement.get("Condition")
        and not self._check_conditions(context)
    ):
        return PermissionResult.NEUTRAL
    return _is_action_permitted(self, action, resource, principal, context)


CloudTrailBackend.start_logging = _start_logging
CloudTrailBackend.stop_logging = _stop_logging
CloudTrailResponse.describe_trails = _describe_named_trails
CONDITION_OPERATIONS.setdefault("Bool", _bool_equals)
IAMPolicyStatement.is_action_permitted = _over_tls

if __name__ == "__main__":
    main(sys.argv[1:])
