package org.x2go.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.ProfileConverter;
import org.x2go.api.SessionListener;
import org.x2go.api.SessionProfile;
import org.x2go.api.TerminalParams;
import org.x2go.api.X2GoFolderSharingException;
import org.x2go.testkit.FakeX2GoServerExtension;

/**
 * The automatic shares of {@link TerminalParams#shareFolders()} (a profile's {@code export} with {@code useexports})
 * after this client's start and resume, on the fake server: only the profile's master session shares them, a
 * folder that cannot be shared is reported to the listeners and never fails the start.
 */
class ProfileSharesTest {
    private static final Duration STEP = Duration.ofSeconds(20);

    @RegisterExtension
    final FakeX2GoServerExtension x2go = FakeX2GoServerExtension.perTest();

    @TempDir
    Path home;

    /** One failure as a listener saw it. */
    private record Failure(UUID uuid, String sessionName, Path folder, X2GoFolderSharingException.Reason reason) {
    }

    private final List<Failure> failures = new CopyOnWriteArrayList<>();

    private X2GoClient client() {
        return X2GoClient.builder().systemProperties(new Properties()).sessionsRoot(home.resolve("sessions"))
                .ownOperationWait(STEP).set("x2go.backend.proxy", "tunnel").display(null)
                .backendOption("x2go.proxy.tunnel.attach", "none")
                .listener(new SessionListener() {
                    @Override
                    public void onFolderShareFailed(UUID sessionUuid, String profileName, String sessionName,
                                                    Path folder, X2GoFolderSharingException failure) {
                        failures.add(new Failure(sessionUuid, sessionName, folder, failure.reason()));
                    }
                }).build();
    }

    /** The parameters of a profile whose {@code export} names these folders with these flags. */
    private static TerminalParams fromProfile(String export, boolean useexports) {
        SessionProfile profile = new SessionProfile("p1", "office", Map.of("host", "h", "command", "xterm",
                "rootless", "true", "export", export, "useexports", useexports ? "true" : "false"));
        return ProfileConverter.convert(profile, "tester").terminalParams();
    }

    @Test
    void theMasterSharesTheExportedFolders_aBadOneIsReportedNotThrown_aSecondSessionSharesNothing() throws Exception {
        Path docs = Files.createDirectories(home.resolve("docs"));
        Path notAuto = Files.createDirectories(home.resolve("not auto"));
        Path missing = home.resolve("missing");
        TerminalParams params = fromProfile(docs + ":1;" + notAuto + ":0;" + missing + ":1;", true);
        assertThat(params.shareFolders()).extracting(TerminalParams.FolderShare::folder).containsExactly(docs, missing);
        try (X2GoClient client = client()) {
            String p = client.connect("office", x2go.connectOptions());
            UUID first = client.startSession(p, params);
            String name = client.summary(first).orElseThrow().sessionName();

            assertThat(client.summary(first).orElseThrow().master()).isTrue();
            assertThat(client.sharedFolders(first)).containsExactly(docs);
            assertThat(client.serverMounts(first)).singleElement().asString().endsWith("_docs");
            assertThat(failures).containsExactly(
                    new Failure(first, name, missing, X2GoFolderSharingException.Reason.BAD_FOLDER));

            failures.clear();
            UUID second = client.startSession(p, params);
            assertThat(client.summary(second).orElseThrow().master()).isFalse();
            assertThat(client.sharedFolders(second)).isEmpty();
            assertThat(client.serverMounts(second)).isEmpty();
            assertThat(failures).isEmpty(); // not asked to share, so nothing failed
            client.terminateSession(second);
            client.terminateSession(first);
        }
    }

    @Test
    void withoutUseexportsNothingIsShared() throws Exception {
        Path docs = Files.createDirectories(home.resolve("docs"));
        TerminalParams params = fromProfile(docs + ":1;", false);
        assertThat(params.shareFolders()).isEmpty();
        try (X2GoClient client = client()) {
            String p = client.connect("office", x2go.connectOptions());
            UUID u = client.startSession(p, params);
            assertThat(client.sharedFolders(u)).isEmpty();
            assertThat(client.serverMounts(u)).isEmpty();
            assertThat(x2go.receivedCommands()).noneMatch(c -> c.contains("x2gomountdirs"));
            client.terminateSession(u);
        }
    }

    @Test
    void aServerThatCannotMountStartsTheSessionAnywayAndReportsNotAvailable() throws Exception {
        Path docs = Files.createDirectories(home.resolve("docs"));
        x2go.behaviour().uninstallApplication("fusermount");
        try (X2GoClient client = client()) {
            String p = client.connect("office", x2go.connectOptions());
            UUID u = client.startSession(p, TerminalParams.builder().command("xterm").shareFolder(docs, false).build());
            assertThat(client.summary(u).orElseThrow().state()).isEqualTo(org.x2go.api.SessionState.RUNNING);
            assertThat(failures).extracting(Failure::folder, Failure::reason)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(docs,
                            X2GoFolderSharingException.Reason.NOT_AVAILABLE));
            assertThat(client.sharedFolders(u)).isEmpty();
            client.terminateSession(u);
        }
    }

    @Test
    void afterSuspendAndResumeTheMastersFoldersAreMountedAgainOnce() throws Exception {
        Path docs = Files.createDirectories(home.resolve("docs"));
        TerminalParams params = TerminalParams.builder().command("xterm").shareFolder(docs, true).build();
        try (X2GoClient client = client()) {
            String p = client.connect("office", x2go.connectOptions());
            UUID u = client.startSession(p, params);
            String name = client.summary(u).orElseThrow().sessionName();
            assertThat(client.serverMounts(u)).hasSize(1);
            // an NX client attaches through the tunnel, so the agent survives the suspend
            try (java.net.Socket nx = new java.net.Socket()) {
                nx.connect(client.graphicsProxy(u).orElseThrow().tunnelAddress(), (int) STEP.toMillis());
                x2go.sessions().awaitProxyAttached(name, STEP);
                client.suspendSession(u);
            }
            assertThat(client.serverMounts(u)).isEmpty();
            client.resumeSession(p, name, params);
            assertThat(client.summary(u).orElseThrow().master()).isTrue();
            assertThat(client.serverMounts(u)).singleElement().asString().endsWith("_docs");
            assertThat(client.sharedFolders(u)).containsExactly(docs);
            assertThat(failures).isEmpty();
            client.terminateSession(u);
        }
    }
}
