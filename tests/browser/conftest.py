from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium import webdriver

from tests.browser.support import start_chromium


@pytest.fixture(scope="session")
def chromium() -> Iterator[webdriver.Chrome]:
    """One headless Chromium for the run's browser tests (offline: loopback only)."""
    driver = start_chromium()
    try:
        yield driver
    finally:
        driver.quit()
