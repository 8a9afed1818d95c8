package org.x2go.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host-key verification against an OpenSSH {@code known_hosts} file, shared by every SSH transport.
 *
 * <p>Understood: plain and comma-separated host patterns, {@code [host]:port} entries for ports other
 * than 22, hashed entries ({@code |1|salt|hmac}), wildcards ({@code *}, {@code ?}), negated patterns
 * ({@code !pattern}) and {@code @revoked} lines ({@code @cert-authority} lines are ignored: certificates
 * are not supported). A missing file counts as empty.
 *
 * <p>Decision: a matching entry with the presented key → accepted; a revoked key, or a matching entry of
 * the same key type with a different key → {@link X2GoHostKeyException.Reason#CHANGED}; no entry →
 * {@link X2GoHostKeyException.Reason#UNKNOWN}, unless the policy is {@link HostKeyPolicy#ACCEPT_NEW}:
 * then the key is appended (as a hashed entry) and accepted. Thread-safe.
 */
public final class KnownHosts {
    private static final Logger LOG = LoggerFactory.getLogger(KnownHosts.class);
    private static final String HASH_MAGIC = "|1|";

    private final Path file;
    private final HostKeyPolicy policy;

    private KnownHosts(Path file, HostKeyPolicy policy) {
        this.file = Objects.requireNonNull(file, "file");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * @param file   the {@code known_hosts} file (need not exist)
     * @param policy what to do with unknown keys
     * @return a verifier for that file
     */
    public static KnownHosts of(Path file, HostKeyPolicy policy) {
        return new KnownHosts(file, policy);
    }

    /** @return the file this verifier reads and (with ACCEPT_NEW) appends to */
    public Path file() {
        return file;
    }

    /**
     * Verifies a presented host key.
     *
     * @param host    the host name or address as the caller connected to it
     * @param port    the SSH port
     * @param keyBlob the public key in SSH wire encoding (its first field is the key type)
     * @throws X2GoHostKeyException when the key is unknown (strict policy), revoked or changed
     * @throws X2GoSshException     when the file cannot be read, or cannot be appended to under ACCEPT_NEW
     */
    public synchronized void verify(String host, int port, byte[] keyBlob) {
        String keyType = keyType(keyBlob);
        String fp = fingerprint(keyBlob);
        boolean sameTypeDifferentKey = false;
        for (Entry e : entries()) {
            if (!e.matches(host, port)) {
                continue;
            }
            boolean sameKey = e.keyType.equals(keyType) && Arrays.equals(e.key, keyBlob);
            if (e.revoked) {
                if (sameKey) {
                    throw new X2GoHostKeyException(host, port, keyType, fp, X2GoHostKeyException.Reason.CHANGED);
                }
                continue;
            }
            if (sameKey) {
                return;
            }
            if (e.keyType.equals(keyType)) {
                sameTypeDifferentKey = true;
            }
        }
        if (sameTypeDifferentKey) {
            throw new X2GoHostKeyException(host, port, keyType, fp, X2GoHostKeyException.Reason.CHANGED);
        }
        if (policy != HostKeyPolicy.ACCEPT_NEW) {
            throw new X2GoHostKeyException(host, port, keyType, fp, X2GoHostKeyException.Reason.UNKNOWN);
        }
        append(host, port, keyType, keyBlob);
        LOG.warn("Trust on first use: added {} key {} for {} to {}", keyType, fp, hostToken(host, port), file);
    }

    /**
     * @param host a host
     * @param port its SSH port
     * @return the key types recorded for that host (not revoked), in file order; lets a transport prefer them
     */
    public synchronized List<String> knownKeyTypes(String host, int port) {
        Set<String> types = new LinkedHashSet<>();
        for (Entry e : entries()) {
            if (!e.revoked && e.matches(host, port)) {
                types.add(e.keyType);
            }
        }
        return List.copyOf(types);
    }

    /**
     * @param keyBlob a public key in SSH wire encoding
     * @return {@code SHA256:<base64 without padding>}, as {@code ssh-keygen -l} prints it
     */
    public static String fingerprint(byte[] keyBlob) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /**
     * @param keyBlob a public key in SSH wire encoding
     * @return its key type (the first string of the blob), e.g. {@code ssh-ed25519}
     * @throws IllegalArgumentException when the blob is not SSH wire encoding
     */
    public static String keyType(byte[] keyBlob) {
        if (keyBlob == null || keyBlob.length < 4) {
            throw new IllegalArgumentException("not an SSH public key blob (too short)");
        }
        int len = ByteBuffer.wrap(keyBlob, 0, 4).getInt();
        if (len <= 0 || len > keyBlob.length - 4) {
            throw new IllegalArgumentException("not an SSH public key blob (bad type length " + len + ")");
        }
        return new String(keyBlob, 4, len, StandardCharsets.US_ASCII);
    }

    /**
     * @param host a host
     * @param port a port
     * @return the known_hosts form: {@code host} for port 22, else {@code [host]:port}
     */
    public static String hostToken(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    private List<Entry> entries() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new X2GoSshException("Cannot read known_hosts file " + file + ": " + e.getMessage(), e);
        }
        List<Entry> out = new ArrayList<>();
        int no = 0;
        for (String raw : lines) {
            no++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            int i = 0;
            boolean revoked = false;
            if (f[0].startsWith("@")) {
                if (f[0].equals("@revoked")) {
                    revoked = true;
                } else {
                    continue; // @cert-authority: certificates are not supported
                }
                i = 1;
            }
            if (f.length < i + 3) {
                LOG.warn("{}:{}: skipping malformed known_hosts line", file, no);
                continue;
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(f[i + 2]);
            } catch (IllegalArgumentException e) {
                LOG.warn("{}:{}: skipping known_hosts line with bad base64 key", file, no);
                continue;
            }
            out.add(new Entry(f[i], f[i + 1], key, revoked));
        }
        return out;
    }

    private void append(String host, int port, String keyType, byte[] keyBlob) {
        byte[] salt = new byte[20];
        new SecureRandom().nextBytes(salt);
        String line = HASH_MAGIC + Base64.getEncoder().encodeToString(salt) + "|"
                + Base64.getEncoder().encodeToString(hmac(salt, hostToken(host, port))) + " " + keyType + " "
                + Base64.getEncoder().encodeToString(keyBlob) + "\n";
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                Files.createDirectories(parent);
            }
            boolean needsNewline = Files.exists(file) && Files.size(file) > 0 && !endsWithNewline();
            Files.writeString(file, (needsNewline ? "\n" : "") + line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new X2GoSshException("Cannot add host key to known_hosts file " + file + ": " + e.getMessage(), e);
        }
    }

    private boolean endsWithNewline() throws IOException {
        byte[] all = Files.readAllBytes(file);
        return all.length == 0 || all[all.length - 1] == '\n';
    }

    /** HMAC-SHA1 (RFC 2104) over MessageDigest: x2go-api stays on java.* (no javax.crypto). */
    private static byte[] hmac(byte[] salt, String host) {
        try {
            final int block = 64;
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] key = salt.length > block ? sha1.digest(salt) : salt;
            byte[] ipad = new byte[block];
            byte[] opad = new byte[block];
            for (int i = 0; i < block; i++) {
                byte k = i < key.length ? key[i] : 0;
                ipad[i] = (byte) (k ^ 0x36);
                opad[i] = (byte) (k ^ 0x5c);
            }
            sha1.update(ipad);
            byte[] inner = sha1.digest(host.getBytes(StandardCharsets.UTF_8));
            sha1.update(opad);
            return sha1.digest(inner);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }

    /** One known_hosts line. */
    private record Entry(String patterns, String keyType, byte[] key, boolean revoked) {
        boolean matches(String host, int port) {
            String token = hostToken(host, port).toLowerCase(Locale.ROOT);
            if (patterns.startsWith(HASH_MAGIC)) {
                String[] p = patterns.substring(HASH_MAGIC.length()).split("\\|");
                if (p.length != 2) {
                    return false;
                }
                try {
                    byte[] salt = Base64.getDecoder().decode(p[0]);
                    byte[] want = Base64.getDecoder().decode(p[1]);
                    return MessageDigest.isEqual(want, hmac(salt, hostToken(host, port)));
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
            boolean matched = false;
            for (String pat : patterns.toLowerCase(Locale.ROOT).split(",")) {
                boolean negate = pat.startsWith("!");
                String pp = negate ? pat.substring(1) : pat;
                // a pattern without [..]:port only applies to port 22, as in OpenSSH
                if (glob(pp, token)) {
                    if (negate) {
                        return false;
                    }
                    matched = true;
                }
            }
            return matched;
        }
    }

    private static boolean glob(String pattern, String text) {
        return glob(pattern, 0, text, 0);
    }

    private static boolean glob(String p, int pi, String t, int ti) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = ti; k <= t.length(); k++) {
                    if (glob(p, pi + 1, t, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (ti >= t.length() || (c != '?' && c != t.charAt(ti))) {
                return false;
            }
            pi++;
            ti++;
        }
        return ti == t.length();
    }
}
