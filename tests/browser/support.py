"""Headless Chromium for the tests that use the users' own pages (GraphiQL, Neo4j Browser).

Debian's `chromium` and `chromium-driver` (installed by `make install-test`) driven through
selenium. The browser resolves 127.0.0.1 and localhost only, so a page that reaches for the
internet (a CDN, a font service) fails as it would on a bank's desktop with no internet access.
Screenshots are kept under test-artifacts/ for a look after the run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from gateway.settings import PROJECT_ROOT

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
INSTALL = "run `make install-test` (as root it installs them: apt-get install -y chromium chromium-driver)"


class ChromiumMissing(RuntimeError):
    pass


def find(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ChromiumMissing(f"`{name}` is not on PATH: {INSTALL}")
    return found


def start_chromium(width: int = 1400, height: int = 1000) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = find("chromium")
    for argument in (
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        f"--window-size={width},{height}",
        # Offline, as on a bank's desktop: every host but loopback is unresolvable.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
        "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--metrics-recording-only",
    ):
        options.add_argument(argument)
    # What the page loaded and logged, for asserting that nothing left loopback and nothing failed.
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(options=options, service=Service(executable_path=find("chromedriver")))


def screenshot(driver: webdriver.Chrome, name: str) -> Path:
    """Keep what the page shows now as test-artifacts/<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path
