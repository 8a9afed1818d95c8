package org.x2go.proxy.nx3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.AgentInfo;
import org.x2go.api.BackendKind;
import org.x2go.api.SafeText;
import org.x2go.api.X2GoBackendException;
import org.x2go.api.X2GoFwTunnelException;
import org.x2go.api.X2GoProxyException;
import org.x2go.proxy.nx3.internal.Nx3Proxy;
import org.x2go.spi.BackendConfig;
import org.x2go.spi.GraphicsProxy;
import org.x2go.spi.LocalPorts;
import org.x2go.spi.PortForward;
import org.x2go.spi.ProxyProvider;
import org.x2go.spi.ProxyRequest;
import org.x2go.spi.RemoteShell;

/**
 * The {@code NX3} proxy provider: runs the local {@code nxproxy} against a session's agent (spec §9).
 *
 * <p>{@link #start} does, in order:
 * <ol>
 *   <li>checks that the request names a local X display, else {@link X2GoProxyException} of reason
 *       {@link X2GoProxyException.Reason#NO_DISPLAY NO_DISPLAY} (nxproxy draws on it);</li>
 *   <li>checks that the {@code nxproxy} binary exists and is executable, else
 *       {@link X2GoProxyException} of reason {@link X2GoProxyException.Reason#BINARY_MISSING BINARY_MISSING}
 *       naming the Debian package {@code nxproxy};</li>
 *   <li>creates the session directory {@code <sessionsRoot>/S-<session>} (owner-only on POSIX);
 *       no options file is written on Unix (R-PRX-4);</li>
 *   <li>opens the graphics tunnel {@code 127.0.0.1:<local port>} → server {@code 127.0.0.1:<graphics port>}
 *       through {@link RemoteShell#forwardLocal}. The local port is the graphics port, plus 10000 when the
 *       SSH server is on loopback (nxagent listens on all interfaces there, so both must differ); when that
 *       is above 65535 or busy, any free port. It is never the server's graphics port on loopback;</li>
 *   <li>starts {@code nxproxy -S <options>:<display>} ({@link Nx3CommandLine}) with stdout and stderr
 *       appended to {@code session.log}.</li>
 * </ol>
 * The returned {@link GraphicsProxy} reports the process's exit to its callbacks and closes the tunnel
 * then; {@link GraphicsProxy#close()} stops it (SIGTERM, bounded wait, SIGKILL). Thread-safe and stateless.
 *
 * <p>Configuration ({@link #configure}, namespace {@value #NAMESPACE}; every key optional, an unknown key
 * of the namespace is refused):
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #BINARY_KEY}</td><td>{@code /usr/bin/nxproxy}</td><td>the {@code nxproxy} executable</td></tr>
 *   <tr><td>{@value #STOP_GRACE_KEY}</td><td>{@code PT5S}</td><td>how long closing waits after SIGTERM
 *       before SIGKILL (ISO-8601, 100 ms..1 min)</td></tr>
 * </table>
 * Configured in a client that starts graphics proxies, it also refuses a client with no X display
 * ({@link X2GoProxyException.Reason#NO_DISPLAY NO_DISPLAY}), so that mistake shows when the client is built,
 * before any session is started.
 */
public final class Nx3ProxyProvider implements ProxyProvider, BackendConfig.Configurable<ProxyProvider> {
    /** Namespace of this provider's configuration keys. */
    public static final String NAMESPACE = "x2go.proxy.nx3.";
    /** Key of the {@code nxproxy} executable. */
    public static final String BINARY_KEY = "x2go.proxy.nx3.binary";
    /** Key of the grace period between SIGTERM and SIGKILL when closing. */
    public static final String STOP_GRACE_KEY = "x2go.proxy.nx3.stop-grace";
    private static final Set<String> KEYS = Set.of(BINARY_KEY, STOP_GRACE_KEY);
    private static final Duration MIN_GRACE = Duration.ofMillis(100);
    private static final Duration MAX_GRACE = Duration.ofMinutes(1);
    /** Where Debian's package {@code nxproxy} installs the binary. */
    public static final Path DEFAULT_BINARY = Path.of("/usr/bin/nxproxy");
    /** How long {@link GraphicsProxy#close()} waits after SIGTERM before it kills, by default. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(Nx3ProxyProvider.class);
    /** What x2gostartagent can produce (it strips everything else); also keeps the name a single path element. */
    private static final Pattern SESSION_NAME = Pattern.compile("[A-Za-z0-9._@-]+");

    private final Path binary;
    private final ProcessLauncher launcher;
    private final Duration stopGrace;

    /** The provider used by {@link java.util.ServiceLoader}: {@link #DEFAULT_BINARY}, the system launcher. */
    public Nx3ProxyProvider() {
        this(DEFAULT_BINARY, ProcessLauncher.system(), DEFAULT_STOP_GRACE);
    }

    /**
     * @param binary    the {@code nxproxy} executable
     * @param launcher  how the process is spawned
     * @param stopGrace how long closing waits after SIGTERM before it kills (positive)
     */
    public Nx3ProxyProvider(Path binary, ProcessLauncher launcher, Duration stopGrace) {
        this.binary = Objects.requireNonNull(binary, "binary");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.stopGrace = Objects.requireNonNull(stopGrace, "stopGrace");
        if (stopGrace.isNegative() || stopGrace.isZero()) {
            throw new IllegalArgumentException("stopGrace must be positive: " + stopGrace);
        }
    }

    /** @return {@code NX3} */
    @Override
    public String name() {
        return "NX3";
    }

    /** @return the {@code nxproxy} executable this provider runs */
    public Path binary() {
        return binary;
    }

    /** @return how long closing waits after SIGTERM before it kills */
    public Duration stopGrace() {
        return stopGrace;
    }

