package org.x2go.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.X2GoHostKeyException.Reason;

/** {@link KnownHosts} on hand-written files; {@link KnownHostsOraclePropertyTest} checks it against OpenSSH. */
class KnownHostsTest {
    private static final byte[] K1 = blob("ssh-ed25519", 1);
    private static final byte[] K2 = blob("ssh-ed25519", 2);
    private static final byte[] K3 = blob("ssh-ed25519", 3);
    private static final byte[] E1 = blob("ecdsa-sha2-nistp256", 4);

    @TempDir
    Path dir;

    // --- defect: @revoked lines were only honoured when they came before the accepting entry

    @Test
    void revokedKeyIsRefusedWhereverTheRevokedLineStands() throws IOException {
        String entry = line("[127.0.0.1]:2222", K1);
        String revoked = "@revoked * " + key(K1);
        for (String text : List.of(entry + "\n" + revoked + "\n", revoked + "\n" + entry + "\n")) {
            Path kh = write(text);
            for (HostKeyPolicy p : HostKeyPolicy.values()) {
                X2GoHostKeyException e = catchHostKey(KnownHosts.of(kh, p), "127.0.0.1", 2222, K1);
                assertThat(e.reason()).isEqualTo(Reason.REVOKED);
                assertThat(e.fingerprint()).isEqualTo(KnownHosts.fingerprint(K1));
            }
            assertThat(Files.readString(kh)).isEqualTo(text);
        }
    }

    @Test
    void revokedLineRefusesOnlyTheHostsItNamesAndOnlyItsKey() throws IOException {
        Path kh = write("@revoked other " + key(K1) + "\n" + line("srv", K1) + "\n" + "@revoked srv " + key(K2) + "\n");
        KnownHosts v = KnownHosts.of(kh, HostKeyPolicy.ACCEPT_NEW);
        assertThatCode(() -> v.verify("srv", 22, K1)).doesNotThrowAnyException();
        assertThat(reason(v, "other", 22, K1)).isEqualTo(Reason.REVOKED); // revoked, not trusted on first use
        assertThat(reason(v, "srv", 22, K2)).isEqualTo(Reason.REVOKED);
        assertThat(Files.readAllLines(kh)).hasSize(3);
    }

    @Test
    void markerFollowedByATabIsIgnoredAsByOpenSsh() throws IOException {
        Path kh = write("@revoked\tsrv " + key(K1) + "\n" + "@revoked \tsrv " + key(K2) + "\n"
                + "@cert-authority\tsrv " + key(K3) + "\n" + line("srv", K1) + "\n");
        KnownHosts v = KnownHosts.of(kh, HostKeyPolicy.STRICT);
        String warnings = warnings(() -> assertThat(v.matchingLines("srv", 22)).containsExactly("2 REVOKED", "4"));
        assertThat(warnings).contains("line 1: unknown marker @revoked (or not followed by a space)")
                .contains("line 3: unknown marker @cert-authority (or").doesNotContain("line 2:");
    }

