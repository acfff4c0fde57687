"""Drives the Python original, py2sfn-task-tools 1.0.2, for PythonOriginal.java.

Reads {"table_name", "bucket", "namespace", "calls": [{"op", "args"}], "jobs": [{"op", "key",
"count", "size", "warmup", "runs"}]} from stdin and prints {"import_s", "results": [...],
"timings": [{"times_s": [...]}, ...]}: one result per call (what the StateDataClient method
returned), one timing per job. Endpoints, credentials and region come from the environment
(DYNAMODB_ENDPOINT_URL, S3_ENDPOINT_URL, AWS_*), which the library reads at import.

Jobs are timed loops for the benchmarks. Times are taken inside Python (time.perf_counter), so
interpreter start and imports are excluded (and reported as import_s). Ops: put_items / get_items
(one time per run), put_item / get_item (one time per call; "runs" calls). The elements are built
by the same rule as the Java benchmark harness (Payloads.java).
"""
import json
import sys
import time

_t0 = time.perf_counter()
from py2sfn_task_tools.state_data_client import StateDataClient  # noqa: E402

IMPORT_S = time.perf_counter() - _t0

FILLER = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
          "incididunt ut labore. ")


def filler(length):
    return (FILLER * (length // len(FILLER) + 1))[:length]


def element(index, size):
    data = {
        "index": index,
        "name": f"element-{index}",
        "tags": ["alpha", "beta", "gamma"],
        "values": [index * 0.5 + k for k in range(8)],
        "text": "",
    }
    overhead = len(json.dumps(data, separators=(",", ":")).encode("utf-8"))
    data["text"] = filler(max(0, size - overhead))
    return data


def run_call(client, call):
    return getattr(client, call["op"])(**call.get("args", {}))


def timed(warmup, runs, operation, check=None):
    """Calls operation warmup + runs times; returns the times of the last runs, checks excluded."""
    times = []
    for run in range(warmup + runs):
        start = time.perf_counter()
        result = operation()
        elapsed = time.perf_counter() - start
        if check:
            check(result)
        if run >= warmup:
            times.append(elapsed)
    return times


def run_job(client, job):
    op, key = job["op"], job["key"]
    count, size = job.get("count", 1), job.get("size", 1024)
    warmup, runs = job.get("warmup", 1), job.get("runs", 3)

    def check_count(items):
        if len(items) != count:
            raise SystemExit(f"get_items({key}) returned {len(items)} items, expected {count}")

    def check_first(data):
        if data["index"] != 0:
            raise SystemExit(f"get_item({key}) returned a wrong item")

    if op == "put_items":
        elements = [element(i, size) for i in range(count)]
        times = timed(warmup, runs, lambda: client.put_items(key, elements))
    elif op == "get_items":
        times = timed(warmup, runs, lambda: client.get_items(key), check_count)
    elif op == "put_item":
        data = element(0, size)
        times = timed(warmup, runs, lambda: client.put_item(key, data))
    elif op == "get_item":
        times = timed(warmup, runs, lambda: client.get_item(key), check_first)
    else:
        raise SystemExit(f"unknown op {op}")
    return {"times_s": times}


def main():
    request = json.load(sys.stdin)
    client = StateDataClient(
        default_table_name=request["table_name"],
        namespace=request["namespace"],
        s3_bucket=request["bucket"],
    )
    results = [run_call(client, call) for call in request.get("calls", [])]
    timings = [run_job(client, job) for job in request.get("jobs", [])]
    json.dump({"import_s": IMPORT_S, "results": results, "timings": timings}, sys.stdout)


if __name__ == "__main__":
    main()
