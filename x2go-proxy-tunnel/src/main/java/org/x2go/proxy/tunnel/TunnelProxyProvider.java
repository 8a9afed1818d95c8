package org.x2go.proxy.tunnel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.AgentInfo;
import org.x2go.api.SafeText;
import org.x2go.api.X2GoFwTunnelException;
import org.x2go.api.X2GoProxyException;
import org.x2go.proxy.tunnel.internal.HeadlessDisplay;
import org.x2go.proxy.tunnel.internal.Processes;
import org.x2go.proxy.tunnel.internal.TunnelProxy;
import org.x2go.spi.BackendConfig;
import org.x2go.spi.GraphicsProxy;
import org.x2go.spi.LocalPorts;
import org.x2go.spi.PortForward;
import org.x2go.spi.ProxyProvider;
import org.x2go.spi.ProxyRequest;
import org.x2go.spi.RemoteShell;

/**
 * The {@code TUNNEL} proxy provider ({@code x2go.backend.proxy=TUNNEL}) for headless gateways: opens the
 * graphics tunnel and keeps the session's agent attached without a display, so the session survives
 * suspend and resume.
 *
 * <p>Why a real {@code nxproxy}: nxagent counts a proxy as attached only after the whole NX negotiation
 * (greeting, options, caches, then the X connection the client side opens to its display). A socket
 * that only sends the greeting leaves the agent {@code STARTING}; when it closes, or when the session
 * is suspended, the agent aborts and the session is gone. {@code nxproxy -S} itself needs an X display
 * (without one it retries and the agent never leaves {@code STARTING}). So in the default
 * {@link TunnelOptions.Attach#HEADLESS} mode {@link #start} runs, per session:
 * <ol>
 *   <li>the graphics tunnel {@code 127.0.0.1:<local>} → server {@code 127.0.0.1:<graphics port>} through
 *       {@link RemoteShell#forwardLocal} (local port: graphics port, +10000 on a loopback server, else any
 *       free port);</li>
 *   <li>a private {@code Xvfb -displayfd 1 -screen 0 <screen> -nolisten tcp -auth <session dir>/xvfb.auth}
 *       (a fresh cookie: no other local user can reach the display), stderr into
 *       {@code xvfb.log};</li>
 *   <li>{@code nxproxy -S nx/nx,...,cookie=<cookie>,port=<local>,errors=<dir>/session.err:<display>} with
 *       {@code DISPLAY} on that Xvfb, output into {@code session.log}.</li>
 * </ol>
 * With {@link TunnelOptions.Attach#NONE} only step 1 runs: a gateway attaches its own NX client to
 * {@link GraphicsProxy#tunnelAddress()} with {@link GraphicsProxy#sessionCookie()}. The request's
 * {@link ProxyRequest#display()} is never used.
 *
 * <p>The returned proxy ends when {@code nxproxy} exits (the agent's suspend ends it): the display is
 * stopped, the tunnel closed, then the exit callbacks run. Configuration: {@link TunnelOptions}, keys
 * {@code x2go.proxy.tunnel.*} (attach, nxproxy, xvfb, screen, start-timeout, stop-grace; table there),
 * applied by {@link #configure}: {@code X2GoClient} passes the builder's entries of that namespace, a system
 * property of the same key winning. An unknown key of the namespace is refused. No X display is needed.
 * Thread-safe and stateless.
 */
