"""Screenshots of the improvement cycle for docs/workshop.md, from a running demo site (scripts/start.sh).

    .venv/bin/python scripts/screenshots_workshop.py [http://127.0.0.1:8000] [OUTDIR]
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.screenshots import CHROMIUM_ARGS, PASSWORD  # noqa: E402  (scripts/ is a namespace package)

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots")
ROUND = "/networks/doen-wat-werkt/rounds/2024-najaar"
PAGES = [
    ("coordinator@demo.ketenregie.nl", f"{ROUND}/workshop/", "workshop.png", 1280, None),
    ("coordinator@demo.ketenregie.nl", f"{ROUND}/workshop/present/2/", "workshop-presenter.png", 1280, None),
    ("coordinator@demo.ketenregie.nl", f"{ROUND}/results/", "workshop-agreed.png", 1280, "#agreed-heading"),
    ("lid@demo.ketenregie.nl", "/networks/doen-wat-werkt/actions/", "workshop-actions-phone.png", 375, None),
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for email, path, name, width, anchor in PAGES:
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            page.goto(f"{BASE}/accounts/login/")
            page.fill("input[name=username]", email)
            page.fill("input[name=password]", PASSWORD)
            page.click("form button[type=submit]")
            page.goto(BASE + path)
            if anchor:
                page.locator(anchor).scroll_into_view_if_needed()
            page.screenshot(path=str(OUT / name), full_page=False)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