    /**
     * A provider with the keys of {@value #NAMESPACE} applied (same launcher).
     *
     * @param config this provider's namespace and the client facts
     * @return the configured provider
     * @throws X2GoBackendException naming the key for an unknown key or a bad value
     * @throws X2GoProxyException   of reason {@link X2GoProxyException.Reason#NO_DISPLAY NO_DISPLAY} when the
     *                              client starts graphics proxies but has no X display
     */
    @Override
    public ProxyProvider configure(BackendConfig config) {
        Objects.requireNonNull(config, "config");
        if (!config.namespace().equals(BackendConfig.namespace(BackendKind.PROXY, name()))) {
            throw new IllegalArgumentException("not the NX3 namespace: " + config.namespace());
        }
        for (String key : config.entries().keySet()) {
            if (!KEYS.contains(key)) {
                throw new X2GoBackendException("Unknown NX3 proxy option " + SafeText.excerpt(key) + "; known: "
                        + BINARY_KEY + ", " + STOP_GRACE_KEY);
            }
        }
        if (config.graphics() && config.display().isEmpty()) {
            throw noDisplay();
        }
        Path bin = config.get(BINARY_KEY).map(v -> {
            if (v.isEmpty() || v.indexOf('\0') >= 0) {
                throw new X2GoBackendException(BINARY_KEY + " must name an executable: '" + SafeText.excerpt(v) + "'");
            }
            return Path.of(v);
        }).orElse(binary);
        Duration grace = config.get(STOP_GRACE_KEY).map(Nx3ProxyProvider::grace).orElse(stopGrace);
        return new Nx3ProxyProvider(bin, launcher, grace);
    }

    private static Duration grace(String v) {
        Duration d;
        try {
            d = Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new X2GoBackendException(STOP_GRACE_KEY + " must be an ISO-8601 duration such as PT5S: '"
                    + SafeText.excerpt(v) + "'", e);
        }
        if (d.compareTo(MIN_GRACE) < 0 || d.compareTo(MAX_GRACE) > 0) {
            throw new X2GoBackendException(STOP_GRACE_KEY + " must be between " + MIN_GRACE + " and " + MAX_GRACE
                    + ": " + d);
        }
        return d;
    }

    private static X2GoProxyException noDisplay() {
        return new X2GoProxyException(X2GoProxyException.Reason.NO_DISPLAY,
                "No X display for the NX3 graphics proxy: DISPLAY is not set; set one (X2GoClient.Builder.display(\":0\")),"
                        + " build a headless client with graphics(false), or select the TUNNEL proxy"
                        + " (x2go.backend.proxy=TUNNEL), which needs no display");
    }

    /**
     * {@inheritDoc}
     *
     * @throws X2GoProxyException   when the request has no display ({@code NO_DISPLAY}), {@code nxproxy} is
     *                              missing ({@code BINARY_MISSING}) or cannot be started ({@code START_FAILED}),
     *                              or the agent facts are unusable ({@code BAD_SESSION_DATA}: session name,
     *                              cookie, port)
     * @throws X2GoFwTunnelException when no local port can be forwarded
     */
    @Override
    public GraphicsProxy start(ProxyRequest request) {
        Objects.requireNonNull(request, "request");
        AgentInfo agent = request.agent();
        if (request.display().isBlank()) {
            throw noDisplay();
        }
        checkBinary();
        String session = agent.sessionName();
        if (!SESSION_NAME.matcher(session).matches()) {
            throw new X2GoProxyException(X2GoProxyException.Reason.BAD_SESSION_DATA,
                    "Session name unusable as a directory name: '" + SafeText.excerpt(session) + "'");
        }
        if (agent.graphicsPort() < 1 || agent.graphicsPort() > 65535) {
            throw new X2GoProxyException(X2GoProxyException.Reason.BAD_SESSION_DATA,
                    "Graphics port of session " + session + " out of range: "
                    + agent.graphicsPort());
        }
        Path sessionsRoot = request.sessionsRoot().toAbsolutePath();
        Path sessionDir = sessionsRoot.resolve("S-" + session);
        // Validate the whole option string before touching anything (port 1 is a placeholder).
        Nx3CommandLine.of(binary, agent, sessionDir, sessionsRoot, 1, request.display());
        createDirectory(sessionDir);

        PortForward forward = LocalPorts.openTunnel(request.shell(), agent.graphicsPort());
        try {
            int localPort = forward.localAddress().getPort();
            Nx3CommandLine command = Nx3CommandLine.of(binary, agent, sessionDir, sessionsRoot, localPort,
                    request.display());
            Path outputLog = sessionDir.resolve("session.log");
            // argv carries the session cookie: not logged.
            LOG.debug("Starting {} for session {} with {}", binary, session, command.environment());
            Process process = launcher.launch(command, outputLog);
            LOG.info("nxproxy (pid {}) started for session {} on local port {} -> server port {}",
                    process.pid(), session, localPort, agent.graphicsPort());
            return new Nx3Proxy(process, forward, sessionDir, session, stopGrace);
        } catch (IOException e) {
            forward.close();
            throw new X2GoProxyException(X2GoProxyException.Reason.START_FAILED,
                    "Cannot start " + binary + " for session " + session + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            forward.close();
            throw e;
        }
    }

    private void checkBinary() {
        if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
            throw new X2GoProxyException(X2GoProxyException.Reason.BINARY_MISSING,
                    "nxproxy not found or not executable at " + binary
                    + ": install the Debian package 'nxproxy' (apt-get install nxproxy)");
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                // The directory holds the session cookie in nxproxy's logs: owner only.
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new X2GoProxyException("Cannot create the local session directory " + dir + ": "
                    + e.getMessage(), e);
        }
    }
}
