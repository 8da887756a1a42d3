/*
 * Site behaviour on top of Material for MkDocs. Loaded before Material's bundle
 * (overrides/main.html), configured by the JSON in <script id="__kz-config">.
 *
 * 1. Header search with Pagefind: one index per page language (Pagefind picks it from
 *    <html lang>), Kazakh query words cut to their stems (kzrights/site/search.py is the
 *    reference; tests/browser checks that both agree). In the offline copy, or any page
 *    opened from disk, the box explains how to search instead.
 * 2. The language switcher keeps the section: /ru/assembly/#cases -> /kk/assembly/#cases.
 * 3. Material's "alternate" integration is kept away from the hreflang links. It treats
 *    them as language roots: it fetches <alternate>/sitemap.xml (3 x 404 per page) and
 *    rewrites switcher clicks to the link without its trailing slash (a redirect that
 *    drops the #section).
 * 4. The drawer and search toggles start closed after back/forward navigation.
 * 5. Where the browser prefers Kazakh or Russian and the page is in another language,
 *    a line at the top offers (never forces) the same page in that language; closing it
 *    or choosing a language is remembered in this browser (localStorage) only.
 * 6. The printed page address, where the build had no site_url: this page's location.
 * 7. The 404 page keeps only the reader's language where it can tell: the address
 *    (/ru/…, /kk/…), else the browser's language; otherwise all three stay.
 */
