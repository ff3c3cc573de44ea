#!/usr/bin/env python3
"""Checks `katern serve` from the outside.

  preview_test.py http URL
      Raw HTTP requests (no browser): the page and its parts answer, unknown pages, editions and
      layouts are 404, malformed numbers 400, and no path (traversal, encoded or not) reaches a
      file outside the output and the sources.
  preview_test.py browser URL PROJECT SHOTS
      Chromium through Selenium: the spreads and the pickers appear; a paragraph edited on disk
      appears in the page by itself, the scroll position kept; a broken edition shows its error
      in a banner over the last good pages; picking an edition shows its hospital's cover.
      Screenshots go to SHOTS.

Prints what failed and exits 1; exits 0 when everything held.
"""
import http.client
import json
import os
import sys
import time
import urllib.parse

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL: " + message, flush=True)
    return condition


def get(url, path, host=None):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    # Sent exactly as written: no normalising of ../
    connection.request("GET", path, headers={"Host": host} if host else {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.getheader("Content-Type") or "", body


def http_checks(url):
    status, kind, body = get(url, "/")
    check(status == 200 and kind.startswith("text/html") and b"<select id=\"edition\">" in body, "the page: %s %s" % (status, kind))
    status, kind, body = get(url, "/favicon.svg")
    check(status == 200 and kind.startswith("image/svg+xml"), "the icon: %s %s" % (status, kind))
    status, kind, body = get(url, "/state")
    state = json.loads(body)
    check(status == 200 and len(state["pages"]) > 10, "state: %s %d pages" % (status, len(state.get("pages", []))))
    check(state["editions"] == sorted(state["editions"]) and "noordwest" in state["editions"], "editions: %s" % state["editions"])
    # A name rebound to 127.0.0.1 (DNS rebinding) is refused; the server's own names are not.
    for host, want in [("evil.example", 403), ("evil.example:80", 403), ("localhost", 200), ("127.0.0.1:1", 200)]:
        status = get(url, "/state", host=host)[0]
        check(status == want, "Host %s: %s, not %s" % (host, status, want))
    status, kind, body = get(url, "/page/1.png")
    check(status == 200 and kind == "image/png" and body.startswith(b"\x89PNG"), "page 1 as PNG: %s %s" % (status, kind))
    status, kind, body = get(url, "/page/1.json")
    check(status == 200 and any("leukemie" in line["text"].lower() for line in json.loads(body)), "page 1's text: %s" % status)
    status, kind, body = get(url, "/pdf?edition=noordwest")
    check(status == 200 and body.startswith(b"%PDF-"), "the edition's PDF: %s" % status)
    status, kind, body = get(url, "/state?edition=sint-anna&layout=a5-large-print")
    check(status == 200 and json.loads(body)["layout"] == "a5-large-print", "another layout: %s" % status)
    expected = {
        "/page/999.png": 404, "/page/0.png": 400, "/page/x.png": 400, "/page/1.gif": 404, "/page/1.png?dpi=9000": 400,
        "/page/1.png?dpi=abc": 400, "/page/1.png?dpi=600": 400, "/state?edition=nobody": 404, "/state?layout=nothing": 404,
        "/nothing": 404, "/Booklets/all/index.md": 404, "/Output/all.pdf": 404,
    }
    secret = "/etc/passwd"
    for traversal in ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/page/..%2f..%2f..%2fetc%2fpasswd",
                      "/page/%2e%2e%2f%2e%2e%2fetc%2fpasswd.png", "/state?edition=../../../../etc/passwd",
                      "/state?layout=../../../../etc/passwd", "/pdf?edition=..%2f..%2f..%2fetc%2fpasswd",
                      "/pdf?layout=%2fetc%2fpasswd", "/page/1.png?layout=../Layouts/a5", "/app.js/../../../etc/passwd",
                      "//etc/passwd", "/page/1.json?edition=%00"]:
        expected[traversal] = 404
    for path, want in expected.items():
        status, kind, body = get(url, path)
        # A traversal may be refused as malformed (400) or not found (404), never served.
        check(status == want or (want == 404 and status == 400 and ".." in urllib.parse.unquote(path)), "%s: %s, not %s" % (path, status, want))
        check(b"root:x:0:0" not in body, "%s served %s" % (path, secret))


def browser_checks(url, project, shots):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import Select, WebDriverWait

    options = Options()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000", "--force-device-scale-factor=1"]:
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    wait = WebDriverWait(driver, 60, poll_frequency=0.02)
    try:
        driver.get(url)
        pages = len(json.loads(get(url, "/state")[2])["pages"])

        def loaded(d):
            # Every page of the state shown is drawn.
            return d.execute_script(
                "const imgs = [...document.querySelectorAll('.page img')];"
                "return imgs.length > 0 && imgs.length == document.body.dataset.pages && imgs.every(i => i.complete && i.naturalWidth > 0)")
        wait.until(loaded)
        spreads = driver.execute_script("return [...document.querySelectorAll('.spread')].map(s => s.querySelectorAll('.page').length)")
        check(spreads[0] == 1 and all(n == 2 for n in spreads[1:-1]), "spreads: the cover alone, then pairs: %s" % spreads)
        editions = [o.text for o in Select(driver.find_element("id", "edition")).options]
        check(editions[0] == "Base booklet" and "noordwest" in editions and "sint-anna" in editions, "edition picker: %s" % editions)
        layouts = [o.text for o in Select(driver.find_element("id", "layout")).options]
        check("a5" in layouts and "a5-large-print" in layouts, "layout picker: %s" % layouts)
        driver.save_screenshot(os.path.join(shots, "1-spreads.png"))

        # A paragraph edited on disk appears without a reload, where the reader was.
        driver.execute_script("document.getElementById('page-3').scrollIntoView()")
        time.sleep(0.3)
        scrolled = driver.execute_script("return window.scrollY")
        driver.execute_script("window.notReloaded = true")
        version = int(driver.execute_script("return document.body.dataset.version"))
        chapter = os.path.join(project, "Booklets/all/01-acute-lymfatische-leukemie.md")
        with open(chapter, encoding="utf-8") as f:
            text = f.read()
        marker = "Het rode beenmerg is het orgaan"
        with open(chapter, "w", encoding="utf-8") as f:
            f.write(text.replace("Het beenmerg is het orgaan", marker))
        saved = time.time()
        wait.until(lambda d: marker in d.execute_script("return document.getElementById('spreads').textContent"))
        seen = time.time() - saved
        print("the edit was on the page %.0f ms after the save" % (seen * 1000), flush=True)
        check(driver.execute_script("return window.notReloaded === true"), "the page was reloaded")
        check(int(driver.execute_script("return document.body.dataset.version")) > version, "the version did not change")
        check(abs(driver.execute_script("return window.scrollY") - scrolled) < 2, "the scroll position moved: %s -> %s" % (scrolled, driver.execute_script("return window.scrollY")))
        wait.until(loaded)
        driver.save_screenshot(os.path.join(shots, "2-edited.png"))

        # An edition picked in the page: its hospital's cover.
        Select(driver.find_element("id", "edition")).select_by_value("noordwest")
        wait.until(lambda d: "Noordwest Medisch Centrum" in (d.execute_script("return document.querySelector('#page-1 .text')?.textContent") or ""))
        wait.until(loaded)
        check("edition=noordwest" in driver.current_url, "the address does not name the edition: %s" % driver.current_url)
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(os.path.join(shots, "3-edition.png"))

        # A broken edition: the error in a banner, with file and line, over the last good pages.
        edition = os.path.join(project, "Editions/noordwest.yaml")
        with open(edition, encoding="utf-8") as f:
            good = f.read()
        with open(edition, "w", encoding="utf-8") as f:
            f.write(good + "\nkleur: rood\n")
        wait.until(lambda d: d.execute_script("return !document.getElementById('errors').hidden"))
        banner = driver.find_element("id", "errors").text
        check("noordwest.yaml:" in banner and "kleur" in banner, "the banner: %r" % banner)
        check(driver.execute_script("return document.querySelectorAll('.page img').length == document.body.dataset.pages && document.body.dataset.pages > 0"),
              "the last good pages are gone")
        driver.save_screenshot(os.path.join(shots, "4-error.png"))
        with open(edition, "w", encoding="utf-8") as f:
            f.write(good)
        wait.until(lambda d: d.execute_script("return document.getElementById('errors').hidden"))

        # Findings outlined: a layout with a narrow column has loose lines.
        Select(driver.find_element("id", "layout")).select_by_value("narrow")
        wait.until(lambda d: d.execute_script("return document.querySelectorAll('.mark').length") > 0)
        marks = driver.execute_script("return document.querySelectorAll('.mark').length")
        listed = driver.execute_script("return document.querySelectorAll('#finding-list li').length")
        check(marks > 0 and listed >= marks, "findings: %d outlined, %d listed" % (marks, listed))
        wait.until(loaded)
        first = driver.execute_script("return document.querySelector('.mark').closest('.page').id")
        driver.execute_script("document.getElementById(arguments[0]).scrollIntoView({block: 'center'})", first)
        time.sleep(0.3)
        driver.save_screenshot(os.path.join(shots, "5-findings.png"))
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        check(not errors, "browser console errors: %s" % errors)
    finally:
        driver.quit()


if __name__ == "__main__":
    if sys.argv[1] == "http":
        http_checks(sys.argv[2])
    else:
        browser_checks(sys.argv[2], sys.argv[3], sys.argv[4])
    sys.exit(1 if failures else 0)
