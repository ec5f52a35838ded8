package dev.evalbot.app.trust;

import java.util.Map;
import java.util.Set;

/** Asks over {@link SafeHttp} and reads the status as a {@link SourceCheck}. */
final class Prober {
    private final SafeHttp http;

    Prober(SafeHttp http) {
        this.http = http;
    }

    /** A web page: exists when the server answers 2xx (or 416 for the one-byte range). */
    SourceCheck page(SourceUrl url, String what) {
        try {
            SafeHttp.Answer answer = http.fetch(url, SafeHttp.Mode.PAGE, Map.of());
            return read(answer.status(), Set.of(404, 410), what + " not found", answer.at());
        } catch (Refusal r) {
            return r.check();
        }
    }

    /**
     * A platform API that answers 200 for a thing that exists; {@code notFound} lists the
     * statuses that mean it does not (the Hub answers 401 for a repository that is missing or
     * private, GitHub 404).
     */
    SourceCheck api(SourceUrl url, Set<Integer> notFound, String missing, Map<String, String> headers) {
        try {
            return readApi(http.fetch(url, SafeHttp.Mode.API, headers), notFound, missing);
        } catch (Refusal r) {
            return r.check();
        }
    }

    /** The raw answer of an API request, for a caller that keeps its ETag. */
    SafeHttp.Answer fetchApi(SourceUrl url, Map<String, String> headers) throws Refusal {
        return http.fetch(url, SafeHttp.Mode.API, headers);
    }

    /**
     * An API's answer as a check: a spent quota (429, or 403 with {@code X-RateLimit-Remaining: 0})
     * is "not checked: rate limited", not a verdict on the link; 304 (a conditional request whose
     * thing is unchanged) is reachable.
     */
    static SourceCheck readApi(SafeHttp.Answer answer, Set<Integer> notFound, String missing) {
        int status = answer.status();
        if (status == 429 || (status == 403 && answer.rateLimited())) {
            return new SourceCheck.Skipped("rate limited");
        }
        if (status == 304) {
            return new SourceCheck.Reachable(status);
        }
        return read(status, notFound, missing, answer.at());
    }

    private static SourceCheck read(int status, Set<Integer> notFound, String missing, SourceUrl at) {
        if ((status >= 200 && status < 300) || status == 416) {
            return new SourceCheck.Reachable(status);
        }
        if (notFound.contains(status)) {
            return new SourceCheck.NotFound(status, missing);
        }
        if (status == 429) {
            return new SourceCheck.Unreachable(at.authority() + " is rate limiting (HTTP 429)");
        }
        return new SourceCheck.Unreachable(at.authority() + " answered HTTP " + status);
    }
}
