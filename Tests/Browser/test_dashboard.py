"""The dashboard in a real browser: Debian's Chromium driven by Playwright for Python (launched at
/usr/bin/chromium, no browser download), against `mooring run --listen` on the embedded cluster
and `git daemon` (issue 16's "Done when"). Missing Chromium or Playwright is a failure, not a skip:
CI installs both with scripts/install-deps.sh."""

import base64
import os
import re
import time
import unittest

from world import ROOT, TOKEN, World, wait_for

CHROMIUM = os.environ.get("MOORING_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = os.environ.get("MOORING_ARTIFACTS", os.path.join(ROOT, ".build", "browser-artifacts"))

# Measures a screenshot in the browser itself: the share of sampled pixels unlike the most common
# (background) colour, and how many colours there are.
INK = """async (data) => {
  const image = new Image();
  image.src = "data:image/png;base64," + data;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.width; canvas.height = image.height;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const pixels = context.getImageData(0, 0, image.width, image.height).data;
  const counts = new Map();
  let total = 0;
  for (let y = 0; y < image.height; y += 2) for (let x = 0; x < image.width; x += 2) {
    const i = (y * image.width + x) * 4;
    const key = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
    counts.set(key, (counts.get(key) || 0) + 1); total++;
  }
  const background = Math.max(...counts.values());
  return { width: image.width, height: image.height, ink: (total - background) / total, colours: counts.size };
}"""


def require_browser():
    if not os.path.exists(CHROMIUM):
        raise AssertionError(f"{CHROMIUM} is missing: scripts/install-deps.sh installs Debian's chromium")
    try:
        from playwright.sync_api import sync_playwright  # noqa: F401
    except ImportError as error:
        raise AssertionError(f"Playwright for Python is missing ({error}): scripts/install-deps.sh installs it from PyPI")


class DashboardInChromium(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        require_browser()
        from playwright.sync_api import sync_playwright
        cls.world = World().start()
        try:
            cls.playwright = sync_playwright().start()
            cls.browser = cls.playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        except BaseException:
            cls.world.stop()
            raise
        os.makedirs(ARTIFACTS, exist_ok=True)
        # Both environments applied and Healthy before any test looks.
        wait_for("develop and master Healthy", lambda: all(
            cls.world.environment(name)["health"] == "Healthy" and cls.world.environment(name)["sync"] == "Synced"
            for name in ("develop", "master")), timeout=240)

    @classmethod
    def tearDownClass(cls):
        try:
            cls.browser.close()
            cls.playwright.stop()
        finally:
            cls.world.stop()

    def page(self, width=1280, height=800):
        context = self.browser.new_context(viewport={"width": width, "height": height})
        self.addCleanup(context.close)
        page = context.new_page()
        page.set_default_timeout(30_000)
        return page

    def screenshot(self, page, name):
        """Saves the page as a test artifact and checks it is not blank (and has no sideways scroll)."""
        path = os.path.join(ARTIFACTS, f"{name}.png")
        data = page.screenshot(path=path, full_page=True)
        width = page.viewport_size["width"]
        overflow = page.evaluate("document.documentElement.scrollWidth")
        self.assertLessEqual(overflow, width, f"{name}: the page is {overflow} px wide in a {width} px viewport")
        checker = self.browser.new_page()
        try:
            measured = checker.evaluate(INK, base64.b64encode(data).decode())
        finally:
            checker.close()
        self.assertGreater(measured["ink"], 0.01, f"{name} looks blank: {measured}")
        self.assertGreater(measured["colours"], 8, f"{name} looks blank: {measured}")
        return path

    def sign_in(self, page, name="Ada Lovelace"):
        page.goto(self.world.base + "/login")
        page.get_by_label("Your name").fill(name)
        page.get_by_label("Token").fill(TOKEN)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(self.world.base + "/")

    # -- the tests, in the order -------------------------------------------------------

    def test_1_overview_shows_both_environments_healthy(self):
        page = self.page()
        page.goto(self.world.base + "/")
        for name in ("develop", "master"):
            card = page.locator(f"li.card[data-environment='{name}']")
            self.assertEqual(card.locator("[data-health]").get_attribute("data-health"), "Healthy")
            self.assertEqual(card.locator("[data-sync]").get_attribute("data-sync"), "Synced")
            self.assertIn("Ada", card.inner_text())  # the commit's author
        for width in (1280, 360):
            page.set_viewport_size({"width": width, "height": 800})
            self.screenshot(page, f"overview-{width}")

    def test_2_environment_page_shows_history_and_objects(self):
        page = self.page()
        page.goto(self.world.base + "/environments/master")
        objects = page.locator("section[aria-labelledby='objects']")
        self.assertIn("django-admin", objects.inner_text())
        self.assertIn("Deployment.apps", objects.inner_text())
        timeline = page.locator("ol.timeline li")
        self.assertGreaterEqual(timeline.count(), 1)
        self.assertIn("sync", timeline.first.inner_text())
        for width in (1280, 360):
            page.set_viewport_size({"width": width, "height": 800})
            self.screenshot(page, f"environment-{width}")
        # The object page: desired and live YAML, the diff, Events.
        page.set_viewport_size({"width": 1280, "height": 800})
        page.locator("tr[data-object='Deployment.apps django-master/django-admin'] a").click()
        page.wait_for_selector("h2#manifests")
        self.assertIn("kind: Deployment", page.locator("pre.yaml").first.inner_text())
        for width in (1280, 360):
            page.set_viewport_size({"width": width, "height": 800})
            self.screenshot(page, f"object-{width}")
        page.goto(self.world.base + "/preview?environment=master&revision=main")
        self.assertIn("No changes", page.locator("#result ~ *").first.inner_text() + page.inner_text("main"))
        for width in (1280, 360):
            page.set_viewport_size({"width": width, "height": 800})
            self.screenshot(page, f"preview-{width}")

    def test_3_drift_appears_without_reload_after_kubectl_scale(self):
        page = self.page()
        page.goto(self.world.base + "/environments/develop")
        page.evaluate("window.__notReloaded = true")
        self.assertEqual(page.locator("h1 [data-sync]").get_attribute("data-sync"), "Synced")
        scaled = self.world.kubectl("scale", "deployment/django-admin", "-n", "django-develop", "--replicas=3")
        self.assertEqual(scaled.returncode, 0, scaled.stderr)
        page.wait_for_selector("h1 [data-sync='OutOfSync']", timeout=90_000)
        self.assertTrue(page.evaluate("window.__notReloaded === true"), "the page was reloaded")
        drift = page.locator("section[aria-labelledby='drift']").inner_text()
        self.assertIn("spec.replicas", drift)
        self.screenshot(page, "environment-drift-1280")

    def test_4_signing_in_and_pressing_sync_records_a_sync(self):
        page = self.page()
        self.sign_in(page)
        page.goto(self.world.base + "/environments/develop")
        before = [op["id"] for op in self.world.api("/api/v1/environments/develop")["history"]]
        page.get_by_role("button", name="Sync now").click()
        page.wait_for_url(re.compile(r".*/environments/develop$"))
        entry = page.locator("ol.timeline li [data-requested-by='Ada Lovelace']").first
        entry.wait_for(timeout=120_000)
        history = self.world.api("/api/v1/environments/develop")["history"]
        new = [op for op in history if op["id"] not in before]
        self.assertTrue(any(op["operation"] == "sync" and op.get("requestedBy") == "Ada Lovelace" for op in new), history)
        self.screenshot(page, "environment-signed-in-1280")

    def test_5_a_post_without_the_csrf_token_is_refused(self):
        page = self.page()
        self.sign_in(page, "Mallory")
        history = len(self.world.api("/api/v1/environments/master")["history"])
        # The session cookie rides along (same browser context); only the token is missing or wrong.
        for form in ({}, {"csrf": "0" * 64}):
            answer = page.request.post(self.world.base + "/environments/master/sync", form=form, max_redirects=0)
            self.assertEqual(answer.status, 403, answer.text())
        # Signed out, with a token: refused too.
        anonymous = self.page()
        anonymous.goto(self.world.base + "/environments/master")
        answer = anonymous.request.post(self.world.base + "/environments/master/sync", form={"csrf": ""}, max_redirects=0)
        self.assertEqual(answer.status, 403)
        time.sleep(3)
        self.assertEqual(len(self.world.api("/api/v1/environments/master")["history"]), history, "a refused POST recorded an operation")
        # The session cookie's attributes, as the browser got them.
        cookie = next(c for c in page.context.cookies() if c["name"] == "mooring_session")
        self.assertTrue(cookie["httpOnly"])
        self.assertEqual(cookie["sameSite"], "Strict")

    def test_6_rolling_back_from_the_timeline_reverts_in_git_and_records_who(self):
        debug = lambda: self.world.kubectl("get", "configmap", "django-settings", "-n", "django-develop",
                                           "-o", "jsonpath={.data.DEBUG}").stdout
        good = self.world.environment("develop")["revision"]["id"]
        self.world.commit("environments/develop/configmap.yaml", lambda text: text.replace('DEBUG: "True"', 'DEBUG: "False"'),
                          "Debug off in develop")
        wait_for("the new commit applied", lambda: debug() == "False", timeout=120)
        wait_for("its operation recorded", lambda: self.world.environment("develop")["lastOperation"]["revision"] != good, timeout=60)
        page = self.page()
        self.sign_in(page, "Grace Hopper")
        page.goto(self.world.base + "/environments/develop")
        page.get_by_role("button", name=re.compile(r"Roll back to #\d+ \(" + good[:7] + r"\)")).first.click()
        page.locator("ol.timeline li [data-requested-by='Grace Hopper']").first.wait_for(timeout=120_000)
        self.assertEqual(debug(), "True")
        last = self.world.environment("develop")["lastOperation"]
        self.assertEqual((last["operation"], last.get("requestedBy")), ("rollback", "Grace Hopper"), last)
        log = self.world.git_log("main")
        self.assertIn("Revert", log.splitlines()[0], log)

    def test_7_promoting_from_the_preview_commits_pushes_and_syncs_the_target(self):
        page = self.page()
        self.sign_in(page, "Katherine Johnson")
        page.goto(self.world.base + "/preview?from=develop&to=master")
        self.assertIn("develop", page.locator("section[aria-labelledby=result]").inner_text())
        page.get_by_role("button", name=re.compile("Promote develop → master")).click()
        page.wait_for_url(re.compile(r".*/environments/master$"))
        page.locator("ol.timeline li [data-requested-by='Katherine Johnson']").first.wait_for(timeout=120_000)
        self.assertIn("develop", self.world.git_log("main").splitlines()[0])
        image = self.world.kubectl("get", "deployment", "django-admin", "-n", "django-master",
                                   "-o", "jsonpath={.spec.template.spec.containers[0].image}").stdout
        self.assertIn("4.2.16-rc.3", image)


if __name__ == "__main__":
    unittest.main(verbosity=2)
