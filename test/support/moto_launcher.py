"""Starts moto_server with the one fix our Terraform needs.

moto 5.2.1 looks trails up by name only in StartLogging/StopLogging, but the AWS provider
calls them with the trail ARN: moto raises KeyError and the provider retries for many
minutes. Resolve the name or ARN the way moto's own get_trail does, then run the server.
"""
import sys

from moto.cloudtrail.models import CloudTrailBackend
from moto.server import main


def _start_logging(self, name):
    self.get_trail(name).start_logging()


def _stop_logging(self, name):
    self.get_trail(name).stop_logging()


CloudTrailBackend.start_logging = _start_logging
CloudTrailBackend.stop_logging = _stop_logging

if __name__ == "__main__":
    main(sys.argv[1:])
