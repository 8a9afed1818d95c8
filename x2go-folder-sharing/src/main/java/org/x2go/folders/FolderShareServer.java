package org.x2go.folders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.nativefs.NativeFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.folders.internal.ConfinedFileAccess;
import org.x2go.folders.internal.Pem;
import org.x2go.folders.internal.ServerPreparation;
import org.x2go.folders.internal.ServerPreparation.KeyMaker;
import org.x2go.folders.internal.ServerPreparation.Keys;

/**
 * The SFTP server that an X2Go server's {@code sshfs} mounts client folders from (through a reverse tunnel).
 *
 * <ul>
 *   <li>It listens on {@code 127.0.0.1} only, on a free port, and starts lazily with the first
 *       {@link #share share}.</li>
 *   <li>Each instance makes its own RSA 3072 client key pair and EC P-256 host key, in the background from the
 *       moment it is created (see {@link #prepare()}), so that the first share rarely waits for them; it accepts only that
 *       client key, for one login name, by public key only. {@link #keyBundle()} is what the server's
 *       {@code x2gomountdirs} needs to log in and to check the host key.</li>
 *   <li>Every request is confined to the shared folders: paths are normalised ({@code ..} cannot leave a
 *       folder), symbolic links that resolve outside a folder are refused, a link pointing outside cannot be
 *       created, and a read-only folder refuses every change.</li>
 *   <li>Only the SFTP subsystem runs: no shell, no exec, no port forwarding.</li>
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} stops the server and forgets every share.
 */
