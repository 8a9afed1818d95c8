package org.x2go.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.ConnectOptions;
import org.x2go.testkit.internal.ExecCommand;
import org.x2go.testkit.internal.FakeFiles;
import org.x2go.testkit.internal.FakeShell;
import org.x2go.testkit.internal.KeyFiles;
import org.x2go.testkit.internal.Output;
import org.x2go.testkit.internal.X2GoCommands;

/**
 * An in-process SSH server on {@code 127.0.0.1} that behaves like an X2Go server for the commands
 * X2Go clients send (built on Apache MINA SSHD). It interprets the command lines the way
 * {@code sh -c} would for the forms clients use, keeps sessions in memory and can be scripted to
 * misbehave (noise, CRLF, slow commands, dropped connections, a changed host key, ...).
 *
 * <p>Typical use:
 * <pre>{@code
 * try (FakeX2GoServer server = FakeX2GoServer.builder().user("alice").build().start()) {
 *     ConnectOptions options = server.connectOptions().build();
 *     ...
 * }
 * }</pre>
 *
 * <p>A key pair for the client is always generated and authorized; {@link #clientKeyFile()} is its
 * OpenSSH private key file and {@link #knownHostsFile()} vouches for the server's host key.
 * Thread-safe.
 */
public final class FakeX2GoServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FakeX2GoServer.class);

    /** The loopback address the server listens on. */
    public static final String HOST = "127.0.0.1";

    private final String user;
    private final Optional<String> password;
    private final List<PublicKey> authorizedKeys;
    private final int requestedPort;
    private final AtomicReference<KeyPair> hostKey;
    private final KeyPair clientKey;
    private final Path workDir;
    private final boolean ownsWorkDir;
    private final FakeFiles files;
    private final ServerBehaviour behaviour;
    private final X2GoCommands x2go;
    private final FakeSessions sessions;
    private final CommandLog log = new CommandLog();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final ExecutorService executor;
    private final String hostname;
    private volatile SshServer sshd;
    private volatile int port = -1;
    private volatile boolean closed;

    private FakeX2GoServer(Builder b) {
        this.user = b.user;
        this.password = Optional.ofNullable(b.password);
        this.requestedPort = b.port;
        this.hostname = b.hostname;
        this.hostKey = new AtomicReference<>(b.hostKey != null ? b.hostKey : KeyFiles.generate());
        this.clientKey = KeyFiles.generate();
        List<PublicKey> keys = new ArrayList<>(b.authorizedKeys);
        keys.add(clientKey.getPublic());
        this.authorizedKeys = List.copyOf(keys);
        try {
            this.ownsWorkDir = b.workDir == null;
            this.workDir = b.workDir != null ? Files.createDirectories(b.workDir)
                    : Files.createTempDirectory("x2go-fake-");
            Path root = Files.createDirectories(workDir.resolve("root"));
            this.files = new FakeFiles(root.toRealPath());
            Files.createDirectories(files.resolve(homeDirectory(), "/"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the fake server's directory", e);
        }
        this.behaviour = new ServerBehaviour();
        this.x2go = new X2GoCommands(user, hostname, b.clock, behaviour, files);
        this.sessions = new FakeSessions(x2go.store(), HOST);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "x2go-fake-exec-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** @return a builder with user {@code x2gouser}, a generated host key and port 0 */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts listening. May be called once.
     *
     * @return this server
     * @throws UncheckedIOException when the port cannot be bound
     * @throws IllegalStateException when already started or closed
     */
    public synchronized FakeX2GoServer start() {
        if (sshd != null || closed) {
            throw new IllegalStateException("fake server already started or closed");
        }
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost(HOST);
        s.setPort(requestedPort);
        // Like OpenSSH's sshd: without TCP_NODELAY every command pays a delayed-ACK round (~40 ms).
        org.apache.sshd.core.CoreModuleProperties.TCP_NODELAY.set(s, true);
        s.setKeyPairProvider(new KeyPairProvider() {
            @Override
            public Iterable<KeyPair> loadKeys(SessionContext session) {
                return List.of(hostKey.get());
            }
        });
        s.setPublickeyAuthenticator((username, key, session) -> user.equals(username)
                && authorizedKeys.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        if (password.isPresent()) {
            s.setPasswordAuthenticator((username, pw, session) -> user.equals(username) && password.get().equals(pw));
        } else {
            s.setPasswordAuthenticator(null);
            s.setKeyboardInteractiveAuthenticator(null);
        }
        s.setCommandFactory((channel, command) -> new ExecCommand(command, execHost()));
        s.setSubsystemFactories(List.of(new HomeDirSftpFactory(homeDirectory())));
        s.setFileSystemFactory(new VirtualFileSystemFactory(files.root()));
        s.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        try {
            s.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start fake X2Go server on " + HOST + ":" + requestedPort, e);
        }
        sshd = s;
        port = boundPort(s);
        try {
            Path clientDir = Files.createDirectories(workDir.resolve("client"));
            KeyFiles.writePrivateKey(clientKey, clientDir.resolve("id_ecdsa"), user + "@x2go-fake-client");
            Files.writeString(clientDir.resolve("known_hosts"),
                    KeyFiles.knownHostsLine(HOST, port, hostKey.get().getPublic()) + "\n");
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot write client files", e);
        }
        LOG.debug("fake X2Go server for {} listening on {}:{}", user, HOST, port);
        return this;
    }

    private static int boundPort(SshServer s) {
        if (s.getPort() > 0) {
            return s.getPort();
        }
        for (SocketAddress a : s.getBoundAddresses()) {
            if (a instanceof InetSocketAddress isa) {
                return isa.getPort();
            }
        }
        throw new IllegalStateException("fake server has no bound address");
    }

    private ExecCommand.Host execHost() {
        return new ExecCommand.Host() {
            @Override
            public ExecutorService executor() {
                return executor;
            }

            @Override
            public boolean beforeCommand(String line, ChannelSession channel) throws InterruptedException {
                log.add(line);
                int now = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(now, Math::max);
                Duration delay = behaviour.delayFor(line);
                if (!delay.isZero()) {
                    Thread.sleep(delay.toMillis());
                }
                if (behaviour.shouldDrop(line)) {
                    LOG.debug("dropping connection on '{}' as scripted", line);
                    channel.getSession().close(true);
                    return false;
                }
                return true;
            }

            @Override
            public int run(String line, ChannelSession channel, OutputStream out, OutputStream err)
                    throws InterruptedException {
                ServerBehaviour.Fault fault = behaviour.faultFor(line);
                if (fault != null) {
                    return runFaulty(fault, line, channel, out, err);
                }
                return runShell(line, channel, Output.of(out, behaviour.crlf()), Output.of(err, behaviour.crlf()));
            }

            @Override
            public void afterCommand() {
                inFlight.decrementAndGet();
            }
        };
    }

    private int runShell(String line, ChannelSession channel, Output o, Output e) throws InterruptedException {
        String noise = behaviour.noise();
        if (!noise.isEmpty()) {
            o.write(noise.endsWith("\n") ? noise : noise + "\n");
        }
        FakeShell shell = new FakeShell(x2go.handlers(), files, loginEnvironment(channel));
        return shell.run(line, o, e);
    }

    /** Runs a command under a scripted {@link ServerBehaviour.Fault}. */
    private int runFaulty(ServerBehaviour.Fault fault, String line, ChannelSession channel, OutputStream out,
                          OutputStream err) throws InterruptedException {
        LOG.debug("'{}' runs with scripted fault {}", line, fault.kind());
        try {
            switch (fault.kind()) {
                case FLOOD_STDOUT -> flood(channel, out);
                case FLOOD_STDERR -> flood(channel, err);
                case HANG -> new java.util.concurrent.CountDownLatch(1)
                        .await(ServerBehaviour.HANG_MAX.toMillis(), TimeUnit.MILLISECONDS);
                default -> {
                    return runBuffered(fault, line, channel, out, err);
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("client channel closed", e);
        }
    }

    private static void flood(ChannelSession channel, OutputStream stream) throws IOException, InterruptedException {
        byte[] chunk = "flood flood flood flood flood flood flood flood flood flood flood flood flood flood flood\n"
                .repeat(256).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (long sent = 0; sent < ServerBehaviour.FLOOD_MAX_BYTES; sent += chunk.length) {
            if (Thread.interrupted()) {
                throw new InterruptedException("flood stopped: channel destroyed");
            }
            if (channel.isClosing() || !channel.isOpen()) {
                throw new IOException("flood stopped: channel closed by the client");
            }
            stream.write(chunk);
            stream.flush();
        }
    }

    private int runBuffered(ServerBehaviour.Fault fault, String line, ChannelSession channel, OutputStream out,
                            OutputStream err) throws IOException, InterruptedException {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream e = new java.io.ByteArrayOutputStream();
        int status = runShell(line, channel, Output.of(o, behaviour.crlf()), Output.of(e, behaviour.crlf()));
        byte[] stdout = o.toByteArray();
        switch (fault.kind()) {
            case DROP_MID_COMMAND -> {
                int half = stdout.length == 0 ? 0 : Math.max(1, stdout.length / 2);
                out.write(stdout, 0, half);
                out.flush();
                LOG.debug("dropping connection in the middle of '{}' as scripted", line);
                channel.getSession().close(true);
                throw new IOException("connection dropped mid-command as scripted");
            }
            case TRICKLE -> {
                for (int i = 0; i < stdout.length; i += fault.chunk()) {
                    TimeUnit.NANOSECONDS.sleep(fault.interval().toNanos());
                    out.write(stdout, i, Math.min(fault.chunk(), stdout.length - i));
                    out.flush();
                }
            }
            case OMIT_END_MARKER -> {
                String text = o.toString(java.nio.charset.StandardCharsets.UTF_8);
                StringBuilder kept = new StringBuilder();
                for (String l : text.split("(?<=\n)")) {
                    if (!l.startsWith("X2GODATAEND:")) {
                        kept.append(l);
                    }
                }
                out.write(kept.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            default -> throw new IllegalStateException("not a buffered fault: " + fault.kind());
        }
        err.write(e.toByteArray());
        out.flush();
        err.flush();
        return status;
    }

    private Map<String, String> loginEnvironment(ChannelSession channel) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("HOME", homeDirectory());
        env.put("USER", user);
        env.put("LOGNAME", user);
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/games");
        env.put("SHELL", "/bin/bash");
        env.put("PWD", homeDirectory());
        // bash sets HOSTNAME without exporting it; python-x2go runs "export HOSTNAME" for that reason
        env.put("HOSTNAME", hostname);
        SocketAddress remote = channel.getSession().getClientAddress();
        if (remote instanceof InetSocketAddress r) {
            String c = r.getAddress().getHostAddress() + " " + r.getPort() + " " + port;
            env.put("SSH_CLIENT", c);
            env.put("SSH_CONNECTION", r.getAddress().getHostAddress() + " " + r.getPort() + " " + HOST + " " + port);
        }
        return env;
    }

    /** @return {@value #HOST} */
    public String host() {
        return HOST;
    }

    /**
     * @return the listening port
     * @throws IllegalStateException before {@link #start()}
     */
    public int port() {
        if (port < 0) {
            throw new IllegalStateException("fake server not started");
        }
        return port;
    }

    /** @return the user name clients must log in as */
    public String user() {
        return user;
    }

    /** @return the password accepted for {@link #user()}, if one was configured */
    public Optional<String> password() {
        return password;
    }

    /** @return the remote home directory, {@code /home/<user>} */
    public String homeDirectory() {
        return "/home/" + user;
    }

    /** @return the host name the fake reports ({@code hostname}, {@code $HOSTNAME}) */
    public String hostname() {
        return hostname;
    }

    /**
     * @param remotePath a path as a client names it (absolute, or relative to the home directory)
     * @return the local file that stands for it (SFTP uploads land here)
     */
    public Path localPath(String remotePath) {
        return files.resolve(remotePath, homeDirectory());
    }

    /** @return the generated client key pair (always authorized) */
    public KeyPair clientKeyPair() {
        return clientKey;
    }

    /**
     * @return the OpenSSH private key file of {@link #clientKeyPair()} (unencrypted, mode 600)
     * @throws IllegalStateException before {@link #start()}
     */
    public Path clientKeyFile() {
        port();
        return workDir.resolve("client").resolve("id_ecdsa");
    }

    /**
     * @return a known_hosts file holding {@code [127.0.0.1]:<port> <host key>} for the key the
     *         server had when it started
     * @throws IllegalStateException before {@link #start()}
     */
    public Path knownHostsFile() {
        port();
        return workDir.resolve("client").resolve("known_hosts");
    }

    /** @return the known_hosts line for the current host key */
    public String knownHostsLine() {
        return KeyFiles.knownHostsLine(HOST, port(), hostKey.get().getPublic());
    }

    /** @return the current host key */
    public PublicKey hostPublicKey() {
        return hostKey.get().getPublic();
    }

    /** @return the current host key's algorithm, e.g. {@code ecdsa-sha2-nistp256} */
    public String hostKeyType() {
        return KeyUtils.getKeyType(hostKey.get().getPublic());
    }

    /** @return the current host key's fingerprint, {@code SHA256:<base64>} as OpenSSH prints it */
    public String hostKeyFingerprint() {
        return KeyFiles.fingerprint(hostKey.get().getPublic());
    }

    /**
     * Replaces the host key with a freshly generated one: new connections see a key that no longer
     * matches {@link #knownHostsFile()}.
     *
     * @return the new key's fingerprint
     */
    public String changeHostKey() {
        hostKey.set(KeyFiles.generate());
        return hostKeyFingerprint();
    }

    /**
     * @return connect options for this server: host, port, user, the client key and the known_hosts
     *         file, 10 s timeouts and no keep-alive; change anything before {@code build()}
     */
    public ConnectOptions.Builder connectOptions() {
        return ConnectOptions.builder(HOST, user).port(port()).privateKey(clientKeyFile())
                .knownHosts(knownHostsFile()).connectTimeout(Duration.ofSeconds(10))
                .commandTimeout(Duration.ofSeconds(10)).keepAliveInterval(Duration.ZERO);
    }

    /** @return the scriptable misbehaviour of this server */
    public ServerBehaviour behaviour() {
        return behaviour;
    }

    /** @return the X2Go sessions and agents this server holds */
    public FakeSessions sessions() {
        return sessions;
    }

    /** @return every command line received so far, in arrival order */
    public List<String> receivedCommands() {
        return log.all();
    }

    /** Forgets the received command lines. */
    public void clearReceivedCommands() {
        log.clear();
    }

    /**
     * Waits until a command line matching {@code filter} has been received.
     *
     * @param filter  what to wait for
     * @param timeout how long to wait
     * @return the first matching line
     * @throws AssertionError when none arrives in time (naming what was received instead)
     * @throws InterruptedException when interrupted
     */
    public String awaitCommand(Predicate<String> filter, Duration timeout) throws InterruptedException {
        return log.await(filter, timeout);
    }

    /** @return the most exec commands that ran at the same time so far */
    public int maxConcurrentCommands() {
        return maxInFlight.get();
    }

    /** @return how many SSH connections are open now */
    public int activeConnections() {
        SshServer s = sshd;
        return s == null ? 0 : s.getActiveSessions().size();
    }

    /** Closes every open SSH connection at once, as a network failure or server reboot would. */
    public void disconnectAll() {
        SshServer s = sshd;
        if (s == null) {
            return;
        }
        for (var session : s.getActiveSessions()) {
            if (session instanceof ServerSession ss) {
                ss.close(true);
            } else {
                session.close(true);
            }
        }
    }

    /** Stops the server, closes every connection and graphics port, deletes its files. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        SshServer s = sshd;
        if (s != null) {
            try {
                s.stop(true);
            } catch (IOException e) {
                LOG.debug("stopping fake server: {}", e.toString());
            }
        }
        x2go.close();
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsWorkDir) {
            try {
                files.deleteRecursively(workDir);
            } catch (IOException e) {
                LOG.debug("cannot delete {}: {}", workDir, e.toString());
            }
        }
    }

    /** SFTP whose relative paths start in the user's home directory, as with OpenSSH's sftp-server. */
    private static final class HomeDirSftpFactory extends SftpSubsystemFactory {
        private final String home;

        HomeDirSftpFactory(String home) {
            this.home = home;
        }

        @Override
        public org.apache.sshd.server.command.Command createSubsystem(ChannelSession channel) {
            org.apache.sshd.sftp.server.SftpSubsystem sub = new org.apache.sshd.sftp.server.SftpSubsystem(channel, this) {
                @Override
                public void setFileSystem(java.nio.file.FileSystem fs) {
                    super.setFileSystem(fs);
                    defaultDir = fs.getPath(home).toAbsolutePath().normalize();
                }
            };
            // what the base factory does after construction: register the configured listeners
            getRegisteredListeners().forEach(sub::addSftpEventListener);
            return sub;
        }
    }

    /** Builder of {@link FakeX2GoServer}. Not thread-safe. */
    public static final class Builder {
        private String user = "x2gouser";
        private String password;
        private final List<PublicKey> authorizedKeys = new ArrayList<>();
        private KeyPair hostKey;
        private int port;
        private Path workDir;
        private Clock clock = Clock.systemUTC();
        private String hostname = "x2go-fake";

        private Builder() {
        }

        /**
         * @param user the remote user name (letters, digits, {@code . _ -})
         * @return this
         */
        public Builder user(String user) {
            Objects.requireNonNull(user, "user");
            if (!user.matches("[A-Za-z0-9._][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException("unsupported user name: '" + user + "'");
            }
            this.user = user;
            return this;
        }

        /** @param password a password accepted for the user @return this */
        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** @param key an additional authorized public key @return this */
        public Builder authorizedKey(PublicKey key) {
            authorizedKeys.add(Objects.requireNonNull(key, "key"));
            return this;
        }

        /**
         * @param file an OpenSSH authorized_keys file whose keys are all authorized
         * @return this
         * @throws IllegalArgumentException naming the file when it cannot be read
         */
        public Builder authorizedKeys(Path file) {
            authorizedKeys.addAll(KeyFiles.readAuthorizedKeys(file));
            return this;
        }

        /** @param hostKey the host key pair to present (default: generated ECDSA P-256) @return this */
        public Builder hostKey(KeyPair hostKey) {
            this.hostKey = Objects.requireNonNull(hostKey, "hostKey");
            return this;
        }

        /**
         * @param file a private host key file (OpenSSH or PEM)
         * @return this
         * @throws IllegalArgumentException naming the file when it holds no readable key
         */
        public Builder hostKeyFile(Path file) {
            this.hostKey = KeyFiles.readKeyPair(file);
            return this;
        }

        /** @param port the port to listen on; 0 (default) for a free one @return this */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * @param dir where to keep the client key, known_hosts and the fake file system; default a
         *            temporary directory deleted on close
         * @return this
         */
        public Builder workDirectory(Path dir) {
            this.workDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** @param clock the clock for session creation times and timestamps @return this */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @param hostname the server's host name @return this */
        public Builder hostname(String hostname) {
            this.hostname = Objects.requireNonNull(hostname, "hostname");
            return this;
        }

        /** @return the server, not yet started */
        public FakeX2GoServer build() {
            return new FakeX2GoServer(this);
        }
    }
}
