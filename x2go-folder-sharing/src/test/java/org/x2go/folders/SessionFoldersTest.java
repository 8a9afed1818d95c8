package org.x2go.folders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.AgentInfo;
import org.x2go.api.X2GoFolderSharingException;
import org.x2go.api.X2GoFolderSharingException.Reason;
import org.x2go.api.X2GoFwTunnelException;
import org.x2go.spi.CommandResult;
import org.x2go.spi.FolderMount;
import org.x2go.spi.PortForward;
import org.x2go.spi.RemoteForward;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SftpSession;
import org.x2go.spi.TerminalSession;

class SessionFoldersTest {
    @TempDir
    Path tmp;
    Path a;
    Path b;
    Shell shell;
    FolderShareServer sftp;
    SessionFolders folders;

    FolderShareServer server() {
        return sftp;
    }

    @BeforeEach
    void setUp() throws Exception {
        a = Files.createDirectories(tmp.resolve("a"));
        b = Files.createDirectories(tmp.resolve("b"));
        shell = new Shell();
        sftp = new FolderShareServer("tester");
        folders = new SessionFolders(shell, sftp, Duration.ZERO);
    }

    @AfterEach
    void tearDown() {
        folders.close();
    }

    @Test
    void aShareOpensOneTunnelOnTheSessionsSshfsPortAndMountsTheFolderAsServed() {
        Session s = new Session("s1", 30001);
        SharedFolder shared = folders.share(s, a, FolderMount.Kind.DISK, false);
        folders.share(s, b, FolderMount.Kind.DISK, true);
        assertEquals(List.of(30001), shell.requested, "one tunnel per session");
        assertEquals(List.of(a.toString(), b.toString()), s.mounted.stream().map(FolderMount::folder).toList());
        assertEquals(a, shared.folder());
        assertTrue(s.mounted.get(0).keyBundle().contains(FolderShareServer.IDENTITY_MARKER));
        assertEquals(List.of(a, b), folders.shares("s1"));
    }

    @Test
    void theKeysAreReadyBeforeTheFirstShareWhenPreparedEarly() throws Exception {
        folders.prepare().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(sftp.port().isEmpty(), "prepared, but nothing listens before the first share");
        folders.share(new Session("s1", 30001), a, FolderMount.Kind.DISK, false);
        assertTrue(sftp.port().isPresent());
    }

    @Test
    void aRefusedTunnelIsAskedForOnceMoreThenFailsWithForwardRefused() {
        shell.refusals = 1;
        folders.share(new Session("s1", 30001), a, FolderMount.Kind.DISK, false);
        assertEquals(List.of(30001, 30001), shell.requested);

        shell.refusals = 2;
        shell.requested.clear();
        Session s2 = new Session("s2", 30002);
        X2GoFolderSharingException e = assertThrows(X2GoFolderSharingException.class,
                () -> folders.share(s2, b, FolderMount.Kind.DISK, false));
        assertEquals(Reason.FORWARD_REFUSED, e.reason());
        assertEquals(List.of(30002, 30002), shell.requested);
        assertTrue(s2.mounted.isEmpty());
        assertTrue(folders.shares("s2").isEmpty());
    }

    @Test
    void aFailedMountLeavesNothingRecordedForTheSession() {
        Session s = new Session("s1", 30001);
        s.fail = new X2GoFolderSharingException(Reason.MOUNT_FAILED, "no");
        assertThrows(X2GoFolderSharingException.class, () -> folders.share(s, a, FolderMount.Kind.DISK, false));
        assertTrue(folders.shares("s1").isEmpty());
        assertTrue(shell.forwards.get(0).closed, "no tunnel stays open for a session without shares");
        assertTrue(server().shares().isEmpty(), "no folder stays served");
    }

    @Test
    void aFolderThatCannotBeSharedIsABadFolder() {
        X2GoFolderSharingException e = assertThrows(X2GoFolderSharingException.class,
                () -> folders.share(new Session("s1", 30001), tmp.resolve("missing"), FolderMount.Kind.DISK, false));
        assertEquals(Reason.BAD_FOLDER, e.reason());
        assertTrue(shell.requested.isEmpty(), "no tunnel for a folder that cannot be shared");
    }

