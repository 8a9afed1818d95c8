package org.x2go.api;

/**
 * Makes text that a server or a file controls safe to show on a terminal or write to a log.
 *
 * <p>{@link #visible(CharSequence)} replaces every character that could change what a terminal shows
 * (C0 and C1 controls including ESC, DEL, the Unicode line and paragraph separators, bidirectional
 * overrides and isolates, and unpaired surrogates) by a printable escape such as {@code \x1b} or
 * {@code \u202e}. A backslash is doubled, so the escaped form is unambiguous. {@link #excerpt(CharSequence, int)}
 * also cuts long text and says how long it was. Both are pure and thread-safe.
 */
public final class SafeText {
    /** The length {@link #excerpt(CharSequence)} cuts server data to before logging it. */
    public static final int DEFAULT_EXCERPT = 300;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SafeText() {
    }

    /**
     * @param text any text, or {@code null}
     * @return the text with every terminal-affecting character escaped; {@code "null"} for {@code null}
     */
    public static String visible(CharSequence text) {
        if (text == null) {
            return "null";
        }
        int n = text.length();
        int i = 0;
        while (i < n && !needsEscape(text, i)) {
            i++;
        }
        if (i == n) {
            return text.toString();
        }
        StringBuilder b = new StringBuilder(n + 16);
        b.append(text, 0, i);
        for (; i < n; i++) {
            appendVisible(b, text, i);
        }
        return b.toString();
    }

    /**
     * Like {@link #visible(CharSequence)}, cut to at most {@value #DEFAULT_EXCERPT} characters of the original.
     *
     * @param text any text, or {@code null}
     * @return the visible excerpt
     */
    public static String excerpt(CharSequence text) {
        return excerpt(text, DEFAULT_EXCERPT);
    }

    /**
     * Escapes like {@link #visible(CharSequence)} and keeps at most {@code max} characters of the original;
     * a cut text ends with {@code "… (N chars)"} giving the original length.
     *
     * @param text any text, or {@code null}
     * @param max  how many characters of the original to keep, at least 1
     * @return the visible excerpt
     * @throws IllegalArgumentException if {@code max < 1}
     */
    public static String excerpt(CharSequence text, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        if (text == null || text.length() <= max) {
            return visible(text);
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1)) && Character.isLowSurrogate(text.charAt(end))) {
            end--; // never split a pair into a lone surrogate
        }
        return visible(text.subSequence(0, end)) + "\u2026 (" + text.length() + " chars)";
    }

    private static boolean needsEscape(CharSequence s, int i) {
        char c = s.charAt(i);
        if (c == '\\') {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return isUnsafe(c);
    }

    private static boolean isUnsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') // embeddings and overrides
                || (c >= '\u2066' && c <= '\u2069') // isolates
                || c == '\u200e' || c == '\u200f' || c == '\u061c' || c == '\ufeff';
    }

    private static void appendVisible(StringBuilder b, CharSequence s, int i) {
        char c = s.charAt(i);
        if (!needsEscape(s, i)) {
            b.append(c);
        } else if (c == '\\') {
            b.append("\\\\");
        } else if (c <= 0xff) {
            b.append("\\x").append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
        } else {
            b.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                    .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
        }
    }
}
