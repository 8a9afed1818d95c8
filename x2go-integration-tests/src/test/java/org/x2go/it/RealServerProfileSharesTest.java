package org.x2go.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.x2go.api.ProfileConverter;
import org.x2go.api.SessionListener;
import org.x2go.api.SessionProfile;
import org.x2go.api.TerminalParams;
import org.x2go.api.X2GoFolderSharingException;
import org.x2go.client.X2GoClient;
import org.x2go.testkit.RealX2GoServer;

/**
 * A profile's {@code export} against the real x2goserver on both transports: the {@code :1} folder is mounted by
 * the server's own x2gomountdirs and sshfs when this client starts the profile's master session, is readable in
 * the session, comes back after suspend and resume; the {@code :0} folder is not shared, and a second session of
 * the same profile (not the master) gets no share. Fails instead of skipping under {@code CI=true}.
 */
@Tag("real-server")
class RealServerProfileSharesTest {
    private static final Duration STEP = Duration.ofSeconds(45);

    @TempDir
    Path home;

    private RealX2GoServer server;

    @BeforeEach
    void requireServer() throws Exception {
        server = RealServerSupport.requireWithSshfs();
    }

    private boolean xtermRunsOn(int display) {
        try {
            return server.ssh("for p in $(pgrep -u " + server.user() + " -x xterm); do"
                    + " tr '\\0' '\\n' < /proc/$p/environ 2>/dev/null | grep -qx 'DISPLAY=:" + display + "'"
                    + " && echo found; done; true").contains("found");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String mountOf(List<String> serverMounts, Path folder) {
        String suffix = FakeServerProfileSharesTest.mountSuffix(folder);
        return serverMounts.stream().filter(l -> l.endsWith(suffix)).map(l -> l.substring(l.indexOf('|') + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no mount ending in " + suffix + ": " + serverMounts));
    }

    @ParameterizedTest(name = "profile shares over {0}")
    @ValueSource(strings = {"JSCH", "SSHJ"})
    void theExportedFolderIsMountedAndReadableInTheMaster_againAfterResume_notTheOtherFolder_notInASecondSession(
            String ssh) throws Exception {
        Path auto = Files.createDirectories(home.resolve("auto"));
        Files.writeString(auto.resolve("hello.txt"), "hello from the profile\n");
        Path manual = Files.createDirectories(home.resolve("manual"));
        SessionProfile profile = new SessionProfile("p-real", "real-profile", Map.of("host", server.host(),
                "command", "xterm", "rootless", "true", "useexports", "true",
                "export", auto + ":1;" + manual + ":0;"));
        TerminalParams params = ProfileConverter.convert(profile, server.user()).terminalParams();
        List<Path> failed = new CopyOnWriteArrayList<>();
        List<String> started = new CopyOnWriteArrayList<>();
        try (X2GoClient client = X2GoClient.builder().listener(RealServerSupport.OWN_SESSIONS).systemProperties(new Properties())
                .set("x2go.backend.ssh", ssh).set("x2go.backend.proxy", "TUNNEL").display("none")
                .sessionsRoot(home.resolve(".x2go")).ownOperationWait(STEP).listener(new SessionListener() {
                    @Override
                    public void onFolderShareFailed(UUID sessionUuid, String profileName, String sessionName,
                                                    Path folder, X2GoFolderSharingException failure) {
                        failed.add(folder);
                    }
                }).build()) {
            String p = client.connect(profile.name(), server.connectOptions());
            long t0 = System.nanoTime();
            UUID u = client.startSession(p, params);
            String name = client.summary(u).orElseThrow().sessionName();
            started.add(name);
            List<String> mounts = client.serverMounts(u);
            System.out.printf("[real-server] %s: start with a profile share -> listed mount %d ms%n", ssh,
                    (System.nanoTime() - t0) / 1_000_000);
            assertThat(failed).isEmpty();
            String mount = mountOf(mounts, auto);
            assertThat(mounts).noneMatch(l -> l.endsWith(FakeServerProfileSharesTest.mountSuffix(manual)));
            assertThat(server.ssh("cat '" + mount + "/hello.txt'")).isEqualTo("hello from the profile\n");

            // the session's graphics are attached (TUNNEL), so the agent survives the suspend; but a session
            // suspended while its only X client is still connecting loses it and ends itself: wait for the xterm
            int display = client.registry().terminal(u).orElseThrow().agent().display();
            RealServerSupport.await("the xterm of " + name, STEP, () -> xtermRunsOn(display));
            client.suspendSession(u);
            client.resumeSession(p, name, params);
            String again = mountOf(client.serverMounts(u), auto);
            assertThat(server.ssh("cat '" + again + "/hello.txt'")).isEqualTo("hello from the profile\n");
            assertThat(client.serverMounts(u)).noneMatch(l -> l.endsWith(FakeServerProfileSharesTest.mountSuffix(manual)));

            UUID second = client.startSession(p, params);
            started.add(client.summary(second).orElseThrow().sessionName());
            assertThat(client.summary(second).orElseThrow().master()).isFalse();
            assertThat(client.serverMounts(second)).isEmpty();
            assertThat(failed).isEmpty();
            client.terminateSession(second);
            client.terminateSession(u);
        } finally {
            Set<String> listed = RealServerSupport.listedSessions(server);
            for (String name : started) {
                if (listed.contains(name)) { // only this test's sessions: others use the server at the same time
                    server.ssh("x2goterminate-session " + name);
                }
            }
        }
    }
}
