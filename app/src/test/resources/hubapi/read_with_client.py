"""Reads a running evalbot through the Hub's official client, as a dashboard would.

Usage: python read_with_client.py ENDPOINT MODEL_ID...
Prints one JSON object: every benchmark's leaderboard as get_dataset_leaderboard parses it (the
default and base_model_only=False), every task's (?task_id=, evalbot's extension, parsed by the
client's DatasetLeaderboardEntry), each model's eval_results, and what an unknown benchmark or
model raises.
"""
import json
import sys

from huggingface_hub import DatasetLeaderboardEntry, HfApi
from huggingface_hub.utils import HfHubHTTPError, get_session, hf_raise_for_status

endpoint, models = sys.argv[1], sys.argv[2:]
api = HfApi(endpoint=endpoint, token=False)


def entry(e):
    author = e.author
    return {
        "rank": e.rank,
        "model_id": e.model_id,
        "value": e.value,
        "filename": e.filename,
        "verified": e.verified,
        "source": e.source,
        "author_class": type(author).__name__,
        "author_name": getattr(author, "username", None) or getattr(author, "name", None),
        "pull_request": e.pull_request,
        "notes": e.notes,
    }


def raised(call):
    try:
        call()
    except HfHubHTTPError as e:
        return {"class": type(e).__name__, "status": e.response.status_code, "message": str(e)}
    return None


session = get_session()
out = {"boards": {}, "models": {}}
index = session.get(endpoint + "/api/leaderboards")
hf_raise_for_status(index)
for board in index.json()["leaderboards"]:
    bid = board["benchmark"]
    own = session.get(endpoint + "/api/leaderboards/" + bid)
    hf_raise_for_status(own)
    tasks = {}
    for task in own.json()["tasks"]:
        r = session.get(f"{endpoint}/api/datasets/{bid}/leaderboard",
                        params={"task_id": task["id"], "base_model": False})
        hf_raise_for_status(r)
        tasks[task["id"]] = [entry(DatasetLeaderboardEntry(**e)) for e in r.json()]
    out["boards"][bid] = {
        "default": [entry(e) for e in api.get_dataset_leaderboard(bid)],
        "all": [entry(e) for e in api.get_dataset_leaderboard(bid, base_model_only=False)],
        "tasks": tasks,
    }
for model in models:
    info = api.model_info(model, expand=["evalResults"])
    out["models"][model] = {
        "id": info.id,
        "eval_results": [vars(r) for r in (info.eval_results or [])],
    }
out["unknown_benchmark"] = raised(lambda: api.get_dataset_leaderboard("nobody/no-such-benchmark"))
out["unknown_model"] = raised(lambda: api.model_info("nobody/no-such-model", expand=["evalResults"]))
print(json.dumps(out))
