package org.x2go.api;

import java.util.Locale;

import org.x2go.spi.ControlSessionProvider;
import org.x2go.spi.NamedProvider;
import org.x2go.spi.PrintingProvider;
import org.x2go.spi.ProxyProvider;
import org.x2go.spi.SessionInfoParser;
import org.x2go.spi.SessionListParser;
import org.x2go.spi.SessionProfilesProvider;
import org.x2go.spi.SettingsProvider;
import org.x2go.spi.SshTransport;
import org.x2go.spi.TerminalSessionProvider;

/**
 * The pluggable parts of the client: one SPI each, one configuration key each
 * ({@code x2go.backend.<key>}), and the built-in default (python-x2go's, plus {@code JSCH} for SSH).
 * Every kind but the deprecated {@link #INFO} is {@linkplain #selectable() selectable}. A provider's own
 * options live in its namespace {@code x2go.<key>.<name>.*} ({@link org.x2go.spi.BackendConfig}).
 */
public enum BackendKind {
    /** Control session; key {@code x2go.backend.control}. */
    CONTROL("control", ControlSessionProvider.class, "PLAIN", "org.x2go:x2go-backend-plain"),
    /** Terminal session; key {@code x2go.backend.terminal}. */
    TERMINAL("terminal", TerminalSessionProvider.class, "PLAIN", "org.x2go:x2go-backend-plain"),
    /**
     * No longer a selectable backend: single-session answers are parsed by the {@link #TERMINAL} and
     * {@link #LIST} backends themselves, so a provider chosen here would be ignored. Kept for source
     * compatibility; {@link Backends#resolve} and the client skip it, and {@link BackendSelection} refuses
     * any name for {@code x2go.backend.info} other than the default {@code PLAIN}.
     *
     * @deprecated select {@link #TERMINAL} and {@link #LIST} instead; to be removed
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    INFO("info", SessionInfoParser.class, "PLAIN", "org.x2go:x2go-backend-plain"),
    /** Session list parsing; key {@code x2go.backend.list}. */
    LIST("list", SessionListParser.class, "PLAIN", "org.x2go:x2go-backend-plain"),
    /** Graphics proxy; key {@code x2go.backend.proxy}. */
    PROXY("proxy", ProxyProvider.class, "NX3", "org.x2go:x2go-proxy-nx3"),
    /** Client settings; key {@code x2go.backend.settings}. */
    SETTINGS("settings", SettingsProvider.class, "FILE", "org.x2go:x2go-settings-file"),
    /** Session profiles; key {@code x2go.backend.profiles}. */
    PROFILES("profiles", SessionProfilesProvider.class, "FILE", "org.x2go:x2go-settings-file"),
    /** Printing configuration; key {@code x2go.backend.printing}. */
    PRINTING("printing", PrintingProvider.class, "FILE", "org.x2go:x2go-printing-file"),
    /** SSH transport; key {@code x2go.backend.ssh}. */
    SSH("ssh", SshTransport.class, "JSCH", "org.x2go:x2go-backend-plain");

    /** Prefix of every backend configuration key. */
    public static final String KEY_PREFIX = "x2go.backend.";

    private final String key;
    private final Class<? extends NamedProvider> spi;
    private final String defaultName;
    private final String defaultArtifact;

    BackendKind(String key, Class<? extends NamedProvider> spi, String defaultName, String defaultArtifact) {
        this.key = key;
        this.spi = spi;
        this.defaultName = defaultName;
        this.defaultArtifact = defaultArtifact;
    }

    private static final java.util.List<BackendKind> SELECTABLE = selectableKinds();

    @SuppressWarnings("removal")
    private static java.util.List<BackendKind> selectableKinds() {
        java.util.List<BackendKind> l = new java.util.ArrayList<>(java.util.List.of(values()));
        l.remove(INFO);
        return java.util.List.copyOf(l);
    }

    /** @return the kinds a client selects and uses, in declaration order (every kind but {@link #INFO}) */
    public static java.util.List<BackendKind> selectable() {
        return SELECTABLE;
    }

    /** @return whether a client selects and uses a provider of this kind (false only for {@link #INFO}) */
    public boolean isSelectable() {
        return SELECTABLE.contains(this);
    }

    /** @return the short key, e.g. {@code control} */
    public String key() {
        return key;
    }

    /** @return the full configuration key, e.g. {@code x2go.backend.control} */
    public String propertyName() {
        return KEY_PREFIX + key;
    }

    /** @return the SPI interface providers implement */
    public Class<? extends NamedProvider> spi() {
        return spi;
    }

    /** @return the name selected when nothing is configured */
    public String defaultName() {
        return defaultName;
    }

    /** @return the Maven coordinates of the artifact that provides the default */
    public String defaultArtifact() {
        return defaultArtifact;
    }

    /**
     * Normalises a configured name: trimmed, upper-case; {@code default} in any case maps to
     * {@link #defaultName()} (python only accepted lower-case {@code default}, R-BE-2).
     *
     * @param configured a configured name
     * @return the canonical name
     */
    public String canonicalName(String configured) {
        String n = configured.strip().toUpperCase(Locale.ROOT);
        return n.equals("DEFAULT") ? defaultName : n;
    }
}
