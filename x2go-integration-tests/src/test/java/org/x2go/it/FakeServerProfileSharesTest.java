package org.x2go.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.x2go.api.ProfileConverter;
import org.x2go.api.SessionListener;
import org.x2go.api.SessionProfile;
import org.x2go.api.TerminalParams;
import org.x2go.api.X2GoFolderSharingException;
import org.x2go.client.X2GoClient;
import org.x2go.testkit.FakeX2GoServerExtension;

/**
 * A profile's {@code export} ({@code :1} entries, {@code useexports} on) is shared when this client starts or
 * resumes the profile's master session, over both SSH transports against the fake server (whose x2gomountdirs
 * logs into this client's SFTP server through the reverse tunnel and checks the folder is there; files in the
 * mount are not modelled: {@link RealServerProfileSharesTest} reads them).
 */
class FakeServerProfileSharesTest {
    private static final Duration STEP = Duration.ofSeconds(20);

    @RegisterExtension
    final FakeX2GoServerExtension x2go = FakeX2GoServerExtension.perTest();

    @TempDir
    Path home;

    /** x2gomountdirs' mount point name for a client folder: its path with {@code /} and blanks as {@code _}. */
    static String mountSuffix(Path folder) {
        return folder.toString().replace('/', '_').replace(' ', '_');
    }

    @ParameterizedTest(name = "profile shares over {0}")
    @ValueSource(strings = {"JSCH", "SSHJ"})
    void theMasterGetsTheExportedFolderAtStartAndAfterResume_theOtherFolderAndASecondSessionGetNone(String ssh)
            throws Exception {
        Path auto = Files.createDirectories(home.resolve("auto share"));
        Path manual = Files.createDirectories(home.resolve("manual"));
        SessionProfile profile = new SessionProfile("p-office", "office", Map.of("host", "h", "command", "xterm",
                "rootless", "true", "useexports", "true", "export", auto + ":1;" + manual + ":0;"));
        TerminalParams params = ProfileConverter.convert(profile, "tester").terminalParams();
        List<Path> failed = new CopyOnWriteArrayList<>();
        try (X2GoClient client = X2GoClient.builder().systemProperties(new Properties()).set("x2go.backend.ssh", ssh)
                .set("x2go.backend.proxy", "tunnel").display(null).sessionsRoot(home.resolve("sessions"))
                .ownOperationWait(STEP).listener(new SessionListener() {
                    @Override
                    public void onFolderShareFailed(UUID sessionUuid, String profileName, String sessionName,
                                                    Path folder, X2GoFolderSharingException failure) {
                        failed.add(folder);
                    }
                }).build()) {
            String p = client.connect(profile.name(), x2go.connectOptions());
            UUID u = client.startSession(p, params);
            String name = client.summary(u).orElseThrow().sessionName();
            assertThat(client.serverMounts(u)).singleElement().asString().endsWith(mountSuffix(auto));
            assertThat(client.sharedFolders(u)).containsExactly(auto);

            x2go.sessions().awaitProxyAttached(name, STEP); // the agent survives a suspend only with a client attached
            client.suspendSession(u);
            assertThat(client.controlSession(p).listMounts(name)).isEmpty();
            client.resumeSession(p, name, params);
            assertThat(client.serverMounts(u)).singleElement().asString().endsWith(mountSuffix(auto));

            UUID second = client.startSession(p, params);
            assertThat(client.summary(second).orElseThrow().master()).isFalse();
            assertThat(client.serverMounts(second)).isEmpty();
            assertThat(client.sharedFolders(second)).isEmpty();
            assertThat(failed).isEmpty();

            client.terminateSession(second);
            client.terminateSession(u);
        }
    }
}
