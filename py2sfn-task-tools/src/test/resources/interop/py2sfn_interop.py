"""Runs py2sfn-task-tools (the Python original) operations for the Java interop tests.

Reads a JSON object from stdin: {"table_name", "bucket", "namespace", "calls": [{"op", "args"}]}
and prints a JSON list with one result per call. Endpoints, credentials and region come from the
environment (DYNAMODB_ENDPOINT_URL, S3_ENDPOINT_URL, AWS_*), which the library reads at import.
"""
import json
import sys

from py2sfn_task_tools.state_data_client import StateDataClient


def main() -> None:
    request = json.load(sys.stdin)
    client = StateDataClient(
        default_table_name=request["table_name"],
        namespace=request["namespace"],
        s3_bucket=request["bucket"],
    )
    results = []
    for call in request["calls"]:
        operation = getattr(client, call["op"])
        args = call.get("args", {})
        results.append(operation(**args))
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
