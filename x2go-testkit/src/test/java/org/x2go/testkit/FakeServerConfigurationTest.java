package org.x2go.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.testkit.internal.KeyFiles;

class FakeServerConfigurationTest {

    @TempDir
    Path tmp;

    @Test
    void ed25519HostKeyFileAndAuthorizedKeysFile() throws Exception {
        KeyPair host = KeyUtils.generateKeyPair("ssh-ed25519", 256);
        KeyPair user = KeyUtils.generateKeyPair("ssh-ed25519", 256);
        Path hostFile = tmp.resolve("host_ed25519");
        KeyFiles.writePrivateKey(host, hostFile, "host");
        Files.writeString(tmp.resolve("authorized_keys"), "# comment\n" + KeyFiles.publicKeyLine(user.getPublic())
                + " someone@example\n");
        try (FakeX2GoServer server = FakeX2GoServer.builder().user("ed").hostKeyFile(hostFile)
                .authorizedKeys(tmp.resolve("authorized_keys")).build().start()) {
            assertThat(server.hostKeyType()).isEqualTo("ssh-ed25519");
            assertThat(server.knownHostsLine()).startsWith("[127.0.0.1]:" + server.port() + " ssh-ed25519 AAAA");
            try (MinaClient c = new MinaClient(server, host.getPublic())) {
                assertThat(c.exec("echo $USER").stdout()).isEqualTo("ed\n");
            }
        }
    }

    @Test
    void brokenKeyFilesAreNamed() throws Exception {
        Path junk = Files.writeString(tmp.resolve("junk"), "not a key\n");
        assertThatThrownBy(() -> FakeX2GoServer.builder().hostKeyFile(junk)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(junk.toString());
        Path badAuth = Files.writeString(tmp.resolve("auth"), "ssh-rsa !!!notbase64!!! x\n");
        assertThatThrownBy(() -> FakeX2GoServer.builder().authorizedKeys(badAuth))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(badAuth.toString());
        assertThatThrownBy(() -> FakeX2GoServer.builder().user("bad user; rm")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("bad user; rm");
    }

    @Test
    void mainParsesItsOptionsAndNamesBadOnes() {
        try (FakeX2GoServer s = FakeServerMain.parse(new String[] {"--port", "0", "--user", "alice", "--hostname", "h",
                "--password", "pw"})
                .build()) {
            assertThat(s.user()).isEqualTo("alice");
            assertThat(s.hostname()).isEqualTo("h");
        }
        assertThatThrownBy(() -> FakeServerMain.parse(new String[] {"--port", "x", "--user", "a", "--password", "p"}))
                .hasMessageContaining("'x'");
        assertThatThrownBy(() -> FakeServerMain.parse(new String[] {"--bogus", "1"})).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> FakeServerMain.parse(new String[] {"--port", "0"})).hasMessageContaining("--user");
        assertThatThrownBy(() -> FakeServerMain.parse(new String[] {"--user"})).hasMessageContaining("--user");
    }

    @Test
    void accessorsBeforeStartFailClearly() {
        FakeX2GoServer s = FakeX2GoServer.builder().build();
        try {
            assertThatThrownBy(s::port).isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
            s.start();
            assertThatThrownBy(s::start).isInstanceOf(IllegalStateException.class);
        } finally {
            s.close();
            s.close();
        }
    }
}
