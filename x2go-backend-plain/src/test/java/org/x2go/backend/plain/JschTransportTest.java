package org.x2go.backend.plain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.ConnectOptions;
import org.x2go.api.X2GoAuthenticationException;
import org.x2go.api.X2GoControlSessionException;
import org.x2go.api.X2GoFwTunnelException;
import org.x2go.api.X2GoPasswordRequiredException;
import org.x2go.api.X2GoSftpException;
import org.x2go.api.X2GoSshException;
import org.x2go.api.X2GoTimeOutException;
import org.x2go.spi.CommandResult;
import org.x2go.spi.PortForward;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SftpSession;
import org.x2go.testkit.FakeX2GoServer;

/** The JSch transport beyond the shared kit: error mapping, messages, forwards, SFTP failures. */
class JschTransportTest {
    private static final Duration STEP = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private FakeX2GoServer server;
    private final JschTransport transport = new JschTransport(Optional::empty);

    @BeforeEach
    void start() {
        server = FakeX2GoServer.builder().user("jt").password("pw").build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ConnectOptions.Builder options() {
        return server.connectOptions();
    }

    @Test
    void nameIsJsch() {
        assertThat(transport.name()).isEqualTo("JSCH");
        assertThat(new JschTransport().name()).isEqualTo("JSCH");
    }

    @Test
    void knownHostKeyTypesAreNegotiatedFirstInTheirOriginalOrder() {
        assertThat(JschTransport.preferKnown("a,rsa-sha2-512,b,ssh-ed25519,rsa-sha2-256",
                List.of("ssh-ed25519", "ssh-rsa")))
                .isEqualTo("rsa-sha2-512,ssh-ed25519,rsa-sha2-256,a,b");
        assertThat(JschTransport.preferKnown("a,b", List.of())).isEqualTo("a,b");
        assertThat(JschTransport.preferKnown(null, List.of("a"))).isNull();
        assertThat(JschTransport.preferKnown("a,b", List.of("c"))).isEqualTo("a,b");
    }

    @Test
    void unreadableKeyFileIsNamed() {
        Path missing = dir.resolve("no-such-key");
        assertThatThrownBy(() -> transport.connect(options().privateKey(missing).build()))
                .isInstanceOf(X2GoSshException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void unparsableKeyFileIsAnAuthenticationErrorNamingTheFile() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk_key"), "not a key\n");
        assertThatThrownBy(() -> transport.connect(options().privateKey(junk).build()))
                .isInstanceOf(X2GoAuthenticationException.class).hasMessageContaining(junk.toString());
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailureNamingUserAndEndpoint() {
        ConnectOptions o = ConnectOptions.builder(server.host(), "jt").port(server.port()).password("wrong")
                .knownHosts(server.knownHostsFile()).connectTimeout(STEP).keepAliveInterval(Duration.ZERO).build();
        assertThatThrownBy(() -> transport.connect(o)).isInstanceOf(X2GoAuthenticationException.class)
                .isNotInstanceOf(X2GoPasswordRequiredException.class)
                .hasMessageContaining("jt@[127.0.0.1]:" + server.port());
    }

    @Test
    void rejectedUnencryptedKeyWithoutPasswordIsAnAuthenticationFailureAndClosesTheConnection() throws IOException {
        Path foreign = dir.resolve("foreign_id");
        try (FakeX2GoServer other = FakeX2GoServer.builder().build().start()) {
            // a valid, unencrypted key this server does not authorize
            Files.copy(other.clientKeyFile(), foreign);
        }
        ConnectOptions o = ConnectOptions.builder(server.host(), "jt").port(server.port()).privateKey(foreign)
                .knownHosts(server.knownHostsFile()).connectTimeout(STEP).keepAliveInterval(Duration.ZERO).build();
        assertThatThrownBy(() -> transport.connect(o)).isInstanceOf(X2GoAuthenticationException.class)
                .isNotInstanceOf(X2GoPasswordRequiredException.class);
        awaitTrue(() -> server.activeConnections() == 0, "a failed connect must close its connection");
    }

    @Test
    void connectionDroppedOnArrivalSaysTheConnectionIsDownAndNamesTheCommand() {
        try (RemoteShell shell = transport.connect(options().build())) {
            server.behaviour().dropConnectionOn("x2golistsessions");
            assertThatThrownBy(() -> shell.exec("x2golistsessions", STEP))
                    .isInstanceOf(X2GoControlSessionException.class).hasMessageContaining("is down")
                    .hasMessageContaining("'x2golistsessions'");
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String message) {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        assertThat(condition.getAsBoolean()).as(message).isTrue();
    }

    @Test
    void refusedConnectionIsAnSshErrorNamingTheEndpoint() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ConnectOptions o = options().port(port).build();
        assertThatThrownBy(() -> transport.connect(o)).isInstanceOf(X2GoSshException.class)
                .isNotInstanceOf(X2GoTimeOutException.class).hasMessageContaining(":" + port);
    }

    @Test
    void silentServerIsATimeoutNamingTheConnectTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            ConnectOptions o = options().port(silent.getLocalPort()).connectTimeout(Duration.ofMillis(400)).build();
            long start = System.nanoTime();
            assertThatThrownBy(() -> transport.connect(o)).isInstanceOf(X2GoTimeOutException.class)
                    .hasMessageContaining("400 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(STEP);
        }
    }

    @Test
    void useAgentWithoutAnAgentStillAuthenticatesWithTheKey() {
        try (RemoteShell shell = transport.connect(options().useAgent(true).build())) {
            assertThat(shell.exec("echo k", STEP).stdout()).isEqualTo("k\n");
        }
    }

    @Test
    void unusableAgentSocketIsSkipped() {
        JschTransport t = new JschTransport(() -> Optional.of(dir.resolve("no-agent.sock").toString()));
        try (RemoteShell shell = t.connect(options().useAgent(true).keepAliveInterval(Duration.ofSeconds(1)).build())) {
            assertThat(shell.exec("echo k", STEP).stdout()).isEqualTo("k\n");
        }
    }

    @Test
    void execLeavesNoInterruptBehindOnTheCallingThread() {
        try (RemoteShell shell = transport.connect(options().build())) {
            for (int i = 0; i < 50; i++) {
                assertThat(shell.exec("echo " + i, STEP).stdout()).isEqualTo(i + "\n");
                assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag after exec %d", i).isFalse();
            }
            // no output at all: only EOF and the channel's close wake the caller
            CommandResult r = shell.exec("exit 3", STEP);
            assertThat(r.exitStatus()).isEqualTo(3);
            assertThat(r.stdout()).isEmpty();
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    @Test
    void shellReportsItsEndpointAndTimeoutsNameCommandAndEndpoint() {
        try (RemoteShell shell = transport.connect(options().build())) {
            assertThat(shell.host()).isEqualTo("127.0.0.1");
            assertThat(shell.port()).isEqualTo(server.port());
            assertThat(shell.username()).isEqualTo("jt");
            assertThatThrownBy(() -> shell.exec("sleep 5", Duration.ofMillis(200)))
                    .isInstanceOf(X2GoTimeOutException.class)
                    .hasMessageContaining("'sleep 5'").hasMessageContaining("200 ms")
                    .hasMessageContaining("jt@127.0.0.1:" + server.port());
        }
    }

    @Test
    void commandsOnADroppedConnectionSayItIsDown() {
        RemoteShell shell = transport.connect(options().build());
        try {
            server.disconnectAll();
            long deadline = System.nanoTime() + STEP.toNanos();
            while (shell.isConnected() && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            assertThat(shell.isConnected()).isFalse();
            assertThatThrownBy(() -> shell.exec("echo x", STEP)).isInstanceOf(X2GoControlSessionException.class)
                    .hasMessageContaining("is down").hasMessageContaining("'echo x'");
        } finally {
            shell.close();
        }
    }

    @Test
    void closedShellRefusesCommandsForwardsAndSftpNamingWhat() {
        RemoteShell shell = transport.connect(options().build());
        shell.close();
        assertThat(shell.isConnected()).isFalse();
        assertThatThrownBy(() -> shell.exec("echo x", STEP)).isInstanceOf(X2GoControlSessionException.class)
                .hasMessageContaining("is closed").hasMessageContaining("'echo x'");
        assertThatThrownBy(() -> shell.forwardLocal(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1", 1))
                .isInstanceOf(X2GoControlSessionException.class).hasMessageContaining("port forward");
        assertThatThrownBy(shell::openSftp).isInstanceOf(X2GoControlSessionException.class)
                .hasMessageContaining("sftp");
    }

    @Test
    void exitStatusAndStderrOfAFailingCommandAreReturned() {
        try (RemoteShell shell = transport.connect(options().build())) {
            CommandResult r = shell.exec("echo bad >&2; exit 7", STEP);
            assertThat(r.exitStatus()).isEqualTo(7);
            assertThat(r.stderr()).isEqualTo("bad\n");
            assertThat(r.stdout()).isEmpty();
        }
    }

    @Test
    void sftpFailuresNameThePath() {
        try (RemoteShell shell = transport.connect(options().build()); SftpSession sftp = shell.openSftp()) {
            String missing = server.homeDirectory() + "/missing.txt";
            assertThatThrownBy(() -> sftp.read(missing)).isInstanceOf(X2GoSftpException.class)
                    .hasMessageContaining(missing);
            assertThatThrownBy(() -> sftp.remove(missing)).isInstanceOf(X2GoSftpException.class)
                    .hasMessageContaining(missing);
            String noDir = server.homeDirectory() + "/no/such/dir/f.txt";
            assertThatThrownBy(() -> sftp.write(noDir, new byte[] {1})).isInstanceOf(X2GoSftpException.class)
                    .hasMessageContaining(noDir);
        }
    }

    @Test
    void forwardOnABusyPortIsATunnelErrorNamingTheAddress() throws IOException {
        try (RemoteShell shell = transport.connect(options().build());
             ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress bind = new InetSocketAddress("127.0.0.1", busy.getLocalPort());
            assertThatThrownBy(() -> shell.forwardLocal(bind, "127.0.0.1", 1))
                    .isInstanceOf(X2GoFwTunnelException.class).hasMessageContaining(String.valueOf(busy.getLocalPort()));
        }
    }

    @Test
    void closingAForwardEndsItsTunnelledConnections() throws Exception {
        try (ServerSocket target = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             RemoteShell shell = transport.connect(options().build())) {
            PortForward fwd = shell.forwardLocal(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1",
                    target.getLocalPort());
            target.setSoTimeout((int) STEP.toMillis());
            try (Socket client = new Socket("127.0.0.1", fwd.localAddress().getPort());
                 Socket far = target.accept()) {
                client.setSoTimeout((int) STEP.toMillis());
                OutputStream toFar = far.getOutputStream();
                toFar.write('x');
                toFar.flush();
                InputStream in = client.getInputStream();
                assertThat(in.read()).isEqualTo('x');
                fwd.close();
                fwd.close();
                int next;
                try {
                    next = in.read();
                } catch (IOException e) {
                    next = -1;
                }
                assertThat(next).as("the tunnelled connection must end with the forward").isEqualTo(-1);
                far.setSoTimeout((int) STEP.toMillis());
                int farNext;
                try {
                    farNext = far.getInputStream().read();
                } catch (IOException e) {
                    farNext = -1;
                }
                assertThat(farNext).as("the far end must see the tunnel close").isEqualTo(-1);
            }
        }
    }

    @Test
    void forwardToARefusingTargetClosesTheAcceptedConnection() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (RemoteShell shell = transport.connect(options().build());
             PortForward fwd = shell.forwardLocal(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1", port);
             Socket client = new Socket("127.0.0.1", fwd.localAddress().getPort())) {
            client.setSoTimeout((int) STEP.toMillis());
            int r;
            try {
                r = client.getInputStream().read();
            } catch (IOException e) {
                r = -1;
            }
            assertThat(r).isEqualTo(-1);
            // the forward keeps accepting after a failed tunnel
            try (Socket again = new Socket()) {
                again.connect(fwd.localAddress(), (int) TimeUnit.SECONDS.toMillis(5));
                assertThat(again.isConnected()).isTrue();
            }
        }
    }
}