    @Test
    void suspendPausesTheTunnel_resumeOnAnotherPortMountsEverythingAgainThroughANewOne() {
        Session s = new Session("s1", 30001);
        folders.share(s, a, FolderMount.Kind.DISK, false);
        folders.share(s, b, FolderMount.Kind.SPOOL, false);
        folders.suspended("s1");
        assertTrue(shell.forwards.get(0).paused);

        Session resumed = new Session("s1", 30009);
        Map<Path, X2GoFolderSharingException> failed = folders.remount(resumed);
        assertTrue(failed.isEmpty());
        assertEquals(List.of(30001, 30009), shell.requested);
        assertTrue(shell.forwards.get(0).closed, "the old port's tunnel is closed");
        assertEquals(List.of(FolderMount.Kind.DISK, FolderMount.Kind.SPOOL),
                resumed.mounted.stream().map(FolderMount::kind).toList());
    }

    @Test
    void resumeOnTheSamePortResumesThePausedTunnel() {
        Session s = new Session("s1", 30001);
        folders.share(s, a, FolderMount.Kind.DISK, false);
        folders.suspended("s1");
        folders.remount(new Session("s1", 30001));
        assertEquals(List.of(30001), shell.requested);
        assertFalse(shell.forwards.get(0).paused);
    }

    @Test
    void unshareOneThenAllAndEndingASessionStopServingItsFolders() {
        Session s = new Session("s1", 30001);
        Session t = new Session("s2", 30002);
        folders.share(s, a, FolderMount.Kind.DISK, false);
        folders.share(s, b, FolderMount.Kind.DISK, false);
        folders.share(t, b, FolderMount.Kind.DISK, false);
        folders.unshare(s, Optional.of(a));
        assertEquals(List.of(Optional.of(a.toString())), s.unmounted);
        assertEquals(List.of(b), folders.shares("s1"));
        folders.unshare(s, Optional.empty());
        assertTrue(folders.shares("s1").isEmpty());
        folders.ended("s2");
        assertTrue(shell.forwards.get(1).closed);
    }

    @Test
    void closeClosesEveryTunnelAndRefusesNewShares() {
        folders.share(new Session("s1", 30001), a, FolderMount.Kind.DISK, false);
        folders.close();
        folders.close();
        assertTrue(shell.forwards.get(0).closed);
        assertThrows(IllegalStateException.class, () -> folders.share(new Session("s2", 1), a, FolderMount.Kind.DISK, false));
    }

    static final class Forward implements RemoteForward {
        final int port;
        boolean paused;
        boolean closed;

        Forward(int port) {
            this.port = port;
        }

        public int serverPort() {
            return port;
        }

        public InetSocketAddress localTarget() {
            return new InetSocketAddress("127.0.0.1", 1);
        }

        public void pause() {
            paused = true;
        }

        public void resume() {
            paused = false;
        }

        public boolean isPaused() {
            return paused || closed;
        }

        public void close() {
            closed = true;
        }
    }

    static final class Shell implements RemoteShell {
        final List<Integer> requested = new ArrayList<>();
        final List<Forward> forwards = new ArrayList<>();
        int refusals;

        @Override
        public RemoteForward forwardRemote(int serverPort, InetSocketAddress localTarget) {
            requested.add(serverPort);
            if (refusals > 0) {
                refusals--;
                throw new X2GoFwTunnelException("refused " + serverPort);
            }
            Forward f = new Forward(serverPort);
            forwards.add(f);
            return f;
        }

        public CommandResult exec(String command, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        public PortForward forwardLocal(InetSocketAddress bind, String remoteHost, int remotePort) {
            throw new UnsupportedOperationException();
        }

        public SftpSession openSftp() {
            throw new UnsupportedOperationException();
        }

        public boolean isConnected() {
            return true;
        }

        public String host() {
            return "127.0.0.1";
        }

        public int port() {
            return 22;
        }

        public String username() {
            return "u";
        }

        public void close() {
        }
    }

    static final class Session implements TerminalSession {
        final AgentInfo agent;
        final List<FolderMount> mounted = new ArrayList<>();
        final List<Optional<String>> unmounted = new ArrayList<>();
        RuntimeException fail;

        Session(String name, int sshfsPort) {
            agent = new AgentInfo(50, "cookie", 4242, name, 30000, 30010, sshfsPort, -1, -1);
        }

        public AgentInfo agent() {
            return agent;
        }

        @Override
        public void mountFolder(FolderMount mount) {
            if (fail != null) {
                throw fail;
            }
            mounted.add(mount);
        }

        @Override
        public void unmountFolders(Optional<String> folder) {
            unmounted.add(folder);
        }

        public void runCommand() {
        }

        public void suspend() {
        }

        public void terminate() {
        }

        public void close() {
        }
    }
}
