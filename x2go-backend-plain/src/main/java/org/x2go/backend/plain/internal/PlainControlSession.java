package org.x2go.backend.plain.internal;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.PublishedApplication;
import org.x2go.api.SafeText;
import org.x2go.api.SessionList;
import org.x2go.api.X2GoControlSessionException;
import org.x2go.api.X2GoException;
import org.x2go.api.X2GoProtocolException;
import org.x2go.api.X2GoRemoteHomeException;
import org.x2go.api.X2GoTimeOutException;
import org.x2go.backend.plain.X2GoCommands;
import org.x2go.spi.CommandResult;
import org.x2go.spi.ControlSession;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SessionListParser;

/**
 * The PLAIN control session (spec §7): every command framed by {@link X2GoCommands#frame}, de-framed by
 * {@link Framing}. Commands are not serialised: the transport runs each on its own channel.
 *
 * <p>Death (R-CTL-4): when the connection breaks the session is marked dead, later commands fail at once
 * without being sent, and {@link #isAlive()} reports false (python reported true, Q-24). A command that
 * times out fails with {@link X2GoTimeOutException}; it leaves a still-connected session usable, and marks
 * the session dead only when the connection went down with it.
 */
public final class PlainControlSession implements ControlSession {
    private static final Logger LOG = LoggerFactory.getLogger(PlainControlSession.class);
    /** Feature that adds shadow sessions to the list command. */
    public static final String FEATURE_SHADOW = "X2GO_LIST_SHADOWSESSIONS";
    /** Feature required for published applications. */
    public static final String FEATURE_PUBLISHED = "X2GO_PUBLISHED_APPLICATIONS";

    private final RemoteShell shell;
    private final SessionListParser listParser;
    private final Duration timeout;
    private volatile boolean closed;
    private volatile String deathCause;
    private volatile Set<String> features;
    private volatile Map<String, String> versions;
    private volatile String home;

