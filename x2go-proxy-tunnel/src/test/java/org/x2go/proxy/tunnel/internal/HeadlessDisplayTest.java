package org.x2go.proxy.tunnel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The private display admits only clients holding its cookie: another local user must not see or drive the
 * session's windows. Speaks the X11 connection set-up itself over the display's Unix socket.
 */
class HeadlessDisplayTest {
    private static final Path XVFB = Path.of("/usr/bin/Xvfb");

    @TempDir
    Path dir;

    @Test
    void theAuthorityFileIsOwnerOnlyAndHoldsOneWildcardCookie() throws IOException {
        Path auth = dir.resolve("xvfb.auth");
        byte[] cookie = HeadlessDisplay.writeAuthority(auth);
        assertThat(Files.getPosixFilePermissions(auth)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        byte[] file = Files.readAllBytes(auth);
        ByteBuffer b = ByteBuffer.wrap(file);
        assertThat(b.getShort() & 0xffff).as("FamilyWild").isEqualTo(0xffff);
        assertThat(b.getShort()).as("no address").isZero();
        assertThat(b.getShort()).as("any display").isZero();
        byte[] name = new byte[b.getShort()];
        b.get(name);
        assertThat(new String(name, StandardCharsets.US_ASCII)).isEqualTo("MIT-MAGIC-COOKIE-1");
        byte[] data = new byte[b.getShort()];
        b.get(data);
        assertThat(data).hasSize(16).isEqualTo(cookie);
        assertThat(b.hasRemaining()).isFalse();
        assertThat(HeadlessDisplay.writeAuthority(auth)).as("fresh every time").isNotEqualTo(cookie);
    }

    @Test
    @Timeout(60)
    void aClientWithoutTheCookieIsRefusedAndOneWithItIsAdmitted() throws Exception {
        if (!Files.isExecutable(XVFB)) {
            assumeTrue("true".equals(System.getenv("CI")) ? fail() : false, "Xvfb is not installed");
        }
        Path auth = dir.resolve("xvfb.auth");
        HeadlessDisplay d = HeadlessDisplay.start(XVFB, "320x200x24", dir.resolve("xvfb.log"), auth,
                Duration.ofSeconds(20));
        try {
            byte[] file = Files.readAllBytes(auth);
            byte[] cookie = java.util.Arrays.copyOfRange(file, file.length - 16, file.length);
            Path socket = Path.of("/tmp/.X11-unix/X" + d.display().substring(1));
            assertThat(setup(socket, new byte[0], new byte[0])).as("no cookie: Failed").isZero();
            byte[] wrong = cookie.clone();
            wrong[0] ^= 1;
            assertThat(setup(socket, "MIT-MAGIC-COOKIE-1".getBytes(StandardCharsets.US_ASCII), wrong))
                    .as("wrong cookie: Failed").isZero();
            assertThat(setup(socket, "MIT-MAGIC-COOKIE-1".getBytes(StandardCharsets.US_ASCII), cookie))
                    .as("the cookie: Success").isEqualTo(1);
        } finally {
            Processes.stop(d.process(), Duration.ofSeconds(5), "Xvfb");
        }
    }

    private static boolean fail() {
        throw new AssertionError("Xvfb is missing under CI=true: install the Debian package xvfb");
    }

    /** @return the first byte of the server's answer to an X11 connection set-up: 0 Failed, 1 Success */
    private static int setup(Path socket, byte[] authName, byte[] authData) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer req = ByteBuffer.allocate(12 + pad(authName.length) + pad(authData.length))
                    .order(ByteOrder.LITTLE_ENDIAN);
            req.put((byte) 'l').put((byte) 0).putShort((short) 11).putShort((short) 0)
                    .putShort((short) authName.length).putShort((short) authData.length).putShort((short) 0);
            req.put(authName).position(12 + pad(authName.length)).put(authData);
            req.position(req.capacity()).flip();
            while (req.hasRemaining()) {
                ch.write(req);
            }
            InputStream in = Channels.newInputStream(ch);
            return in.read();
        }
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }
}
