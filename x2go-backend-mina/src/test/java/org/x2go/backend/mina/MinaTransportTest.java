package org.x2go.backend.mina;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.JumpHost;
import org.x2go.api.X2GoAuthenticationException;
import org.x2go.api.X2GoSshException;
import org.x2go.backend.plain.PlainControlSessionProvider;
import org.x2go.backend.plain.PlainSessionListParser;
import org.x2go.spi.ControlSession;
import org.x2go.spi.RemoteShell;
import org.x2go.testkit.FakeX2GoServer;

/** The MINA transport beyond the shared kit: shared I/O threads, the PLAIN control session on it, refusals. */
class MinaTransportTest {
    @TempDir
    Path dir;
    private FakeX2GoServer server;
    private final MinaTransport transport = new MinaTransport();

    @BeforeEach
    void start() {
        server = FakeX2GoServer.builder().build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Set<String> sshdThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> !n.startsWith("sshd-SshServer")).collect(Collectors.toSet());
    }

    @Test
    void manyConnectionsShareTheTransportsThreads() {
        List<RemoteShell> shells = new ArrayList<>();
        try {
            shells.add(transport.connect(server.connectOptions().build()));
            shells.get(0).exec("echo warm", Duration.ofSeconds(10));
            int threadsWithOne = Thread.activeCount();
            for (int i = 0; i < 20; i++) {
                RemoteShell s = transport.connect(server.connectOptions().build());
                shells.add(s);
                assertThat(s.exec("echo " + i, Duration.ofSeconds(10)).stdout()).isEqualTo(i + "\n");
            }
            // the fake server in this JVM may add its own threads; the client adds none per connection
            assertThat(Thread.activeCount()).as("threads: %s", sshdThreads()).isLessThan(threadsWithOne + 20);
        } finally {
            shells.forEach(RemoteShell::close);
        }
    }

    @Test
    void mlKemKeyExchangeIsTriedFirstSntrupLastAndTheRestKeepTheirOrder() {
        List<String> defaults = org.apache.sshd.common.NamedResource.getNameList(
                org.apache.sshd.client.SshClient.setUpDefaultClient().getKeyExchangeFactories());
        List<String> ordered = org.apache.sshd.common.NamedResource.getNameList(MinaTransport.preferMlKem(
                org.apache.sshd.client.SshClient.setUpDefaultClient().getKeyExchangeFactories()));
        assertThat(defaults).contains(MinaTransport.PREFERRED_KEX);
        assertThat(ordered.get(0)).isEqualTo(MinaTransport.PREFERRED_KEX);
        List<String> sntrup = defaults.stream().filter(n -> n.startsWith("sntrup")).toList();
        assertThat(sntrup).isNotEmpty();
        List<String> rest = new ArrayList<>(defaults);
        rest.remove(MinaTransport.PREFERRED_KEX);
        rest.removeAll(sntrup);
        rest.addAll(sntrup);
        assertThat(ordered.subList(1, ordered.size())).isEqualTo(rest);
    }

    @Test
    void aesGcmCiphersAreProposedFirstAndTheRestKeepTheirOrder() {
        List<String> defaults = org.apache.sshd.common.NamedResource.getNameList(
                org.apache.sshd.client.SshClient.setUpDefaultClient().getCipherFactories());
        List<String> ordered = org.apache.sshd.common.NamedResource.getNameList(MinaTransport.preferAesGcm(
                org.apache.sshd.client.SshClient.setUpDefaultClient().getCipherFactories()));
        List<String> gcm = defaults.stream().filter(n -> n.startsWith("aes") && n.contains("-gcm")).toList();
        assertThat(gcm).contains("aes128-gcm@openssh.com", "aes256-gcm@openssh.com");
        assertThat(defaults.get(0)).isNotIn(gcm);
        List<String> expected = new ArrayList<>(gcm);
        defaults.stream().filter(n -> !gcm.contains(n)).forEach(expected::add);
        assertThat(ordered).isEqualTo(expected);
    }

    @Test
    void hotPropertiesEndTheirLookUpAtTheClientWithTheValueMinaWouldHaveFound() {
        org.apache.sshd.client.SshClient c = org.apache.sshd.client.SshClient.setUpDefaultClient();
        List<Object> before = MinaTransport.HOT_PROPERTIES.stream().map(p -> p.getRequired(c)).collect(Collectors.toList());
        assertThat(MinaTransport.HOT_PROPERTIES).allSatisfy(p -> assertThat(c.getProperties()).doesNotContainKey(p.getName()));
        MinaTransport.pinHotProperties(c);
        assertThat(MinaTransport.HOT_PROPERTIES).allSatisfy(p -> assertThat(c.getProperties()).containsKey(p.getName()));
        assertThat(MinaTransport.HOT_PROPERTIES.stream().map(p -> p.getRequired(c)).collect(Collectors.toList()))
                .isEqualTo(before);
    }

    @Test
    void knownHostKeyTypesAreProposedFirstInTheirOriginalOrder() {
        assertThat(MinaTransport.preferKnown("a,rsa-sha2-512,b,ssh-ed25519,rsa-sha2-256", List.of("ssh-ed25519", "ssh-rsa")))
                .isEqualTo("rsa-sha2-512,ssh-ed25519,rsa-sha2-256,a,b");
        assertThat(MinaTransport.preferKnown("a,b", List.of())).isEqualTo("a,b");
        assertThat(MinaTransport.preferKnown("a,b", List.of("c"))).isEqualTo("a,b");
    }

    @Test
    void thePlainControlSessionRunsOnIt() {
        server.sessions().startExternally('D', "startxfce4");
        try (ControlSession cs = new PlainControlSessionProvider().create(
                transport.connect(server.connectOptions().build()), new PlainSessionListParser(), Duration.ofSeconds(10))) {
            assertThat(cs.remoteHome()).isEqualTo(server.homeDirectory());
            assertThat(cs.features()).isNotEmpty();
            assertThat(cs.listSessions().sessions()).hasSize(1);
        }
    }

    @Test
    void unsupportedOptionsAreRefusedNamingTheAlternative() {
        assertThatThrownBy(() -> transport.connect(server.connectOptions()
                .jumpHost(JumpHost.of("127.0.0.1", 22, "j")).build()))
                .isInstanceOf(X2GoSshException.class).hasMessageContaining("jump hosts").hasMessageContaining("SSHJ");
    }

    @Test
    void unreadableAndUnparsableKeyFilesAreNamed() throws IOException {
        Path missing = dir.resolve("no-such-key");
        assertThatThrownBy(() -> transport.connect(server.connectOptions().privateKey(missing).build()))
                .isInstanceOf(X2GoSshException.class).hasMessageContaining(missing.toString());
        Path junk = Files.writeString(dir.resolve("junk_key"), "not a key\n");
        assertThatThrownBy(() -> transport.connect(server.connectOptions().privateKey(junk).build()))
                .isInstanceOf(X2GoAuthenticationException.class).hasMessageContaining(junk.toString());
    }
}
