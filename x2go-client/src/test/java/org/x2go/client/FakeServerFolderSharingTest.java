package org.x2go.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.TerminalParams;
import org.x2go.api.X2GoFolderSharingException;
import org.x2go.api.X2GoSessionException;
import org.x2go.folders.SharedFolder;
import org.x2go.testkit.FakeX2GoServerExtension;

/**
 * Folder sharing through the whole stack (PLAIN, JSCH, TUNNEL) on the fake server, whose x2gomountdirs logs into
 * this client's SFTP server through the reverse tunnel with the key bundle it was handed.
 */
class FakeServerFolderSharingTest {
    private static final Duration STEP = Duration.ofSeconds(20);
    private static final TerminalParams PARAMS = TerminalParams.builder().command("xterm").build();

    @RegisterExtension
    final FakeX2GoServerExtension x2go = FakeX2GoServerExtension.perTest();

    @TempDir
    Path home;

    private X2GoClient client() {
        return X2GoClient.builder().systemProperties(new Properties()).sessionsRoot(home.resolve("sessions"))
                .ownOperationWait(STEP).set("x2go.backend.proxy", "tunnel").display(null)
                .backendOption("x2go.proxy.tunnel.attach", "none").build();
    }

    private String keyFilesLeft() {
        return x2go.receivedCommands().stream().filter(c -> c.contains("x2gomountdirs")).findFirst().orElse("");
    }

    @Test
    void aSharedFolderIsMountedThroughTheReverseTunnel_listed_unshared_andMountedAgainAfterAResume() throws Exception {
        Path share = Files.createDirectories(home.resolve("my docs ü"));
        try (X2GoClient client = client()) {
            String p = client.connect("fake", x2go.connectOptions());
            UUID u = client.startSession(p, PARAMS);
            String name = client.summary(u).orElseThrow().sessionName();

            SharedFolder shared = client.shareFolder(u, share, false);
            assertThat(shared.folder()).isEqualTo(share);
            assertThat(client.sharedFolders(u)).containsExactly(share);
            assertThat(client.serverMounts(u)).singleElement().asString()
                    .startsWith("127.0.0.1|").endsWith("_my_docs_ü");
            // the key file went to ~/.x2go/ssh and the mount line removed it again
            assertThat(keyFilesLeft()).contains("rm -f").contains(".x2go/ssh/key.z");
            assertThat(Files.exists(x2go.server().localPath(x2go.server().homeDirectory() + "/.x2go/ssh"))
                    ? Files.list(x2go.server().localPath(x2go.server().homeDirectory() + "/.x2go/ssh")).toList()
                    : List.of()).isEmpty();

            // a gateway's NX client attaches through the tunnel, so the agent survives the suspend
            try (java.net.Socket nx = new java.net.Socket()) {
                nx.connect(client.graphicsProxy(u).orElseThrow().tunnelAddress(), (int) STEP.toMillis());
                x2go.sessions().awaitProxyAttached(name, STEP);
                client.suspendSession(u);
            }
            assertThat(client.sharedFolders(u)).containsExactly(share); // kept for the resume
            client.resumeSession(p, name, PARAMS);
            assertThat(client.serverMounts(u)).hasSize(1);

            client.unshareFolder(u, share);
            assertThat(client.sharedFolders(u)).isEmpty();
            assertThat(client.serverMounts(u)).isEmpty();
            client.terminateSession(u);
        }
    }

