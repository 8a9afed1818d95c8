package org.x2go.proxy.tunnel;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

import org.x2go.api.SafeText;
import org.x2go.api.X2GoBackendException;

/**
 * Configuration of the {@code TUNNEL} proxy backend. Every key is optional:
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code x2go.proxy.tunnel.attach}</td><td>{@code HEADLESS}</td><td>{@link Attach}: {@code HEADLESS}
 *       runs {@code nxproxy} against a private {@code Xvfb}, so the agent counts as attached; {@code NONE}
 *       only opens the tunnel for the gateway's own NX client</td></tr>
 *   <tr><td>{@code x2go.proxy.tunnel.nxproxy}</td><td>{@code /usr/bin/nxproxy}</td><td>the nxproxy binary</td></tr>
 *   <tr><td>{@code x2go.proxy.tunnel.xvfb}</td><td>{@code /usr/bin/Xvfb}</td><td>the Xvfb binary</td></tr>
 *   <tr><td>{@code x2go.proxy.tunnel.screen}</td><td>{@code 1024x768x24}</td><td>Xvfb's screen
 *       {@code WxHxDEPTH}; width and height 16..8192, depth 16, 24 or 32</td></tr>
 *   <tr><td>{@code x2go.proxy.tunnel.start-timeout}</td><td>{@code PT10S}</td><td>how long Xvfb may take
 *       to report its display (ISO-8601, 1 s..5 min)</td></tr>
 *   <tr><td>{@code x2go.proxy.tunnel.stop-grace}</td><td>{@code PT5S}</td><td>how long closing waits after
 *       SIGTERM before SIGKILL (ISO-8601, 100 ms..1 min)</td></tr>
 * </table>
 *
 * @param attach       how the agent is kept attached
 * @param nxproxy      the {@code nxproxy} executable ({@link Attach#HEADLESS} only)
 * @param xvfb         the {@code Xvfb} executable ({@link Attach#HEADLESS} only)
 * @param screen       Xvfb's screen {@code WxHxDEPTH}
 * @param startTimeout how long Xvfb may take to report its display number
 * @param stopGrace    how long closing waits after SIGTERM before it kills
 */
