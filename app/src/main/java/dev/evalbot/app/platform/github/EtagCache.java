package dev.evalbot.app.platform.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ETag of every listing page a sweep read, so that the next sweep asks conditionally and an
 * unchanged page costs a 304 (free on GitHub). Kept in memory: after a restart, or on another
 * replica, the first sweep pays for its pages once. The least recently used page is forgotten
 * beyond {@code max} pages.
 */
final class EtagCache {
    /**
     * @param body the page's listing when a 304 must still be acted on (installations and their
     *     repositories), else null (pull requests: an unchanged page was fully handled)
     * @param next the page after it ({@code Link: rel="next"}), or null: a 304 does not always repeat it
     */
    record Page(String etag, JsonNode body, String next) {}

    private final Map<String, Page> pages;

    EtagCache(int max) {
        this.pages = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Page> eldest) {
                return size() > max;
            }
        };
    }

    synchronized Page get(String url) {
        return pages.get(url);
    }

    synchronized void put(String url, Page page) {
        if (page.etag() == null) {
            pages.remove(url);
        } else {
            pages.put(url, page);
        }
    }
}
