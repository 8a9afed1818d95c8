package org.x2go.backend.sshj;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.x2go.backend.plain.JschTransport;
import org.x2go.spi.PortForward;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SshTransport;
import org.x2go.testkit.FakeX2GoServer;

/** PortForward.close() stops listening AND ends tunnelled connections (the SPI contract), both transports. */
class PortForwardCloseTest {

    static Stream<Arguments> transports() {
        return Stream.of(Arguments.of("JSCH", new JschTransport()), Arguments.of("SSHJ", new SshjTransport()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void closeEndsOpenTunnels(String label, SshTransport transport) throws Exception {
        try (FakeX2GoServer server = FakeX2GoServer.builder().build().start();
             ServerSocket echo = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             RemoteShell shell = transport.connect(server.connectOptions().build())) {
            Thread echoThread = new Thread(() -> {
                try (Socket c = echo.accept(); InputStream in = c.getInputStream(); OutputStream out = c.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // the tunnel was torn down: expected at the end of the test
                }
            }, "echo");
            echoThread.setDaemon(true);
            echoThread.start();
            PortForward fwd = shell.forwardLocal(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1", echo.getLocalPort());
            try (Socket s = new Socket("127.0.0.1", fwd.localAddress().getPort())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(s.getInputStream().readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("ping");
                fwd.close();
                int r;
                try {
                    r = s.getInputStream().read();
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("tunnelled connection still open 10 s after close()", e);
                } catch (SocketException e) {
                    r = -1; // reset also ends it
                }
                assertThat(r).isEqualTo(-1);
            }
            assertThat(shell.isConnected()).as("closing a forward keeps the connection").isTrue();
        }
    }
}
