package dev.evalbot.app.board;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * The one stylesheet and the one script of the leaderboard pages, inlined (no external assets, no
 * CDN), and the Content-Security-Policy that allows exactly them.
 *
 * <p>Hashes, not nonces: the script and stylesheet are constants, so their SHA-256 is fixed and
 * the policy is a constant too. A nonce would have to change per response, which would forbid
 * rendering a page once per board change and serving it from a cache. Nothing from a PR can run:
 * any other inline script or style, any event-handler attribute and any external resource is
 * refused by the browser.
 */
public final class PageAssets {
    static final String STYLE = """
            :root{color-scheme:light dark;--fg:#1b1f24;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--alt:#f6f8fa}
            @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--bg:#0d1117;--alt:#151b23}}
            body{font:15px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:72rem;padding:1rem}
            a{color:#0969da}h1{margin:.2rem 0}h2{margin:2rem 0 .3rem}.meta,.id,figcaption{color:var(--muted)}
            table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
            tbody tr:nth-child(even){background:var(--alt)}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            th button{font:inherit;font-weight:600;background:none;border:0;padding:0;color:inherit;cursor:pointer}
            th[aria-sort=ascending] button::after{content:" \\25B2"}th[aria-sort=descending] button::after{content:" \\25BC"}
            .tier{display:inline-block;border-radius:1rem;padding:0 .5rem;font-size:.8rem;font-weight:600;border:1px solid}
            .tier-verified{color:#1a7f37;border-color:#1a7f37}.tier-author{color:#0969da;border-color:#0969da}
            .tier-community{color:#9a6700;border-color:#9a6700}.approved{font-size:.8rem;color:#1a7f37}
            .log-checked{font-size:.8rem;color:#8250df}
            .platform{font-size:.8rem;color:var(--muted)}.unlinked{color:var(--muted)}.rev{font-size:.8rem;color:var(--muted)}.notes{max-width:24rem;overflow-wrap:anywhere}
            details ul{margin:.3rem 0;padding-left:1.1rem}details li{font-size:.9rem}
            fieldset{border:1px solid var(--line);margin:1rem 0}label{margin-right:1rem}
            svg{max-width:100%;height:auto}.chart-line{fill:none;stroke:#0969da;stroke-width:2}.chart-dot{fill:#0969da}
            .chart-axis{stroke:var(--line)}.chart-label{fill:var(--muted);font-size:11px}
            .chip{display:inline-block;border-radius:.3rem;padding:0 .35rem;margin:0 .25rem .1rem 0;font-size:.75rem;background:var(--alt);border:1px solid var(--line)}
            .spread{font-size:.8rem;color:var(--muted)}table.variants{width:auto;margin:.3rem 0}table.variants td{font-size:.85rem;padding:.15rem .4rem}
            details.badge summary,details.withdrawn summary{cursor:pointer;color:var(--muted);font-size:.85rem}
            details.badge img{height:20px}details.badge code{display:block;font-size:.75rem;overflow-wrap:anywhere;margin-top:.2rem}
            details.withdrawn{margin:1rem 0}table.withdrawn-list td{font-size:.9rem}.kind{font-weight:600}
            fieldset.facet-filter label{font-size:.9rem}
            """;

    static final String SCRIPT = """
            (function () {
              'use strict';
              function key(cell, type) {
                var v = cell.getAttribute('data-v');
                if (v === null) { v = cell.textContent; }
                return type === 'num' ? parseFloat(v) : v.toLowerCase();
              }
              document.querySelectorAll('table.sortable').forEach(function (table) {
                var heads = table.tHead.rows[0].cells;
                Array.prototype.forEach.call(heads, function (th, col) {
                  var type = th.getAttribute('data-sort');
                  if (!type) { return; }
                  var button = document.createElement('button');
                  button.type = 'button';
                  while (th.firstChild) { button.appendChild(th.firstChild); }
                  th.appendChild(button);
                  button.addEventListener('click', function () {
                    var up = th.getAttribute('aria-sort') !== 'ascending';
                    Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
                    th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
                    var body = table.tBodies[0];
                    var rows = Array.prototype.slice.call(body.rows);
                    rows.sort(function (a, b) {
                      var x = key(a.cells[col], type);
                      var y = key(b.cells[col], type);
                      var c = x > y ? 1 : (y > x ? -1 : 0);
                      return up ? c : -c;
                    });
                    rows.forEach(function (r) { body.appendChild(r); });
                  });
                });
              });
              var filter = document.getElementById('tier-filter');
              var facetFilters = document.querySelectorAll('fieldset.facet-filter');
              function apply() {
                var shown = {};
                if (filter) {
                  filter.querySelectorAll('input').forEach(function (c) { shown[c.value] = c.checked; });
                }
                document.querySelectorAll('section.task').forEach(function (section) {
                  var wanted = [];
                  section.querySelectorAll('fieldset.facet-filter select').forEach(function (s) {
                    if (s.value) { wanted.push(s.value); }
                  });
                  section.querySelectorAll('table.board').forEach(function (table) {
                    Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
                      var facets = (r.getAttribute('data-facets') || '').split(' ');
                      var ok = !filter || shown[r.getAttribute('data-tier')];
                      wanted.forEach(function (w) { ok = ok && facets.indexOf(w) >= 0; });
                      r.hidden = !ok;
                    });
                  });
                });
              }
              if (filter) {
                filter.hidden = false;
                filter.addEventListener('change', apply);
              }
              facetFilters.forEach(function (f) {
                f.hidden = false;
                f.addEventListener('change', apply);
              });
              document.querySelectorAll('code.badge-md[data-relative]').forEach(function (c) {
                c.textContent = c.textContent.split('](/').join('](' + location.origin + '/');
              });
            })();
            """;

    /**
     * The policy to send with every leaderboard page ({@code Content-Security-Policy} header).
     * Everything is refused ({@code default-src 'none'}) except the inline stylesheet and script
     * above, by hash; no base URL, forms only to the server itself (the model search), no framing.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src '" + sha256(SCRIPT)
            + "'; style-src '" + sha256(STYLE) + "'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** Every header the server should send with a leaderboard page, the policy included. */
    public static final Map<String, String> PAGE_HEADERS = Map.of(
            "Content-Type", "text/html; charset=utf-8",
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");

    /** Headers for the JSON API: no sniffing it into HTML, no framing. */
    public static final Map<String, String> JSON_HEADERS = Map.of(
            "Content-Type", "application/json; charset=utf-8",
            "X-Content-Type-Options", "nosniff",
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");

    /** Headers for the SVG badges: an image that runs nothing and is not sniffed into anything else. */
    public static final Map<String, String> BADGE_HEADERS = Map.of(
            "Content-Type", "image/svg+xml; charset=utf-8",
            "X-Content-Type-Options", "nosniff",
            "Content-Security-Policy", "default-src 'none'");

    private PageAssets() {}

    static String sha256(String inline) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(inline.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The {@code <head>} of every page: charset, viewport, title, the stylesheet. */
    static String head(String title) {
        return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"referrer\" content=\"no-referrer\">\n"
                + "<title>" + Html.text(title) + "</title>\n<style>" + STYLE + "</style>\n</head>\n";
    }

    static String script() {
        return "<script>" + SCRIPT + "</script>\n";
    }
}