public record TunnelOptions(Attach attach, Path nxproxy, Path xvfb, String screen, Duration startTimeout,
                            Duration stopGrace) {
    /** Prefix of every key of this backend. */
    public static final String PREFIX = "x2go.proxy.tunnel.";
    /** Key of {@link #attach()}. */
    public static final String ATTACH = PREFIX + "attach";
    /** Key of {@link #nxproxy()}. */
    public static final String NXPROXY = PREFIX + "nxproxy";
    /** Key of {@link #xvfb()}. */
    public static final String XVFB = PREFIX + "xvfb";
    /** Key of {@link #screen()}. */
    public static final String SCREEN = PREFIX + "screen";
    /** Key of {@link #startTimeout()}. */
    public static final String START_TIMEOUT = PREFIX + "start-timeout";
    /** Key of {@link #stopGrace()}. */
    public static final String STOP_GRACE = PREFIX + "stop-grace";

    private static final java.util.Set<String> KEYS = java.util.Set.of(ATTACH, NXPROXY, XVFB, SCREEN, START_TIMEOUT,
            STOP_GRACE);
    private static final Pattern SCREEN_FORMAT = Pattern.compile("(\\d{2,4})x(\\d{2,4})x(16|24|32)");
    private static final Duration MIN_START = Duration.ofSeconds(1);
    private static final Duration MAX_START = Duration.ofMinutes(5);
    private static final Duration MIN_GRACE = Duration.ofMillis(100);
    private static final Duration MAX_GRACE = Duration.ofMinutes(1);

    /** How the backend keeps the session's agent attached. */
    public enum Attach {
        /**
         * Runs the real {@code nxproxy -S} against a private {@code Xvfb} started for the session: nxagent
         * completes its handshake and draws into the virtual screen, so its state is {@code RUNNING} and
         * the session survives suspend and resume with no display.
         */
        HEADLESS,
        /**
         * Opens the tunnel only. The gateway attaches its own NX client to
         * {@link org.x2go.spi.GraphicsProxy#tunnelAddress()} with
         * {@link org.x2go.spi.GraphicsProxy#sessionCookie()}. Until it does, the agent is not attached, and
         * an X2Go server ends a session that is suspended in that state.
         */
        NONE
    }

    /** Validates the fields. */
    public TunnelOptions {
        Objects.requireNonNull(attach, "attach");
        Objects.requireNonNull(nxproxy, "nxproxy");
        Objects.requireNonNull(xvfb, "xvfb");
        Objects.requireNonNull(screen, "screen");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(stopGrace, "stopGrace");
        var m = SCREEN_FORMAT.matcher(screen);
        if (!m.matches() || !inRange(m.group(1)) || !inRange(m.group(2))) {
            throw new IllegalArgumentException("screen must be WxHxDEPTH (16..8192, depth 16/24/32): '"
                    + SafeText.excerpt(screen) + "'");
        }
        within(startTimeout, MIN_START, MAX_START, "startTimeout");
        within(stopGrace, MIN_GRACE, MAX_GRACE, "stopGrace");
    }

    /** @return the defaults: HEADLESS, Debian's binaries, {@code 1024x768x24}, 10 s, 5 s */
    public static TunnelOptions defaults() {
        return new TunnelOptions(Attach.HEADLESS, Path.of("/usr/bin/nxproxy"), Path.of("/usr/bin/Xvfb"),
                "1024x768x24", Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    /**
     * @param config configuration entries; keys outside {@value #PREFIX} are ignored, missing keys keep their
     *               default
     * @return the options
     * @throws X2GoBackendException naming the key and the bad value, or an unknown key of {@value #PREFIX}
     */
    public static TunnelOptions fromConfig(Map<String, ?> config) {
        Objects.requireNonNull(config, "config");
        for (String key : config.keySet()) {
            if (key != null && key.startsWith(PREFIX) && !KEYS.contains(key)) {
                throw new X2GoBackendException("Unknown TUNNEL proxy option " + SafeText.excerpt(key) + "; known: "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)));
            }
        }
        TunnelOptions d = defaults();
        try {
            return new TunnelOptions(
                    attach(text(config, ATTACH, d.attach().name())),
                    path(text(config, NXPROXY, d.nxproxy().toString()), NXPROXY),
                    path(text(config, XVFB, d.xvfb().toString()), XVFB),
                    text(config, SCREEN, d.screen()),
                    duration(text(config, START_TIMEOUT, d.startTimeout().toString()), START_TIMEOUT),
                    duration(text(config, STOP_GRACE, d.stopGrace().toString()), STOP_GRACE));
        } catch (IllegalArgumentException e) {
            throw new X2GoBackendException("Bad TUNNEL proxy configuration: " + e.getMessage(), e);
        }
    }

    /** @return the options from the JVM system properties ({@link #fromConfig}) */
    public static TunnelOptions fromSystemProperties() {
        Properties p = System.getProperties();
        Map<String, String> map = new java.util.HashMap<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                map.put(name, p.getProperty(name));
            }
        }
        return fromConfig(map);
    }

    private static boolean inRange(String n) {
        int v = Integer.parseInt(n);
        return v >= 16 && v <= 8192;
    }

    private static void within(Duration d, Duration min, Duration max, String what) {
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ": " + d);
        }
    }

    private static String text(Map<String, ?> config, String key, String fallback) {
        Object v = config.get(key);
        return v == null ? fallback : v.toString().strip();
    }

    private static Attach attach(String v) {
        try {
            return Attach.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ATTACH + " must be HEADLESS or NONE: '" + SafeText.excerpt(v) + "'");
        }
    }

    private static Path path(String v, String key) {
        if (v.isEmpty() || v.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(key + " must name an executable: '" + SafeText.excerpt(v) + "'");
        }
        return Path.of(v);
    }

    private static Duration duration(String v, String key) {
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT10S: '"
                    + SafeText.excerpt(v) + "'");
        }
    }
}
