"""One tab per test module, for modules whose tests each open the pages they read and change
nothing else in the browser (no emulation, routes, storage or context options): a new tab
per test starts the site's scripts and Pagefind cold, which is about half of such a test's
time. A module opts in with ``from .one_tab import open_module_tab, tab_context, tab_page``
(pytest's ``context`` and ``page`` become the module's); each test still begins with its
own ``page.goto``, a new document."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module", name="module_tab")
def open_module_tab(browser, browser_context_args):
    context = browser.new_context(**browser_context_args)
    yield context.new_page()
    context.close()


@pytest.fixture(name="page")
def tab_page(module_tab, request):
    assert not request.node.get_closest_marker("browser_context_args"), (
        "a test with its own browser_context_args needs its own context, not the module's tab")
    yield module_tab
    # Whatever the test left loading (a link it clicked last) ends here, not in the next test.
    module_tab.goto("about:blank")


@pytest.fixture(name="context")
def tab_context(module_tab):
    return module_tab.context
