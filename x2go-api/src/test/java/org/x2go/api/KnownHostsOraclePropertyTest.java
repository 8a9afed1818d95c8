package org.x2go.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated known_hosts files get the verdict OpenSSH gives. The oracle is {@code ssh-keygen -F host -l}: it
 * lists the lines that match a host (entries, {@code REVOKED} and {@code CA} lines; parsing every key as ssh
 * does, so unusable lines are not listed). ssh-keygen cannot give a connection verdict, so the test compares
 * (1) exactly which lines match, and (2) the verdict derived from the oracle's lines by OpenSSH's rule: a
 * matching {@code @revoked} line with the key refuses it; else a matching entry with the key accepts it; else a
 * matching entry of the same type means changed; else unknown.
 */
class KnownHostsOraclePropertyTest {
    private static final List<String> HOSTS =
            List.of("srv", "srv2", "web.example.org", "127.0.0.1", "::1", "localhost", "a-b.lan");
    private static final List<Integer> PORTS = List.of(22, 2222, 2200);

    private static Path dir;
    /** keys[0..2] appear in files; keys[3] never does. */
    private static byte[][] keys;

    @BeforeContainer
    static void generateKeys() throws IOException {
        OpenSsh.keygen(); // fails under CI=true, aborts elsewhere, when OpenSSH is missing
        dir = Files.createTempDirectory("known-hosts-oracle");
        keys = new byte[][] {OpenSsh.newKey(dir, "ed1", "ed25519"), OpenSsh.newKey(dir, "ed2", "ed25519"),
            OpenSsh.newKey(dir, "ec1", "ecdsa"), OpenSsh.newKey(dir, "ed3", "ed25519")};
    }