    @Test
    void revokedKeyIsNotOfferedAsAKnownKeyType() throws IOException {
        Path kh = write(line("srv", K1) + "\n" + line("srv", E1) + "\n");
        assertThat(KnownHosts.of(kh, HostKeyPolicy.STRICT).knownKeyTypes("srv", 22))
                .containsExactly("ssh-ed25519", "ecdsa-sha2-nistp256");
        Files.writeString(kh, "@revoked srv " + key(K1) + "\n" + "@revoked srv " + key(K2) + "\n"
                + "@cert-authority srv " + key(K3) + "\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(KnownHosts.of(kh, HostKeyPolicy.STRICT).knownKeyTypes("srv", 22))
                .containsExactly("ecdsa-sha2-nistp256");
        assertThat(KnownHosts.of(kh, HostKeyPolicy.STRICT).knownKeyTypes("other", 22)).isEmpty();
    }

    // --- defect: hashed entries were matched case-sensitively

    @Test
    void hashedEntryMatchesTheHostInAnyCase() throws Exception {
        Path kh = write(hashedLine("[localhost]:2222", salt(20, 7), K1) + "\n");
        KnownHosts v = KnownHosts.of(kh, HostKeyPolicy.STRICT);
        for (String host : List.of("localhost", "LOCALHOST", "LocalHost")) {
            assertThatCode(() -> v.verify(host, 2222, K1)).as(host).doesNotThrowAnyException();
            assertThat(v.knownKeyTypes(host, 2222)).containsExactly("ssh-ed25519");
        }
        assertThat(reason(v, "localhost", 22, K1)).isEqualTo(Reason.UNKNOWN);
    }

    @Test
    void trustOnFirstUseHashesTheHostInLowerCase() throws Exception {
        Path kh = dir.resolve("sub/known_hosts");
        KnownHosts.of(kh, HostKeyPolicy.ACCEPT_NEW).verify("LocalHost", 2222, K1);
        String[] f = Files.readString(kh).split("[ \n]");
        String saltB64 = f[0].split("\\|")[2];
        assertThat(f[0]).isEqualTo(hashedHost("[localhost]:2222", Base64.getDecoder().decode(saltB64)));
        assertThat(Base64.getDecoder().decode(saltB64)).hasSize(20);
        assertThat(f[1]).isEqualTo("ssh-ed25519");
        assertThat(Base64.getDecoder().decode(f[2])).isEqualTo(K1);
    }

    @Test
    void trustOnFirstUseSaltsEveryLineAfresh() throws IOException {
        Path kh = dir.resolve("known_hosts");
        KnownHosts tofu = KnownHosts.of(kh, HostKeyPolicy.ACCEPT_NEW);
        tofu.verify("srv", 22, K1);
        tofu.verify("srv", 22, E1);
        List<String> lines = Files.readAllLines(kh);
        String salt1 = lines.get(0).split("\\|")[2];
        String salt2 = lines.get(1).split("\\|")[2];
        assertThat(salt1).isNotEqualTo(salt2).isNotEqualTo(b64(new byte[20]));
        assertThat(lines.get(0).split(" ")[0]).isNotEqualTo(lines.get(1).split(" ")[0]);
    }

    @Test
    void everyAsciiLetterIsLowerCasedAndNothingElse() throws Exception {
        Path kh = write(line("az.example", K1) + "\n" + hashedLine("[za.lan]:2222", salt(20, 5), K2) + "\n"
                + line("x@[", K3) + "\n" + line("x`{", K3) + "\n");
        KnownHosts v = KnownHosts.of(kh, HostKeyPolicy.STRICT);
        assertThat(v.matchingLines("AZ.EXAMPLE", 22)).containsExactly("1");
        assertThat(v.matchingLines("ZA.LAN", 2222)).containsExactly("2");
        assertThat(v.matchingLines("X@[", 22)).containsExactly("3");
    }

    @Test
    void hashedEntryVouchesOnlyForItsOwnHostAndPort() throws Exception {
        Path kh = write(hashedLine("srv", salt(20, 1), K1) + "\n");
        KnownHosts v = KnownHosts.of(kh, HostKeyPolicy.STRICT);
        assertThatCode(() -> v.verify("srv", 22, K1)).doesNotThrowAnyException();
        assertThat(reason(v, "srv2", 22, K1)).isEqualTo(Reason.UNKNOWN);
        assertThat(reason(v, "srv", 2222, K1)).isEqualTo(Reason.UNKNOWN);
        assertThat(reason(v, "srv2", 22, K2)).isEqualTo(Reason.UNKNOWN);
        assertThat(reason(v, "srv", 22, K2)).isEqualTo(Reason.CHANGED);
    }

    @Test
    void malformedHashedEntriesMatchNothing() throws Exception {
        byte[] s = salt(20, 3);
        String good = hashedHost("srv", s);
        String text = String.join("\n",
                "|1|" + Base64.getEncoder().encodeToString(s) + " " + key(K1), // no hash part
                good.replace("|1|", "|2|") + " " + key(K1), // unknown hash type
                "|1|!!!!|" + good.split("\\|")[3] + " " + key(K1), // salt not base64
                hashedHost("srv", salt(16, 3)) + " " + key(K1), // salt not 20 bytes (OpenSSH needs 20)
                good + ",srv " + key(K1), // a hashed field is one host
                "|srv " + key(K1), // starts like a hash: never a pattern
                "") + "\n";
        Path kh = write(text);
        KnownHosts v = KnownHosts.of(kh, HostKeyPolicy.STRICT);
        assertThat(v.matchingLines("srv", 22)).isEmpty();
        assertThat(reason(v, "srv", 22, K1)).isEqualTo(Reason.UNKNOWN);
        Files.writeString(kh, good + " " + key(K1) + "\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(v.matchingLines("srv", 22)).containsExactly("8");
    }

    // --- defect: one non-UTF-8 byte made the whole file unreadable

    @Test
    void bytesThatAreNotUtf8BlockNothing() throws IOException {
        byte[] latin1 = ("# Kommentar von J\u00f6rg\n" + line("srv", K1) + " schl\u00fcssel\n"
                + line("[127.0.0.1]:2222", K2) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        Path kh = Files.write(dir.resolve("known_hosts"), latin1);
        KnownHosts v = KnownHosts.of(kh, HostKeyPolicy.STRICT);
        String warnings = warnings(() -> {
            v.verify("srv", 22, K1);
            v.verify("127.0.0.1", 2222, K2);
        });
        assertThat(warnings).isEmpty();
    }

    @Test
    void unusableLineIsSkippedWithAWarningNamingTheFileAndLine() throws IOException {
        byte[] text = ("# ok\n" + line("srv", K1) + "\n" + "srv ssh-ed25519 \u00f6\u00f6\u00f6\u00f6\n"
                + "@revok\u00e9 srv " + key(K2) + "\n" + "srv ssh-ed25519\n" + "srv ecdsa-sha2-nistp256 "
                + b64(K2) + "\n" + "srv ssh-ed25519 AAAA\n" + "@revoked srv ssh-ed25519\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Path kh = Files.write(dir.resolve("known_hosts"), text);
        KnownHosts v = KnownHosts.of(kh, HostKeyPolicy.STRICT);
        String warnings = warnings(() -> v.verify("srv", 22, K1));
        for (int no = 3; no <= 8; no++) {
            assertThat(warnings).contains(kh + ": skipping unusable known_hosts line " + no + ":");
        }
        assertThat(warnings).doesNotContain("line 1:").doesNotContain("line 2:")
                .contains("line 4: unknown marker @revok\u00e9")
                .contains("line 6: the key is not of type ecdsa-sha2-nistp256")
                .contains("line 3: the key is not a base64 SSH public key")
                .contains("line 5: it has no key");
        assertThat(v.matchingLines("srv", 22)).containsExactly("2");
    }

    @Test
    void hostPatternsApplyToTheBytesOfTheHostAsInOpenSsh() throws IOException {
        Path kh = Files.write(dir.resolve("known_hosts"), (line("s\u00f6rv", K1) + "\n" + line("x?y", K1) + "\n"
                + line("x??y", K1) + "\n" + line("*,s\u00f6", K2) + "\n").getBytes(StandardCharsets.UTF_8));
        KnownHosts v = KnownHosts.of(kh, HostKeyPolicy.STRICT);
        assertThat(v.matchingLines("s\u00f6rv", 22)).containsExactly("1", "4");
        assertThat(v.matchingLines("S\u00f6RV", 22)).containsExactly("1", "4");
        assertThat(v.matchingLines("x\u00f6y", 22)).containsExactly("3", "4"); // ö is two bytes in UTF-8
        assertThat(v.matchingLines("x\u00d6y", 22)).containsExactly("3", "4");
        assertThat(v.matchingLines("s\u00d6rv", 22)).containsExactly("4"); // only ASCII is lower-cased
    }

    // --- host patterns

    @Test
    void plainPatternMustMatchTheWholeHost() throws IOException {
        KnownHosts v = KnownHosts.of(write(line("srv", K1) + "\n" + line("srv2", K2) + "\n"), HostKeyPolicy.STRICT);
        assertThat(v.matchingLines("srv", 22)).containsExactly("1");
        assertThat(v.matchingLines("srv2", 22)).containsExactly("2");
        assertThat(v.matchingLines("sr", 22)).isEmpty();
        assertThat(v.matchingLines("srv23", 22)).isEmpty();
        assertThat(v.matchingLines("SRV", 22)).containsExactly("1");
        assertThat(reason(v, "srv2", 22, K1)).isEqualTo(Reason.CHANGED);
    }

    @Test
    void wildcardsMatchAsInOpenSsh() throws IOException {
        String[][] cases = {
            // pattern, host (port 22 unless [h]:p), matches?
            {"*.example.org", "a.example.org", "y"}, {"*.example.org", "example.org", "n"},
            {"*.example.org", "a.example.org.evil", "n"}, {"srv?", "srv1", "y"}, {"srv?", "srv", "n"},
            {"srv?", "srv12", "n"}, {"?", "a", "y"}, {"?", "", "n"}, {"*", "[x]:2222", "y"},
            {"[*]:2222", "[x]:2222", "y"}, {"[*]:2222", "x", "n"}, {"[*]:2222", "[x]:22222", "n"},
            {"s*v*", "sv", "y"}, {"s*v*", "srvx", "y"}, {"s*v", "svx", "n"}, {"**", "abc", "y"},
            {"a*b*c", "abbbc", "y"}, {"a*b*c", "abcbcx", "n"}, {"a*bc", "abcbc", "y"}, {"*x", "xx", "y"},
            {"*x", "xy", "n"}, {"?*", "a", "y"}, {"*?", "", "n"}, {"a**?", "ab", "y"}, {"a*?*c", "ac", "n"},
            {"*ab", "aab", "y"}, {"*aab", "aaab", "y"}, {"x*y*z", "xyyz", "y"}, {"SRV*", "srv.lan", "y"},
            {"*a*a*a*a*a*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "n"},
        };
        for (String[] c : cases) {
            String host = c[1];
            int port = 22;
            if (host.startsWith("[")) {
                port = Integer.parseInt(host.substring(host.indexOf("]:") + 2));
                host = host.substring(1, host.indexOf("]:"));
            }
            KnownHosts v = KnownHosts.of(write(line(c[0], K1) + "\n"), HostKeyPolicy.STRICT);
            assertThat(v.matchingLines(host, port)).as("%s vs %s", c[0], c[1]).hasSize(c[2].equals("y") ? 1 : 0);
        }
    }

    @Test
    void negationVetoesTheWholeLine() throws IOException {
        Path kh = write(line("*.example.org,!evil.example.org", K1) + "\n" + line("!bad.example.org,*.example.org", K1)
                + "\n" + line("!srv", K1) + "\n" + line("srv,!srv", K1) + "\n" + line("!!srv,srv2", K1) + "\n");
        KnownHosts v = KnownHosts.of(kh, HostKeyPolicy.STRICT);
        assertThat(v.matchingLines("a.example.org", 22)).containsExactly("1", "2");
        assertThat(v.matchingLines("evil.example.org", 22)).containsExactly("2");
        assertThat(v.matchingLines("bad.example.org", 22)).containsExactly("1");
        assertThat(v.matchingLines("srv", 22)).isEmpty();
        assertThat(v.matchingLines("other", 22)).isEmpty(); // a negation alone matches nothing
        assertThat(v.matchingLines("srv2", 22)).containsExactly("5");
        KnownHosts one = KnownHosts.of(write(line("*.example.org,!evil.example.org", K1) + "\n"), HostKeyPolicy.STRICT);
        assertThat(reason(one, "evil.example.org", 22, K1)).isEqualTo(Reason.UNKNOWN);
    }

    @Test
    void overlongSubpatternMakesTheWholeListMatchNothing() throws IOException {
        String ok = "srv" + "*".repeat(1019); // 1022 characters: OpenSSH's limit
        String tooLong = "srv" + "*".repeat(1020);
        Path kh = write(line(ok, K1) + "\n" + line(tooLong, K1) + "\n" + line("srvxx," + tooLong, K1) + "\n"
                + line("!" + ok + ",srvxx", K1) + "\n" + line("!" + tooLong + ",srvxx", K1) + "\n");
        assertThat(KnownHosts.of(kh, HostKeyPolicy.STRICT).matchingLines("srvxx", 22)).containsExactly("1");
    }

    @Test
    void ipv6AddressWithAPortIsLookedUpInBrackets() throws IOException {
        assertThat(KnownHosts.hostToken("::1", 2222)).isEqualTo("[::1]:2222");
        KnownHosts v = KnownHosts.of(write(line("[::1]:2222", K1) + "\n"), HostKeyPolicy.STRICT);
        assertThatCode(() -> v.verify("::1", 2222, K1)).doesNotThrowAnyException();
        assertThat(reason(v, "::1", 22, K1)).isEqualTo(Reason.UNKNOWN);
        assertThat(reason(v, "::1", 2200, K1)).isEqualTo(Reason.UNKNOWN);
    }

    @Test
    void port22IsWrittenWithoutBrackets() throws IOException {
        assertThat(KnownHosts.hostToken("srv", 22)).isEqualTo("srv");
        assertThat(KnownHosts.hostToken("srv", 23)).isEqualTo("[srv]:23");
        KnownHosts v = KnownHosts.of(write(line("srv", K1) + "\n" + line("[other]:22", K1) + "\n"),
                HostKeyPolicy.STRICT);
        assertThatCode(() -> v.verify("srv", 22, K1)).doesNotThrowAnyException();
        assertThat(reason(v, "srv", 2222, K1)).isEqualTo(Reason.UNKNOWN);
        assertThat(reason(v, "other", 22, K1)).isEqualTo(Reason.UNKNOWN); // as in OpenSSH
    }

    @Test
    void certAuthorityLinesAreIgnored() throws IOException {
        KnownHosts v = KnownHosts.of(write("@cert-authority srv " + key(K1) + "\n"), HostKeyPolicy.STRICT);
        assertThat(v.matchingLines("srv", 22)).containsExactly("1 CA");
        assertThat(reason(v, "srv", 22, K1)).isEqualTo(Reason.UNKNOWN);
        assertThat(reason(v, "srv", 22, K2)).isEqualTo(Reason.UNKNOWN);
        assertThat(v.knownKeyTypes("srv", 22)).isEmpty();
    }

    @Test
    void blanksTabsCommentsAndCrlfAreReadAsOpenSshReadsThem() throws IOException {
        Path kh = write("\n   \n\t# comment " + key(K1) + "\r\n  srv\t" + "ssh-ed25519 \t " + b64(K1) + "\r\n"
                + "other " + key(K2) + "  a comment with spaces\r\n" + "\r\n" + "#srv3 " + key(K1) + "\n"
                + "srv4 " + key(K3));
        KnownHosts v = KnownHosts.of(kh, HostKeyPolicy.STRICT);
        assertThat(v.matchingLines("srv", 22)).containsExactly("4");
        assertThatCode(() -> v.verify("srv", 22, K1)).doesNotThrowAnyException();
        assertThatCode(() -> v.verify("other", 22, K2)).doesNotThrowAnyException();
        assertThatCode(() -> v.verify("srv4", 22, K3)).doesNotThrowAnyException();
        assertThat(v.matchingLines("srv3", 22)).isEmpty();
    }

    // --- verdicts

    @Test
    void changedKeyIsRefusedWithReasonAndFingerprint() throws IOException {
        Path kh = write(line("srv", K1) + "\n");
        for (HostKeyPolicy p : HostKeyPolicy.values()) {
            X2GoHostKeyException e = catchHostKey(KnownHosts.of(kh, p), "srv", 2222 - 2200, K2);
            assertThat(e.reason()).isEqualTo(Reason.CHANGED);
            assertThat(e.host()).isEqualTo("srv");
            assertThat(e.port()).isEqualTo(22);
            assertThat(e.keyType()).isEqualTo("ssh-ed25519");
            assertThat(e.fingerprint()).isEqualTo(KnownHosts.fingerprint(K2)).startsWith("SHA256:");
            assertThat(e.getMessage()).contains("srv").contains(KnownHosts.fingerprint(K2));
        }
        assertThat(Files.readString(kh)).isEqualTo(line("srv", K1) + "\n");
    }

    @Test
    void anyMatchingEntryWithTheKeyAcceptsIt() throws IOException {
        KnownHosts v = KnownHosts.of(write(line("srv", K2) + "\n" + line("srv,other", K1) + "\n"), HostKeyPolicy.STRICT);
        assertThatCode(() -> v.verify("srv", 22, K1)).doesNotThrowAnyException();
        assertThatCode(() -> v.verify("srv", 22, K2)).doesNotThrowAnyException();
        assertThat(reason(v, "srv", 22, K3)).isEqualTo(Reason.CHANGED);
        assertThat(reason(v, "other", 22, K2)).isEqualTo(Reason.CHANGED);
    }

    @Test
    void unknownKeyIsRefusedUnderStrictWithItsFingerprint() throws IOException {
        Path kh = dir.resolve("missing/known_hosts");
        X2GoHostKeyException e = catchHostKey(KnownHosts.of(kh, HostKeyPolicy.STRICT), "127.0.0.1", 2222, K1);
        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN);
        assertThat(e.fingerprint()).isEqualTo(KnownHosts.fingerprint(K1));
        assertThat(e.keyType()).isEqualTo("ssh-ed25519");
        assertThat(e.getMessage()).contains("[127.0.0.1]:2222").contains(KnownHosts.fingerprint(K1));
        assertThat(kh).doesNotExist();
        assertThat(KnownHosts.of(kh, HostKeyPolicy.STRICT).knownKeyTypes("127.0.0.1", 2222)).isEmpty();
    }

    @Test
    void keyOfAnotherTypeIsUnknownNotChanged() throws IOException {
        Path kh = write(line("srv", K1) + "\n");
        assertThat(reason(KnownHosts.of(kh, HostKeyPolicy.STRICT), "srv", 22, E1)).isEqualTo(Reason.UNKNOWN);
        KnownHosts.of(kh, HostKeyPolicy.ACCEPT_NEW).verify("srv", 22, E1);
        assertThat(KnownHosts.of(kh, HostKeyPolicy.STRICT).knownKeyTypes("srv", 22))
                .containsExactly("ssh-ed25519", "ecdsa-sha2-nistp256");
    }

    @Test
    void acceptNewAppendsOnceOnItsOwnLine() throws IOException {
        Path kh = write(line("other", K2)); // no final newline
        KnownHosts tofu = KnownHosts.of(kh, HostKeyPolicy.ACCEPT_NEW);
        tofu.verify("srv", 22, K1);
        tofu.verify("srv", 22, K1);
        tofu.verify("srv", 2222, K1);
        List<String> lines = Files.readAllLines(kh);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(line("other", K2));
        assertThat(lines.get(1)).startsWith("|1|").endsWith(" " + key(K1));
        assertThat(Files.readString(kh)).endsWith("\n").doesNotContain("\n\n");
        assertThat(KnownHosts.of(kh, HostKeyPolicy.STRICT).matchingLines("srv", 22)).containsExactly("2");
        assertThat(KnownHosts.of(kh, HostKeyPolicy.STRICT).matchingLines("srv", 2222)).containsExactly("3");
        assertThat(tofu.file()).isEqualTo(kh);
    }

    @Test
    void acceptNewIntoAnEmptyFileAddsNoBlankLine() throws IOException {
        Path kh = write("");
        KnownHosts.of(kh, HostKeyPolicy.ACCEPT_NEW).verify("srv", 22, K1);
        assertThat(Files.readString(kh)).startsWith("|1|").endsWith(key(K1) + "\n");
    }

    @Test
    void acceptNewReportsAFileItCannotWrite() throws IOException {
        Path notADir = write("");
        Path kh = notADir.resolve("known_hosts");
        assertThatThrownBy(() -> KnownHosts.of(kh, HostKeyPolicy.ACCEPT_NEW).verify("srv", 22, K1))
                .isInstanceOf(X2GoSshException.class).isNotInstanceOf(X2GoHostKeyException.class)
                .hasMessageContaining("Cannot add host key to known_hosts file " + kh);
    }

    // --- bounds and bad input

    @Test
    void fileLargerThanTheLimitIsRefusedNamingIt() throws IOException {
        Path kh = dir.resolve("huge");
        try (RandomAccessFile f = new RandomAccessFile(kh.toFile(), "rw")) {
            f.write('#'); // a single comment line, mostly a sparse hole
            f.setLength(KnownHosts.MAX_FILE_BYTES);
        }
        KnownHosts v = KnownHosts.of(kh, HostKeyPolicy.STRICT);
        assertThat(reason(v, "srv", 22, K1)).isEqualTo(Reason.UNKNOWN); // exactly the limit is read
        try (RandomAccessFile f = new RandomAccessFile(kh.toFile(), "rw")) {
            f.setLength(KnownHosts.MAX_FILE_BYTES + 1L);
        }
        assertThatThrownBy(() -> v.verify("srv", 22, K1)).isInstanceOf(X2GoSshException.class)
                .isNotInstanceOf(X2GoHostKeyException.class)
                .hasMessageContaining(kh.toString()).hasMessageContaining(String.valueOf(KnownHosts.MAX_FILE_BYTES));
    }

    @Test
    void unreadableFileIsReportedNamingIt() {
        assertThatThrownBy(() -> KnownHosts.of(dir, HostKeyPolicy.STRICT).verify("srv", 22, K1))
                .isInstanceOf(X2GoSshException.class).isNotInstanceOf(X2GoHostKeyException.class)
                .hasMessageContaining("Cannot read known_hosts file " + dir);
    }

    @Test
    void keyTypeRejectsBlobsThatAreNotSshWireEncoding() {
        assertThat(KnownHosts.keyType(K1)).isEqualTo("ssh-ed25519");
        assertThat(KnownHosts.keyType(new byte[] {0, 0, 0, 1, 'x'})).isEqualTo("x");
        assertThatThrownBy(() -> KnownHosts.keyType(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> KnownHosts.keyType(new byte[] {0, 0, 1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> KnownHosts.keyType(new byte[] {0, 0, 0, 0})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad type length 0");
        assertThatThrownBy(() -> KnownHosts.keyType(new byte[] {0, 0, 0, 2, 'x'}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad type length 2");
        assertThatThrownBy(() -> KnownHosts.keyType(new byte[] {-1, -1, -1, -1, 'x'}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad type length -1");
        assertThatThrownBy(() -> KnownHosts.of(dir, HostKeyPolicy.STRICT).verify("srv", 22, new byte[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fingerprintIsTheOneSshKeygenPrints() {
        // ssh-keygen -l of this key printed SHA256:e2Cks9b0kMsjob7i5gCfXE0hQk+ixqRA1cZ1tvYgFjw
        byte[] k = Base64.getDecoder().decode("AAAAC3NzaC1lZDI1NTE5AAAAIPVpVaozD8EQ4Rn4Bqv4PhSL3Uxvdm8yncaqCt3a/g2v");
        assertThat(KnownHosts.fingerprint(k)).isEqualTo("SHA256:e2Cks9b0kMsjob7i5gCfXE0hQk+ixqRA1cZ1tvYgFjw");
    }

    @Test
    void nullsAreRejectedByName() {
        assertThatThrownBy(() -> KnownHosts.of(null, HostKeyPolicy.STRICT)).hasMessageContaining("file");
        assertThatThrownBy(() -> KnownHosts.of(dir, null)).hasMessageContaining("policy");
        KnownHosts v = KnownHosts.of(dir.resolve("kh"), HostKeyPolicy.STRICT);
        assertThatThrownBy(() -> v.verify(null, 22, K1)).isInstanceOf(NullPointerException.class).hasMessage("host");
        assertThatThrownBy(() -> v.knownKeyTypes(null, 22)).isInstanceOf(NullPointerException.class).hasMessage("host");
    }

    // --- helpers

    static byte[] blob(String type, long seed) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] k = new byte[32];
        new Random(seed).nextBytes(k);
        writeString(b, type.getBytes(StandardCharsets.US_ASCII));
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

    static String b64(byte[] blob) {
        return Base64.getEncoder().encodeToString(blob);
    }

    /** @return "type base64" */
    static String key(byte[] blob) {
        return KnownHosts.keyType(blob) + " " + b64(blob);
    }

    static String line(String hosts, byte[] blob) {
        return hosts + " " + key(blob);
    }

    static byte[] salt(int len, long seed) {
        byte[] s = new byte[len];
        new Random(seed).nextBytes(s);
        return s;
    }

    /** {@code |1|salt|HMAC-SHA1(salt, host)}, computed with javax.crypto independently of KnownHosts. */
    static String hashedHost(String token, byte[] salt) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        byte[] h = mac.doFinal(token.getBytes(StandardCharsets.UTF_8));
        return "|1|" + b64(salt) + "|" + b64(h);
    }

    static String hashedLine(String token, byte[] salt, byte[] blob) throws GeneralSecurityException {
        return hashedHost(token, salt) + " " + key(blob);
    }

    private Path write(String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "known_hosts", ""), text);
    }

    interface Action {
        void run() throws Exception;
    }

    /** @return what was logged (slf4j-simple writes to the current System.err) while the action ran */
    static String warnings(Action action) {
        PrintStream old = System.err;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        System.setErr(new PrintStream(b, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            System.setErr(old);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    static Reason reason(KnownHosts v, String h, int port, byte[] k) {
        return catchHostKey(v, h, port, k).reason();
    }

    static X2GoHostKeyException catchHostKey(KnownHosts v, String h, int port, byte[] k) {
        try {
            v.verify(h, port, k);
        } catch (X2GoHostKeyException e) {
            return e;
        }
        throw new AssertionError("expected X2GoHostKeyException for " + KnownHosts.hostToken(h, port));
    }

    private static byte[] blobWithType(byte[] type) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + type.length + 8);
        b.putInt(type.length).put(type).putInt(4).putInt(42);
        return b.array();
    }

    @Test
    void aKeyTypeWithControlCharactersOrOfExcessiveLengthIsRefusedBeforeAnyMessageShowsIt() {
        byte[] escape = "ssh-ed25519\u001b]0;owned\u0007".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> KnownHosts.keyType(blobWithType(escape)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("owned");
        assertThatThrownBy(() -> KnownHosts.keyType(blobWithType("a b".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KnownHosts.keyType(blobWithType(new byte[] {(byte) 0xc3, (byte) 0xa9})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KnownHosts.keyType(blobWithType("x".repeat(65).getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64");
        assertThat(KnownHosts.keyType(blobWithType("x".repeat(64).getBytes(StandardCharsets.US_ASCII))))
                .hasSize(64);
        assertThat(KnownHosts.keyType(blobWithType("ecdsa-sha2-nistp256".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("ecdsa-sha2-nistp256");
    }
}
