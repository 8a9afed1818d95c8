package org.x2go.cli.internal;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * A tiny JSON writer for the command's {@code --json} output: maps (keys in their iteration order),
 * collections, strings, numbers, booleans, {@code null} and empty/present {@link Optional}s. Output is
 * one line; strings are escaped per RFC 8259, and every character that could change what a terminal
 * shows is written as a JSON unicode escape (the decoded text is exact). Pure and thread-safe.
 */
public final class Json {
    private Json() {
    }

    /**
     * @param value a map, collection, string, number, boolean, optional or {@code null}
     * @return its JSON text
     * @throws IllegalArgumentException naming the type of a value that has no JSON form (or a
     *                                  non-finite number)
     */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Object value) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof Optional<?> o) {
            append(sb, o.orElse(null));
        } else if (value instanceof CharSequence || value instanceof Character || value instanceof Enum<?>) {
            string(sb, value.toString());
        } else if (value instanceof Boolean) {
            sb.append(value);
        } else if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            throw new IllegalArgumentException("JSON has no form for the number " + value);
        } else if (value instanceof Number) {
            sb.append(value);
        } else if (value instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(':');
                append(sb, e.getValue());
            }
            sb.append('}');
        } else if (value instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                append(sb, o);
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("JSON has no form for " + value.getClass().getName());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    // control characters, line separators and bidi controls are escaped, so the output stays
                    // harmless on a terminal; an unpaired surrogate too, so the text survives UTF-8 exactly
                    if (mustEscape(s, i)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static boolean mustEscape(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200e' || c == '\u200f' || c == '\u061c' || c == '\ufeff';
    }
}
