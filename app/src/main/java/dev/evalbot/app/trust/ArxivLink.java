package dev.evalbot.app.trust;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code arxiv.org/abs/<id>} and {@code /pdf/<id>}: the id's syntax offline, the page online. */
final class ArxivLink implements KnownHost {
    private static final Set<String> HOSTS = Set.of("arxiv.org", "www.arxiv.org", "export.arxiv.org");
    // 0704.0001 to 1412.9999 have four digits after the dot; from 1501 on, five.
    private static final Pattern NEW_STYLE = Pattern.compile("(\\d{2})(\\d{2})\\.(\\d{4,5})(v[1-9]\\d*)?");
    // e.g. hep-th/9901001, math.GT/0309136, cs/0112017v2
    private static final Pattern OLD_STYLE =
            Pattern.compile("[a-z]+(-[a-z]+)*(\\.[A-Z]{2})?/\\d{2}(\\d{2})\\d{3}(v[1-9]\\d*)?");

    @Override
    public boolean handles(SourceUrl url) {
        String[] s = url.segments();
        return HOSTS.contains(url.host()) && s.length >= 2 && (s[0].equals("abs") || s[0].equals("pdf"));
    }

    @Override
    public Optional<SourceCheck> checkSyntax(SourceUrl url) {
        String id = id(url);
        return isValidId(id) ? Optional.empty() : Optional.of(new SourceCheck.Invalid("'" + Clip.of(id)
                + "' is not an arXiv identifier (YYMM.NNNNN with an optional vN, or archive/YYMMNNN)"));
    }

    @Override
    public SourceCheck checkOnline(SourceUrl url, Prober prober) {
        return prober.page(url, "arXiv paper " + id(url));
    }

    static boolean isValidId(String id) {
        Matcher m = NEW_STYLE.matcher(id);
        if (m.matches()) {
            int yymm = Integer.parseInt(m.group(1) + m.group(2));
            int month = Integer.parseInt(m.group(2));
            int digits = m.group(3).length();
            return month >= 1 && month <= 12 && yymm >= 704 && digits == (yymm < 1501 ? 4 : 5);
        }
        Matcher old = OLD_STYLE.matcher(id);
        if (old.matches()) {
            int month = Integer.parseInt(old.group(3));
            return month >= 1 && month <= 12;
        }
        return false;
    }

    private static String id(SourceUrl url) {
        String[] s = url.segments();
        String id = String.join("/", java.util.Arrays.copyOfRange(s, 1, s.length));
        return s[0].equals("pdf") && id.endsWith(".pdf") ? id.substring(0, id.length() - 4) : id;
    }
}
