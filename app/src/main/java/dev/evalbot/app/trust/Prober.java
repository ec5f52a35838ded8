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
            SafeHttp.Answer answer = http.fetch(url, SafeHttp.Mode.API, headers);
            return read(answer.status(), notFound, missing, answer.at());
        } catch (Refusal r) {
            return r.check();
        }
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