    @AfterContainer
    static void removeKeys() throws IOException {
        if (dir != null) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    record Query(String host, int port, int key) {
        String lookup() {
            return KnownHosts.hostToken(host.toLowerCase(Locale.ROOT), port);
        }
    }

    @Property(tries = 200)
    void matchingLinesAndVerdictAreOpenSshs(@ForAll("files") List<String> lines, @ForAll("queries") Query q)
            throws IOException {
        Path file = write(lines);
        List<String> oracle = OpenSsh.matchingLines(file, q.lookup());
        KnownHosts strict = KnownHosts.of(file, HostKeyPolicy.STRICT);
        assertThat(strict.matchingLines(q.host(), q.port())).as("lines matching %s", q.lookup())
                .isEqualTo(oracle);
        assertThat(verdict(strict, q)).as("verdict for %s", q).isEqualTo(openSshVerdict(lines, oracle, keys[q.key()]));
        assertThat(strict.knownKeyTypes(q.host(), q.port())).isEqualTo(openSshKeyTypes(lines, oracle));
    }

    @Property(tries = 40)
    void filesHashedBySshKeygenKeepTheirVerdicts(@ForAll("plainFiles") List<String> lines, @ForAll("queries") Query q)
            throws IOException {
        Path plain = write(lines);
        Path hashed = write(lines);
        OpenSsh.hash(hashed);
        assertThat(Files.readAllLines(hashed)).allMatch(l -> l.startsWith("|1|"));
        KnownHosts h = KnownHosts.of(hashed, HostKeyPolicy.STRICT);
        assertThat(h.matchingLines(q.host(), q.port())).isEqualTo(OpenSsh.matchingLines(hashed, q.lookup()));
        assertThat(verdict(h, q)).isEqualTo(verdict(KnownHosts.of(plain, HostKeyPolicy.STRICT), q));
    }

    @Example
    void trustOnFirstUseWritesLinesThatOpenSshFinds() throws IOException {
        Path file = dir.resolve("tofu");
        KnownHosts tofu = KnownHosts.of(file, HostKeyPolicy.ACCEPT_NEW);
        tofu.verify("LocalHost", 2222, keys[0]);
        tofu.verify("::1", 2222, keys[1]);
        tofu.verify("Srv", 22, keys[2]);
        assertThat(OpenSsh.matchingLines(file, "[localhost]:2222")).containsExactly("1");
        assertThat(OpenSsh.matchingLines(file, "[::1]:2222")).containsExactly("2");
        assertThat(OpenSsh.matchingLines(file, "srv")).containsExactly("3");
        assertThat(OpenSsh.matchingLines(file, "[srv]:2222")).isEmpty();
        String found = OpenSsh.run(OpenSsh.keygen().toString(), "-F", "[localhost]:2222", "-f", file.toString());
        assertThat(found).contains(Base64.getEncoder().encodeToString(keys[0]));
    }

    @Example
    void fingerprintIsTheOneSshKeygenPrints() throws IOException {
        for (String name : List.of("ed1", "ec1")) {
            byte[] blob = Base64.getDecoder().decode(Files.readString(dir.resolve(name + ".pub")).split(" ")[1]);
            assertThat(OpenSsh.fingerprintOf(dir.resolve(name + ".pub"))).contains(KnownHosts.fingerprint(blob) + " ");
        }
    }

    // --- the OpenSSH rule, applied to the lines the oracle found

    private static String openSshVerdict(List<String> lines, List<String> oracle, byte[] key) {
        boolean revoked = false;
        boolean accepted = false;
        boolean sameType = false;
        for (String m : oracle) {
            String[] f = fields(lines, m);
            byte[] k = Base64.getDecoder().decode(f[2]);
            if (m.endsWith("REVOKED")) {
                revoked |= Arrays.equals(k, key);
            } else if (!m.endsWith("CA")) {
                accepted |= Arrays.equals(k, key);
                sameType |= f[1].equals(KnownHosts.keyType(key));
            }
        }
        return revoked ? "refused" : accepted ? "accepted" : sameType ? "refused" : "unknown";
    }

    private static List<String> openSshKeyTypes(List<String> lines, List<String> oracle) {
        Set<String> revoked = new LinkedHashSet<>();
        for (String m : oracle) {
            if (m.endsWith("REVOKED")) {
                revoked.add(fields(lines, m)[2]);
            }
        }
        Set<String> types = new LinkedHashSet<>();
        for (String m : oracle) {
            String[] f = fields(lines, m);
            if (!m.endsWith("REVOKED") && !m.endsWith("CA") && !revoked.contains(f[2])) {
                types.add(f[1]);
            }
        }
        return List.copyOf(types);
    }

    /** @return hosts, type, key of the line the oracle named ("N", "N REVOKED" or "N CA") */
    private static String[] fields(List<String> lines, String match) {
        String text = lines.get(Integer.parseInt(match.split(" ")[0]) - 1).strip();
        String[] f = text.split("[ \t]+");
        return f[0].startsWith("@") ? Arrays.copyOfRange(f, 1, 4) : f;
    }

    private static String verdict(KnownHosts v, Query q) {
        try {
            v.verify(q.host(), q.port(), keys[q.key()]);
            return "accepted";
        } catch (X2GoHostKeyException e) {
            assertThat(e.fingerprint()).isEqualTo(KnownHosts.fingerprint(keys[q.key()]));
            return e.reason() == X2GoHostKeyException.Reason.UNKNOWN ? "unknown" : "refused";
        }
    }

    private static Path write(List<String> lines) throws IOException {
        Path f = Files.createTempFile(dir, "known_hosts", "");
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l).append('\n');
        }
        // one byte per char: comments may hold Latin-1 bytes that are not UTF-8
        return Files.write(f, b.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    // --- generators

    @Provide
    Arbitrary<Query> queries() {
        return Combinators.combine(mixedCase(Arbitraries.of(HOSTS)), Arbitraries.of(PORTS),
                Arbitraries.integers().between(0, 3)).as(Query::new);
    }

    @Provide
    Arbitrary<List<String>> files() {
        Arbitrary<String> key = Arbitraries.integers().between(0, 2).map(i -> KnownHostsTest.key(keys[i]));
        Arbitrary<String> sep = Arbitraries.of(" ", "\t", "  ", " \t ");
        Arbitrary<String> lead = Arbitraries.of("", "", "", " ", "\t");
        Arbitrary<String> tail = Arbitraries.of("", "", " comment", " J\u00f6rg's key", "\t# x", "\r");
        Arbitrary<String> entry = Combinators.combine(lead, patternList(), sep, key, tail)
                .as((l, h, s, k, t) -> l + h + s + k.replace(" ", s) + t);
        Arbitrary<String> marked = Combinators.combine(Arbitraries.of("@revoked", "@revoked", "@cert-authority"), sep,
                patternList(), key, tail).as((m, s, h, k, t) -> m + s + h + s + k + t);
        Arbitrary<String> hashed = Combinators.combine(mixedCase(token()), Arbitraries.longs(), key)
                .as((t, seed, k) -> hashed(t, seed) + " " + k);
        Arbitrary<String> comment = Arbitraries.of("# a comment", "#", "  # indented", "# caf\u00e9 \u00f6", "#srv "
                + KnownHostsTest.key(keys[0]));
        Arbitrary<String> blank = Arbitraries.of("", " ", "\t", "\r");
        Arbitrary<String> junk = Combinators.combine(patternList(), Arbitraries.integers().between(0, 8), key)
                .as(KnownHostsOraclePropertyTest::junk);
        Arbitrary<String> line = Arbitraries.frequencyOf(Tuple.of(6, entry), Tuple.of(3, marked), Tuple.of(3, hashed),
                Tuple.of(1, comment), Tuple.of(1, blank), Tuple.of(2, junk));
        return line.list().ofMinSize(0).ofMaxSize(10);
    }

    /** Plain entries only (ssh-keygen -H refuses files with invalid lines, and leaves wildcards alone). */
    @Provide
    Arbitrary<List<String>> plainFiles() {
        Arbitrary<String> key = Arbitraries.integers().between(0, 2).map(i -> KnownHostsTest.key(keys[i]));
        Arbitrary<String> hosts = mixedCase(token()).list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(",", l));
        return Combinators.combine(hosts, key).as((h, k) -> h + " " + k).list().ofMinSize(1).ofMaxSize(6);
    }

