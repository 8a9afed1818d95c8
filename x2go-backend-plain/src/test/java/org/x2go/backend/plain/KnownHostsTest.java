package org.x2go.backend.plain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.HostKeyPolicy;
import org.x2go.api.KnownHosts;
import org.x2go.api.X2GoHostKeyException;

/** known_hosts verification (x2go-api {@link KnownHosts}), checked against OpenSSH's own tools. */
class KnownHostsTest {
    @TempDir
    Path dir;

    static byte[] blob(String type, long seed) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        byte[] k = new byte[32];
        new Random(seed).nextBytes(k);
        writeString(b, t);
        writeString(b, k);
        return b.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream b, byte[] s) {
        b.write(s.length >>> 24);
        b.write(s.length >>> 16);
        b.write(s.length >>> 8);
        b.write(s.length);
        b.writeBytes(s);
    }

    static String line(String hosts, byte[] blob) {
        return hosts + " " + KnownHosts.keyType(blob) + " " + Base64.getEncoder().encodeToString(blob);
    }

    @Test
    void plainAndBracketedPortEntries() throws IOException {
        byte[] k = blob("ssh-ed25519", 1);
        Path kh = Files.writeString(dir.resolve("kh"), "# comment\n\n" + line("srv,10.0.0.1", k) + "\n"
                + line("[127.0.0.1]:2222", k) + "\n");
        KnownHosts v = KnownHosts.of(kh, HostKeyPolicy.STRICT);
        assertThatCode(() -> v.verify("srv", 22, k)).doesNotThrowAnyException();
        assertThatCode(() -> v.verify("10.0.0.1", 22, k)).doesNotThrowAnyException();
        assertThatCode(() -> v.verify("127.0.0.1", 2222, k)).doesNotThrowAnyException();
        // a plain entry does not vouch for another port, nor [h]:p for port 22
        assertThat(reason(v, "srv", 2222, k)).isEqualTo(X2GoHostKeyException.Reason.UNKNOWN);
        assertThat(reason(v, "127.0.0.1", 22, k)).isEqualTo(X2GoHostKeyException.Reason.UNKNOWN);
    }

    @Test
    void changedKeyOfSameTypeIsChangedUnderEveryPolicy() throws IOException {
        byte[] known = blob("ssh-ed25519", 1);
        byte[] other = blob("ssh-ed25519", 2);
        Path kh = Files.writeString(dir.resolve("kh"), line("srv", known) + "\n");
        for (HostKeyPolicy p : HostKeyPolicy.values()) {
            X2GoHostKeyException e = catchHostKey(KnownHosts.of(kh, p), "srv", 22, other);
            assertThat(e.reason()).isEqualTo(X2GoHostKeyException.Reason.CHANGED);
            assertThat(e.fingerprint()).isEqualTo(KnownHosts.fingerprint(other));
            assertThat(e.keyType()).isEqualTo("ssh-ed25519");
        }
        assertThat(Files.readString(kh)).isEqualTo(line("srv", known) + "\n");
    }

    @Test
    void unknownUnderStrictAndAppendedUnderAcceptNew() throws IOException {
        byte[] k = blob("ssh-ed25519", 3);
        Path kh = dir.resolve("sub/known_hosts");
        X2GoHostKeyException e = catchHostKey(KnownHosts.of(kh, HostKeyPolicy.STRICT), "127.0.0.1", 2222, k);
        assertThat(e.reason()).isEqualTo(X2GoHostKeyException.Reason.UNKNOWN);
        assertThat(e.getMessage()).contains("[127.0.0.1]:2222").contains(KnownHosts.fingerprint(k));
        assertThat(kh).doesNotExist();
        KnownHosts tofu = KnownHosts.of(kh, HostKeyPolicy.ACCEPT_NEW);
        tofu.verify("127.0.0.1", 2222, k);
        assertThat(Files.readString(kh)).startsWith("|1|");
        assertThatCode(() -> KnownHosts.of(kh, HostKeyPolicy.STRICT).verify("127.0.0.1", 2222, k))
                .doesNotThrowAnyException();
        assertThat(KnownHosts.of(kh, HostKeyPolicy.STRICT).knownKeyTypes("127.0.0.1", 2222)).containsExactly("ssh-ed25519");
    }

    @Test
    void wildcardsNegationAndRevoked() throws IOException {
        byte[] k = blob("ssh-ed25519", 4);
        byte[] bad = blob("ssh-ed25519", 5);
        Path kh = Files.writeString(dir.resolve("kh"), line("*.example.org,!evil.example.org", k) + "\n"
                + "@revoked * " + KnownHosts.keyType(bad) + " " + Base64.getEncoder().encodeToString(bad) + "\n"
                + "@cert-authority *.example.org ssh-ed25519 AAAA\n" + "garbage\n");
        KnownHosts v = KnownHosts.of(kh, HostKeyPolicy.ACCEPT_NEW);
        assertThatCode(() -> v.verify("a.example.org", 22, k)).doesNotThrowAnyException();
        assertThat(catchHostKey(v, "a.example.org", 22, bad).reason()).isEqualTo(X2GoHostKeyException.Reason.CHANGED);
        assertThat(catchHostKey(KnownHosts.of(kh, HostKeyPolicy.STRICT), "evil.example.org", 22, k).reason())
                .isEqualTo(X2GoHostKeyException.Reason.UNKNOWN);
    }

    @Test
    void hashedEntriesWrittenByOpenSshAreUnderstoodAndOursAreReadByOpenSsh() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "needs ssh-keygen");
        Path key = dir.resolve("hostkey");
        run("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        String[] pub = Files.readString(dir.resolve("hostkey.pub")).strip().split(" ");
        byte[] blob = Base64.getDecoder().decode(pub[1]);
        Path kh = Files.writeString(dir.resolve("kh"), "[127.0.0.1]:2222 " + pub[0] + " " + pub[1] + "\n");
        run("/usr/bin/ssh-keygen", "-H", "-f", kh.toString());
        assertThat(Files.readString(kh)).startsWith("|1|").doesNotContain("127.0.0.1");
        assertThatCode(() -> KnownHosts.of(kh, HostKeyPolicy.STRICT).verify("127.0.0.1", 2222, blob))
                .doesNotThrowAnyException();
        // the SHA256 fingerprint is the one ssh-keygen prints
        String printed = run("/usr/bin/ssh-keygen", "-l", "-f", dir.resolve("hostkey.pub").toString());
        assertThat(printed).contains(KnownHosts.fingerprint(blob));
        // an entry we append is found by ssh-keygen -F
        Path ours = dir.resolve("ours");
        KnownHosts.of(ours, HostKeyPolicy.ACCEPT_NEW).verify("10.1.2.3", 2200, blob);
        assertThat(run("/usr/bin/ssh-keygen", "-F", "[10.1.2.3]:2200", "-f", ours.toString())).contains(pub[1]);
    }

    @Test
    void badBlobIsRejectedWithAMessage() {
        assertThatThrownBy(() -> KnownHosts.keyType(new byte[] {0, 0, 0, 99, 1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("99");
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }

    private static X2GoHostKeyException.Reason reason(KnownHosts v, String h, int port, byte[] k) {
        return catchHostKey(v, h, port, k).reason();
    }

    private static X2GoHostKeyException catchHostKey(KnownHosts v, String h, int port, byte[] k) {
        try {
            v.verify(h, port, k);
        } catch (X2GoHostKeyException e) {
            return e;
        }
        throw new AssertionError("expected X2GoHostKeyException for " + h + ":" + port);
    }
}
