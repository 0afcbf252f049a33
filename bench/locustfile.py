"""Load shapes for bench/run (locust, headless).

BENCH_PATHS: one path, or several separated by "|" taken in turn. BENCH_MODE
"vote": each simulated user signs in as many distinct members (sessions made by
bench/run, in BENCH_SESSIONS) and supports then withdraws priorities through
the API.

FastHttpUser (geventhttpclient) rather than HttpUser (requests): the load
generator shares the machine's two cores with the portal, and it needs several
times less CPU per request.
"""

import itertools
import json
import os
import random

from locust import FastHttpUser, constant, task

PATHS = os.environ.get("BENCH_PATHS", "/").split("|")
MODE = os.environ.get("BENCH_MODE", "get")
# BENCH_SESSION: read as that signed-in member (no shared page copy).
HEADERS = (
    {"Cookie": f"sessionid={os.environ['BENCH_SESSION']}"}
    if os.environ.get("BENCH_SESSION")
    else {}
)


class Reader(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        self.paths = itertools.cycle(PATHS)

    @task
    def get(self):
        path = next(self.paths)
        name = os.environ.get("BENCH_NAME", path)
        with self.client.get(
            path, name=name, headers=HEADERS, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")


if MODE == "vote":
    with open(os.environ["BENCH_SESSIONS"]) as handle:
        SESSIONS = json.load(handle)
    PRIORITIES = [int(p) for p in os.environ["BENCH_PRIORITIES"].split(",")]
    _members = itertools.cycle(SESSIONS)

    class Voter(FastHttpUser):
        wait_time = constant(0)

        @task
        def cast_and_withdraw(self):
            session, csrf = next(_members)
            headers = {
                "Cookie": f"sessionid={session}; csrftoken={csrf}",
                "X-CSRFToken": csrf,
            }
            url = f"/api/v1/priorities/{random.choice(PRIORITIES)}/vote/"
            for method, ok in (("post", (200, 201)), ("delete", (204,))):
                with self.client.request(
                    method,
                    url,
                    name=f"vote {method}",
                    headers=headers,
                    catch_response=True,
                ) as response:
                    if response.status_code not in ok:
                        response.failure(f"HTTP {response.status_code}")

    Reader = None
