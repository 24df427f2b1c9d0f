# Browser fixtures (headless Chromium) for the journeys and the accessibility check.
from testkit.browser import browser, page, territory  # noqa: F401
