"""One dashboard world for the browser tests: the plain-folder sample in a repository served by
`git daemon`, the embedded cluster (`mooring cluster serve`), and `mooring run --listen` against
both, all on 127.0.0.1 and stopped by their PIDs."""

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("MOORING_BINARY", os.path.join(ROOT, ".build", "debug", "mooring"))
SAMPLE = os.path.join(ROOT, "Tests", "Fixtures", "plain-sample", "environments")
TOKEN = "browser-test-token-4f1c"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what, check, timeout=120, interval=0.25):
    end = time.monotonic() + timeout
    last = None
    while time.monotonic() < end:
        try:
            value = check()
            if value:
                return value
        except Exception as error:  # the server may not be up yet
            last = error
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what} (last error: {last})")


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "Ada", "GIT_AUTHOR_EMAIL": "ada@example.com",
                        "GIT_COMMITTER_NAME": "Ada", "GIT_COMMITTER_EMAIL": "ada@example.com"})


class World:
    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="mooring-browser-")
        self.children = []
        self.logs = []
        self.log_path = os.path.join(self.folder, "mooring.log")

    def start(self, environments=("develop", "master"), interval="2s", before_run=None):
        try:
            self._start(environments, interval, before_run)
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self, names, interval, before_run):
        served = os.path.join(self.folder, "served")
        bare = os.path.join(served, "config.git")
        work = os.path.join(self.folder, "work")
        os.makedirs(served)
        git("init", "--quiet", "--bare", "--initial-branch=main", bare, cwd=self.folder)
        git("init", "--quiet", "--initial-branch=main", work, cwd=self.folder)
        shutil.copytree(SAMPLE, os.path.join(work, "environments"))
        git("add", "-A", cwd=work)
        git("commit", "--quiet", "-m", "Django admin for develop and master", cwd=work)
        git("remote", "add", "origin", bare, cwd=work)
        git("push", "--quiet", "origin", "main", cwd=work)
        self.work = work
        self.bare = bare

        git_port = free_port()
        self.spawn(["git", "daemon", "--reuseaddr", "--export-all", "--enable=receive-pack", f"--base-path={served}",
                    "--listen=127.0.0.1", f"--port={git_port}", served], "git-daemon.log")
        wait_for("git daemon", lambda: socket.create_connection(("127.0.0.1", git_port), timeout=1).close() or True)

        cluster = os.path.join(self.folder, "cluster")
        self.kubeconfig = os.path.join(cluster, "kubeconfig")
        self.spawn([BINARY, "cluster", "serve", "--data", cluster, "--time-scale", "20"], "cluster.log")
        wait_for("the local cluster's kubeconfig", lambda: os.path.exists(self.kubeconfig))
        wait_for("the local cluster", lambda: self.kubectl("get", "namespaces").returncode == 0)

        if before_run:
            before_run()
        environments = ""
        for name in names:
            environments += (f"  {name}:\n    ref: main\n    path: environments/{name}\n"
                             f"    cluster: {{kubeconfig: {self.kubeconfig}}}\n    prune: true\n    healthTimeout: 90s\n")
        config = os.path.join(self.folder, "mooring.yaml")
        with open(config, "w") as file:
            file.write(f"repository:\n  url: git://127.0.0.1:{git_port}/config.git\n  interval: {interval}\n"
                       f"environments:\n{environments}"
                       "server:\n  auth: {tokenEnv: MOORING_DASHBOARD_TOKEN}\n")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.spawn([BINARY, "run", "--listen", f"127.0.0.1:{self.port}", "--config", config,
                    "--cache-dir", os.path.join(self.folder, "cache"), "--log-format", "json"],
                   "mooring.log", {"MOORING_DASHBOARD_TOKEN": TOKEN})
        wait_for("/readyz", lambda: self.get("/readyz")[0] == 200, timeout=180)

    def spawn(self, command, log, extra_env=None):
        out = open(os.path.join(self.folder, log), "w")
        self.logs.append(out)
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(extra_env or {})},
                                 start_new_session=True)
        self.children.append(child)
        return child

    def commit(self, path, edit, message):
        """Edits a file of the work clone, commits and pushes it (after pulling what Mooring pushed)."""
        git("pull", "--quiet", "--rebase", "origin", "main", cwd=self.work)
        full = os.path.join(self.work, path)
        with open(full) as file:
            text = file.read()
        with open(full, "w") as file:
            file.write(edit(text))
        git("commit", "--quiet", "-am", message, cwd=self.work)
        git("push", "--quiet", "origin", "main", cwd=self.work)

    def git_log(self, branch):
        return subprocess.run(["git", "log", "--format=%s", branch], cwd=self.bare, capture_output=True, text=True, check=True).stdout

    def kubectl(self, *args):
        return subprocess.run(["kubectl", *args, "--cache-dir", os.path.join(self.folder, "kubectl-cache")],
                              env={**os.environ, "KUBECONFIG": self.kubeconfig}, capture_output=True, text=True, timeout=60)

    def get(self, path):
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def api(self, path):
        status, body = self.get(path)
        assert status == 200, f"GET {path}: {status} {body}"
        return json.loads(body)

    def environment(self, name):
        return next(e for e in self.api("/api/v1/environments")["environments"] if e["name"] == name)

    def log(self):
        with open(self.log_path) as file:
            return file.read()

    def stop(self):
        # Newest first: mooring before the cluster and the daemon. Each by its PID (its own session).
        for child in reversed(self.children):
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGTERM)
                try:
                    child.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    os.killpg(child.pid, signal.SIGKILL)
                    child.wait()
        self.children = []
        for log in self.logs:
            log.close()
        if os.environ.get("MOORING_KEEP_WORLD") is None:
            shutil.rmtree(self.folder, ignore_errors=True)
