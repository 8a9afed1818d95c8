package org.x2go.folders;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.SafeText;
import org.x2go.api.X2GoFolderSharingException;
import org.x2go.api.X2GoFolderSharingException.Reason;
import org.x2go.api.X2GoFwTunnelException;
import org.x2go.spi.FolderMount;
import org.x2go.spi.RemoteForward;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.TerminalSession;

/**
 * Folder sharing for the sessions of one connection: one {@link FolderShareServer} (started with the first
 * share), one reverse tunnel per session to it, and the record of what each session has mounted so that a
 * resume can mount it again.
 *
 * <p>The server's keys are made in the background from the moment the server is created: create this object
 * (or the server) as soon as shares are likely, e.g. before the session start command, and the first share
 * finds them ready ({@link #prepare()} tells when).
 *
 * <p>Thread-safe; calls are serialised. {@link #close()} closes the tunnels and the server (the connection's
 * end); the server's mounts end with the tunnel.
 */
public final class SessionFolders implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionFolders.class);
    /** The wait before asking a second time for a refused reverse tunnel. */
    public static final Duration FORWARD_RETRY_DELAY = Duration.ofSeconds(1);

    private record Share(Path folder, FolderMount.Kind kind, boolean readOnly) {
    }

    private final RemoteShell shell;
    private final FolderShareServer server;
    private final Duration retryDelay;
    private final Map<String, RemoteForward> forwards = new LinkedHashMap<>();
    private final Map<String, List<Share>> shares = new LinkedHashMap<>();
    private boolean closed;

    /**
     * @param shell      the connection the sessions run on
     * @param server     the SFTP server to share from; closed with this object
     * @param retryDelay the wait before asking again for a refused reverse tunnel
     */
    public SessionFolders(RemoteShell shell, FolderShareServer server, Duration retryDelay) {
        this.shell = Objects.requireNonNull(shell, "shell");
        this.server = Objects.requireNonNull(server, "server");
        this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay");
    }

    /**
     * The SFTP server's keys are being made since it was created; this tells when the first share will no longer
     * wait for them. Nothing listens before the first share.
     *
     * @return see {@link FolderShareServer#prepare()}
     */
    public CompletableFuture<Void> prepare() {
        return server.prepare();
    }

    /**
     * Shares a local folder with a running session.
     *
     * @param session  the session (its agent's sshfs port is where the tunnel listens on the server)
     * @param folder   the local folder
     * @param kind     what it is for
     * @param readOnly whether the session may change it
     * @return the folder as the session's sshfs mounts it
     * @throws X2GoFolderSharingException BAD_FOLDER, FORWARD_REFUSED, NOT_AVAILABLE or MOUNT_FAILED; nothing
     *                                    stays shared for this session after a failure
     */
    public synchronized SharedFolder share(TerminalSession session, Path folder, FolderMount.Kind kind,
                                           boolean readOnly) {
        requireOpen();
        String name = session.sessionName();
        SharedFolder shared;
        try {
            shared = server.share(folder, readOnly);
        } catch (IllegalArgumentException e) {
            throw new X2GoFolderSharingException(Reason.BAD_FOLDER, e.getMessage(), e);
        }
        try {
            mount(session, shared, kind);
        } catch (RuntimeException e) {
            // leave nothing behind: no tunnel for a session without shares, no folder served for nobody
            if (shares.getOrDefault(name, List.of()).isEmpty()) {
                RemoteForward f = forwards.remove(name);
                if (f != null) {
                    f.close();
                }
            }
            releaseUnused();
            throw e;
        }
        List<Share> list = shares.computeIfAbsent(name, k -> new ArrayList<>());
        list.removeIf(s -> s.folder().equals(shared.folder()));
        list.add(new Share(shared.folder(), kind, readOnly));
        return shared;
    }

    private void mount(TerminalSession session, SharedFolder shared, FolderMount.Kind kind) {
        String name = session.sessionName();
        RemoteForward forward = forwards.get(name);
        int sshfsPort = session.agent().sshfsPort();
        if (forward != null && forward.serverPort() != sshfsPort) {
            forward.close(); // a resume may hand out another port
            forwards.remove(name);
            forward = null;
        }
        if (forward == null) {
            try {
                forward = RemoteForward.openWithRetry(shell, sshfsPort,
                        new InetSocketAddress(FolderShareServer.LOOPBACK, server.port().getAsInt()), retryDelay);
            } catch (X2GoFwTunnelException e) {
                throw new X2GoFolderSharingException(Reason.FORWARD_REFUSED, "the server refused the folder-sharing"
                        + " tunnel on its port " + sshfsPort + " for session " + SafeText.excerpt(name) + ": "
                        + e.getMessage(), e);
            }
            forwards.put(name, forward);
        } else if (forward.isPaused()) {
            forward.resume();
        }
        session.mountFolder(new FolderMount(shared.servedPath(), kind, server.login(), server.keyBundle()));
    }

    /**
     * Unshares one folder, or every folder, of a session.
     *
     * @param session the session
     * @param folder  the folder as shared, or empty for all
     * @throws X2GoFolderSharingException UNMOUNT_FAILED
     */
    public synchronized void unshare(TerminalSession session, Optional<Path> folder) {
        requireOpen();
        String name = session.sessionName();
        Optional<Path> abs = folder.map(p -> p.toAbsolutePath().normalize());
        session.unmountFolders(abs.map(Path::toString));
        List<Share> list = shares.getOrDefault(name, List.of());
        if (abs.isPresent()) {
            list.removeIf(s -> s.folder().equals(abs.get()));
        } else {
            list.clear();
        }
        releaseUnused();
    }

    /**
     * @param sessionName a session
     * @return the local folders shared with it, in the order they were shared
     */
    public synchronized List<Path> shares(String sessionName) {
        return shares.getOrDefault(sessionName, List.of()).stream().map(Share::folder).toList();
    }

    /**
     * Mounts again, after a resume, what the session had mounted (the server drops mounts on suspend).
     *
     * @param session the resumed session
     * @return the folders that could not be mounted again, with why (logged as well)
     */
    public synchronized Map<Path, X2GoFolderSharingException> remount(TerminalSession session) {
        requireOpen();
        Map<Path, X2GoFolderSharingException> failed = new LinkedHashMap<>();
        for (Share s : List.copyOf(shares.getOrDefault(session.sessionName(), List.of()))) {
            try {
                mount(session, server.share(s.folder(), s.readOnly()), s.kind());
            } catch (X2GoFolderSharingException e) {
                failed.put(s.folder(), e);
            } catch (IllegalArgumentException e) {
                failed.put(s.folder(), new X2GoFolderSharingException(Reason.BAD_FOLDER, e.getMessage(), e));
            }
        }
        failed.forEach((p, e) -> LOG.warn("session {}: folder {} not shared again after resume: {}",
                SafeText.excerpt(session.sessionName()), SafeText.excerpt(p.toString()), e.getMessage()));
        return failed;
    }

    /**
     * The session was suspended: its tunnel is paused (the server unmounted its folders); the record stays for
     * {@link #remount}.
     *
     * @param sessionName the session
     */
    public synchronized void suspended(String sessionName) {
        RemoteForward f = forwards.get(sessionName);
        if (f != null) {
            f.pause();
        }
    }

    /**
     * The session ended: its tunnel closes and its folders are forgotten.
     *
     * @param sessionName the session
     */
    public synchronized void ended(String sessionName) {
        RemoteForward f = forwards.remove(sessionName);
        if (f != null) {
            f.close();
        }
        shares.remove(sessionName);
        releaseUnused();
    }

    /** Stops serving folders that no session shares any more. */
    private void releaseUnused() {
        for (SharedFolder s : server.shares()) {
            boolean used = shares.values().stream().flatMap(List::stream).anyMatch(x -> x.folder().equals(s.folder()));
            if (!used) {
                server.unshare(s.folder());
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("folder sharing of this connection is closed");
        }
    }

    /** Closes every tunnel and the SFTP server. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        forwards.values().forEach(RemoteForward::close);
        forwards.clear();
        shares.clear();
        server.close();
    }
}
