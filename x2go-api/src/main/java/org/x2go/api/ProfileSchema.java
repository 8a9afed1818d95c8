package org.x2go.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys of a session profile with their types and defaults, in python-x2go's order
 * (spec R-PRF-2, {@code X2GO_SESSIONPROFILE_DEFAULTS}). Keys not listed here are kept as raw text (R-PRF-3).
 */
public final class ProfileSchema {

    /** How a key's text is interpreted. */
    public enum ValueType {
        /** {@code 1 yes true on} / {@code 0 no false off}, written as {@code 1}/{@code 0}. */
        BOOL,
        /** Decimal integer. */
        INT,
        /** Raw text. */
        STRING,
        /** Comma-separated (or bracketed, quoted) list. */
        LIST,
        /** The {@code export} folder map ({@code "path:1;path:0;"}). */
        EXPORTS
    }

    /**
     * One profile key.
     *
     * @param name         the ini key
     * @param type         its type
     * @param defaultValue the default as stored text ({@code user}'s default is a placeholder, see
     *                     {@link #defaults(String)})
     */
    public record Key(String name, ValueType type, String defaultValue) {
        /** Validates the fields. */
        public Key {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(defaultValue, "defaultValue");
        }
    }

    /** The key whose default is the local login name. */
    public static final String USER_KEY = "user";

    private static final List<Key> KEYS;
    private static final Map<String, Key> BY_NAME;

    static {
        List<Key> k = new ArrayList<>();
        b(k, "autologin", true);
        b(k, "autoconnect", false);
        b(k, "autostart", false);
        b(k, "setsessiontitle", false);
        s(k, "sessiontitle", "");
        i(k, "speed", 2);
        s(k, "pack", "16m-jpeg");
        i(k, "quality", 9);
        s(k, "iconvto", "UTF-8");
        s(k, "iconvfrom", "UTF-8");
        b(k, "useiconv", false);
        b(k, "usesshproxy", false);
        s(k, "sshproxyhost", "proxyhost.mydomain");
        i(k, "sshproxyport", 22);
        s(k, "sshproxyuser", "");
        s(k, "sshproxykeyfile", "");
        s(k, "sshproxytype", "SSH");
        b(k, "sshproxysameuser", false);
        b(k, "sshproxysamepass", false);
        b(k, "sshproxyautologin", true);
        b(k, "uniquehostkeyaliases", false);
        b(k, "useexports", true);
        b(k, "restoreexports", false);
        b(k, "fstunnel", true);
        k.add(new Key("export", ValueType.EXPORTS, ""));
        b(k, "usemimebox", false);
        s(k, "mimeboxextensions", "");
        s(k, "mimeboxaction", "OPEN");
        b(k, "fullscreen", false);
        s(k, "clipboard", "both");
        i(k, "width", 800);
        i(k, "height", 600);
        b(k, "maxdim", false);
        i(k, "dpi", 96);
        b(k, "setdpi", false);
        b(k, "xinerama", false);
        b(k, "multidisp", false);
        i(k, "display", 1);
        b(k, "usekbd", true);
        s(k, "layout", "us");
        s(k, "type", "pc105/us");
        s(k, "variant", "");
        b(k, "sound", false);
        s(k, "soundsystem", "pulse");
        b(k, "startsoundsystem", false);
        b(k, "soundtunnel", true);
        b(k, "defsndport", true);
        i(k, "sndport", 4713);
        s(k, "name", "NEW_PROFILE");
        s(k, "icon", ":icons/128x128/x2gosession.png");
        k.add(new Key("host", ValueType.LIST, "server.mydomain"));
        s(k, USER_KEY, "");
        s(k, "key", "");
        i(k, "sshport", 22);
        b(k, "krblogin", false);
        b(k, "forwardsshagent", false);
        b(k, "rootless", true);
        k.add(new Key("applications", ValueType.LIST, "WWWBROWSER, MAILCLIENT, OFFICE, TERMINAL"));
        s(k, "command", "TERMINAL");
        b(k, "published", false);
        b(k, "directrdp", false);
        s(k, "directrdpsettings", "");
        s(k, "rdpclient", "rdesktop");
        i(k, "rdpport", 3389);
        s(k, "rdpoptions", "-u X2GO_USER -p X2GO_PASSWORD");
        s(k, "rdpserver", "");
        b(k, "print", false);
        s(k, "xdmcpserver", "localhost");
        b(k, "kdrive", false);
        KEYS = Collections.unmodifiableList(k);
        Map<String, Key> m = new LinkedHashMap<>();
        k.forEach(key -> m.put(key.name(), key));
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private ProfileSchema() {
    }

    private static void b(List<Key> k, String n, boolean v) {
        k.add(new Key(n, ValueType.BOOL, v ? "1" : "0"));
    }

    private static void i(List<Key> k, String n, int v) {
        k.add(new Key(n, ValueType.INT, Integer.toString(v)));
    }

    private static void s(List<Key> k, String n, String v) {
        k.add(new Key(n, ValueType.STRING, v));
    }

    /** @return every known key, in python-x2go's order (the order defaults are written in) */
    public static List<Key> keys() {
        return KEYS;
    }

    /**
     * @param name a key name (case-sensitive, as in the file)
     * @return the known key, or empty for keys kept as raw text
     */
    public static Optional<Key> key(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * @param name a key name
     * @return its type; {@link ValueType#STRING} for unknown keys (R-PRF-3)
     */
    public static ValueType typeOf(String name) {
        Key k = BY_NAME.get(name);
        return k == null ? ValueType.STRING : k.type();
    }

    /**
     * @param localUser the local login name (default of {@code user})
     * @return key → default text, in order
     */
    public static Map<String, String> defaults(String localUser) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Key k : KEYS) {
            m.put(k.name(), USER_KEY.equals(k.name()) ? Objects.requireNonNullElse(localUser, "") : k.defaultValue());
        }
        return Collections.unmodifiableMap(m);
    }

    /** @return the local login name ({@code user.name}), the default of {@code user} */
    public static String localUser() {
        return System.getProperty("user.name", "");
    }

    /**
     * Checks that a text is valid for a key's type.
     *
     * @param name  a key
     * @param value its text
     * @throws IllegalArgumentException with python's wording when it is not
     */
    public static void validate(String name, String value) {
        Objects.requireNonNull(value, "value");
        switch (typeOf(name)) {
            case BOOL -> IniValues.parseBoolean(value);
            case INT -> IniValues.parseInt(value);
            case LIST -> IniValues.parseList(value);
            case EXPORTS -> IniValues.parseExports(value);
            case STRING -> {
                // raw text is always valid
            }
        }
    }
}