(function () {
  "use strict";

  var configElement = document.getElementById("__kz-config");
  var config = configElement ? JSON.parse(configElement.textContent) : {};

  /* ---- 3. hide the hreflang links from Material's alternate integration ---------- */

  // Material reads link[rel=alternate] in its DOMContentLoaded listener. This listener
  // is registered first (this file runs before the bundle) and puts the links back in a
  // task after all DOMContentLoaded listeners have run.
  document.addEventListener("DOMContentLoaded", function () {
    var links = Array.prototype.slice.call(
      document.querySelectorAll('link[rel="alternate"][hreflang]'));
    links.forEach(function (link) { link.setAttribute("rel", "x-hreflang"); });
    setTimeout(function () {
      links.forEach(function (link) { link.setAttribute("rel", "alternate"); });
    }, 0);
  }, { once: true });

  /* ---- 2. language switcher keeps the section ------------------------------------ */

  function currentSection() {
    if (location.hash.length > 1) return location.hash;
    if (window.scrollY < 1) return "";
    // No #hash but scrolled: the heading Material's toc.follow marks as current.
    var active = document.querySelector(".md-sidebar--secondary .md-nav__link--active");
    var href = active && active.getAttribute("href");
    return href && href.charAt(0) === "#" ? href : "";
  }

  function syncSwitcher() {
    var hash = currentSection();
    var links = document.querySelectorAll("a.md-select__link[hreflang]");
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.hash = hash;
      links[i].href = url.href;
    }
  }

  ["pointerdown", "focusin", "click", "contextmenu"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (event.target instanceof Element && event.target.closest(".md-select")) syncSwitcher();
    }, true);
  });
  window.addEventListener("hashchange", syncSwitcher);
  document.addEventListener("DOMContentLoaded", syncSwitcher);

  /* ---- 4. toggles closed after back/forward --------------------------------------- */

  function setToggle(id, value) {
    var toggle = document.getElementById(id);
    if (toggle && toggle.checked !== value) {
      toggle.checked = value;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  window.addEventListener("pageshow", function () {
    setToggle("__drawer", false);
    setToggle("__search", false);
  });

  /* ---- 5. offer the page in the reader's language ---------------------------------- */

  var OFFER_KEY = "kz-language-chosen";

  function remember(value) {
    try { localStorage.setItem(OFFER_KEY, value); } catch (e) { /* storage off: ask again */ }
  }

  function preferred() {
    var langs = navigator.languages && navigator.languages.length ? navigator.languages
      : [navigator.language || ""];
    for (var i = 0; i < langs.length; i++) {
      var code = String(langs[i]).toLowerCase().split("-")[0];
      if (code === "kk" || code === "ru" || code === "en") return code;
    }
    return "";
  }

  function offerLanguage() {
    var here = document.documentElement.lang;
    var want = preferred();
    var strings = config.offer && config.offer[want];
    var chosen = null;
    try { chosen = localStorage.getItem(OFFER_KEY); } catch (e) { /* storage off */ }
    if (!strings || want === here || chosen || document.querySelector("[data-kz-not-found]")) return;
    var target = document.querySelector('a.md-select__link[hreflang="' + want + '"]');
    var article = document.querySelector("article.md-content__inner");
    if (!target || !article) return;
    var box = document.createElement("div");
    box.className = "kz-offer";
    box.lang = want;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", strings.text);
    var text = document.createElement("p");
    text.textContent = strings.text + " ";
    var link = document.createElement("a");
    link.href = target.href;
    link.hreflang = want;
    link.textContent = strings.open;
    link.addEventListener("click", function () {
      syncSwitcher();
      link.href = target.href;
      remember(want);
    });
    text.appendChild(link);
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", strings.dismiss);
    close.addEventListener("click", function () {
      remember(here);
      box.remove();
    });
    box.appendChild(text);
    box.appendChild(close);
    article.insertBefore(box, article.firstChild);
  }

  // A language chosen by hand is the reader's choice: stop offering.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element &&
      event.target.closest("a.md-select__link[hreflang], .kz-languages a[hreflang]");
    if (link) remember(link.getAttribute("hreflang"));
  }, true);

  /* ---- 6. printed address ----------------------------------------------------------- */

  function fillAddress() {
    var address = document.querySelector("[data-kz-address]");
    if (address && !address.textContent.trim()) address.textContent = location.href.split("#")[0];
  }

  /* ---- 7. the 404 page in the reader's language ------------------------------------ */

  function notFoundLanguage() {
    var box = document.querySelector("[data-kz-not-found]");
    if (!box) return;
    var root = box.getAttribute("data-kz-root") || "/";
    var path = location.pathname;
    var rest = path.indexOf(root) === 0 ? path.slice(root.length) : "";
    var code = /^(kk|ru)\//.test(rest) ? rest.slice(0, 2) : preferred();
    if (!code) return;
    box.querySelectorAll("[data-kz-lang]").forEach(function (element) {
      if (element.getAttribute("data-kz-lang") !== code) element.hidden = true;
    });
    box.querySelectorAll(".kz-not-found__sep").forEach(function (sep) { sep.hidden = true; });
    document.documentElement.lang = code;
    var title = box.querySelector('h1 [data-kz-lang="' + code + '"]');
    if (title) document.title = title.textContent;
  }

  document.addEventListener("DOMContentLoaded", function () {
    notFoundLanguage();
    offerLanguage();
    fillAddress();
  });

  /* ---- 1. search ------------------------------------------------------------------ */

  // Kazakh stemming: the same algorithm as kzrights/site/search.py, tables from the build.
  function kazakhStemmer(rules) {
    var vowels = rules.vowels, shortRoots = rules.shortRoots, suffixes = rules.suffixes;
    var devoicing = {}, unelisions = {};
    Object.keys(rules.voicing).forEach(function (k) { devoicing[rules.voicing[k]] = k; });
    Object.keys(rules.elisions).forEach(function (k) { unelisions[rules.elisions[k]] = k; });
    var kazakhWord = /^[а-яёәғқңөұүһі]+$/;

    function stemOk(stem) {
      if (shortRoots.indexOf(stem) >= 0) return true;
      if (stem.length < rules.minStem) return false;
      for (var i = 0; i < stem.length; i++) if (vowels.indexOf(stem[i]) >= 0) return true;
      return false;
    }

    function endsWith(word, suffix) {
      return word.length >= suffix.length && word.slice(word.length - suffix.length) === suffix;
    }

    function stem(word) {
      var w = word.toLowerCase();
      if (!kazakhWord.test(w)) return w;
      var stripped = false, changed = true;
      while (changed) {
        changed = false;
        for (var i = 0; i < suffixes.length; i++) {
          var rest = w.slice(0, w.length - suffixes[i].length);
          if (endsWith(w, suffixes[i]) && stemOk(rest)) {
            w = rest; stripped = changed = true;
            break;
          }
        }
      }
      var last = w.charAt(w.length - 1);
      if (stripped && devoicing[last]) w = w.slice(0, -1) + devoicing[last];
      return w;
    }

    function variants(word) {
      var s = stem(word), out = [s];
      if (unelisions[s]) out.push(unelisions[s]);
      if (rules.elisions[s]) out.push(rules.elisions[s]);
      var last = s.charAt(s.length - 1);
      if (kazakhWord.test(s) && rules.voicing[last]) out.push(s.slice(0, -1) + rules.voicing[last]);
      return out.filter(function (v, i) { return out.indexOf(v) === i; });
    }

    function isEnding(text) {
      while (text) {
        var found = false;
        for (var i = 0; i < suffixes.length; i++) {
          if (endsWith(text, suffixes[i])) {
            text = text.slice(0, text.length - suffixes[i].length); found = true;
            break;
          }
        }
        if (!found) return false;
      }
      return true;
    }

    function strip(token) {
      var p = rules.punctuation, start = 0, end = token.length;
      while (start < end && p.indexOf(token[start]) >= 0) start++;
      while (end > start && p.indexOf(token[end - 1]) >= 0) end--;
      return token.slice(start, end);
    }

    function words(query) {
      var out = [];
      query.split(/\s+/).forEach(function (token) {
        token = strip(token);
        var i = token.lastIndexOf("-");
        if (i > 0 && isEnding(token.slice(i + 1).toLowerCase())) token = token.slice(0, i);
        if (token) out.push(token);
      });
      return out;
    }

    // The first maxVariants combinations of the words' forms, in the order of Python's
    // itertools.product (the last word's forms change fastest), without making the others:
    // linear in the query, which is cut to maxQuery characters first.
    function queryVariants(query) {
      var perWord = words(query.slice(0, rules.maxQuery)).map(variants);
      if (!perWord.length) return [];
      var index = perWord.map(function () { return 0; }), out = [];
      while (out.length < rules.maxVariants) {
        out.push(index.map(function (i, w) { return perWord[w][i]; }).join(" "));
        var w = index.length - 1;
        while (w >= 0 && ++index[w] === perWord[w].length) { index[w] = 0; w--; }
        if (w < 0) break;
      }
      return out;
    }

    return { stem: stem, variants: variants, words: words, queryVariants: queryVariants };
  }

  var MAX_QUERY = 200;  // kzrights/site/search.py MAX_QUERY
  var kazakh = config.kk ? kazakhStemmer(config.kk) : null;
  // For the browser tests: the stemmer, the query whose results are on screen, and
  // whether Pagefind has loaded ("loaded" or "failed" once it has been asked for).
  var testHook = window.kzSearch = { kazakh: kazakh, lastShown: null, complete: false, index: null };

  function initSearch(box) {
    var t = config.translations || {};
    var input = box.querySelector(".md-search__input");
    var form = box.querySelector(".md-search__form");
    var meta = box.querySelector(".md-search-result__meta");
    var list = box.querySelector(".md-search-result__list");
    var toggle = document.getElementById("__search");
    var offline = config.offline || location.protocol === "file:";
    var pagefind = null, lastQuery = null, sequence = 0, timer = null;

    function say(text) {
      if (meta.textContent !== text) meta.textContent = text;
    }

    function load() {
      if (!pagefind) {
        var url = new URL(config.pagefind, location.href).href;
        var root = new URL(config.root + "/", location.href).pathname;
        pagefind = import(url).then(function (module) {
          return module.options({ baseUrl: root, excerptLength: 24 }).then(function () {
            return module.init();
          }).then(function () { testHook.index = "loaded"; return module; });
        });
        pagefind.catch(function () { testHook.index = "failed"; });
      }
      return pagefind;
    }

    // Pagefind's excerpts are HTML with <mark>: keep the text and the marks, nothing else.
    function excerpt(html) {
      var template = document.createElement("template");
      template.innerHTML = html;
      var p = document.createElement("p");
      template.content.childNodes.forEach(function (node) {
        if (node.nodeName === "MARK") {
          var mark = document.createElement("mark");
          mark.textContent = node.textContent;
          p.appendChild(mark);
        } else {
          p.appendChild(document.createTextNode(node.textContent));
        }
      });
      return p;
    }

    function link(url, title, text, kind) {
      var a = document.createElement("a");
      a.className = "md-search-result__link";
      a.href = url;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset" +
        (kind === "page" ? " md-search-result__article--document" : "");
      if (kind === "page") {
        var icon = document.createElement("div");
        icon.className = "md-search-result__icon md-icon";
        article.appendChild(icon);
      }
      var heading = document.createElement("div");
      heading.className = kind === "page" ? "kz-search-result__title" : "kz-search-result__section";
      heading.textContent = title;
      article.appendChild(heading);
      if (text) article.appendChild(excerpt(text));
      a.appendChild(article);
      return a;
    }

    function item(data) {
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      var title = (data.meta && data.meta.title) || data.url;
      li.appendChild(link(data.url, title, data.excerpt, "page"));
      // Sections of the page (headings with ids), not the page's own title again.
      (data.sub_results || []).filter(function (sub) {
        return sub.url !== data.url && sub.url.indexOf("#") > 0 && sub.title !== title;
      }).slice(0, 3).forEach(function (sub) {
        li.appendChild(link(sub.url, sub.title, sub.excerpt, "section"));
      });
      return li;
    }

    // A result with its sections is about 500 px tall on a phone, so three fill the first
    // screens; the first query loads no more fragments than that.
    var FIRST_BATCH = 3, BATCH = 10;

    function whenSeen(element, then) {
      if (!("IntersectionObserver" in window)) { then(); return; }
      var observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) {
          observer.disconnect();
          then();
        }
      });
      observer.observe(element);
    }

    function count(n) {
      if (n === 0) return t.none;
      if (n === 1) return t.one;
      return (t.other || "#").replace("#", String(n));
    }

    function run() {
      // At most MAX_QUERY characters are searched (kzrights/site/search.py): bounded work.
      var query = input.value.trim().slice(0, MAX_QUERY);
      if (offline) { say(t.offline); return; }
      if (query === lastQuery) return;
      lastQuery = query;
      var mine = ++sequence;
      if (!query) {
        say(t.placeholder);
        list.replaceChildren();
        testHook.lastShown = query;
        return;
      }
      var queries = kazakh ? kazakh.queryVariants(query) : [query];
      load().then(function (pf) {
        return Promise.all(queries.map(function (q) { return pf.search(q); }));
      }).then(function (searches) {
        if (mine !== sequence) return null;
        var best = new Map();
        searches.forEach(function (search) {
          (search ? search.results : []).forEach(function (result) {
            var seen = best.get(result.id);
            if (!seen || result.score > seen.score) best.set(result.id, result);
          });
        });
        var results = Array.from(best.values()).sort(function (a, b) { return b.score - a.score; });
        // Every result, three first, then ten at a time: the next ones load when the last
        // one shown scrolls into view (each needs its own fragment file).
        var shown = 0;
        function more() {
          var batch = results.slice(shown, shown + (shown ? BATCH : FIRST_BATCH));
          shown += batch.length;
          return Promise.all(batch.map(function (r) { return r.data(); })).then(function (data) {
            if (mine !== sequence) return;
            data.forEach(function (d) { list.appendChild(item(d)); });
            testHook.complete = shown >= results.length;
            if (!testHook.complete) whenSeen(list.lastElementChild, more);
          });
        }
        list.replaceChildren();
        testHook.complete = false;
        return more().then(function () {
          if (mine !== sequence) return;
          testHook.firstBatch = list.children.length;
          say(count(results.length));
          testHook.lastShown = query;
        });
      }).catch(function () {
        if (mine !== sequence) return;
        say(t.unavailable);
        list.replaceChildren();
        lastQuery = null;
        testHook.lastShown = query;
      });
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    }

    function open() {
      setToggle("__search", true);
      if (offline) say(t.offline);
      else if (!input.value.trim()) say(t.placeholder);
      if (!offline) load().catch(function () { say(t.unavailable); });
    }

    function close() {
      setToggle("__search", false);
      input.blur();
    }

    function focusables() {
      return [input].concat(Array.prototype.slice.call(list.querySelectorAll("a[href]")));
    }

    input.addEventListener("focus", open);
    input.addEventListener("input", schedule);
    input.addEventListener("keyup", schedule);  // some tools change the value without "input"
    toggle.addEventListener("change", function () {
      if (toggle.checked && document.activeElement !== input) input.focus();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a[href]");
      if (first) first.click();
    });
    form.addEventListener("reset", function () {
      setTimeout(function () {
        lastQuery = null;
        run();
        input.focus();
      }, 0);
    });
    list.addEventListener("click", function (event) {
      if (event.target instanceof Element && event.target.closest("a")) setToggle("__search", false);
    });

    // A search sent from a form (the 404 page): /kk/?q=word opens the results.
    var asked = new URLSearchParams(location.search).get("q");
    if (asked && asked.trim()) {
      input.value = asked.trim();
      input.focus();
      run();
    }

    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        close();
        event.preventDefault();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        var items = focusables();
        var i = items.indexOf(document.activeElement);
        var next = (Math.max(0, i) + items.length + (event.key === "ArrowUp" ? -1 : 1)) % items.length;
        items[next].focus();
        event.preventDefault();
      }
    });

    // "/", "s" or "f" anywhere outside a text field opens search, as in Material.
    window.addEventListener("keydown", function (event) {
      if (event.metaKey || event.ctrlKey || event.altKey || toggle.checked) return;
      if (["/", "s", "f"].indexOf(event.key) < 0) return;
      var target = event.target;
      if (target instanceof Element &&
          (target.closest("input, textarea, select, [contenteditable]"))) return;
      event.preventDefault();
      input.focus();
      input.select();
    });
  }

  function start() {
    var box = document.querySelector("[data-kz-search]");
    if (box) initSearch(box);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
