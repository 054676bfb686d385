from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium import webdriver

from tests.browser.support import start_chromium


@pytest.fixture(scope="session")
def chromium_process() -> Iterator[webdriver.Chrome]:
    """One headless Chromium for the run's browser tests (offline: loopback only)."""
    driver = start_chromium()
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def chromium(chromium_process: webdriver.Chrome) -> webdriver.Chrome:
    """The shared browser on a blank page with empty logs. A page an earlier test left open keeps
    running after that test's gateway stopped (GraphiQL's subscription socket retries it and logs
    each failure); leaving it first means nothing it logs lands in this test's log."""
    chromium_process.get("about:blank")
    chromium_process.get_log("browser")
    chromium_process.get_log("performance")
    return chromium_process
