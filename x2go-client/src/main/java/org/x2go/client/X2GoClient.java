package org.x2go.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import com.google.inject.util.Modules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.AgentInfo;
import org.x2go.api.BackendKind;
import org.x2go.api.BackendSelection;
import org.x2go.api.Backends;
import org.x2go.api.X2GoBackendException;
import org.x2go.api.ConnectOptions;
import org.x2go.api.PrintAction;
import org.x2go.api.PrintDialog;
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;
import org.x2go.api.SessionListener;
import org.x2go.api.SessionState;
import org.x2go.api.SessionSummary;
import org.x2go.api.TerminalParams;
import org.x2go.api.X2GoClientException;
import org.x2go.api.X2GoControlSessionException;
import org.x2go.api.X2GoException;
import org.x2go.api.SafeText;
import org.x2go.api.X2GoNotAnX2GoServerException;
import org.x2go.api.X2GoSessionException;
import org.x2go.api.X2GoTimeOutException;
import org.x2go.client.internal.ClientFolders;
import org.x2go.folders.SharedFolder;
import org.x2go.guardian.GuardedProfiles;
import org.x2go.guardian.GuardianOptions;
import org.x2go.guardian.SessionGuardian;
import org.x2go.registry.OwnOperation;
import org.x2go.registry.SessionRegistry;
import org.x2go.registry.StatusTarget;
import org.x2go.spi.BackendConfig;
import org.x2go.spi.ControlSession;
import org.x2go.spi.ControlSessionProvider;
import org.x2go.spi.FolderMount;
import org.x2go.spi.GraphicsProxy;
import org.x2go.spi.NamedProvider;
import org.x2go.spi.PrintingProvider;
import org.x2go.spi.ProxyProvider;
import org.x2go.spi.ProxyRequest;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SessionListParser;
import org.x2go.spi.SshTransport;
import org.x2go.spi.TerminalSession;
import org.x2go.spi.TerminalSessionProvider;

/**
 * The entry point of x2go-java: an embeddable X2Go client whose backends are chosen by name.
 *
 * <pre>{@code
 * try (X2GoClient client = X2GoClient.builder()
 *         .config(Map.of("x2go.backend.ssh", "SSHJ"))
 *         .build()) {
 *     ...
 * }
 * }</pre>
 *
 * Thread-safe. Closing releases every connection, thread and process the client owns.
 *
 * <h2>Backends and their configuration</h2>
 * One provider per {@linkplain BackendKind#selectable() kind} is selected by name ({@code x2go.backend.<kind>});
 * only the selected one is used, and an unselected provider that is broken or named twice never fails
 * {@link Builder#build()} (it is logged at WARN). A selected provider that implements
 * {@link BackendConfig.Configurable} receives its own namespace {@code x2go.<kind>.<name>.*}, for example
 * {@code Builder.backendOption("x2go.proxy.nx3.binary", "/opt/nx/bin/nxproxy")}; each provider documents
 * its keys. The graphics proxy decides itself what it needs: {@code NX3} needs an X display and refuses a
 * client without one ({@link org.x2go.api.X2GoProxyException.Reason#NO_DISPLAY}); {@code TUNNEL} needs none.
 *
 * <h2>Headless use</h2>
 * An X2Go server ends a session that is suspended while no NX client has ever attached to its agent. So a
 * client built with {@link Builder#graphics(boolean) graphics(false)} refuses, with
 * {@link SessionNeverAttachedException} and without asking the server to suspend, a suspend of a session whose
 * agent the server reports as still {@code STARTING} (its state file {@code ~/.x2go/C-<session>/state},
 * read before each own suspend of a headless client). When that state cannot be read, it refuses a session it
 * started or resumed itself, unless the caller declared with {@link #nxClientAttached(UUID)} that its own NX
 * client attached. A gateway that wants sessions to survive
 * suspend and resume without a display selects the {@code TUNNEL} proxy ({@code x2go.backend.proxy=TUNNEL},
 * artifact {@code org.x2go:x2go-proxy-tunnel}) and keeps graphics on: it keeps the agent attached, and
 * {@link #graphicsProxy(UUID)} gives the tunnel endpoint and the session cookie for the gateway's own NX client.
 *
 * <h2>Asynchronous calls</h2>
 * {@link #connectAsync}, {@link #startSessionAsync}, {@link #resumeSessionAsync}, {@link #suspendSessionAsync}
 * and {@link #terminateSessionAsync} run the blocking call on a caller-supplied {@link Executor} and
 * complete the returned future with its result or its exception (unwrapped). Cancelling a future
 * ({@link CompletableFuture#cancel}) before the executor has started the call means the call never runs;
 * once it has started, cancelling only completes the future: the call is <em>not</em> interrupted and runs
 * to its end (stopping a start or suspend half-way would leave the server and the registry disagreeing),
 * and its outcome shows in the registry and its events only. {@link #close()} ends calls in flight as
 * documented there.
 */