public final class FolderShareServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FolderShareServer.class);

    /** The only address it listens on. */
    public static final String LOOPBACK = "127.0.0.1";
    /** Size of the throw-away RSA client key. */
    public static final int RSA_KEY_BITS = 3072;
    /** Marker between the private key and the host key line in {@link #keyBundle()}, as x2gomountdirs splits it. */
    public static final String IDENTITY_MARKER = "----BEGIN RSA IDENTITY----";

    /** A login name that survives x2gomountdirs' {@code "$user"@host} shell line. */
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._-]{0,63}");
    /**
     * Characters x2gomountdirs cannot pass through: it splits its folder list on {@code :}, puts folders into a
     * double-quoted shell word ({@code " $ ` \}) and reads its own markers out of the list.
     */
    private static final Pattern UNMOUNTABLE = Pattern.compile("[:\"$`\\\\\\p{Cntrl}]|__REVERSESSH_PORT__|__SSH_PORT__"
            + "|__PRINT_SPOOL_|__MIMEBOX_SPOOL_");

    private final String login;
    private final Map<Path, SharedFolder> shares = new ConcurrentHashMap<>();
    private volatile List<SharedFolder> snapshot = List.of();
    /** Keys and a configured, not yet listening server: made once per instance, in the background. */
    private final CompletableFuture<Prepared> prepared;
    private KeyPair clientKey;
    private KeyPair hostKey;
    private SshServer sshd;
    private int port = -1;
    private boolean closed;

    /**
     * @param login the user name that the server's sshfs logs in as (x2gomountdirs passes it on; python-x2go
     *              uses the local user name)
     * @throws IllegalArgumentException when the name would not survive x2gomountdirs' shell line
     */
    public FolderShareServer(String login) {
        this(login, ServerPreparation.sharedExecutor(), ServerPreparation.keyMaker(RSA_KEY_BITS));
    }

    /**
     * @param login    as {@link #FolderShareServer(String)}
     * @param executor where the keys are made (tests pass their own)
     * @param keys     what makes them (tests pass failing or counting ones)
     */
    FolderShareServer(String login, Executor executor, KeyMaker keys) {
        if (login == null || !LOGIN.matcher(login).matches()) {
            throw new IllegalArgumentException("login name for folder sharing must match " + LOGIN.pattern() + ": "
                    + org.x2go.api.SafeText.excerpt(String.valueOf(login), 80));
        }
        this.login = login;
        Objects.requireNonNull(keys, "keys");
        // a cancelled (closed) instance's task never starts; one already generating finishes and is dropped
        this.prepared = CompletableFuture.supplyAsync(() -> {
            try {
                Keys k = keys.make();
                return new Prepared(k, configure(k));
            } catch (GeneralSecurityException e) {
                throw new CompletionException(e);
            }
        }, Objects.requireNonNull(executor, "executor"));
    }

    private record Prepared(Keys keys, SshServer server) {
    }

    /**
     * The keys (and the server's configuration) are made in the background from the moment this object is
     * created; this tells when they are ready. Nothing listens before the first {@link #share share}: the server
     * binds its port then.
     *
     * @return completes when the first share no longer has to wait for key generation; completes exceptionally
     *         with the generation's failure (which the first share reports as an {@link IllegalStateException}),
     *         or with a {@link CancellationException} once closed. Completing or cancelling it has no effect on this
     *         server.
     */
    public CompletableFuture<Void> prepare() {
        CompletableFuture<Void> copy = new CompletableFuture<>();
        prepared.whenComplete((p, e) -> {
            if (e == null) {
                copy.complete(null);
            } else {
                copy.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
            }
        });
        return copy;
    }

    /** @return a server for the local user's name, or {@code x2go} when that name is not usable */
    public static FolderShareServer forLocalUser() {
        String user = System.getProperty("user.name", "");
        return new FolderShareServer(user != null && LOGIN.matcher(user).matches() ? user : "x2go");
    }

    /** @return the login name sshfs must use */
    public String login() {
        return login;
    }

    /**
     * Shares a folder, starting the server when it is the first.
     *
     * @param folder   an existing local directory
     * @param readOnly whether changes are refused
     * @return the share; sharing a folder again replaces its read-only flag
     * @throws IllegalArgumentException when the folder does not exist, is not a directory, or has a name that
     *                                  x2gomountdirs cannot mount (it names the offending character)
     * @throws UncheckedIOException     when the server cannot start
     * @throws IllegalStateException    when closed (also when closed while this share waits for the keys), or
     *                                  when the keys could not be made
     */
    public SharedFolder share(Path folder, boolean readOnly) {
        synchronized (this) {
            requireOpen();
        }
        Path abs = requireMountable(folder);
        // wait for the keys without the lock, so that close() can cancel the wait
        Prepared ready = awaitPrepared();
        synchronized (this) {
            return share(abs, readOnly, ready);
        }
    }

    private SharedFolder share(Path abs, boolean readOnly, Prepared ready) {
        requireOpen();
        Path real;
        try {
            real = abs.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot resolve shared folder " + abs + ": " + e.getMessage(), e);
        }
        start(ready);
        SharedFolder share = new SharedFolder(abs, real, readOnly);
        shares.put(abs, share);
        snapshot = List.copyOf(shares.values());
        LOG.debug("sharing {} ({}) on {}:{}", abs, readOnly ? "read-only" : "read-write", LOOPBACK, port);
        return share;
    }

    /**
     * Stops serving a folder. Open files of it stay open until sshfs closes them; new requests are refused.
     *
     * @param folder the folder as shared
     * @return whether it was shared
     */
    public synchronized boolean unshare(Path folder) {
        boolean removed = shares.remove(folder.toAbsolutePath().normalize()) != null;
        snapshot = List.copyOf(shares.values());
        return removed;
    }

    /** @return the folders served now */
    public List<SharedFolder> shares() {
        List<SharedFolder> list = new ArrayList<>(snapshot);
        list.sort((a, b) -> a.folder().compareTo(b.folder()));
        return Collections.unmodifiableList(list);
    }

    /** @return the port it listens on, empty before the first share and after close */
    public synchronized OptionalInt port() {
        return port < 0 || closed ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /**
     * The key bundle that x2gomountdirs expects in its key file: the client's private key (PEM, PKCS#8), the
     * {@link #IDENTITY_MARKER}, then this server's host key as {@code <type> <base64>}.
     *
     * @return the bundle, once the server has started
     * @throws IllegalStateException before the first share, or when closed
     */
    public synchronized String keyBundle() {
        requireOpen();
        if (sshd == null) {
            throw new IllegalStateException("no folder shared yet: the server and its keys start with the first share");
        }
        return Pem.privateKey(clientKey.getPrivate()) + IDENTITY_MARKER + PublicKeyEntry.toString(hostKey.getPublic())
                + "\n";
    }

    /** @return the host key line ({@code <type> <base64>}), once started */
    public synchronized Optional<String> hostKeyLine() {
        return sshd == null ? Optional.empty() : Optional.of(PublicKeyEntry.toString(hostKey.getPublic()));
    }

    /** @return the client key pair that the server accepts, once started (for tests and for custom set-ups) */
    public synchronized Optional<KeyPair> clientKeyPair() {
        return Optional.ofNullable(clientKey);
    }

    /**
     * Checks that x2gomountdirs can mount a folder: it exists, is a directory and has no character that
     * x2gomountdirs splits on or puts unquoted into a shell line.
     *
     * @param folder the folder
     * @return the folder, absolute and normalised
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Path requireMountable(Path folder) {
        if (folder == null) {
            throw new IllegalArgumentException("folder to share is null");
        }
        Path abs = folder.toAbsolutePath().normalize();
        var m = UNMOUNTABLE.matcher(abs.toString());
        if (m.find()) {
            throw new IllegalArgumentException("X2Go cannot mount a folder whose path contains '"
                    + org.x2go.api.SafeText.visible(m.group()) + "': " + org.x2go.api.SafeText.excerpt(abs.toString(), 200));
        }
        if (!Files.isDirectory(abs)) {
            throw new IllegalArgumentException("folder to share is not an existing directory: "
                    + org.x2go.api.SafeText.excerpt(abs.toString(), 200));
        }
        return abs;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("folder share server is closed");
        }
    }

    private Prepared awaitPrepared() {
        try {
            return prepared.get();
        } catch (CancellationException e) {
            throw new IllegalStateException("folder share server is closed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the folder-sharing keys", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause()
                    : e.getCause();
            if (cause instanceof GeneralSecurityException) {
                throw new IllegalStateException("cannot generate the folder-sharing keys", cause);
            }
            throw new IllegalStateException("cannot prepare the folder-sharing SFTP server: " + cause, cause);
        }
    }

    private void start(Prepared ready) {
        if (sshd != null) {
            return;
        }
        SshServer s = ready.server();
        try {
            s.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the folder-sharing SFTP server on " + LOOPBACK, e);
        }
        clientKey = ready.keys().client();
        hostKey = ready.keys().host();
        sshd = s;
        port = boundPort(s);
        LOG.debug("folder-sharing SFTP server listening on {}:{} for '{}'", LOOPBACK, port, login);
    }

    /** Builds the server for these keys, without starting it (this loads most of MINA's classes). */
    private SshServer configure(Keys keys) {
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost(LOOPBACK);
        s.setPort(0);
        CoreModuleProperties.MAX_AUTH_REQUESTS.set(s, 3);
        CoreModuleProperties.AUTH_TIMEOUT.set(s, Duration.ofSeconds(30));
        CoreModuleProperties.MAX_CONCURRENT_SESSIONS.set(s, 64);
        // sshfs sends keep-alives every 300 s (x2gomountdirs' ServerAliveInterval): never idle it out sooner
        CoreModuleProperties.IDLE_TIMEOUT.set(s, Duration.ofMinutes(15));
        CoreModuleProperties.TCP_NODELAY.set(s, true);
        s.setCipherFactories(ServerPreparation.ciphers(ServerPreparation.aesIsFast(), s.getCipherFactories()));
        s.setKeyPairProvider(KeyPairProvider.wrap(keys.host()));
        KeyPair client = keys.client();
        s.setPublickeyAuthenticator((user, key, session) -> login.equals(user)
                && KeyUtils.compareKeys(client.getPublic(), key));
        s.setPasswordAuthenticator(null);
        s.setKeyboardInteractiveAuthenticator(null);
        s.setHostBasedAuthenticator(null);
        s.setGSSAuthenticator(null);
        s.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        s.setFileSystemFactory(NativeFileSystemFactory.INSTANCE);
        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder()
                .withFileSystemAccessor(new ConfinedFileAccess(() -> snapshot))
                .build();
        s.setSubsystemFactories(List.of(sftp));
        return s;
    }

    private static int boundPort(SshServer s) {
        for (SocketAddress a : s.getBoundAddresses()) {
            if (a instanceof InetSocketAddress isa) {
                return isa.getPort();
            }
        }
        return s.getPort();
    }

    /**
     * Stops the server and forgets every share. A key generation not yet begun never runs; one under way
     * finishes on its background thread and is thrown away. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        prepared.cancel(false);
        shares.clear();
        snapshot = List.of();
        SshServer s = sshd;
        sshd = null;
        if (s != null) {
            try {
                s.stop(true);
            } catch (IOException e) {
                LOG.debug("stopping the folder-sharing SFTP server: {}", e.toString());
            }
        }
        clientKey = null;
        hostKey = null;
    }
}
