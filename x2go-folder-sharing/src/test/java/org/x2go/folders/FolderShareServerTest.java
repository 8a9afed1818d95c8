package org.x2go.folders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FolderShareServerTest {
    private static final Duration T = Duration.ofSeconds(10);
    private static SshClient client;

    @TempDir
    Path tmp;
    Path share;
    Path outside;
    FolderShareServer server;

    @BeforeAll
    static void startClient() {
        client = SshClient.setUpDefaultClient();
        client.start();
    }

    @AfterAll
    static void stopClient() throws IOException {
        client.stop();
    }

    @BeforeEach
    void folders() throws IOException {
        share = Files.createDirectories(tmp.resolve("share dir ü"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.writeString(share.resolve("hello.txt"), "hello");
        server = new FolderShareServer("tester");
    }

    @AfterEach
    void close() {
        server.close();
    }

    private ClientSession login(String user, KeyPair key, AtomicReference<PublicKey> seenHostKey) throws IOException {
        client.setServerKeyVerifier((session, address, key1) -> {
            if (seenHostKey != null) {
                seenHostKey.set(key1);
            }
            return true;
        });
        ClientSession s = client.connect(user, FolderShareServer.LOOPBACK, server.port().getAsInt()).verify(T).getSession();
        s.addPublicKeyIdentity(key);
        s.auth().verify(T);
        return s;
    }

    private SftpClient sftp() throws IOException {
        return SftpClientFactory.instance().createSftpClient(login("tester", server.clientKeyPair().orElseThrow(), null));
    }

    private static String read(SftpClient c, String path) throws IOException {
        try (InputStream in = c.read(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void write(SftpClient c, String path, String text) throws IOException {
        try (OutputStream out = c.write(path)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void nothingListensAndNoKeysExistBeforeTheFirstShare() {
        assertTrue(server.port().isEmpty());
        assertTrue(server.clientKeyPair().isEmpty());
        assertThrows(IllegalStateException.class, server::keyBundle);
    }

    @Test
    void aSharedFolderCanBeReadAndWrittenThroughSftp_evenWithSpacesAndNonAsciiInItsPath() throws IOException {
        server.share(share, false);
        try (SftpClient c = sftp()) {
            assertEquals("hello", read(c, share + "/hello.txt"));
            write(c, share + "/from-server.txt", "written remotely");
            c.mkdir(share + "/sub");
        }
        assertEquals("written remotely", Files.readString(share.resolve("from-server.txt")));
        assertTrue(Files.isDirectory(share.resolve("sub")));
    }

    @Test
    void dotDotCannotLeaveTheSharedFolder() throws IOException {
        server.share(share, false);
        try (SftpClient c = sftp()) {
            assertThrows(SftpException.class, () -> read(c, share + "/../outside/secret.txt"));
            assertThrows(SftpException.class, () -> read(c, outside + "/secret.txt"));
            // the listing iterator reports the refusal unchecked
            java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                    () -> c.readDir(tmp.toString()).iterator().hasNext());
            assertTrue(e.getCause() instanceof SftpException, e.toString());
            assertThrows(SftpException.class, () -> write(c, share + "/../planted.txt", "x"));
        }
        assertFalse(Files.exists(tmp.resolve("planted.txt")));
    }

    @Test
    void aLinkInsideTheFolderThatLeadsOutIsRefused() throws IOException {
        Files.createSymbolicLink(share.resolve("escape"), outside);
        Files.createSymbolicLink(share.resolve("secret-link.txt"), outside.resolve("secret.txt"));
        server.share(share, false);
        try (SftpClient c = sftp()) {
            assertThrows(SftpException.class, () -> read(c, share + "/escape/secret.txt"));
            assertThrows(SftpException.class, () -> read(c, share + "/secret-link.txt"));
            assertThrows(SftpException.class, () -> write(c, share + "/escape/planted.txt", "x"));
        }
        assertFalse(Files.exists(outside.resolve("planted.txt")));
    }

    @Test
    void theRemoteSideCannotCreateALinkThatLeadsOut() throws IOException {
        server.share(share, false);
        try (SftpClient c = sftp()) {
            assertThrows(SftpException.class, () -> c.symLink(share + "/l1", outside + "/secret.txt"));
            assertThrows(SftpException.class, () -> c.symLink(share + "/l2", "../outside/secret.txt"));
            c.symLink(share + "/inside-link", share + "/hello.txt");
            assertEquals("hello", read(c, share + "/inside-link"));
        }
        assertFalse(Files.exists(share.resolve("l1"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(share.resolve("l2"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aReadOnlyFolderRefusesEveryChange() throws IOException {
        server.share(share, true);
        try (SftpClient c = sftp()) {
            assertEquals("hello", read(c, share + "/hello.txt"));
            assertThrows(SftpException.class, () -> write(c, share + "/new.txt", "x"));
            assertThrows(SftpException.class, () -> write(c, share + "/hello.txt", "overwritten"));
            assertThrows(SftpException.class, () -> c.remove(share + "/hello.txt"));
            assertThrows(SftpException.class, () -> c.rename(share + "/hello.txt", share + "/moved.txt"));
            assertThrows(SftpException.class, () -> c.mkdir(share + "/d"));
        }
        assertEquals("hello", Files.readString(share.resolve("hello.txt")));
        assertFalse(Files.exists(share.resolve("new.txt")));
    }

    @Test
    void anUnsharedFolderIsNoLongerServed() throws IOException {
        server.share(share, false);
        try (SftpClient c = sftp()) {
            assertEquals("hello", read(c, share + "/hello.txt"));
            assertTrue(server.unshare(share));
            assertThrows(SftpException.class, () -> read(c, share + "/hello.txt"));
        }
        assertFalse(server.unshare(share));
    }

    @Test
    void onlyTheGeneratedKeyForTheConfiguredLoginIsAccepted() throws Exception {
        server.share(share, false);
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair other = g.generateKeyPair();
        assertThrows(IOException.class, () -> login("tester", other, null));
        assertThrows(IOException.class, () -> login("root", server.clientKeyPair().orElseThrow(), null));
        ClientSession s = client.connect("tester", FolderShareServer.LOOPBACK, server.port().getAsInt()).verify(T).getSession();
        s.addPasswordIdentity("tester");
        assertThrows(IOException.class, () -> s.auth().verify(T));
        s.close();
    }

    @Test
    void theClientKeyIsRsaOfAtLeast3072BitsAndNewForEachServer() {
        server.share(share, false);
        KeyPair k = server.clientKeyPair().orElseThrow();
        assertTrue(((RSAPublicKey) k.getPublic()).getModulus().bitLength() >= 3072);
        try (FolderShareServer second = new FolderShareServer("tester")) {
            second.share(share, false);
            assertFalse(k.getPublic().equals(second.clientKeyPair().orElseThrow().getPublic()));
            assertFalse(server.port().equals(second.port()));
        }
    }

    @Test
    void theKeyBundleHoldsThePrivateKeyThenTheMarkerThenTheHostKeyTheServerPresents() throws Exception {
        server.share(share, false);
        String bundle = server.keyBundle();
        int marker = bundle.indexOf(FolderShareServer.IDENTITY_MARKER);
        assertTrue(marker > 0, bundle);
        String pem = bundle.substring(0, marker);
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n") && pem.endsWith("-----END PRIVATE KEY-----\n"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        assertArrayEquals(server.clientKeyPair().orElseThrow().getPrivate().getEncoded(),
                KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)).getEncoded());
        String hostLine = bundle.substring(marker + FolderShareServer.IDENTITY_MARKER.length()).strip();
        AtomicReference<PublicKey> seen = new AtomicReference<>();
        login("tester", server.clientKeyPair().orElseThrow(), seen).close();
        assertEquals(PublicKeyEntry.toString(seen.get()), hostLine);
        assertTrue(hostLine.startsWith("ecdsa-sha2-nistp256 "), hostLine);
    }

    @Test
    void chaCha20IsOfferedOnlyWhenAesIsSlowInThisJvm() throws IOException {
        var all = org.apache.sshd.server.SshServer.setUpDefaultServer().getCipherFactories();
        String chacha = org.apache.sshd.common.cipher.BuiltinCiphers.cc20p1305_openssh.getName();
        assertTrue(all.stream().anyMatch(c -> c.getName().equals(chacha)), "MINA offers ChaCha20 by default");
        assertFalse(org.x2go.folders.internal.ServerPreparation.ciphers(true, all).stream()
                .anyMatch(c -> c.getName().equals(chacha)));
        assertEquals(all, org.x2go.folders.internal.ServerPreparation.ciphers(false, all));
        // MINA's client, like OpenSSH's, takes ChaCha20 whenever the server offers it
        server.share(share, false);
        try (ClientSession s = login("tester", server.clientKeyPair().orElseThrow(), null)) {
            String negotiated = s.getNegotiatedKexParameter(org.apache.sshd.common.kex.KexProposalOption.S2CENC);
            if (org.x2go.folders.internal.ServerPreparation.aesIsFast()) {
                assertTrue(negotiated.startsWith("aes"), negotiated);
            } else {
                assertEquals(chacha, negotiated);
            }
        }
    }

    @Test
    void itListensOnLoopbackOnly() throws IOException {
        server.share(share, false);
        int port = server.port().getAsInt();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a.isLoopbackAddress() || a.isLinkLocalAddress()) {
                    continue;
                }
                try (Socket s = new Socket()) {
                    assertThrows(IOException.class, () -> s.connect(new InetSocketAddress(a, port), 2000),
                            "reachable on " + a);
                }
            }
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(FolderShareServer.LOOPBACK, port), 2000);
        }
    }

    @Test
    void noCommandRunsAndNoForwardOpens() throws IOException {
        server.share(share, false);
        try (ClientSession s = login("tester", server.clientKeyPair().orElseThrow(), null)) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (org.apache.sshd.client.channel.ChannelExec ch = s.createExecChannel("echo ran")) {
                ch.setOut(out);
                ch.setErr(out);
                try {
                    ch.open().verify(T);
                    ch.waitFor(java.util.EnumSet.of(org.apache.sshd.client.channel.ClientChannelEvent.CLOSED,
                            org.apache.sshd.client.channel.ClientChannelEvent.EXIT_STATUS), Duration.ofSeconds(3));
                } catch (IOException refused) {
                    // refused at open: fine
                }
                assertFalse(Integer.valueOf(0).equals(ch.getExitStatus()), "exec must not succeed");
            }
            assertEquals("", out.toString(StandardCharsets.UTF_8));
            assertThrows(IOException.class, () -> s.createDirectTcpipChannel(
                    new org.apache.sshd.common.util.net.SshdSocketAddress("127.0.0.1", 1),
                    new org.apache.sshd.common.util.net.SshdSocketAddress("127.0.0.1", 22)).open().verify(T));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a:b", "quote\"d", "dollar$HOME", "back`tick`", "back\\slash", "new\nline",
            "x__REVERSESSH_PORT__1", "y__PRINT_SPOOL_"})
    void aFolderX2goMountdirsCannotMountIsRefusedNamingWhy(String name) throws IOException {
        Path odd;
        try {
            odd = Files.createDirectories(tmp.resolve(name));
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return; // the local file system cannot even hold the name
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> server.share(odd, false));
        assertTrue(e.getMessage().contains("cannot mount"), e.getMessage());
        assertTrue(server.port().isEmpty(), "a refused share must not start the server");
    }

    @Test
    void aMissingFolderOrAFileIsRefused() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> server.share(tmp.resolve("missing"), false));
        assertThrows(IllegalArgumentException.class, () -> server.share(share.resolve("hello.txt"), false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "x;rm", "\"q\"", "-dash"})
    void aLoginNameThatWouldBreakTheMountCommandIsRefused(String login) {
        assertThrows(IllegalArgumentException.class, () -> new FolderShareServer(login));
    }

    @Test
    void closeStopsServingIsIdempotentAndRefusesNewShares() throws IOException {
        server.share(share, false);
        int port = server.port().getAsInt();
        server.close();
        server.close();
        assertTrue(server.port().isEmpty());
        assertThrows(IllegalStateException.class, () -> server.share(share, false));
        try (Socket s = new Socket()) {
            assertThrows(IOException.class, () -> s.connect(new InetSocketAddress(FolderShareServer.LOOPBACK, port), 2000));
        }
    }
}
