package org.x2go.backend.plain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.ConnectOptions;
import org.x2go.api.X2GoAuthenticationException;
import org.x2go.api.X2GoPasswordRequiredException;
import org.x2go.spi.RemoteShell;
import org.x2go.testkit.FakeX2GoServer;

/** JSch authentication beyond the kit: SSH agent, encrypted keys. */
class JschAuthTest {
    @TempDir
    Path dir;
    private FakeX2GoServer server;
    private Process agent;

    @BeforeEach
    void start() {
        server = FakeX2GoServer.builder().build().start();
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.destroy();
            agent.waitFor(5, TimeUnit.SECONDS);
        }
        server.close();
    }

    private ConnectOptions.Builder noCredentials() {
        return ConnectOptions.builder(server.host(), server.user()).port(server.port())
                .knownHosts(server.knownHostsFile()).connectTimeout(Duration.ofSeconds(10))
                .keepAliveInterval(Duration.ZERO);
    }

    private Path privateKeyCopy() throws Exception {
        Path key = dir.resolve("id");
        Files.copy(server.clientKeyFile(), key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        return key;
    }

    private static String run(Path sock, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (sock != null) {
            pb.environment().put("SSH_AUTH_SOCK", sock.toString());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }

    @Test
    void agentKeysAreOfferedWhenUseAgentIsSet() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-agent")) && Files.isExecutable(Path.of("/usr/bin/ssh-add")),
                "needs ssh-agent and ssh-add");
        Path sock = dir.resolve("agent.sock");
        agent = new ProcessBuilder("/usr/bin/ssh-agent", "-D", "-a", sock.toString()).redirectErrorStream(true).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!Files.exists(sock) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        run(sock, "/usr/bin/ssh-add", privateKeyCopy().toString());
        JschTransport t = new JschTransport(() -> Optional.of(sock.toString()));
        try (RemoteShell shell = t.connect(noCredentials().useAgent(true).build())) {
            assertThat(shell.exec("echo via-agent", Duration.ofSeconds(10)).stdout()).isEqualTo("via-agent\n");
        }
        assertThatThrownBy(() -> t.connect(noCredentials().useAgent(false).password("wrong").build()))
                .isInstanceOf(X2GoAuthenticationException.class);
    }

    @Test
    void encryptedKeyWithoutPassphraseIsPasswordRequiredAndWithItConnects() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "needs ssh-keygen");
        Path key = privateKeyCopy();
        run(null, "/usr/bin/ssh-keygen", "-p", "-q", "-a", "2", "-P", "", "-N", "s3cret", "-f", key.toString());
        JschTransport t = new JschTransport(Optional::empty);
        assertThatThrownBy(() -> t.connect(noCredentials().privateKey(key).build()))
                .isInstanceOf(X2GoPasswordRequiredException.class).hasMessageContaining("passphrase");
        try (RemoteShell shell = t.connect(noCredentials().privateKey(key).passphrase("s3cret").build())) {
            assertThat(shell.isConnected()).isTrue();
        }
    }
}
