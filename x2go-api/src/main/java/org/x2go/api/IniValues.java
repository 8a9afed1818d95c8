package org.x2go.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Text ⇄ typed value rules of x2goclient's ini files (spec R-INI-5, R-INI-6, R-PRF-5, R-PRF-7).
 *
 * <p>Values are data: nothing is evaluated (python evaluated {@code [...]} lists, Q-8) and nothing is
 * interpolated (python failed on {@code %}, Q-7). Parse failures throw {@link IllegalArgumentException}
 * with python's wording ({@code Not a boolean: maybe}); callers wrap it in the exception of their area,
 * adding file, line and key.
 */
public final class IniValues {
    private IniValues() {
    }

    /**
     * @param raw stored text
     * @return {@code 1 yes true on} → true, {@code 0 no false off} → false (case-insensitive, trimmed)
     * @throws IllegalArgumentException {@code Not a boolean: <raw>}
     */
    public static boolean parseBoolean(String raw) {
        Objects.requireNonNull(raw, "raw");
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "1", "yes", "true", "on" -> true;
            case "0", "no", "false", "off" -> false;
            default -> throw new IllegalArgumentException("Not a boolean: " + raw);
        };
    }

    /**
     * @param raw stored text
     * @return the decimal integer after trimming
     * @throws IllegalArgumentException {@code Not an integer: <raw>}
     */
    public static int parseInt(String raw) {
        Objects.requireNonNull(raw, "raw");
        String s = raw.strip();
        if (!s.matches("[+-]?\\d{1,10}")) {
            throw new IllegalArgumentException("Not an integer: " + raw);
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not an integer: " + raw, e);
        }
    }

    /**
     * List semantics of R-INI-5: {@code [..]} is parsed as a list of quoted strings (never evaluated),
     * otherwise the text is split on {@code ,} and each element trimmed; a value without {@code ,} is a
     * one-element list (an empty value gives {@code [""]}, as python).
     *
     * @param raw stored text
     * @return the elements, immutable
     * @throws IllegalArgumentException {@code Not a list: <raw>} for an unterminated bracket list
     */
    public static List<String> parseList(String raw) {
        Objects.requireNonNull(raw, "raw");
        String s = raw.strip();
        if (s.length() >= 2 && s.startsWith("[") && s.endsWith("]")) {
            return parseBracketList(raw, s.substring(1, s.length() - 1));
        }
        List<String> out = new ArrayList<>();
        for (String part : s.split(",", -1)) {
            out.add(part.strip());
        }
        return Collections.unmodifiableList(out);
    }

    private static List<String> parseBracketList(String raw, String body) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = body.length();
        while (true) {
            while (i < n && Character.isWhitespace(body.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            StringBuilder item = new StringBuilder();
            char c = body.charAt(i);
            if (c == '\'' || c == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = body.charAt(i++);
                    if (d == '\\' && i < n) {
                        item.append(body.charAt(i++));
                    } else if (d == c) {
                        closed = true;
                        break;
                    } else {
                        item.append(d);
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("Not a list (unterminated quote): " + raw);
                }
                while (i < n && Character.isWhitespace(body.charAt(i))) {
                    i++;
                }
            } else {
                // a bare token (python would have evaluated it as code): kept as text
                while (i < n && body.charAt(i) != ',') {
                    item.append(body.charAt(i++));
                }
                String bare = item.toString().strip();
                item.setLength(0);
                item.append(bare);
            }
            out.add(item.toString());
            if (i < n) {
                if (body.charAt(i) != ',') {
                    throw new IllegalArgumentException("Not a list (expected ',' at " + i + "): " + raw);
                }
                i++;
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Parses the {@code export} value (R-PRF-5): folder path → share automatically.
     * {@code "/a:1;/b:0;"} → {/a=true, /b=false}; an item without {@code :0}/{@code :1} is shared.
     *
     * @param raw stored text
     * @return insertion-ordered, immutable
     */
    public static Map<String, Boolean> parseExports(String raw) {
        Objects.requireNonNull(raw, "raw");
        String s = stripExport(raw.replace(',', ';'));
        Map<String, Boolean> out = new LinkedHashMap<>();
        if (s.isEmpty()) {
            return Collections.unmodifiableMap(out);
        }
        for (String item : s.split(";", -1)) {
            if (item.isEmpty()) {
                continue;
            }
            String it = item.endsWith(":0") || item.endsWith(":1") ? item : item + ":1";
            int colon = it.lastIndexOf(':');
            out.put(it.substring(0, colon), it.endsWith("1"));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Strips whitespace, then surrounding quotes, whitespace, leading/trailing {@code ;} and whitespace.
     */
    static String stripExport(String raw) {
        String s = raw.strip();
        s = trimChars(s, '"').strip();
        s = trimChars(s, ';').strip();
        return s;
    }

    private static String trimChars(String s, char c) {
        int b = 0;
        int e = s.length();
        while (b < e && s.charAt(b) == c) {
            b++;
        }
        while (e > b && s.charAt(e - 1) == c) {
            e--;
        }
        return s.substring(b, e);
    }

    /**
     * @param exports folder → share automatically
     * @return {@code "path:1;path:0;"} as python's {@code update_value} stores it; empty map → empty text
     */
    public static String formatExports(Map<String, Boolean> exports) {
        if (exports.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("\"");
        exports.forEach((k, v) -> b.append(k).append(':').append(Boolean.TRUE.equals(v) ? '1' : '0').append(';'));
        return b.append('"').toString();
    }

    /**
     * Generic write encoding (R-INI-6): boolean → {@code 1}/{@code 0}; collection → elements joined with
     * {@code ", "}; a map → the {@code export} encoding; anything else → {@code toString()}.
     *
     * @param value a value
     * @return its stored text
     */
    public static String format(Object value) {
        Objects.requireNonNull(value, "value");
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof Collection<?> c) {
            List<String> parts = new ArrayList<>();
            c.forEach(o -> parts.add(String.valueOf(o)));
            return String.join(", ", parts);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Boolean> ex = new LinkedHashMap<>();
            m.forEach((k, v) -> ex.put(String.valueOf(k), Boolean.TRUE.equals(v)));
            return formatExports(ex);
        }
        return value.toString();
    }

    /**
     * Profile-key aware encoding (R-PRF-7): {@code host} lists are joined with {@code ,} (no space), a
     * {@code host} string is kept; {@code export} maps use {@link #formatExports}; the rest as {@link #format}.
     *
     * @param key   a profile key
     * @param value a value
     * @return its stored text
     */
    public static String formatProfileValue(String key, Object value) {
        Objects.requireNonNull(value, "value");
        if ("host".equals(key) && value instanceof Collection<?> c) {
            List<String> parts = new ArrayList<>();
            c.forEach(o -> parts.add(String.valueOf(o).strip()));
            return String.join(",", parts);
        }
        return format(value);
    }
}
