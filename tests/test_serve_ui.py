"""The review app in real headless Chromium (Selenium and Debian's chromedriver): edit,
approve with the keyboard, findings as you type, filters, click-to-insert a glossary
term, and the conflict message. One server and one browser for the module."""

from __future__ import annotations

import shutil
import tempfile

import httpx
import polib
import pytest

from tests.browser import CHROMIUM_FLAGS, chromium_binary
from tests.serving import restore, start_server, translate_folder

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

# the virtual-time budget is for --dump-dom runs; a driven browser runs in real time
FLAGS = [f for f in CHROMIUM_FLAGS if not f.startswith("--virtual-time-budget")]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory, copy_models_dir):
    return translate_folder(tmp_path_factory.mktemp("serve-ui"), copy_models_dir)


@pytest.fixture(scope="module")
def running(tmp_path_factory, pristine, copy_models_dir):
    workdir = tmp_path_factory.mktemp("serve-ui-run")
    folder = workdir / "outputs"
    shutil.copytree(pristine, folder)
    server = start_server(folder, workdir, copy_models_dir)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver_path = shutil.which("chromedriver")
    if driver_path is None:
        pytest.skip("chromedriver is not installed (apt-get install chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium_binary()
    profile = tempfile.mkdtemp(prefix="profile-", dir=tmp_path_factory.mktemp("chromium"))
    for flag in [*FLAGS, f"--user-data-dir={profile}", "--window-size=1400,1000"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=webdriver.ChromeService(driver_path), options=options)
    yield driver
    driver.quit()


@pytest.fixture
def server(running, pristine):
    restore(pristine, running.folder)
    return running


def load(browser, server, path: str) -> None:
    """Open a page with the token in its URL, as the printed URL is opened."""
    browser.get_log("browser")  # what earlier pages logged is theirs
    browser.get(f"{server.base}{path}?token={server.token}")
    WebDriverWait(browser, 10).until(
        lambda d: (
            d.current_url == f"{server.base}{path}"  # the token left the URL
            and d.execute_script("return document.readyState") == "complete"
        )
    )


def open_article(browser, server, article="hoi-nghi"):
    load(browser, server, f"/articles/{article}")
    return browser


def row(browser, key):
    return browser.find_element(By.ID, key)


def editor(browser, key):
    return row(browser, key).find_element(By.CSS_SELECTOR, "textarea.editor")


def active_key(browser) -> str:
    return browser.execute_script(
        "var r = document.activeElement.closest('tr.seg'); return r && r.id;"
    )


def wait(browser, condition, seconds=10):
    return WebDriverWait(browser, seconds, poll_frequency=0.05).until(lambda d: condition())


def state(browser, key) -> str:
    return row(browser, key).find_element(By.CSS_SELECTOR, ".state").text


def findings(browser, key) -> list[str]:
    # read in one go: the page replaces the list whenever a check comes back
    script = (
        "return Array.from(document.getElementById(arguments[0])"
        ".querySelectorAll('td.status ul.findings li b')).map(function (b) "
        "{ return b.textContent; });"
    )
    return browser.execute_script(script, key)


def po_entry(server, key, article="hoi-nghi"):
    po = polib.pofile(str(server.folder / f"{article}.po"))
    return next(e for e in po if e.msgctxt == key and not e.obsolete)


def no_console_errors(browser, expected: str = "never"):
    """Nothing went wrong in the page: no script error, no CSP refusal, no failed load
    (except the answers the test provoked, such as a 409)."""
    log = browser.get_log("browser")
    errors = [e for e in log if e["level"] == "SEVERE" and expected not in e["message"]]
    assert errors == []


def test_correct_and_approve_with_the_keyboard_alone(browser, server):
    open_article(browser, server)
    assert active_key(browser) == "p1.s1"  # the first segment is ready to type in
    ed = editor(browser, "p1.s1")
    ed.send_keys(Keys.CONTROL + "a")
    ed.send_keys("Energy security conference opens in Moscow")
    ed.send_keys(Keys.CONTROL + Keys.SHIFT + Keys.ENTER)  # approve and go to the next
    wait(browser, lambda: active_key(browser) == "p2.s1")
    assert state(browser, "p1.s1") == "approved and saved"
    assert "reviewed" in row(browser, "p1.s1").get_attribute("class")
    entry = po_entry(server, "p1.s1")
    assert entry.msgstr == "Energy security conference opens in Moscow" and not entry.fuzzy
    # approve the next one as it is, then walk back and forth
    editor(browser, "p2.s1").send_keys(Keys.CONTROL + Keys.SHIFT + Keys.ENTER)
    wait(browser, lambda: active_key(browser) == "p2.s2")
    assert not po_entry(server, "p2.s1").fuzzy
    editor(browser, "p2.s2").send_keys(Keys.ALT + Keys.PAGE_DOWN)
    wait(browser, lambda: active_key(browser) == "p3.s1")
    editor(browser, "p3.s1").send_keys(Keys.ALT + Keys.PAGE_UP)
    wait(browser, lambda: active_key(browser) == "p2.s2")
    counts = browser.find_element(By.CSS_SELECTOR, '[data-count="reviewed"] b').text
    assert counts == "2"
    no_console_errors(browser)


def test_a_finding_disappears_when_a_clicked_glossary_term_fixes_it(browser, server):
    open_article(browser, server)
    ed = editor(browser, "p1.s1")
    ed.send_keys(Keys.CONTROL + "a")
    ed.send_keys("Energy security conference opens in ")
    wait(browser, lambda: "term-missing" in findings(browser, "p1.s1"))  # as you type
    mark = row(browser, "p1.s1").find_element(By.CSS_SELECTOR, "td.src mark.term")
    assert mark.text == "Mátxcơva" and "Moscow" in mark.get_attribute("title")
    assert "missing" in mark.get_attribute("class")
    mark.click()  # inserts the English at the cursor
    assert ed.get_attribute("value") == "Energy security conference opens in Moscow"
    wait(browser, lambda: findings(browser, "p1.s1") == [])
    assert "missing" not in mark.get_attribute("class")
    ed.send_keys(Keys.CONTROL + Keys.ENTER)  # save, still fuzzy
    wait(browser, lambda: state(browser, "p1.s1") == "saved")
    assert po_entry(server, "p1.s1").msgstr.endswith("Moscow")
    assert po_entry(server, "p1.s1").fuzzy
    no_console_errors(browser)


def test_filters_show_what_needs_work(browser, server):
    with httpx.Client(base_url=server.base, headers=server.auth) as api:
        v = api.get("/api/articles/hoi-nghi").json()["version"]
        body = {"target": "Representatives of Russia and Ukraine attended.", "approved": True}
        r = api.put("/api/articles/hoi-nghi/segments/p2.s1", json={**body, "version": v})
        assert "date-mismatch" in {f["code"] for f in r.json()["segment"]["findings"]}
        body = {"target": "The White House sent greetings.", "approved": True}
        api.put(
            "/api/articles/hoi-nghi/segments/p2.s2", json={**body, "version": r.json()["version"]}
        )
    open_article(browser, server)

    def shown() -> list[str]:
        rows = browser.find_elements(By.CSS_SELECTOR, "tr.seg")
        return [r.get_attribute("id") for r in rows if r.is_displayed()]

    assert shown() == ["p1.s1", "p2.s1", "p2.s2", "p3.s1"]
    for value, expected in [
        ("errors", ["p2.s1"]),
        ("fuzzy", ["p1.s1", "p3.s1"]),
        ("flagged", ["p1.s1", "p2.s1", "p3.s1"]),
        ("untranslated", []),
        ("all", ["p1.s1", "p2.s1", "p2.s2", "p3.s1"]),
    ]:
        browser.find_element(By.CSS_SELECTOR, f'input[name="filter"][value="{value}"]').click()
        assert shown() == expected, value
    no_console_errors(browser)


def test_a_po_changed_on_disk_gives_a_clear_message_and_keeps_the_text(browser, server):
    open_article(browser, server)
    po = polib.pofile(str(server.folder / "hoi-nghi.po"))  # Poedit saves another entry
    next(e for e in po if e.msgctxt == "p3.s1").msgstr = "Edited in Poedit."
    po.save()
    ed = editor(browser, "p1.s1")
    ed.send_keys(Keys.CONTROL + "a")
    ed.send_keys("My English")
    ed.send_keys(Keys.CONTROL + Keys.ENTER)
    box = row(browser, "p1.s1").find_element(By.CSS_SELECTOR, ".conflict")
    wait(browser, box.is_displayed)
    assert "changed on disk since you loaded it" in box.text
    assert ed.get_attribute("value") == "My English"  # the reviewer's text is still there
    assert po_entry(server, "p1.s1").msgstr != "My English"
    box.find_element(By.CSS_SELECTOR, "button.reload").click()
    wait(browser, lambda: editor(browser, "p3.s1").get_attribute("value") == "Edited in Poedit.")
    assert ed.get_attribute("value") == "My English"  # this entry was not changed on disk
    ed.send_keys(Keys.CONTROL + Keys.ENTER)
    wait(browser, lambda: state(browser, "p1.s1") == "saved")
    assert po_entry(server, "p1.s1").msgstr == "My English"
    assert po_entry(server, "p3.s1").msgstr == "Edited in Poedit."


def test_the_index_sorts_and_filters(browser, server):
    with httpx.Client(base_url=server.base, headers=server.auth) as api:
        article = api.get("/api/articles/gia-lua").json()
        v = article["version"]
        for seg in article["segments"]:
            r = api.put(  # approved as the machine wrote it
                f"/api/articles/gia-lua/segments/{seg['key']}",
                json={"target": seg["target"], "approved": True, "version": v},
            )
            v = r.json()["version"]
    load(browser, server, "/")

    def ids() -> list[str]:
        rows = browser.find_elements(By.CSS_SELECTOR, "table.index tbody tr")
        return [
            r.find_element(By.CSS_SELECTOR, "td.id").text.rstrip(" ✓")
            for r in rows
            if r.is_displayed()
        ]

    assert ids() == ["gia-lua", "hoi-nghi"]
    browser.find_element(By.CSS_SELECTOR, 'button[data-column="3"]').click()  # reviewed ▲
    assert ids() == ["hoi-nghi", "gia-lua"]
    browser.find_element(By.CSS_SELECTOR, 'button[data-column="3"]').click()  # reviewed ▼
    assert ids() == ["gia-lua", "hoi-nghi"]
    browser.find_element(By.ID, "needs-work").click()
    assert ids() == ["hoi-nghi"]
    browser.find_element(By.LINK_TEXT, "hoi-nghi").click()
    wait(browser, lambda: browser.current_url.endswith("/articles/hoi-nghi"))
    no_console_errors(browser)


def test_reloading_a_segment_changed_on_both_sides_keeps_both_texts(browser, server):
    open_article(browser, server)
    po = polib.pofile(str(server.folder / "hoi-nghi.po"))  # the same sentence, elsewhere
    next(e for e in po if e.msgctxt == "p1.s1").msgstr = "Their English"
    po.save()
    ed = editor(browser, "p1.s1")
    ed.send_keys(Keys.CONTROL + "a")
    ed.send_keys("My English")
    ed.send_keys(Keys.CONTROL + Keys.ENTER)
    box = row(browser, "p1.s1").find_element(By.CSS_SELECTOR, ".conflict")
    wait(browser, box.is_displayed)
    box.find_element(By.CSS_SELECTOR, "button.reload").click()
    yours = box.find_element(By.CSS_SELECTOR, ".yours")
    wait(browser, yours.is_displayed)
    assert ed.get_attribute("value") == "Their English"  # what is on disk now
    assert yours.find_element(By.CSS_SELECTOR, "q").text == "My English"
    yours.find_element(By.CSS_SELECTOR, "button.use-mine").click()
    assert ed.get_attribute("value") == "My English"
    ed.send_keys(Keys.CONTROL + Keys.ENTER)
    wait(browser, lambda: state(browser, "p1.s1") == "saved")
    assert po_entry(server, "p1.s1").msgstr == "My English"
    no_console_errors(browser, expected="409 (Conflict)")