public final class X2GoClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(X2GoClient.class);

    private final BackendSelection selection;
    private final Map<BackendKind, NamedProvider> providers;
    private final SessionRegistry registry;
    private final ProgressListener progress;
    private final Path sessionsRoot;
    private final String display;
    private final boolean graphics;
    private final SessionGuardian guardian;
    private final GuardianOptions guardianOptions;
    /** How long an own suspend or terminate waits for the server to list the outcome. */
    private final java.time.Duration ownOperationWait;
    /** Closes released terminals and proxies off the caller's thread (a proxy takes ~1 s to stop). */
    private final java.util.concurrent.ExecutorService closer;
    /** profile ID → connection; one SSH connection per profile (R-REG-1). */
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    /** Folder sharing and printing per connected profile (SFTP server, reverse tunnels, print queues). */
    private final ClientFolders sharing;
    /** The listeners given to this client, told about automatic shares that failed (the registry has its own copy). */
    private final List<SessionListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Guards {@link #closed} against {@link #attempts} and the registration of new connections. */
    private final Object lifecycle = new Object();
    /**
     * Sessions this headless client started or resumed with no graphics proxy, and the terminal it then held;
     * an entry stands while the registry still holds that terminal, and until the caller declares its own NX
     * client with {@link #nxClientAttached}.
     */
    private final Map<UUID, TerminalSession> bareAgents = new ConcurrentHashMap<>();
    /** Set once by {@link #close()}; after it no connection is registered any more. */
    private volatile boolean closed;
    /** connect() calls in flight; {@link #close()} closes their connections and waits for them. */
    private final Set<ConnectAttempt> attempts = new HashSet<>();

    /** What the client keeps per connected profile. */
    private record Connection(String profileId, String profileName, ConnectOptions options, ControlSession control) {
    }

    private X2GoClient(Builder b, BackendSelection selection, Map<BackendKind, NamedProvider> providers) {
        this.selection = selection;
        this.providers = providers;
        this.closer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "x2go-resource-closer");
            t.setDaemon(true);
            return t;
        });
        this.registry = new SessionRegistry(java.time.Clock.systemUTC(), null, closer);
        this.progress = b.progress;
        this.sessionsRoot = b.sessionsRoot;
        this.display = b.display;
        this.graphics = b.graphics;
        this.ownOperationWait = b.ownOperationWait;
        this.guardianOptions = b.guardianOptions;
        b.listeners.forEach(registry::addListener);
        this.listeners.addAll(b.listeners);
        this.sharing = new ClientFolders(sessionsRoot, () -> backend(PrintingProvider.class));
        if (b.guardianOptions != null) {
            this.guardian = SessionGuardian.builder(registry, new Profiles()).options(b.guardianOptions).build();
            if (b.shutdownHook) {
                guardian.registerShutdownHook();
            }
            guardian.start();
        } else {
            this.guardian = null;
        }
    }

    /** Feeds the guardian this client's connections; a refresh failure on a dead connection disconnects it. */
    private final class Profiles implements GuardedProfiles {
        @Override
        public Map<String, ControlSession> connectedProfiles() {
            Map<String, ControlSession> m = new LinkedHashMap<>();
            connections.forEach((id, c) -> m.put(id, c.control()));
            return m;
        }

        @Override
        public void onRefreshFailure(String profileId, Throwable failure) {
            Connection c = connections.get(profileId);
            if (c == null || c.control().shell().isConnected()) {
                return;
            }
            synchronized (lifecycle) {
                // the connection map and the registry's control session change together (one record of connections)
                if (!connections.remove(profileId, c)) {
                    return;
                }
                registry.reportControlSessionDeath(profileId, failure);
            }
            LOG.warn("control session of profile {} died: {}", SafeText.excerpt(c.profileName()),
                    SafeText.excerpt(String.valueOf(failure)));
            c.control().close();
        }
    }

    /** @return the session guardian, when the client was built with one */
    public Optional<SessionGuardian> guardian() {
        return Optional.ofNullable(guardian);
    }

    /** @return a builder reading configuration from the given map and from system properties */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the configured backend names */
    public BackendSelection selection() {
        return selection;
    }

    /**
     * @param kind a backend kind
     * @return the provider in use for that kind (configured)
     * @throws IllegalArgumentException for a kind that is not {@linkplain BackendKind#isSelectable() selectable}
     */
    public NamedProvider backend(BackendKind kind) {
        NamedProvider p = providers.get(Objects.requireNonNull(kind, "kind"));
        if (p == null) {
            throw new IllegalArgumentException("No provider is selected for the " + kind.key()
                    + " kind: it is not selectable");
        }
        return p;
    }

    /**
     * @param spi an SPI interface, e.g. {@code ProxyProvider.class}
     * @param <T> the SPI type
     * @return the provider in use
     * @throws IllegalArgumentException when {@code spi} is not one of the SPIs of {@link BackendKind}
     */
    public <T extends NamedProvider> T backend(Class<T> spi) {
        for (BackendKind k : BackendKind.selectable()) {
            if (k.spi().equals(spi)) {
                return spi.cast(providers.get(k));
            }
        }
        throw new IllegalArgumentException("Not the SPI of a selectable backend kind: " + spi.getName());
    }

    /** @return kind → name of the provider in use, for diagnostics */
    public Map<BackendKind, String> describeBackends() {
        Map<BackendKind, String> m = new LinkedHashMap<>();
        providers.forEach((k, p) -> m.put(k, k.canonicalName(p.name()) + " (" + p.getClass().getName() + ")"));
        return Collections.unmodifiableMap(m);
    }

    /** @return the live session registry of this client */
    public SessionRegistry registry() {
        return registry;
    }

    /** @param listener told about every session event, outside registry locks */
    public void addListener(SessionListener listener) {
        registry.addListener(listener);
        listeners.add(listener);
    }

    // ------------------------------------------------------------------ connections

    /**
     * Connects a profile: one SSH connection (host key verified), its control session, and the
     * profile's records attached to it. Connecting a connected profile again returns at once; of two
     * concurrent connects of one profile, one connection is kept and the other closed. With the guardian's
     * auto-registration on, the server's sessions are registered before this returns, running ones with a
     * {@link org.x2go.api.SessionEvent.Kind#FOUND_RUNNING_AFTER_CONNECT} event.
     *
     * @param profileName the profile name (for ad-hoc connections any name; it is also the profile ID)
     * @param options     where and how to connect
     * @return the profile ID
     * @throws org.x2go.api.X2GoHostKeyException        unknown or changed host key
     * @throws org.x2go.api.X2GoAuthenticationException authentication failed
     * @throws X2GoNotAnX2GoServerException             the SSH server has no X2Go server software
     * @throws X2GoControlSessionException              the connection failed or timed out (a timeout's
     *                                                  cause is the transport's {@link X2GoTimeOutException})
     * @throws X2GoClientException                      the client is closed, or was closed while connecting
     *                                                  (then the connection is closed too)
     */
    public String connect(String profileName, ConnectOptions options) {
        return connect(profileName, profileName, options);
    }

    /**
     * As {@link #connect(String, ConnectOptions)} with a separate, stable profile ID.
     *
     * @param profileId   the profile ID
     * @param profileName the profile name
     * @param options     where and how to connect
     * @return the profile ID
     * @throws X2GoControlSessionException the connection failed or timed out
     * @throws X2GoClientException         the client is closed, or was closed while connecting
     */
    public String connect(String profileId, String profileName, ConnectOptions options) {
        Objects.requireNonNull(options, "options");
        requireText(profileId, "profileId");
        requireText(profileName, "profileName");
        ConnectAttempt attempt = begin(profileName, options);
        try {
            Connection existing = connections.get(profileId);
            if (existing != null && existing.control().shell().isConnected()) {
                return profileId;
            }
            progress.phase(profileName, Phase.CONNECTING);
            RemoteShell shell = openShell(options);
            ControlSession control;
            try {
                if (!attempt.adopt(shell)) {
                    throw closedDuring(profileName, null);
                }
                control = backend(ControlSessionProvider.class).create(shell, backend(SessionListParser.class),
                        options.commandTimeout());
                // R-CTL-8: features are queried on every connect; any SSH server answers, only an X2Go server lists some
                if (control.features().isEmpty()) {
                    throw new X2GoNotAnX2GoServerException("[" + options.host() + "]:" + options.port()
                            + " is not an X2Go server: x2gofeaturelist printed no features (is x2goserver installed?)");
                }
            } catch (RuntimeException e) {
                shell.close();
                if (closed && !(e instanceof X2GoClientException)) {
                    // close() closed the connection under the query: say so instead of a broken-connection error
                    throw closedDuring(profileName, e);
                }
                throw e;
            }
            Connection c = new Connection(profileId, profileName, options, control);
            SessionList running = listAtConnect(profileName, control);
            Connection dead;
            synchronized (lifecycle) {
                if (closed) {
                    control.close();
                    throw closedDuring(profileName, null);
                }
                Connection raced = connections.get(profileId);
                if (raced != null && raced.control().shell().isConnected()) {
                    // a concurrent connect of this profile won: keep its connection, drop this one
                    dead = c;
                } else {
                    // the registry records the connection; this client keeps the only handle to it
                    registry.profileConnected(profileId, profileName, control.shell().host());
                    registerFound(profileId, running);
                    // published only now, so the guardian's first tick comes after the connect's registration
                    connections.put(profileId, c);
                    dead = raced;
                }
            }
            if (dead != null) {
                dead.control().close();
            }
            if (dead == c) {
                return profileId;
            }
            progress.phase(profileName, Phase.CONNECTED);
            LOG.info("connected profile {} to {}@{}:{}", SafeText.excerpt(profileName),
                    SafeText.excerpt(options.username()), SafeText.excerpt(options.host()), options.port());
            return profileId;
        } finally {
            end(attempt);
        }
    }

    /**
     * With auto-registration on (guardian option), the sessions the server lists at connect: they are
     * registered at once, with {@link org.x2go.api.SessionEvent.Kind#FOUND_RUNNING_AFTER_CONNECT} for
     * running ones. Null otherwise, or when listing fails (the guardian registers them later).
     */
    private SessionList listAtConnect(String profileName, ControlSession control) {
        if (guardianOptions == null || !guardianOptions.autoRegisterSessions()) {
            return null;
        }
        try {
            return control.listSessions();
        } catch (RuntimeException e) {
            LOG.warn("listing the sessions of profile {} at connect failed: {}", SafeText.excerpt(profileName),
                    SafeText.excerpt(String.valueOf(e)));
            return null;
        }
    }

    private void registerFound(String profileId, SessionList list) {
        if (list == null) {
            return;
        }
        try {
            registry.registerAvailableServerSessions(profileId, list, true, false, guardianOptions.skipPubappSessions());
        } catch (RuntimeException e) {
            LOG.warn("registering the sessions of profile {} at connect failed: {}", SafeText.excerpt(profileId),
                    SafeText.excerpt(String.valueOf(e)));
        }
    }

    /**
     * The transport's connect. A timeout here is a connection failure (the documented
     * {@link X2GoControlSessionException}); the timeout stays the cause.
     */
    private RemoteShell openShell(ConnectOptions options) {
        try {
            return backend(SshTransport.class).connect(options);
        } catch (X2GoTimeOutException e) {
            throw new X2GoControlSessionException(e.getMessage(), e);
        }
    }

    /** One connect() in flight: the connection it opened, once the transport returned it. */
    private static final class ConnectAttempt {
        final String profileName;
        final java.time.Duration limit;
        final Thread thread = Thread.currentThread();
        private RemoteShell shell;
        private boolean abandoned;
        private boolean done;

        ConnectAttempt(String profileName, ConnectOptions options) {
            this.profileName = profileName;
            // the transport bounds its connect by connectTimeout, the feature query by commandTimeout
            this.limit = options.connectTimeout().plus(options.commandTimeout());
        }

        /** @return false when close() abandoned this attempt (the caller closes the shell) */
        synchronized boolean adopt(RemoteShell s) {
            if (abandoned) {
                return false;
            }
            shell = s;
            return true;
        }

        /** Called by close(): closes the connection if there is one yet, and refuses a later one. */
        void abandon() {
            RemoteShell s;
            synchronized (this) {
                abandoned = true;
                s = shell;
            }
            if (s != null) {
                s.close(); // unblocks a feature query waiting on the server
            }
        }

        synchronized void finish() {
            done = true;
            notifyAll();
        }

        /** @return whether the attempt finished before the deadline */
        synchronized boolean awaitDone(long deadlineNanos) throws InterruptedException {
            while (!done) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    private ConnectAttempt begin(String profileName, ConnectOptions options) {
        synchronized (lifecycle) {
            ensureOpen();
            ConnectAttempt a = new ConnectAttempt(profileName, options);
            attempts.add(a);
            return a;
        }
    }

    private void end(ConnectAttempt a) {
        synchronized (lifecycle) {
            attempts.remove(a);
        }
        a.finish();
    }

    private static X2GoClientException closedDuring(String profileName, Throwable cause) {
        return new X2GoClientException("X2GoClient was closed while connecting profile "
                + SafeText.excerpt(profileName), cause);
    }

    /** @return the IDs of the connected profiles */
    public List<String> connectedProfiles() {
        return List.copyOf(connections.keySet());
    }

    /**
     * @param profileId a connected profile
     * @return its control session
     * @throws X2GoClientException when the profile is not connected
     */
    public ControlSession controlSession(String profileId) {
        return connection(profileId).control();
    }

    /**
     * Closes the profile's connection; its records become DISCONNECTED and their proxies are stopped.
     * Server sessions are left as they are. Unknown profiles are ignored.
     *
     * @param profileId the profile
     */
    public void disconnect(String profileId) {
        Connection c;
        synchronized (lifecycle) {
            c = connections.remove(profileId);
            if (c != null) {
                registry.detachControlSession(profileId);
            }
        }
        sharing.disconnected(profileId);
        if (c != null) {
            c.control().close();
            progress.phase(c.profileName(), Phase.DONE);
        }
    }

    // ------------------------------------------------------------------ queries

    /**
     * Lists the profile's server sessions now and reconciles the registry with the answer.
     *
     * @param profileId a connected profile
     * @return the server's sessions
     */
    public SessionList listSessions(String profileId) {
        Connection c = connection(profileId);
        SessionList list = c.control().listSessions();
        registry.updateStatus(null, null, profileId, list, true, false);
        return list;
    }

    /**
     * @param profileId a connected profile
     * @return the desktops that can be shared
     */
    public List<String> listDesktops(String profileId) {
        return connection(profileId).control().listDesktops();
    }

    /**
     * @param uuid a registered session
     * @return its snapshot
     */
    public Optional<SessionSummary> summary(UUID uuid) {
        return registry.summary(uuid);
    }

    /**
     * @param uuid a registered session
     * @return the graphics proxy this client runs for it while it runs, with its {@code session.err} and
     *         {@code session.log} paths (the files stay on disk afterwards); empty for headless clients and
     *         sessions not started or resumed here
     */
    public Optional<GraphicsProxy> graphicsProxy(UUID uuid) {
        return registry.proxy(uuid);
    }

    /**
     * Finds the record of a server session by name, registering it when the registry does not know it
     * yet (python's {@code register} with a {@code session_name}).
     *
     * @param profileId   a connected profile
     * @param sessionName a server session name
     * @return the record's UUID
     */
    public UUID sessionByName(String profileId, String sessionName) {
        Connection c = connection(profileId);
        requireText(sessionName, "sessionName");
        return registry.sessionOfSessionName(sessionName, c.profileName())
                .orElseGet(() -> registry.register(c.options().host(), profileId, c.profileName(), sessionName));
    }

    // ------------------------------------------------------------------ session life cycle

    /**
     * Starts a new session: agent, graphics tunnel and proxy (unless graphics are off), then the command.
     * When it is then its profile's master session (the registry elects one per profile), the folders of
     * {@link TerminalParams#shareFolders()} are shared with it (the SFTP server's keys are made while the agent
     * starts); a folder that cannot be shared is reported to {@link SessionListener#onFolderShareFailed} and
     * logged, and does not fail the start.
     *
     * @param profileId a connected profile
     * @param params    session parameters
     * @return the record's UUID; the session is RUNNING when this returns
     * @throws org.x2go.api.X2GoTerminalSessionException the server refused or failed to start it
     * @throws org.x2go.api.X2GoProxyException           the graphics proxy could not start
     */
    public UUID startSession(String profileId, TerminalParams params) {
        Connection c = connection(profileId);
        Objects.requireNonNull(params, "params");
        // auto-registration would otherwise register the new session a second time while x2gostartagent runs
        registry.pauseProfileAutoRegistration(profileId);
        Runnable resume = onlyOnce(() -> registry.resumeProfileAutoRegistration(profileId));
        try {
            UUID uuid = registry.registerStarting(c.options().host(), profileId, c.profileName());
            sharing.prepare(profileId, c.control().shell(), params); // keys generated while the agent starts
            return bringUp(c, uuid, Phase.STARTING_AGENT,
                    () -> backend(TerminalSessionProvider.class).start(c.control(), params), params, true, resume);
        } finally {
            resume.run(); // a no-op when bringUp resumed it as soon as the record was bound
        }
    }

    private static Runnable onlyOnce(Runnable r) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                r.run();
            }
        };
    }

    /**
     * Resumes a suspended server session, always using the ports the server hands back. The folders this
     * client shared with it before it was suspended are mounted again, and on the profile's master session the
     * folders of {@link TerminalParams#shareFolders()} are shared, as for {@link #startSession}.
     *
     * @param profileId   a connected profile
     * @param sessionName the session to resume
     * @param params      session parameters (geometry, link, keyboard, ...)
     * @return the record's UUID; the session is RUNNING when this returns
     */
    public UUID resumeSession(String profileId, String sessionName, TerminalParams params) {
        Connection c = connection(profileId);
        Objects.requireNonNull(params, "params");
        UUID uuid = sessionByName(profileId, sessionName);
        registry.markResuming(uuid, sessionName);
        sharing.prepare(profileId, c.control().shell(), params);
        return bringUp(c, uuid, Phase.RESUMING_AGENT,
                () -> backend(TerminalSessionProvider.class).resume(c.control(), sessionName, params), params, false,
                () -> { });
    }

    /**
     * Opens the terminal, attaches the graphics, runs the command (new sessions only) and marks the
     * record RUNNING; on any failure the record is rolled back and the terminal released. Then, without
     * failing the call, a resumed session's shares are mounted again and, on the profile's master session,
     * the parameters' folders are shared.
     */
    private UUID bringUp(Connection c, UUID uuid, Phase agentPhase, java.util.function.Supplier<TerminalSession> open,
                         TerminalParams params, boolean runCommand, Runnable onBound) {
        progress.phase(c.profileName(), agentPhase);
        TerminalSession terminal = null;
        try {
            terminal = open.get();
            registry.attachTerminal(uuid, terminal);
            onBound.run();
            progress.phase(c.profileName(), Phase.AGENT_READY);
            attachGraphics(c, uuid, terminal.agent());
            if (graphics) {
                bareAgents.remove(uuid);
            } else {
                pruneBareAgents();
                bareAgents.put(uuid, terminal);
            }
            if (runCommand) {
                terminal.runCommand();
                progress.phase(c.profileName(), Phase.COMMAND_STARTED);
            }
            registry.markRunning(uuid);
            shareAutomatically(c, uuid, terminal, params, !runCommand);
            progress.phase(c.profileName(), Phase.RUNNING);
            return uuid;
        } catch (RuntimeException e) {
            failed(uuid, terminal, e);
            throw e;
        }
    }

    /**
     * Suspends a session and returns once the server lists it as suspended ({@code S}). While this
     * client waits, status updates (the guardian's) report nothing but this client's suspend.
     *
     * <p>A headless client ({@link Builder#graphics(boolean) graphics(false)}) refuses to suspend a session no NX
     * client has attached to, since the server would end it instead; see the class description.
     *
     * @param uuid a registered session bound to a server session
     * @throws SessionNeverAttachedException when this client is headless and no NX client has attached to the
     *                              session (the session is left running; no suspend is sent to the server)
     * @throws X2GoSessionException when the server does not list the session as suspended within the
     *                              client's {@linkplain Builder#ownOperationWait own-operation wait} (the
     *                              record keeps the state the server last listed), or the session ended
     *                              instead of suspending (the record is then TERMINATED)
     */
    public void suspendSession(UUID uuid) {
        Target t = target(uuid);
        String name = t.sessionName();
        refuseNeverAttached(t.connection(), uuid, name);
        progress.phase(t.connection().profileName(), Phase.SUSPENDING);
        registry.openOwnOperation(uuid, OwnOperation.SUSPEND);
        boolean confirmed = false;
        try {
            t.connection().control().suspend(name);
            long deadline = System.nanoTime() + ownOperationWait.toNanos();
            Poll poll = new Poll();
            while (true) {
                Optional<SessionInfo> seen = listAndReconcile(t, name);
                if (seen.isPresent() && seen.get().isSuspended()) {
                    confirmed = true;
                    break;
                }
                if (seen.isEmpty() || !seen.get().isRunning()) {
                    throw new X2GoSessionException("session " + SafeText.excerpt(name)
                            + " ended instead of suspending: the server lists it as "
                            + seen.map(i -> String.valueOf(i.status())).orElse("gone"));
                }
                poll.pause(deadline, () -> new X2GoSessionException("session " + SafeText.excerpt(name)
                        + " is still listed as running " + ownOperationWait.toMillis()
                        + " ms after this client asked the server to suspend it (expected: suspended)"));
            }
        } finally {
            registry.closeOwnOperation(uuid, confirmed);
        }
        sharing.suspended(t.connection().profileId(), name); // the server unmounted them; a resume mounts them again
        progress.phase(t.connection().profileName(), Phase.DONE);
    }

    /**
     * Terminates a session and returns once the server no longer lists it (or lists it as ended). A
     * session the server relists as suspended after the terminate (a race between the server's
     * {@code x2golistsessions} and {@code x2goterminate-session}) is terminated again, at most
     * {@value #TERMINATE_ATTEMPTS} times in all. The session is never auto-registered again.
     *
     * @param uuid a registered session bound to a server session
     * @throws X2GoSessionException when the server still lists the session after the client's
     *                              {@linkplain Builder#ownOperationWait own-operation wait}; the record
     *                              keeps the state the server last listed
     */
    public void terminateSession(UUID uuid) {
        Target t = target(uuid);
        String name = t.sessionName();
        progress.phase(t.connection().profileName(), Phase.TERMINATING);
        registry.openOwnOperation(uuid, OwnOperation.TERMINATE);
        boolean confirmed = false;
        try {
            t.connection().control().terminate(name);
            int attempts = 1;
            long lastIssued = System.nanoTime();
            long deadline = lastIssued + ownOperationWait.toNanos();
            Poll poll = new Poll();
            while (true) {
                Optional<SessionInfo> seen = listAndReconcile(t, name);
                if (seen.isEmpty() || !(seen.get().isRunning() || seen.get().isSuspended())) {
                    confirmed = true;
                    bareAgents.remove(uuid);
                    sharing.ended(t.connection().profileId(), uuid, name);
                    break;
                }
                if (attempts < TERMINATE_ATTEMPTS && System.nanoTime() - lastIssued >= TERMINATE_REISSUE.toNanos()) {
                    LOG.info("session {} still listed as {} after terminating it; terminating it again",
                            SafeText.excerpt(name), seen.get().status());
                    t.connection().control().terminate(name);
                    attempts++;
                    lastIssued = System.nanoTime();
                }
                final int tries = attempts;
                poll.pause(deadline, () -> new X2GoSessionException("session " + SafeText.excerpt(name)
                        + " is still listed as " + seen.get().status() + " " + ownOperationWait.toMillis()
                        + " ms after this client asked the server to terminate it " + tries
                        + " time(s) (expected: gone)"));
            }
        } finally {
            registry.closeOwnOperation(uuid, confirmed);
        }
        progress.phase(t.connection().profileName(), Phase.DONE);
    }

    // ------------------------------------------------------------------ folder sharing

    /**
     * Shares a local folder with a running session: the server mounts it with {@code sshfs} (under the session
     * user's {@code ~/media/disk}), through a reverse tunnel of this connection to an SFTP server of this client
     * that listens on loopback only and serves nothing but the shared folders. The share is mounted again when
     * this client resumes the session, and ends with the session or the connection.
     *
     * @param uuid     a running session of a connected profile
     * @param folder   an existing local directory whose path X2Go can mount (no {@code :}, quotes, {@code $},
     *                 backquotes, backslashes or control characters)
     * @param readOnly whether the session may only read it
     * @return the folder as the session's sshfs mounts it
     * @throws org.x2go.api.X2GoFolderSharingException  with a {@linkplain org.x2go.api.X2GoFolderSharingException#reason()
     *         reason}: BAD_FOLDER, NOT_AVAILABLE (no sshfs/fusermount on the server), FORWARD_REFUSED, MOUNT_FAILED
     * @throws org.x2go.api.X2GoSessionException         when the session is not running on this client
     */
    public SharedFolder shareFolder(UUID uuid, Path folder, boolean readOnly) {
        Objects.requireNonNull(folder, "folder");
        Target t = target(uuid);
        TerminalSession terminal = runningTerminal(uuid, t.sessionName());
        Connection c = t.connection();
        return sharing.share(c.profileId(), c.control().shell(), terminal, folder, FolderMount.Kind.DISK, readOnly);
    }

    /**
     * Unshares one folder of a session (the server unmounts it).
     *
     * @param uuid   the session
     * @param folder the folder as shared
     * @throws org.x2go.api.X2GoFolderSharingException UNMOUNT_FAILED
     */
    public void unshareFolder(UUID uuid, Path folder) {
        Objects.requireNonNull(folder, "folder");
        Target t = target(uuid);
        sharing.unshare(t.connection().profileId(), t.connection().control().shell(),
                runningTerminal(uuid, t.sessionName()), Optional.of(folder));
    }

    /**
     * Unshares every folder of a session.
     *
     * @param uuid the session
     * @throws org.x2go.api.X2GoFolderSharingException UNMOUNT_FAILED
     */
    public void unshareAllFolders(UUID uuid) {
        Target t = target(uuid);
        sharing.unshare(t.connection().profileId(), t.connection().control().shell(),
                runningTerminal(uuid, t.sessionName()), Optional.empty());
    }

    /**
     * @param uuid a session
     * @return the local folders this client shares with it, in the order they were shared
     */
    public List<Path> sharedFolders(UUID uuid) {
        Target t = target(uuid);
        return sharing.shares(t.connection().profileId(), t.sessionName());
    }

    /**
     * The server's own list of the session's mounts ({@code x2golistmounts}): {@code client|mount point} lines.
     *
     * @param uuid a session
     * @return the lines, as the server printed them
     */
    public List<String> serverMounts(UUID uuid) {
        Target t = target(uuid);
        return t.connection().control().listMounts(t.sessionName());
    }

    /**
     * Prints from a running session to this client: the session's print spool is shared with it (a folder
     * {@code S-<session>/spool} under the sessions root, mounted by the server where its X2Go printer drops
     * jobs), and each job that arrives is handed once to the action, by the selected printing backend. Printing
     * comes back after a resume and ends with the session or the connection.
     *
     * @param uuid   a running session of a connected profile
     * @param action the action, asked once per job (PDFVIEW, PDFSAVE, PRINT, PRINTCMD or DIALOG)
     * @param dialog asked when the action is DIALOG: the job's title and PDF in, the action to take (empty: drop
     *               the job) out; {@link PrintDialog#CANCEL_ALL} for none
     * @return the local spool folder
     * @throws org.x2go.api.X2GoFolderSharingException when the spool cannot be shared (see {@link #shareFolder})
     * @throws org.x2go.api.X2GoSessionException        when the session is not running on this client
     * @throws org.x2go.api.X2GoNotImplementedYetException when the printing backend cannot watch a spool
     */
    public Path enablePrinting(UUID uuid, Supplier<PrintAction> action, PrintDialog dialog) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(dialog, "dialog");
        Target t = target(uuid);
        TerminalSession terminal = runningTerminal(uuid, t.sessionName());
        Connection c = t.connection();
        return sharing.enablePrinting(c.profileId(), c.control().shell(), uuid, terminal, action, dialog);
    }

    /**
     * As {@link #enablePrinting(UUID, Supplier, PrintDialog)} with one fixed action and no dialog (a DIALOG
     * action drops every job).
     *
     * @param uuid   a running session
     * @param action the action for every job
     * @return the local spool folder
     */
    public Path enablePrinting(UUID uuid, PrintAction action) {
        Objects.requireNonNull(action, "action");
        return enablePrinting(uuid, () -> action, PrintDialog.CANCEL_ALL);
    }

    /**
     * After this client's start or resume: a resumed session's shares are mounted again, and the parameters'
     * folders are shared if the session is its profile's master (python shares only there). Failures go to the
     * listeners ({@link SessionListener#onFolderShareFailed}); the session runs on.
     */
    private void shareAutomatically(Connection c, UUID uuid, TerminalSession terminal, TerminalParams params,
                                    boolean resumed) {
        boolean master = registry.summary(uuid).map(SessionSummary::master).orElse(false);
        if (!master && !params.shareFolders().isEmpty()) {
            LOG.debug("session {} is not the master of profile {}: its folders are not shared",
                    SafeText.excerpt(terminal.sessionName()), SafeText.excerpt(c.profileName()));
        }
        if (resumed && (master && !params.shareFolders().isEmpty()
                || !sharing.shares(c.profileId(), terminal.sessionName()).isEmpty())) {
            awaitAgentLeftSuspended(c.control(), terminal.sessionName());
        }
        sharing.afterRunning(c.profileId(), c.control().shell(), terminal, resumed,
                master ? params.shareFolders() : List.of(), (folder, failure) -> {
                    for (SessionListener l : listeners) {
                        try {
                            l.onFolderShareFailed(uuid, c.profileName(), terminal.sessionName(), folder, failure);
                        } catch (RuntimeException e) {
                            LOG.warn("listener {} failed: {}", l, SafeText.excerpt(String.valueOf(e)));
                        }
                    }
                });
    }

    private TerminalSession runningTerminal(UUID uuid, String name) {
        SessionSummary s = registry.require(uuid);
        if (s.state() != SessionState.RUNNING) {
            throw new X2GoSessionException("session " + SafeText.excerpt(name) + " is " + s.state()
                    + ", not running: folders can only be shared with a running session");
        }
        return registry.terminal(uuid).orElseThrow(() -> new X2GoSessionException("session "
                + SafeText.excerpt(name) + " is not running on this client (found on the server, never resumed here)"));
    }

    /** How long a resume waits for the agent to leave SUSPENDED before it mounts the session's folders. */
    static final java.time.Duration AGENT_RESUME_WAIT = java.time.Duration.ofSeconds(10);

    /** How long a resume lets an unmount that x2gocleansessions decided on while the agent was suspended land. */
    static final java.time.Duration CLEANSESSIONS_UNMOUNT_GRACE = java.time.Duration.ofMillis(1500);

    private static void pause(java.time.Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits (bounded) until the resumed session's agent no longer reports itself SUSPENDING or SUSPENDED: the
     * database says R as soon as x2goresume-session runs, and x2gocleansessions unmounts every share of a session
     * listed R whose agent is still suspended (found by RealServerProfileSharesTest: the mount made right after
     * the resume was gone a moment later). An unreadable state, or the deadline, lets the mount go ahead.
     */
    private static void awaitAgentLeftSuspended(ControlSession control, String name) {
        long deadline = System.nanoTime() + AGENT_RESUME_WAIT.toNanos();
        while (true) {
            Optional<String> state = agentState(control, name);
            if (state.isEmpty()) {
                return;
            }
            if (!(state.get().equals("SUSPENDED") || state.get().equals("SUSPENDING"))) {
                // an x2gocleansessions round that read SUSPENDED a moment ago (before this poll, or before the agent
                // said RESUMING) may still be running its x2goumount-session (a su and a script): a mount made
                // before that lands is undone (RealServerFolderSharingTest lost its remount this way in a CI run)
                pause(CLEANSESSIONS_UNMOUNT_GRACE);
                return;
            }
            if (System.nanoTime() >= deadline) {
                LOG.debug("agent of {} still {} {} ms after the resume; mounting its folders anyway",
                        SafeText.excerpt(name), state.get(), AGENT_RESUME_WAIT.toMillis());
                return;
            }
            try {
                Thread.sleep(100); // polling the server's state file with a deadline, not synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Declares that an NX client outside this library has attached to the agent of a session this headless
     * client started or resumed (a gateway attaching its own client to the session's graphics port), so that
     * {@link #suspendSession} may go ahead when the server's agent state cannot be read (when it can, the
     * server's word decides). Holds until the session is next resumed by this client. Does nothing for
     * sessions that are not waiting for such a declaration.
     *
     * @param uuid a registered session
     * @throws org.x2go.api.X2GoSessionRegistryException for an unknown UUID
     */
    public void nxClientAttached(UUID uuid) {
        registry.require(uuid);
        bareAgents.remove(uuid);
    }

    /**
     * Refuses an own suspend that would make the server end a session no NX client ever attached to. Only a
     * headless client asks: the agent's own state on the server ({@code ~/.x2go/C-<session>/state}) decides
     * when it can be read ({@code STARTING}: refused, even when declared; anything else: an NX client
     * attached, for instance the gateway's own); otherwise this client's own knowledge decides (it brought
     * the session up without a proxy and no NX client was {@linkplain #nxClientAttached declared}).
     */
    private void refuseNeverAttached(Connection c, UUID uuid, String name) {
        if (graphics) {
            return; // this client's own proxy is attached to what it brought up
        }
        Optional<String> state = agentState(c.control(), name);
        if (state.isPresent()) {
            if (state.get().equals("STARTING")) {
                throw neverAttached(uuid, name, "the server reports its agent as still STARTING");
            }
            bareAgents.remove(uuid);
            return;
        }
        TerminalSession bare = bareAgents.get(uuid);
        if (bare == null) {
            return;
        }
        if (registry.terminal(uuid).orElse(null) != bare) {
            bareAgents.remove(uuid, bare); // the session was suspended, resumed or ended since: another story
            return;
        }
        throw neverAttached(uuid, name, "this headless client (graphics(false)) started or resumed it and no NX"
                + " client was declared attached");
    }

    private static SessionNeverAttachedException neverAttached(UUID uuid, String name, String evidence) {
        return new SessionNeverAttachedException("session " + SafeText.excerpt(name) + " was not suspended: "
                + evidence + ", and an X2Go server ends a session that no NX client ever attached to when it is"
                + " suspended. Select the TUNNEL proxy (x2go.backend.proxy=TUNNEL, org.x2go:x2go-proxy-tunnel) with"
                + " graphics on, which keeps the agent attached without a display; or attach your own NX client"
                + " (then call nxClientAttached(uuid) if the server's agent state cannot be read); or terminate the"
                + " session", uuid, name);
    }

    /** What {@code x2gostartagent} can produce; anything else is not put into a command. */
    private static final java.util.regex.Pattern AGENT_SESSION_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._@-]{1,255}");
    /** Longest agent state word read from the server. */
    private static final int MAX_AGENT_STATE = 32;

    /**
     * @return the agent's own state as the server keeps it ({@code ~/.x2go/C-<session>/state}: STARTING,
     *         RUNNING, SUSPENDED, ...), or empty when it cannot be read or is not a plain word
     */
    private static Optional<String> agentState(ControlSession control, String name) {
        if (!AGENT_SESSION_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        try {
            String home = control.remoteHome();
            if (home == null || home.isBlank() || home.indexOf('\'') >= 0 || home.indexOf('\n') >= 0) {
                return Optional.empty();
            }
            org.x2go.spi.CommandResult r = control.run("cat '" + home + "/.x2go/C-" + name + "/state'");
            String word = r.stdout() == null ? "" : r.stdout().strip();
            if (r.exitStatus() != 0 || word.isEmpty() || word.length() > MAX_AGENT_STATE || !word.matches("[A-Z]+")) {
                return Optional.empty();
            }
            return Optional.of(word);
        } catch (RuntimeException e) {
            LOG.debug("cannot read the agent state of session {}: {}", SafeText.excerpt(name),
                    SafeText.excerpt(String.valueOf(e)));
            return Optional.empty();
        }
    }

    /** Drops entries whose record is gone or holds another terminal (bounded by the registry's records). */
    private void pruneBareAgents() {
        bareAgents.entrySet().removeIf(e -> {
            try {
                return registry.terminal(e.getKey()).orElse(null) != e.getValue();
            } catch (X2GoException gone) {
                return true;
            }
        });
    }

    // ------------------------------------------------------------------ asynchronous variants

    /**
     * {@link #connect(String, ConnectOptions)} on {@code executor}; cancellation as in the class description.
     *
     * @param profileName the profile name
     * @param options     where and how to connect
     * @param executor    runs the call
     * @return completes with the profile ID, or with the exception {@code connect} throws
     */
    public CompletableFuture<String> connectAsync(String profileName, ConnectOptions options, Executor executor) {
        return async(executor, () -> connect(profileName, options));
    }

    /**
     * {@link #connect(String, String, ConnectOptions)} on {@code executor}.
     *
     * @param profileId   the profile ID
     * @param profileName the profile name
     * @param options     where and how to connect
     * @param executor    runs the call
     * @return completes with the profile ID, or with the exception {@code connect} throws
     */
    public CompletableFuture<String> connectAsync(String profileId, String profileName, ConnectOptions options,
                                                  Executor executor) {
        return async(executor, () -> connect(profileId, profileName, options));
    }

    /**
     * {@link #startSession} on {@code executor}; cancellation as in the class description (a start that has
     * begun runs to its end: the session is then running, and listed in the registry).
     *
     * @param profileId a connected profile
     * @param params    session parameters
     * @param executor  runs the call
     * @return completes with the record's UUID, or with the exception {@code startSession} throws
     */
    public CompletableFuture<UUID> startSessionAsync(String profileId, TerminalParams params, Executor executor) {
        return async(executor, () -> startSession(profileId, params));
    }

    /**
     * {@link #resumeSession} on {@code executor}.
     *
     * @param profileId   a connected profile
     * @param sessionName the session to resume
     * @param params      session parameters
     * @param executor    runs the call
     * @return completes with the record's UUID, or with the exception {@code resumeSession} throws
     */
    public CompletableFuture<UUID> resumeSessionAsync(String profileId, String sessionName, TerminalParams params,
                                                      Executor executor) {
        return async(executor, () -> resumeSession(profileId, sessionName, params));
    }

    /**
     * {@link #suspendSession} on {@code executor}.
     *
     * @param uuid     a registered session
     * @param executor runs the call
     * @return completes when the server lists the session as suspended, or with the exception
     *         {@code suspendSession} throws
     */
    public CompletableFuture<Void> suspendSessionAsync(UUID uuid, Executor executor) {
        return async(executor, () -> {
            suspendSession(uuid);
            return null;
        });
    }

    /**
     * {@link #terminateSession} on {@code executor}.
     *
     * @param uuid     a registered session
     * @param executor runs the call
     * @return completes when the server no longer lists the session, or with the exception
     *         {@code terminateSession} throws
     */
    public CompletableFuture<Void> terminateSessionAsync(UUID uuid, Executor executor) {
        return async(executor, () -> {
            terminateSession(uuid);
            return null;
        });
    }

    /** Runs {@code call} on {@code executor} unless the future was cancelled (or otherwise completed) first. */
    private static <T> CompletableFuture<T> async(Executor executor, java.util.function.Supplier<T> call) {
        Objects.requireNonNull(executor, "executor");
        CompletableFuture<T> future = new CompletableFuture<>();
        Runnable task = () -> {
            if (future.isDone()) {
                return; // cancelled before it ran: the call never starts
            }
            try {
                future.complete(call.get());
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            } catch (Error e) {
                future.completeExceptionally(e);
                throw e;
            }
        };
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(e);
        }
        return future;
    }

    /** Terminate requests per own terminate, the first included. */
    static final int TERMINATE_ATTEMPTS = 3;
    /** A session still listed this long after a terminate request is terminated again. */
    static final java.time.Duration TERMINATE_REISSUE = java.time.Duration.ofSeconds(2);

    /** Lists the profile's sessions, reconciles the registry with the answer and returns the named entry. */
    private Optional<SessionInfo> listAndReconcile(Target t, String name) {
        SessionList list = t.connection().control().listSessions();
        registry.updateStatus(StatusTarget.profileId(t.connection().profileId()), list, true, false);
        return list.byName(name);
    }

    /** Waits between polls of the server: 50 ms, doubling up to 500 ms, never past the deadline. */
    private static final class Poll {
        private long nanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(50);

        void pause(long deadline, java.util.function.Supplier<X2GoSessionException> timeout) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw timeout.get();
            }
            try {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(Math.min(nanos, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                X2GoSessionException x = timeout.get();
                throw new X2GoSessionException("interrupted while waiting: " + x.getMessage(), e);
            }
            nanos = Math.min(nanos * 2, java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(500));
        }
    }

    private record Target(Connection connection, String sessionName) {
    }

    private Target target(UUID uuid) {
        SessionSummary s = registry.require(uuid);
        if (s.sessionName().isEmpty()) {
            throw new X2GoSessionException("session " + uuid + " is not bound to a server session (state "
                    + s.state() + ")");
        }
        return new Target(connection(s.profileId()), s.sessionName());
    }

    private void attachGraphics(Connection c, UUID uuid, AgentInfo agent) {
        if (!graphics) {
            return;
        }
        progress.phase(c.profileName(), Phase.STARTING_PROXY);
        GraphicsProxy proxy = backend(ProxyProvider.class)
                .start(new ProxyRequest(c.control().shell(), agent, sessionsRoot, display == null ? "" : display));
        registry.attachProxy(uuid, proxy);
        proxy.onExit(code -> onProxyExit(c, uuid, proxy, agent.sessionName(), code));
        progress.phase(c.profileName(), Phase.PROXY_UP);
    }

    /**
     * A proxy exited. While its session runs (no own suspend or terminate: the registry checks), the
     * server is asked first: a session that ended took its proxy with it (reported as the end it is);
     * otherwise the proxy died and the record turns FAULTY.
     */
    /** How long a cleanly exited proxy's session may still be listed running before the exit counts as a death. */
    static final java.time.Duration CLEAN_PROXY_EXIT_GRACE = java.time.Duration.ofSeconds(3);

    private void onProxyExit(Connection c, UUID uuid, GraphicsProxy proxy, String name, int code) {
        LOG.info("graphics proxy of {} exited with {}", SafeText.excerpt(name), code);
        boolean running = registry.summary(uuid)
                .map(s -> s.state() == org.x2go.api.SessionState.RUNNING && s.sessionName().equals(name))
                .orElse(false);
        if (!running || registry.ownOperation(uuid).isPresent()
                || !registry.proxy(uuid).map(p -> p == proxy).orElse(false)) {
            return; // this client suspends or terminates the session, or released or replaced the proxy
        }
        try {
            // a clean exit (0) is how nxproxy ends when the agent closes the link: a suspend by another client
            // does that a moment before the server lists the session S, so give the server a short, bounded
            // while to say so before calling it a death (a killed proxy exits non-zero and is not waited for)
            long until = System.nanoTime() + (code == 0 ? CLEAN_PROXY_EXIT_GRACE.toNanos() : 0);
            while (true) {
                SessionList list = c.control().listSessions();
                Optional<SessionInfo> seen = list.byName(name);
                if (seen.isEmpty() || !seen.get().isRunning()) {
                    registry.updateStatus(StatusTarget.profileId(c.profileId()), list, true, false);
                    if (seen.isEmpty() || !seen.get().isSuspended() || code == 0) {
                        return; // ended, or suspended elsewhere: the status update tells listeners
                    }
                    break;
                }
                if (System.nanoTime() >= until) {
                    break;
                }
                Thread.sleep(200); // polling the server's list with a deadline, not synchronisation
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("cannot list sessions after the proxy of {} exited: {}", SafeText.excerpt(name),
                    SafeText.excerpt(String.valueOf(e)));
        }
        registry.proxyExited(uuid, proxy, code, logTail(proxy));
    }

    /** At most this many characters of the end of a dead proxy's log go to {@link SessionListener#onProxyDied}. */
    static final int PROXY_LOG_TAIL = 2000;

    /** The end of the proxy's error log (the last {@value #PROXY_LOG_TAIL} characters), escaped; empty when unreadable. */
    static String logTail(GraphicsProxy proxy) {
        try {
            Path log = proxy.errorLog();
            if (log == null || !java.nio.file.Files.isRegularFile(log)) {
                return "";
            }
            try (java.nio.channels.SeekableByteChannel ch = java.nio.file.Files.newByteChannel(log)) {
                long size = ch.size();
                int n = (int) Math.min(size, PROXY_LOG_TAIL * 4L);
                ch.position(size - n);
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(n);
                while (buf.hasRemaining() && ch.read(buf) > 0) {
                    // read up to n bytes
                }
                String text = new String(buf.array(), 0, buf.position(), java.nio.charset.StandardCharsets.UTF_8);
                String tail = text.length() > PROXY_LOG_TAIL ? text.substring(text.length() - PROXY_LOG_TAIL) : text;
                return SafeText.visible(tail);
            }
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("cannot read the log of proxy {}: {}", proxy, SafeText.excerpt(String.valueOf(e)));
            return "";
        }
    }

    private void failed(UUID uuid, TerminalSession terminal, RuntimeException e) {
        try {
            registry.markStartupFailed(uuid, e);
        } catch (X2GoException suppressed) {
            e.addSuppressed(suppressed);
        }
        if (terminal != null) {
            terminal.close();
        }
    }

    private Connection connection(String profileId) {
        ensureOpen();
        Connection c = connections.get(Objects.requireNonNull(profileId, "profileId"));
        if (c == null) {
            throw new X2GoClientException("profile '" + profileId + "' is not connected; connected: "
                    + connections.keySet());
        }
        return c;
    }

    private static void requireText(String v, String what) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    /** @throws X2GoClientException when the client is closed */
    void ensureOpen() {
        if (closed) {
            throw new X2GoClientException("X2GoClient is closed");
        }
    }

    /**
     * Closes the client: stops the proxies and tunnels it owns, closes every connection and the
     * registry. Server sessions are left as they are (running sessions stay running). Idempotent.
     * A {@code connect} in flight fails with an {@link X2GoClientException}; this call closes its
     * connection, or waits until the transport gives up (at most its connect plus command timeout and 5 s),
     * so that no connection of this client outlives it.
     */
    @Override
    public void close() {
        List<ConnectAttempt> inFlight;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            inFlight = List.copyOf(attempts);
        }
        // connections being opened: close what exists, then wait until each connect() has given up,
        // so that nothing it opens outlives this call (the transport bounds its own connect)
        inFlight.forEach(ConnectAttempt::abandon);
        awaitAttempts(inFlight);
        if (guardian != null) {
            guardian.close();
        }
        registry.releaseAllTerminals();
        for (String id : List.copyOf(connections.keySet())) {
            try {
                disconnect(id);
            } catch (RuntimeException e) {
                LOG.warn("closing profile {} failed: {}", SafeText.excerpt(id), SafeText.excerpt(String.valueOf(e)));
            }
        }
        sharing.close();
        registry.close();
        closer.shutdown();
        try {
            if (!closer.awaitTermination(15, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("proxies and tunnels still closing after 15 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.debug("X2GoClient closed");
    }

    private static void awaitAttempts(List<ConnectAttempt> inFlight) {
        for (ConnectAttempt a : inFlight) {
            if (a.thread == Thread.currentThread()) {
                continue; // close() called from a progress listener of this very connect: it fails on return
            }
            long deadline = System.nanoTime() + a.limit.plusSeconds(5).toNanos();
            try {
                if (!a.awaitDone(deadline)) {
                    LOG.warn("connect of profile {} still running after {} ms; it closes its connection when it returns",
                            SafeText.excerpt(a.profileName), a.limit.plusSeconds(5).toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Builds an {@link X2GoClient}. Every setting can be changed until {@link #build()}: a setter replaces
     * its value; listeners, overrides and configuration entries accumulate, and {@link #clearListeners},
     * {@link #clearOverrides}, {@link #clearConfig} and {@link #noGuardian} undo them. Not thread-safe.
     */
    public static final class Builder {
        /** The default of {@link #ownOperationWait}: 15 s. */
        public static final java.time.Duration DEFAULT_OWN_OPERATION_WAIT = java.time.Duration.ofSeconds(15);
        private final Map<String, Object> config = new LinkedHashMap<>();
        private Properties systemProperties = System.getProperties();
        private Backends backends;
        private final List<Module> overrides = new ArrayList<>();
        private final List<SessionListener> listeners = new ArrayList<>();
        private ProgressListener progress = ProgressListener.NONE;
        private Path sessionsRoot = Path.of(System.getProperty("user.home"), ".x2go");
        private String display = System.getenv("DISPLAY");
        private boolean graphics = true;
        private GuardianOptions guardianOptions;
        private boolean shutdownHook;
        private java.time.Duration ownOperationWait = DEFAULT_OWN_OPERATION_WAIT;

        private Builder() {
        }

        /**
         * Runs a {@link SessionGuardian} with these options (python's auto-update of the session registry,
         * caches and auto-registration). Without this call the client polls only when asked.
         *
         * @param options the guardian options
         * @return this
         */
        public Builder guardian(GuardianOptions options) {
            this.guardianOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Runs no guardian (the default): undoes {@link #guardian(GuardianOptions)} and {@link #shutdownHook}.
         *
         * @return this
         */
        public Builder noGuardian() {
            this.guardianOptions = null;
            this.shutdownHook = false;
            return this;
        }

        /**
         * Forgets the listeners given so far.
         *
         * @return this
         */
        public Builder clearListeners() {
            listeners.clear();
            return this;
        }

        /**
         * Forgets the Guice override modules given so far.
         *
         * @return this
         */
        public Builder clearOverrides() {
            overrides.clear();
            return this;
        }

        /**
         * Forgets the configuration entries given so far ({@link #config}, {@link #set}, {@link #backendOption}).
         *
         * @return this
         */
        public Builder clearConfig() {
            config.clear();
            return this;
        }

        /**
         * @param wait how long {@link X2GoClient#suspendSession} and {@link X2GoClient#terminateSession}
         *             wait for the server to list the outcome (default {@link #DEFAULT_OWN_OPERATION_WAIT});
         *             positive, at most 10 minutes
         * @return this
         * @throws IllegalArgumentException for a zero, negative or longer wait
         */
        public Builder ownOperationWait(java.time.Duration wait) {
            Objects.requireNonNull(wait, "wait");
            if (wait.isZero() || wait.isNegative() || wait.compareTo(java.time.Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("ownOperationWait must be positive and at most 10 minutes: " + wait);
            }
            this.ownOperationWait = wait;
            return this;
        }

        /**
         * @param enabled whether the guardian registers a JVM shutdown hook that releases proxies and
         *                tunnels on SIGTERM/SIGINT (off by default)
         * @return this
         */
        public Builder shutdownHook(boolean enabled) {
            this.shutdownHook = enabled;
            return this;
        }

        /**
         * @param listener told about every session event (can also be added later)
         * @return this
         */
        public Builder listener(SessionListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * @param listener told about the phases of connect/start/resume/suspend/terminate
         * @return this
         */
        public Builder progress(ProgressListener listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @param root the local sessions root holding {@code S-<session>} directories (default {@code ~/.x2go})
         * @return this
         */
        public Builder sessionsRoot(Path root) {
            this.sessionsRoot = Objects.requireNonNull(root, "root");
            return this;
        }

        /**
         * @param display the local X display the graphics proxy draws on (default: {@code $DISPLAY}); whether
         *                one is needed is the proxy's business ({@code NX3} refuses to build without one when
         *                graphics are on, {@code TUNNEL} does not use it)
         * @return this
         */
        public Builder display(String display) {
            this.display = display;
            return this;
        }

        /**
         * @param enabled false for headless use (tests, gateways that attach their own NX client): sessions are
         *                started and resumed without a local graphics proxy, and such a session is not
         *                suspended until an NX client is declared attached ({@link X2GoClient#nxClientAttached});
         *                gateways whose sessions must survive suspend select the {@code TUNNEL} proxy and keep
         *                graphics on instead
         * @return this
         */
        public Builder graphics(boolean enabled) {
            this.graphics = enabled;
            return this;
        }

        /**
         * @param entries configuration entries such as {@code x2go.backend.proxy=NX3}; system properties win
         * @return this
         */
        public Builder config(Map<String, ?> entries) {
            config.putAll(entries);
            return this;
        }

        /**
         * @param properties configuration entries; system properties win
         * @return this
         */
        public Builder config(Properties properties) {
            properties.stringPropertyNames().forEach(n -> config.put(n, properties.getProperty(n)));
            return this;
        }

        /**
         * @param key   a configuration key
         * @param value its value
         * @return this
         */
        public Builder set(String key, String value) {
            config.put(key, value);
            return this;
        }

        /**
         * Sets an option of a provider, in its namespace {@code x2go.<kind>.<provider name>.<option>}, e.g.
         * {@code backendOption("x2go.proxy.nx3.binary", "/opt/nx/bin/nxproxy")}. The selected provider of that
         * kind receives the options of its own namespace at {@link #build()} ({@link BackendConfig}); a system
         * property of the same key wins. Options of providers that are not selected are not used.
         *
         * @param key   the full key
         * @param value its value
         * @return this
         * @throws IllegalArgumentException when the key is not of the form
         *                                  {@code x2go.<selectable kind>.<name>.<option>}
         */
        public Builder backendOption(String key, String value) {
            Objects.requireNonNull(value, "value");
            if (!isBackendOptionKey(key)) {
                throw new IllegalArgumentException("Not a backend option key (x2go.<kind>.<provider>.<option>, kind one"
                        + " of " + BackendKind.selectable().stream().map(BackendKind::key).toList() + "): '"
                        + SafeText.excerpt(String.valueOf(key)) + "'");
            }
            config.put(key, value);
            return this;
        }

        static boolean isBackendOptionKey(String key) {
            if (key == null) {
                return false;
            }
            String[] parts = key.split("\\.", -1);
            if (parts.length < 4 || !parts[0].equals("x2go")) {
                return false;
            }
            for (String part : parts) {
                if (part.isBlank()) {
                    return false;
                }
            }
            return BackendKind.selectable().stream().anyMatch(k -> k.key().equals(parts[1]));
        }

        /**
         * Replaces the properties that win over {@link #config} (normally the JVM system properties).
         *
         * @param overriding the overriding properties, or {@code null} for none
         * @return this
         */
        public Builder systemProperties(Properties overriding) {
            this.systemProperties = overriding;
            return this;
        }

        /**
         * @param backends the providers to choose from instead of ServiceLoader discovery
         * @return this
         */
        public Builder backends(Backends backends) {
            this.backends = backends;
            return this;
        }

        /**
         * @param modules Guice modules whose bindings replace the defaults ({@code Modules.override})
         * @return this
         */
        public Builder override(Module... modules) {
            overrides.addAll(List.of(modules));
            return this;
        }

        /**
         * @return the client, the selected backend of every selectable kind resolved and configured
         * @throws X2GoBackendException when a selected backend is unknown, ambiguous, fails to load, or refuses
         *                              its configuration
         * @throws org.x2go.api.X2GoProxyException when the selected graphics proxy cannot work in this client
         *                              (for {@code NX3} with graphics on: no X display, reason
         *                              {@link org.x2go.api.X2GoProxyException.Reason#NO_DISPLAY NO_DISPLAY})
         */
        public X2GoClient build() {
            BackendSelection selection = BackendSelection.fromConfig(config, systemProperties);
            Backends found = backends != null ? backends : Backends.discover();
            Module module = new X2GoModule(selection, found);
            if (!overrides.isEmpty()) {
                module = Modules.override(module).with(overrides);
            }
            Injector injector = createInjector(module);
            Map<BackendKind, NamedProvider> resolved = new EnumMap<>(BackendKind.class);
            for (BackendKind k : BackendKind.selectable()) {
                NamedProvider p = Objects.requireNonNull(injector.getInstance(k.spi()), k.key());
                resolved.put(k, configure(k, p));
            }
            LOG.debug("backends in use: {}", resolved);
            return new X2GoClient(this, selection, Collections.unmodifiableMap(resolved));
        }

        /** Hands a selected provider its namespace, when it takes configuration; the provider decides what it needs. */
        private NamedProvider configure(BackendKind kind, NamedProvider p) {
            if (!(p instanceof BackendConfig.Configurable<?> c)) {
                return p;
            }
            BackendConfig cfg = BackendConfig.of(kind, p.name(), config, systemProperties, display, graphics);
            Object configured;
            try {
                configured = c.configure(cfg);
            } catch (X2GoException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new X2GoBackendException("Cannot configure the " + kind.key() + " backend " + p.name() + " ("
                        + p.getClass().getName() + ") with " + cfg + ": " + SafeText.excerpt(String.valueOf(e)), e);
            }
            if (!kind.spi().isInstance(configured)) {
                throw new X2GoBackendException("The " + kind.key() + " backend " + p.getClass().getName()
                        + " returned " + (configured == null ? "null" : configured.getClass().getName())
                        + " from configure(), not a " + kind.spi().getName());
            }
            LOG.debug("{} backend {} configured with {}", kind.key(), p.name(), cfg);
            return (NamedProvider) configured;
        }

        private static Injector createInjector(Module module) {
            try {
                return Guice.createInjector(module);
            } catch (CreationException e) {
                throw unwrap(e.getErrorMessages(), e);
            } catch (ProvisionException e) {
                throw unwrap(e.getErrorMessages(), e);
            }
        }

        private static RuntimeException unwrap(Iterable<Message> messages, RuntimeException e) {
            List<String> texts = new ArrayList<>();
            List<X2GoBackendException> found = new ArrayList<>();
            for (Message m : messages) {
                Throwable c = m.getCause();
                if (c instanceof X2GoBackendException b && !found.contains(b)) {
                    texts.add(b.getMessage());
                    found.add(b);
                }
            }
            if (found.size() == 1) {
                return found.get(0); // as thrown, with its cause (e.g. the ServiceConfigurationError)
            }
            if (!texts.isEmpty()) {
                return new X2GoBackendException(String.join("\n", texts), e);
            }
            return new X2GoBackendException("Cannot wire the X2Go backends: " + e.getMessage(), e);
        }
    }
}