public final class TunnelProxyProvider implements ProxyProvider, BackendConfig.Configurable<ProxyProvider> {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelProxyProvider.class);
    /** What x2gostartagent can produce; also keeps the name a single path element. */
    private static final Pattern SESSION_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,255}");
    private static final Pattern COOKIE = Pattern.compile("[0-9a-fA-F]{1,128}");

    private final TunnelOptions options;

    /**
     * The provider {@link java.util.ServiceLoader} creates: {@link TunnelOptions#defaults()}. It reads nothing
     * and cannot fail, so having this artifact on the class path never breaks a client that does not select
     * it; the client's {@link #configure} applies the configuration.
     */
    public TunnelProxyProvider() {
        this(TunnelOptions.defaults());
    }

    /**
     * @param config the entries of {@value TunnelOptions#PREFIX} (the display is not used)
     * @return a provider with those options
     * @throws org.x2go.api.X2GoBackendException naming the key for a bad value or an unknown key
     */
    @Override
    public ProxyProvider configure(BackendConfig config) {
        Objects.requireNonNull(config, "config");
        return new TunnelProxyProvider(TunnelOptions.fromConfig(config.entries()));
    }

    /** @param options the configuration */
    public TunnelProxyProvider(TunnelOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** @return {@code TUNNEL} */
    @Override
    public String name() {
        return "TUNNEL";
    }

    /** @return the configuration in use */
    public TunnelOptions options() {
        return options;
    }

    /**
     * {@inheritDoc}
     *
     * @throws X2GoProxyException    when the agent facts are unusable (session name, cookie, port, display
     *                               number), a binary is missing, or Xvfb or nxproxy cannot start
     * @throws X2GoFwTunnelException when no local port can be forwarded
     */
    @Override
    public GraphicsProxy start(ProxyRequest request) {
        Objects.requireNonNull(request, "request");
        AgentInfo agent = request.agent();
        String session = agent.sessionName();
        if (!SESSION_NAME.matcher(session).matches()) {
            throw new X2GoProxyException("Session name unusable as a directory name: '"
                    + SafeText.excerpt(session) + "'");
        }
        if (!COOKIE.matcher(agent.cookie()).matches()) {
            // it goes into nxproxy's comma-separated option string: anything else could inject options
            throw new X2GoProxyException("Agent cookie of session " + session + " is not hexadecimal");
        }
        if (agent.graphicsPort() < 1 || agent.graphicsPort() > 65535) {
            throw new X2GoProxyException("Graphics port of session " + session + " out of range: "
                    + agent.graphicsPort());
        }
        if (agent.display() < 0) {
            throw new X2GoProxyException("Agent display number of session " + session + " is negative: "
                    + agent.display());
        }
        boolean headless = options.attach() == TunnelOptions.Attach.HEADLESS;
        if (headless) {
            checkBinary(options.nxproxy(), "nxproxy");
            checkBinary(options.xvfb(), "xvfb");
        }
        Path sessionsRoot = request.sessionsRoot().toAbsolutePath();
        Path sessionDir = sessionsRoot.resolve("S-" + session);
        String errors = sessionDir.resolve("session.err").toString();
        if (headless && (errors.indexOf(',') >= 0 || errors.indexOf(':') >= 0)) {
            throw new X2GoProxyException("nxproxy cannot take an error log path containing ',' or ':': '"
                    + SafeText.excerpt(errors) + "'");
        }
        createDirectory(sessionDir);

        PortForward forward = LocalPorts.openTunnel(request.shell(), agent.graphicsPort());
        int localPort = forward.localAddress().getPort();
        if (!headless) {
            LOG.info("Graphics tunnel of session {} open on 127.0.0.1:{} -> server port {} (no proxy attached)",
                    session, localPort, agent.graphicsPort());
            return new TunnelProxy(forward, agent.cookie(), sessionDir, session, options.stopGrace(), null, null);
        }
        HeadlessDisplay display = null;
        try {
            display = HeadlessDisplay.start(options.xvfb(), options.screen(), sessionDir.resolve("xvfb.log"),
                    sessionDir.resolve("xvfb.auth"), options.startTimeout());
            String nxOptions = String.join(",", "nx/nx", "retry=5", "composite=1", "connect=127.0.0.1",
                    "clipboard=1", "cookie=" + agent.cookie(), "port=" + localPort, "errors=" + errors)
                    + ":" + agent.display();
            ProcessBuilder pb = new ProcessBuilder(List.of(options.nxproxy().toString(), "-S", nxOptions));
            pb.environment().put("NX_CLIENT", "/bin/true");
            pb.environment().put("NX_ROOT", sessionsRoot.toString());
            pb.environment().put("DISPLAY", display.display());
            pb.environment().put("XAUTHORITY", display.authority().toString());
            pb.redirectErrorStream(true);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(sessionDir.resolve("session.log").toFile()));
            Process nxproxy = pb.start(); // argv carries the cookie: not logged
            nxproxy.getOutputStream().close();
            LOG.info("nxproxy (pid {}) on headless display {} attached session {} through 127.0.0.1:{} -> server port {}",
                    nxproxy.pid(), display.display(), session, localPort, agent.graphicsPort());
            return new TunnelProxy(forward, agent.cookie(), sessionDir, session, options.stopGrace(), nxproxy,
                    display);
        } catch (IOException e) {
            release(forward, display);
            throw new X2GoProxyException("Cannot start " + options.nxproxy() + " for session " + session + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            release(forward, display);
            throw e;
        }
    }

    private void release(PortForward forward, HeadlessDisplay display) {
        if (display != null) {
            Processes.stop(display.process(), options.stopGrace(), "Xvfb " + display.display());
        }
        forward.close();
    }

    private static void checkBinary(Path binary, String what) {
        if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
            String pkg = what.equals("xvfb") ? "xvfb" : "nxproxy";
            throw new X2GoProxyException(what + " not found or not executable at " + binary
                    + ": install the Debian package '" + pkg + "', set " + TunnelOptions.PREFIX + what
                    + ", or use " + TunnelOptions.ATTACH + "=NONE");
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                // nxproxy's logs there carry the session cookie: owner only
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new X2GoProxyException("Cannot create the local session directory " + dir + ": "
                    + e.getMessage(), e);
        }
    }
}