    /**
     * @param shell      the connection (owned from now on)
     * @param listParser the list parser
     * @param timeout    per-command time limit
     */
    public PlainControlSession(RemoteShell shell, SessionListParser listParser, Duration timeout) {
        this.shell = Objects.requireNonNull(shell, "shell");
        this.listParser = Objects.requireNonNull(listParser, "listParser");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * The connect-time checks of R-CTL-7: query the features (forced), read the home directory and check
     * that it exists. One round trip ({@link X2GoCommands#connectSetup()}); a server whose answer is not
     * understood gets the three separate commands, as before.
     *
     * @throws X2GoRemoteHomeException when the home directory is missing
     */
    public void initialise() {
        features = null;
        home = null;
        Optional<ConnectSetup> setup;
        try {
            setup = ConnectSetup.parse(run(X2GoCommands.connectSetup()).stdout());
        } catch (X2GoProtocolException e) {
            LOG.debug("combined set-up not understood by {}: {}", where(), SafeText.excerpt(e.getMessage()));
            setup = Optional.empty();
        }
        if (setup.isPresent()) {
            ConnectSetup s = setup.get();
            if (s.home().isEmpty()) {
                throw noHome();
            }
            if (!s.homeExists()) {
                throw missingHome(s.home(), s.statOutput());
            }
            features = featureSet(s.features());
            home = s.home();
            return;
        }
        LOG.debug("{} did not answer the combined set-up as expected; running its parts one by one", where());
        features();
        String h = remoteHome();
        CommandResult stat = run(X2GoCommands.homeExists(h));
        if (stat.stdout().isBlank()) {
            throw missingHome(h, stat.stderr());
        }
    }

    private X2GoRemoteHomeException missingHome(String h, String statSaid) {
        return new X2GoRemoteHomeException("Remote home directory " + SafeText.excerpt(h) + " of "
                + shell.username() + "@" + shell.host() + " does not exist: " + SafeText.excerpt(statSaid.strip()));
    }

    private X2GoRemoteHomeException noHome() {
        return new X2GoRemoteHomeException("The server reported no home directory for " + where());
    }

    private static Set<String> featureSet(String body) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(Outputs.features(body)));
    }

    @Override
    public CommandResult run(String command) {
        Objects.requireNonNull(command, "command");
        if (closed) {
            throw new X2GoControlSessionException("Control session to " + where() + " is closed; not sent: "
                    + Framing.shown(command));
        }
        String cause = deathCause;
        if (cause != null) {
            throw new X2GoControlSessionException("Control session to " + where() + " is dead (" + cause
                    + "); not sent: " + Framing.shown(command));
        }
        String id = UUID.randomUUID().toString();
        LOG.debug("executing on {}: {}", where(), Framing.shown(command));
        CommandResult raw;
        try {
            raw = shell.exec(X2GoCommands.frame(command, id), timeout);
        } catch (X2GoTimeOutException e) {
            if (!shell.isConnected()) {
                markDead("timed out and disconnected");
            }
            // the caller can tell a slow command from a broken connection by the type (issue 14)
            throw new X2GoTimeOutException("Command timed out after " + timeout.toMillis() + " ms on "
                    + where() + ": " + Framing.shown(command), e);
        } catch (X2GoControlSessionException e) {
            markDead(e.getMessage());
            throw e;
        }
        String body = Framing.extract(raw.stdout(), id, command);
        if (!raw.stderr().isEmpty()) {
            LOG.debug("stderr of '{}': {}", Framing.shown(command), SafeText.excerpt(raw.stderr().strip()));
        }
        return new CommandResult(body, raw.stderr(), raw.exitStatus());
    }

    private void markDead(String cause) {
        if (deathCause == null) {
            deathCause = cause == null ? "connection failed" : SafeText.excerpt(cause);
            if (closed) {
                // a command still out when this client closed the session: not a death worth a warning
                LOG.debug("Control session to {} closed while a command ran: {}", where(), deathCause);
            } else {
                LOG.warn("Control session to {} died: {}", where(), deathCause);
            }
        }
    }

    private String where() {
        return shell.username() + "@" + shell.host() + ":" + shell.port();
    }

    @Override
    public Set<String> features() {
        Set<String> f = features;
        if (f == null) {
            f = featureSet(run(X2GoCommands.features()).stdout());
            features = f;
        }
        return f;
    }

    @Override
    public Map<String, String> versions() {
        Map<String, String> v = versions;
        if (v == null) {
            v = Outputs.versions(run(X2GoCommands.versions()).stdout());
            versions = v;
        }
        return v;
    }

    @Override
    public String remoteHome() {
        String h = home;
        if (h == null) {
            h = Outputs.home(run(X2GoCommands.remoteHome()).stdout());
            if (h.isEmpty()) {
                throw noHome();
            }
            home = h;
        }
        return h;
    }

    @Override
    public SessionList listSessions() {
        String cmd = X2GoCommands.listSessions(features().contains(FEATURE_SHADOW));
        return listParser.parse(run(cmd).stdout());
    }

    @Override
    public List<String> listDesktops() {
        return Outputs.nonBlankLines(run(X2GoCommands.listDesktops()).stdout());
    }

    @Override
    public List<String> listMounts(String sessionName) {
        return Outputs.nonBlankLines(run(X2GoCommands.listMounts(sessionName)).stdout());
    }

    @Override
    public void suspend(String sessionName) {
        logStderr(run(X2GoCommands.suspend(sessionName)), "suspend", sessionName);
    }

    @Override
    public void terminate(String sessionName) {
        logStderr(run(X2GoCommands.terminate(sessionName)), "terminate", sessionName);
    }

    private static void logStderr(CommandResult r, String what, String name) {
        if (!r.stderr().isBlank()) {
            LOG.warn("{} of {}: server said {}", what, SafeText.excerpt(name), SafeText.excerpt(r.stderr().strip()));
        }
    }

    @Override
    public List<PublishedApplication> publishedApplications() {
        if (!features().contains(FEATURE_PUBLISHED)) {
            LOG.debug("server {} lacks {}; no published applications", where(), FEATURE_PUBLISHED);
            return List.of();
        }
        return PublishedApps.parse(run(X2GoCommands.publishedApplications()).stdout());
    }

    @Override
    public boolean isAlive() {
        if (closed || deathCause != null || !shell.isConnected()) {
            return false;
        }
        try {
            run(X2GoCommands.alive());
            return true;
        } catch (X2GoException e) {
            LOG.debug("liveness probe failed on {}: {}", where(), SafeText.excerpt(e.getMessage()));
            return false;
        }
    }

    @Override
    public RemoteShell shell() {
        return shell;
    }

    @Override
    public void close() {
        closed = true;
        shell.close();
    }
}
