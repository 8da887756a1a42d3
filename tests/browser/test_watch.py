"""The browser tests' own guard (conftest.py): a request to another host is reported by
Watch and never reaches that host; requests to the served site go through."""

from __future__ import annotations

import pytest

from .conftest import Watch

PLANTED = """<!doctype html><title>planted</title>
<img src="https://tracker.example/pixel.png" alt="">
<img src="http://203.0.113.7/by-address.png" alt="">
<script>new WebSocket("wss://socket.example/live");</script>"""


def test_requests_to_other_hosts_are_reported_and_fail(context, page):
    watch = Watch(context, page)
    failed = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    with page.expect_event("websocket"):
        page.set_content(PLANTED, wait_until="load")  # on about:blank: no policy blocks them
    assert {"https://tracker.example/pixel.png", "http://203.0.113.7/by-address.png"} <= set(failed)
    assert "wss://socket.example/live" in watch.foreign
    with pytest.raises(AssertionError, match="request to another host: https://tracker.example/pixel.png"):
        watch.check("planted")


def test_the_served_site_is_not_reported(context, page, site_url):
    watch = Watch(context, page)
    page.goto(site_url + "/assembly/", wait_until="load")
    page.wait_for_load_state("networkidle")
    watch.check("/assembly/")
