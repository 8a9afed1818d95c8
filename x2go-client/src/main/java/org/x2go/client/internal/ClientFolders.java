package org.x2go.client.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.PrintAction;
import org.x2go.api.PrintDialog;
import org.x2go.api.SafeText;
import org.x2go.api.TerminalParams;
import org.x2go.api.X2GoFolderSharingException;
import org.x2go.api.X2GoFolderSharingException.Reason;
import org.x2go.api.X2GoNotImplementedYetException;
import org.x2go.folders.FolderShareServer;
import org.x2go.folders.SessionFolders;
import org.x2go.folders.SharedFolder;
import org.x2go.spi.FolderMount;
import org.x2go.spi.PrintingProvider;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.TerminalSession;

/**
 * The folder-sharing and printing side of {@code X2GoClient}: one {@link SessionFolders} (SFTP server and reverse
 * tunnels) per connected profile, the print queues of the sessions that print to this client, and the automatic
 * shares of {@link TerminalParams#shareFolders()} after a start or resume.
 *
 * <p>Thread-safe. {@link #close()} stops every print queue, tunnel and SFTP server.
 * Internal to x2go-client.
 */
public final class ClientFolders implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientFolders.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    /** Told about each automatic share that failed; the session runs on without it. */
    @FunctionalInterface
    public interface FailureSink {
        /**
         * @param folder  the local folder
         * @param failure why
         */
        void failed(Path folder, X2GoFolderSharingException failure);
    }

    /** A connection's folder sharing; its SFTP server makes its keys in the background from its creation. */
    private record Connection(SessionFolders folders) {
        Connection(RemoteShell shell) {
            this(new SessionFolders(shell, FolderShareServer.forLocalUser(), SessionFolders.FORWARD_RETRY_DELAY));
        }
    }

    /** A print queue: the profile whose connection it depends on, and the watcher. */
    private record Queue(String profileId, AutoCloseable watcher) {
    }

    private final Path sessionsRoot;
    private final Supplier<PrintingProvider> printing;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<UUID, Queue> printQueues = new ConcurrentHashMap<>();

    /**
     * @param sessionsRoot the local sessions root, holding the {@code S-<session>/spool} print spools
     * @param printing     the selected printing backend
     */
    public ClientFolders(Path sessionsRoot, Supplier<PrintingProvider> printing) {
        this.sessionsRoot = Objects.requireNonNull(sessionsRoot, "sessionsRoot");
        this.printing = Objects.requireNonNull(printing, "printing");
    }

    private Connection of(String profileId, RemoteShell shell) {
        return connections.computeIfAbsent(profileId, id -> new Connection(shell));
    }

    /**
     * Before a start or resume: when the parameters ask for shares, the connection's folder sharing is made now,
     * so that its SFTP server's keys (RSA 3072 takes 0.1-2 s) are made in the background while the agent starts,
     * and are ready when the session is.
     *
     * @param profileId the profile
     * @param shell     its connection
     * @param params    the session's parameters
     */
    public void prepare(String profileId, RemoteShell shell, TerminalParams params) {
        if (!params.shareFolders().isEmpty()) {
            of(profileId, shell);
        }
    }

    /**
     * After this client's start or resume reached RUNNING: mounts again what the session had mounted (a resume),
     * then shares the requested folders it does not have yet. Nothing here fails the start: each failure goes to
     * the sink and is logged at WARN.
     *
     * @param profileId the profile
     * @param shell     its connection
     * @param terminal  the running session
     * @param resumed   whether it was resumed (then its earlier shares are mounted again)
     * @param requested the folders to share automatically (empty when the session is not its profile's master)
     * @param sink      told about each failure
     */
    public void afterRunning(String profileId, RemoteShell shell, TerminalSession terminal, boolean resumed,
                             List<TerminalParams.FolderShare> requested, FailureSink sink) {
        String name = terminal.sessionName();
        Map<Path, X2GoFolderSharingException> failed = new LinkedHashMap<>();
        Connection existing = connections.get(profileId);
        if (resumed && existing != null && !existing.folders().shares(name).isEmpty()) {
            try {
                failed.putAll(existing.folders().remount(terminal)); // logged there
            } catch (RuntimeException e) {
                existing.folders().shares(name).forEach(p -> failed.put(p, asSharingFailure(p, e)));
            }
        }
        if (!requested.isEmpty()) {
            Connection c = of(profileId, shell);
            List<Path> have = new ArrayList<>(c.folders().shares(name));
            for (TerminalParams.FolderShare f : requested) {
                Path abs = f.folder().toAbsolutePath().normalize();
                if (have.contains(abs) && !failed.containsKey(abs)) {
                    continue; // mounted again above
                }
                try {
                    c.folders().share(terminal, f.folder(), FolderMount.Kind.DISK, f.readOnly());
                    failed.remove(abs);
                    LOG.debug("session {}: shared {} automatically", SafeText.excerpt(name),
                            SafeText.excerpt(abs.toString()));
                } catch (RuntimeException e) {
                    X2GoFolderSharingException x = asSharingFailure(abs, e);
                    LOG.warn("session {}: folder {} not shared automatically ({}): {}", SafeText.excerpt(name),
                            SafeText.excerpt(abs.toString()), x.reason(), SafeText.excerpt(x.getMessage()));
                    failed.put(abs, x);
                }
            }
        }
        failed.forEach((folder, e) -> {
            try {
                sink.failed(folder, e);
            } catch (RuntimeException listenerFailure) {
                LOG.warn("a listener failed on a folder-share failure: {}", SafeText.excerpt(String.valueOf(listenerFailure)));
            }
        });
    }

    /** Anything that kept an automatic share from working, as the exception the listeners receive. */
    private static X2GoFolderSharingException asSharingFailure(Path folder, RuntimeException e) {
        if (e instanceof X2GoFolderSharingException x) {
            return x;
        }
        Reason reason = e instanceof X2GoNotImplementedYetException ? Reason.NOT_AVAILABLE : Reason.MOUNT_FAILED;
        return new X2GoFolderSharingException(reason, "folder " + SafeText.excerpt(folder.toString())
                + " not shared: " + SafeText.excerpt(String.valueOf(e)), e);
    }

    /**
     * Shares a folder with a running session.
     *
     * @param profileId the profile
     * @param shell     its connection
     * @param terminal  the running session
     * @param folder    the local folder
     * @param kind      what it is for
     * @param readOnly  whether the session may only read it
     * @return the share
     * @throws X2GoFolderSharingException as {@link SessionFolders#share}
     */
    public SharedFolder share(String profileId, RemoteShell shell, TerminalSession terminal, Path folder,
                              FolderMount.Kind kind, boolean readOnly) {
        return of(profileId, shell).folders().share(terminal, folder, kind, readOnly);
    }

    /**
     * @param profileId the profile
     * @param shell     its connection
     * @param terminal  the running session
     * @param folder    the folder as shared, or empty for all
     * @throws X2GoFolderSharingException UNMOUNT_FAILED
     */
    public void unshare(String profileId, RemoteShell shell, TerminalSession terminal, Optional<Path> folder) {
        of(profileId, shell).folders().unshare(terminal, folder);
    }

    /**
     * @param profileId   the profile
     * @param sessionName a session
     * @return the local folders shared with it, in the order they were shared
     */
    public List<Path> shares(String profileId, String sessionName) {
        Connection c = connections.get(profileId);
        return c == null ? List.of() : c.folders().shares(sessionName);
    }

    /**
     * This client suspended the session: its tunnel pauses (the server unmounted its folders), its record stays
     * for the resume.
     *
     * @param profileId   the profile
     * @param sessionName the session
     */
    public void suspended(String profileId, String sessionName) {
        Connection c = connections.get(profileId);
        if (c != null) {
            c.folders().suspended(sessionName);
        }
    }

    /**
     * The session ended: its tunnel closes, its shares are forgotten and its print queue stops.
     *
     * @param profileId   the profile
     * @param uuid        the session's record
     * @param sessionName the session
     */
    public void ended(String profileId, UUID uuid, String sessionName) {
        Connection c = connections.get(profileId);
        if (c != null) {
            c.folders().ended(sessionName);
        }
        Queue q = printQueues.remove(uuid);
        if (q != null) {
            closeQuietly(q.watcher());
        }
    }

    /**
     * The profile disconnected: its print queues stop, its tunnels and SFTP server close.
     *
     * @param profileId the profile
     */
    public void disconnected(String profileId) {
        printQueues.entrySet().removeIf(e -> {
            if (e.getValue().profileId().equals(profileId)) {
                closeQuietly(e.getValue().watcher());
                return true;
            }
            return false;
        });
        Connection c = connections.remove(profileId);
        if (c != null) {
            c.folders().close();
        }
    }

    /**
     * Prints from a running session to this client: creates its private spool, shares it as the SPOOL kind and
     * starts the printing backend's queue on it (replacing an earlier one).
     *
     * @param profileId the profile
     * @param shell     its connection
     * @param uuid      the session's record
     * @param terminal  the running session
     * @param action    the action, asked once per job
     * @param dialog    asked when the action is DIALOG
     * @return the local spool folder
     * @throws X2GoFolderSharingException when the spool cannot be created or shared
     */
    public Path enablePrinting(String profileId, RemoteShell shell, UUID uuid, TerminalSession terminal,
                               Supplier<PrintAction> action, PrintDialog dialog) {
        Path spool = sessionsRoot.resolve("S-" + terminal.sessionName()).resolve("spool");
        try {
            Files.createDirectories(sessionsRoot);
            createPrivateDirectory(spool.getParent());
            createPrivateDirectory(spool);
        } catch (IOException e) {
            throw new X2GoFolderSharingException(Reason.BAD_FOLDER, "cannot create the print spool "
                    + SafeText.excerpt(spool.toString()) + ": " + e.getMessage(), e);
        }
        share(profileId, shell, terminal, spool, FolderMount.Kind.SPOOL, false);
        AutoCloseable watcher = printing.get().watchSpool(spool, action, dialog);
        Queue old = printQueues.put(uuid, new Queue(profileId, watcher));
        if (old != null) {
            closeQuietly(old.watcher());
        }
        return spool;
    }

    /**
     * Makes a directory only its owner can use: created with mode 0700 where the file system has POSIX
     * permissions (no moment with the umask's mode), an existing one narrowed to 0700; a link is refused.
     *
     * @param dir the directory; its parent exists
     * @throws IOException when it cannot be created, or exists as something other than a directory
     */
    static void createPrivateDirectory(Path dir) throws IOException {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (posix) {
                FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
                Files.createDirectory(dir, mode); // the umask can only narrow 0700, never widen it
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("exists and is not a directory (or is a link): " + dir, e);
            }
            if (posix) {
                Files.setPosixFilePermissions(dir, OWNER_ONLY);
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("closing a print queue: {}", e.toString());
        }
    }

    /** Stops every print queue, tunnel and SFTP server. Idempotent. */
    @Override
    public void close() {
        for (String id : List.copyOf(connections.keySet())) {
            disconnected(id);
        }
        printQueues.values().forEach(q -> closeQuietly(q.watcher()));
        printQueues.clear();
    }
}
