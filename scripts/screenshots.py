"""Screenshots of the main pages for the README, from a running demo site (scripts/start.sh).

    .venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000] [OUTDIR]

Uses Debian's Chromium through Playwright; never downloads a browser.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots")
PASSWORD = "ketenregie-demo-2026"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]

PAGES = [
    ("coordinator@demo.ketenregie.nl", "/networks/doen-wat-werkt/", "network.png", 1280),
    ("coordinator@demo.ketenregie.nl", "/networks/doen-wat-werkt/rounds/2025-najaar/results/", "dashboard.png", 1280),
    ("coordinator@demo.ketenregie.nl", "/networks/doen-wat-werkt/rounds/2026-najaar/monitor/", "monitor.png", 1280),
]


def login(page, email: str) -> None:
    page.goto(f"{BASE}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for email, path, name, width in PAGES:
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            login(page, email)
            page.goto(BASE + path)
            page.screenshot(path=str(OUT / name), full_page=False)
            context.close()
        # The questionnaire as a member sees it on a phone.
        context = browser.new_context(viewport={"width": 360, "height": 780}, device_scale_factor=1)
        page = context.new_page()
        login(page, "lid@demo.ketenregie.nl")
        page.goto(f"{BASE}/my/responses/")
        page.locator("a[href^='/r/']:visible", has_text="Beginnen").first.click()
        if "/profile/" in page.url:
            page.locator("main form button[type=submit]").first.click()
        for radio in page.locator("fieldset input[type=radio][value='4']").all()[:3]:
            radio.check()
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(OUT / "questionnaire-phone.png"), full_page=False)
        context.close()
        browser.close()


if __name__ == "__main__":
    main()
