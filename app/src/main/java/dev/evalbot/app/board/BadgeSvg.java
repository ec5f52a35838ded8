package dev.evalbot.app.board;

import java.util.Locale;

/**
 * A shields-style "flat" badge as SVG: a grey label on the left, a coloured message on the right,
 * e.g. {@code hle | 24.6 · verified}. Widths are estimated from Verdana's character widths (no
 * font metrics on a server); every text is XML-escaped, so the SVG stays valid whatever a task id
 * or model name holds.
 */
final class BadgeSvg {
    static final String GREY = "#555";
    static final String NOT_FOUND = "#9f9f9f";

    private BadgeSvg() {}

    /** The colour of a tier, as on the pages. */
    static String color(String tier) {
        return switch (tier) {
            case "verified" -> "#1a7f37";
            case "author" -> "#0969da";
            case "community" -> "#9a6700";
            default -> NOT_FOUND;
        };
    }

    static String render(String label, String message, String color) {
        int lw = width(label) + 10;
        int mw = width(message) + 10;
        int w = lw + mw;
        String title = xml(label + ": " + message);
        StringBuilder svg = new StringBuilder(1024);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w)
                .append("\" height=\"20\" role=\"img\" aria-label=\"").append(title).append("\">")
                .append("<title>").append(title).append("</title>")
                .append("<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" "
                        + "stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>")
                .append("<clipPath id=\"r\"><rect width=\"").append(w).append("\" height=\"20\" rx=\"3\" "
                        + "fill=\"#fff\"/></clipPath>")
                .append("<g clip-path=\"url(#r)\"><rect width=\"").append(lw).append("\" height=\"20\" fill=\"")
                .append(GREY).append("\"/><rect x=\"").append(lw).append("\" width=\"").append(mw)
                .append("\" height=\"20\" fill=\"").append(Html.text(color)).append("\"/><rect width=\"").append(w)
                .append("\" height=\"20\" fill=\"url(#s)\"/></g>")
                .append("<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" "
                        + "font-size=\"11\">");
        text(svg, lw / 2.0, label);
        text(svg, lw + mw / 2.0, message);
        return svg.append("</g></svg>").toString();
    }

    private static void text(StringBuilder svg, double x, String s) {
        String escaped = xml(s);
        String cx = String.format(Locale.ROOT, "%.1f", x);
        svg.append("<text x=\"").append(cx).append("\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\">").append(escaped)
                .append("</text><text x=\"").append(cx).append("\" y=\"14\">").append(escaped).append("</text>");
    }

    /** Html.text, and no character XML 1.0 forbids (lone surrogates, U+FFFE, U+FFFF). */
    static String xml(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return Html.text(out.toString()).replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }

    /** Approximate width in pixels of Verdana 11px. */
    static int width(String s) {
        double w = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("iljI.,:;|!'".indexOf(c) >= 0) {
                w += 3.5;
            } else if ("mwMW".indexOf(c) >= 0) {
                w += 10;
            } else if (Character.isUpperCase(c) || Character.isDigit(c)) {
                w += 7.5;
            } else if (c == ' ') {
                w += 4;
            } else {
                w += 6.8;
            }
        }
        return (int) Math.ceil(w);
    }
}