    private static String junk(String hosts, int kind, String key) {
        String b64 = key.split(" ")[1];
        return switch (kind) {
            case 0 -> "junk";
            case 1 -> "@foo " + hosts + " " + key;
            case 2 -> hosts + " ssh-ed25519";
            case 3 -> hosts + " ssh-ed25519 !!!" + b64;
            case 4 -> hosts + " ssh-rsa " + b64.replace("AAAAC3", "AAAAB3"); // damaged type in the blob
            case 5 -> hosts + (key.startsWith("ssh-ed25519") ? " ecdsa-sha2-nistp256 " : " ssh-ed25519 ") + b64;
            case 6 -> hosts + " ssh-ed25519 AAAA";
            case 7 -> "@revoked " + hosts;
            default -> hosts;
        };
    }

    private static Arbitrary<String> token() {
        return Combinators.combine(Arbitraries.of(HOSTS), Arbitraries.of(PORTS)).as(KnownHosts::hostToken);
    }

    private static Arbitrary<String> patternList() {
        Arbitrary<String> mutated = Combinators.combine(token(), Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 1 << 16), Arbitraries.integers().between(0, 1 << 16))
                .as(KnownHostsOraclePropertyTest::mutate);
        Arbitrary<String> fixed = Arbitraries.of("*", "?", "[*]:2222", "*.example.org", "SRV*", "*.*.*.*", "[*]:*",
                "???", "*:*", "[::1]:22*", "*2", "\u00f6*");
        Arbitrary<String> pattern = Combinators.combine(Arbitraries.frequencyOf(Tuple.of(4, mutated), Tuple.of(1, fixed)),
                Arbitraries.integers().between(0, 4)).as((p, n) -> n == 0 ? "!" + p : p);
        return pattern.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(",", l));
    }

    private static String mutate(String t, int how, int a, int b) {
        int i = a % t.length();
        int j = b % t.length();
        return switch (how) {
            case 1 -> flipCase(t, a);
            case 2 -> t.substring(0, i) + "?" + t.substring(i + 1);
            case 3 -> t.substring(0, Math.min(i, j)) + "*" + t.substring(Math.max(i, j));
            case 4 -> a % 2 == 0 ? t + "*" : "*" + t.substring(i);
            case 5 -> t.substring(0, i); // a prefix: must not match the whole host
            default -> t;
        };
    }

    private static Arbitrary<String> mixedCase(Arbitrary<String> s) {
        return Combinators.combine(s, Arbitraries.integers().between(0, 255))
                .as((h, bits) -> bits < 128 ? h : flipCase(h, bits));
    }

    private static String flipCase(String s, int bits) {
        StringBuilder b = new StringBuilder(s);
        for (int i = 0; i < b.length(); i++) {
            if ((bits >> (i % 16) & 1) == 1) {
                b.setCharAt(i, Character.toUpperCase(b.charAt(i)));
            }
        }
        return b.toString();
    }

    private static String hashed(String token, long seed) {
        try {
            return KnownHostsTest.hashedHost(token, KnownHostsTest.salt(20, seed));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