    @Test
    void everyFailureHasItsReasonAndLeavesNothingShared() throws Exception {
        Path share = Files.createDirectories(home.resolve("share"));
        try (X2GoClient client = client()) {
            String p = client.connect("fake", x2go.connectOptions());
            UUID u = client.startSession(p, PARAMS);

            // the server cannot listen on the session's sshfs port (the fake server shares this machine's loopback)
            int sshfsPort = client.registry().terminal(u).orElseThrow().agent().sshfsPort();
            try (java.net.ServerSocket taken = new java.net.ServerSocket(sshfsPort, 1,
                    java.net.InetAddress.getByName("127.0.0.1"))) {
                assertThatThrownBy(() -> client.shareFolder(u, share, false))
                        .isInstanceOfSatisfying(X2GoFolderSharingException.class, e -> assertThat(e.reason())
                                .isEqualTo(X2GoFolderSharingException.Reason.FORWARD_REFUSED));
            }
            assertThatThrownBy(() -> client.shareFolder(u, home.resolve("missing"), false))
                    .isInstanceOfSatisfying(X2GoFolderSharingException.class,
                            e -> assertThat(e.reason()).isEqualTo(X2GoFolderSharingException.Reason.BAD_FOLDER));
            Path colon = Files.createDirectories(home.resolve("a:b"));
            assertThatThrownBy(() -> client.shareFolder(u, colon, false))
                    .isInstanceOfSatisfying(X2GoFolderSharingException.class,
                            e -> assertThat(e.reason()).isEqualTo(X2GoFolderSharingException.Reason.BAD_FOLDER));

            x2go.behaviour().uninstallApplication("fusermount");
            assertThatThrownBy(() -> client.shareFolder(u, share, false))
                    .isInstanceOfSatisfying(X2GoFolderSharingException.class,
                            e -> assertThat(e.reason()).isEqualTo(X2GoFolderSharingException.Reason.NOT_AVAILABLE));
            x2go.behaviour().installApplication("fusermount");

            x2go.behaviour().uninstallApplication("sshfs");
            assertThatThrownBy(() -> client.shareFolder(u, share, false))
                    .isInstanceOfSatisfying(X2GoFolderSharingException.class,
                            e -> assertThat(e.reason()).isEqualTo(X2GoFolderSharingException.Reason.NOT_AVAILABLE));
            x2go.behaviour().installApplication("sshfs");

            // the key file cannot be made private (a directory stands in its place): no key goes over, nothing mounts
            int agentPid = client.registry().terminal(u).orElseThrow().agent().agentPid();
            Path keyFile = x2go.server().localPath(x2go.server().homeDirectory() + "/.x2go/ssh/key.z" + agentPid);
            Files.createDirectories(keyFile);
            try {
                x2go.server().clearReceivedCommands();
                assertThatThrownBy(() -> client.shareFolder(u, share, false))
                        .isInstanceOfSatisfying(X2GoFolderSharingException.class, e -> {
                            assertThat(e.reason()).isEqualTo(X2GoFolderSharingException.Reason.MOUNT_FAILED);
                            assertThat(e).hasMessageContaining("private key file");
                        });
                assertThat(x2go.receivedCommands()).noneMatch(c -> c.contains("x2gomountdirs"));
            } finally {
                Files.deleteIfExists(keyFile); // the clean-up rm -f may have taken it already (the fake rm removes a directory)
            }

            assertThat(client.sharedFolders(u)).isEmpty();
            assertThat(client.serverMounts(u)).isEmpty();
            client.terminateSession(u);
            assertThatThrownBy(() -> client.shareFolder(u, share, false)).isInstanceOf(X2GoSessionException.class);
        }
    }

    @Test
    void printingSharesTheSpoolAsTheSpoolKindAndHandsEachArrivingJobToTheAction() throws Exception {
        Path saved = Files.createDirectories(home.resolve("saved"));
        try (X2GoClient client = client()) {
            String p = client.connect("fake", x2go.connectOptions());
            UUID u = client.startSession(p, PARAMS);
            String name = client.summary(u).orElseThrow().sessionName();
            Path spool = client.enablePrinting(u, new org.x2go.api.PrintAction.PdfSave(saved));
            assertThat(spool).isEqualTo(home.resolve("sessions").resolve("S-" + name).resolve("spool"));
            // the server mounted it where x2goprint looks for it
            assertThat(client.serverMounts(u)).containsExactly("127.0.0.1|/tmp/.x2go-" + x2go.server().user()
                    + "/spool/C-" + name);
            assertThat(x2go.receivedCommands()).anyMatch(c -> c.contains("__PRINT_SPOOL___REVERSESSH_PORT__"));
            // a job as x2goprint writes it through the mount: the PDF, then the marker
            Files.writeString(spool.resolve("job1.pdf"), "%PDF-1.4 test\n");
            Files.writeString(spool.resolve("job1.pdf.ready"), "job1.pdf\nQuarterly report");
            Path pdf = saved.resolve("Quarterly report.pdf");
            long deadline = System.nanoTime() + STEP.toNanos();
            while (!Files.exists(pdf) && System.nanoTime() < deadline) {
                Thread.sleep(50); // polling with a deadline, the watcher runs on its own thread
            }
            assertThat(pdf).hasContent("%PDF-1.4 test");
            try (var left = Files.list(saved)) {
                assertThat(left).hasSize(1);
            }
            client.terminateSession(u);
        }
    }
}
