package org.x2go.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
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
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host-key verification against an OpenSSH {@code known_hosts} file, shared by every SSH transport.
 *
 * <p>Understood as OpenSSH understands them: plain and comma-separated host patterns, {@code [host]:port}
 * entries for ports other than 22, hashed entries ({@code |1|salt|hmac}), wildcards ({@code *}, {@code ?}),
 * negated patterns ({@code !pattern}) and {@code @revoked} lines ({@code @cert-authority} lines are ignored:
 * certificates are not supported). Host names and patterns are compared case-insensitively (ASCII), also for
 * hashed entries: the host is lower-cased before it is hashed, as OpenSSH does. A missing file counts as empty.
 *
 * <p>The file is read as bytes, as OpenSSH reads it: host patterns and hashes apply to the bytes (the host
 * being looked up in UTF-8), so no byte sequence makes the file unreadable. A line that cannot be used (unknown
 * marker, missing or malformed key, key type not matching the key) is skipped with a WARN naming the file and
 * the line number; comments are never interpreted. A file larger than {@value #MAX_FILE_BYTES} bytes is refused.
 *
 * <p>Decision: a key that a matching {@code @revoked} line names is refused wherever that line stands in the
 * file ({@link X2GoHostKeyException.Reason#CHANGED}); otherwise a matching entry with the presented key →
 * accepted; a matching entry of the same key type with a different key → {@link X2GoHostKeyException.Reason#CHANGED};
 * no entry → {@link X2GoHostKeyException.Reason#UNKNOWN}, unless the policy is {@link HostKeyPolicy#ACCEPT_NEW}:
 * then the key is appended (as a hashed entry) and accepted. Thread-safe.
 */
public final class KnownHosts {
    /** Longest key type name accepted in a host key (RFC 4251 limits algorithm names to 64 characters). */
    private static final int MAX_KEY_TYPE = 64;

    /** The largest {@code known_hosts} file read (64 MiB, some 400 000 entries); a larger one is refused. */
    public static final int MAX_FILE_BYTES = 64 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(KnownHosts.class);
    private static final String HASH_MAGIC = "|1|";
    private static final int SALT_BYTES = 20;
    /** OpenSSH copies each sub-pattern into a 1024-byte buffer: a longer one makes the whole list not match. */
    private static final int MAX_SUBPATTERN = 1022;
    private static final Pattern BLANKS = Pattern.compile("[ \t]+");
    private static final Pattern LEADING_BLANKS = Pattern.compile("^[ \t]+");

    private enum Marker {
        NONE(""), REVOKED("REVOKED"), CA("CA");

        final String label;

        Marker(String label) {
            this.label = label;
        }
    }

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
     * @throws X2GoSshException     when the file cannot be read or is too large, or cannot be appended to
     *                              under ACCEPT_NEW
     */
    public synchronized void verify(String host, int port, byte[] keyBlob) {
        Objects.requireNonNull(host, "host");
        String keyType = keyType(keyBlob);
        String fp = fingerprint(keyBlob);
        List<Entry> matching = matching(host, port);
        // every @revoked line counts, before or after an entry that vouches for the key (as in OpenSSH)
        for (Entry e : matching) {
            if (e.marker == Marker.REVOKED && Arrays.equals(e.key, keyBlob)) {
                LOG.warn("{} key {} for {} is marked @revoked in {} line {}", keyType, fp,
                        SafeText.visible(hostToken(host, port)), SafeText.visible(file.toString()), e.line);
                throw new X2GoHostKeyException(host, port, keyType, fp, X2GoHostKeyException.Reason.REVOKED);
            }
        }
        boolean sameTypeDifferentKey = false;
        for (Entry e : matching) {
            if (e.marker != Marker.NONE) {
                continue;
            }
            if (Arrays.equals(e.key, keyBlob)) {
                return;
            }
            sameTypeDifferentKey |= e.keyType.equals(keyType);
        }
        if (sameTypeDifferentKey) {
            throw new X2GoHostKeyException(host, port, keyType, fp, X2GoHostKeyException.Reason.CHANGED);
        }
        if (policy != HostKeyPolicy.ACCEPT_NEW) {
            throw new X2GoHostKeyException(host, port, keyType, fp, X2GoHostKeyException.Reason.UNKNOWN);
        }
        append(host, port, keyType, keyBlob);
        LOG.warn("Trust on first use: added {} key {} for {} to {}", keyType, fp,
                SafeText.visible(hostToken(host, port)), SafeText.visible(file.toString()));
    }

    /**
     * @param host a host
     * @param port its SSH port
     * @return the key types recorded for that host (neither revoked nor certificate authorities), in file order;
     *         lets a transport prefer them
     */
    public synchronized List<String> knownKeyTypes(String host, int port) {
        Objects.requireNonNull(host, "host");
        List<Entry> matching = matching(host, port);
        Set<String> types = new LinkedHashSet<>();
        for (Entry e : matching) {
            if (e.marker == Marker.NONE && !revoked(matching, e.key)) {
                types.add(e.keyType);
            }
        }
        return List.copyOf(types);
    }

    /**
     * The lines that name this host, as {@code ssh-keygen -F host -l} reports them: {@code "N"} for an entry,
     * {@code "N REVOKED"} and {@code "N CA"} for marked lines, N counting from 1. For tests against OpenSSH.
     */
    synchronized List<String> matchingLines(String host, int port) {
        List<String> out = new ArrayList<>();
        for (Entry e : matching(host, port)) {
            out.add((e.line + " " + e.marker.label).strip());
        }
        return out;
    }

    private static boolean revoked(List<Entry> matching, byte[] key) {
        for (Entry e : matching) {
            if (e.marker == Marker.REVOKED && Arrays.equals(e.key, key)) {
                return true;
            }
        }
        return false;
    }

    private List<Entry> matching(String host, int port) {
        // OpenSSH looks the host up in lower case (ASCII), for plain and for hashed entries
        String token = hostBytes(host, port);
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries()) {
            if (e.matches(token)) {
                out.add(e);
            }
        }
        return out;
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
     * @throws IllegalArgumentException when the blob is not SSH wire encoding, or its key type is not a printable
     *                                  name of at most 64 characters
     */
    public static String keyType(byte[] keyBlob) {
        if (keyBlob == null || keyBlob.length < 4) {
            throw new IllegalArgumentException("not an SSH public key blob (too short)");
        }
        int len = ByteBuffer.wrap(keyBlob, 0, 4).getInt();
        if (len <= 0 || len > keyBlob.length - 4) {
            throw new IllegalArgumentException("not an SSH public key blob (bad type length " + len + ")");
        }
        // the server chooses these bytes and they end up in messages and known_hosts: an algorithm name is
        // printable US-ASCII without spaces, at most 64 characters (RFC 4251 section 6)
        if (len > MAX_KEY_TYPE) {
            throw new IllegalArgumentException("not an SSH public key blob (key type longer than " + MAX_KEY_TYPE + ")");
        }
        for (int i = 4; i < 4 + len; i++) {
            if (keyBlob[i] < 0x21 || keyBlob[i] > 0x7e) {
                throw new IllegalArgumentException("not an SSH public key blob (key type is not a printable name)");
            }
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
        // one char per byte, as OpenSSH reads the file: no byte can make a line (or the file) unreadable
        String[] lines = new String(readBounded(), StandardCharsets.ISO_8859_1).split("\n", -1);
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Entry e = parse(lines[i], i + 1);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    private byte[] readBounded() {
        if (!Files.exists(file)) {
            return new byte[0];
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] all = in.readNBytes(MAX_FILE_BYTES + 1);
            if (all.length > MAX_FILE_BYTES) {
                throw new X2GoSshException("known_hosts file " + SafeText.visible(file.toString())
                        + " is larger than " + MAX_FILE_BYTES + " bytes; refusing to read it");
            }
            return all;
        } catch (IOException e) {
            throw new X2GoSshException("Cannot read known_hosts file " + SafeText.visible(file.toString()) + ": "
                    + SafeText.excerpt(e.getMessage()), e);
        }
    }

    /** @return the entry on this line (bytes as chars), or null for a blank, comment or unusable line */
    private Entry parse(String raw, int no) {
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw; // CRLF files
        String text = LEADING_BLANKS.matcher(line).replaceFirst("");
        String[] f = BLANKS.split(text, 5);
        if (f[0].isEmpty() || f[0].startsWith("#")) {
            return null;
        }
        int i = 0;
        Marker marker = Marker.NONE;
        if (f[0].startsWith("@")) {
            if (text.startsWith("@revoked ")) {
                marker = Marker.REVOKED;
            } else if (text.startsWith("@cert-authority ")) {
                marker = Marker.CA;
            } else {
                // OpenSSH knows only these two, each followed by a space (a tab makes it ignore the line)
                warnSkipped(no, "unknown marker " + SafeText.excerpt(f[0], 40) + " (or not followed by a space)");
                return null;
            }
            i = 1;
        }
        if (f.length < i + 3) {
            warnSkipped(no, "it has no key");
            return null;
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(f[i + 2]);
            if (!keyType(key).equals(f[i + 1])) {
                warnSkipped(no, "the key is not of type " + SafeText.excerpt(f[i + 1], 40));
                return null;
            }
        } catch (IllegalArgumentException e) {
            warnSkipped(no, "the key is not a base64 SSH public key");
            return null;
        }
        return new Entry(no, marker, f[i], f[i + 1], key);
    }

    private void warnSkipped(int no, String why) {
        LOG.warn("{}: skipping unusable known_hosts line {}: {}", SafeText.visible(file.toString()), no, why);
    }

    private void append(String host, int port, String keyType, byte[] keyBlob) {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        // hashed in lower case, so that OpenSSH (which looks hosts up in lower case) finds it
        String line = hashed(salt, hostBytes(host, port)) + " " + keyType + " "
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
            throw new X2GoSshException("Cannot add host key to known_hosts file " + SafeText.visible(file.toString())
                    + ": " + SafeText.excerpt(e.getMessage()), e);
        }
    }

    private boolean endsWithNewline() throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.position(ch.size() - 1).read(last);
            return last.get(0) == '\n';
        }
    }

    /** @return {@code |1|salt|hmac} for the {@link #hostBytes} token, as OpenSSH writes it */
    private static String hashed(byte[] salt, String token) {
        Base64.Encoder b64 = Base64.getEncoder();
        return HASH_MAGIC + b64.encodeToString(salt) + "|" + b64.encodeToString(hmac(salt, token));
    }

    /**
     * @return the lower-cased (ASCII) host token as OpenSSH looks it up, in UTF-8 with one char per byte: the
     *         form the file's bytes are read in, so patterns and hashes apply to bytes as in OpenSSH
     */
    private static String hostBytes(String host, int port) {
        return new String(hostToken(lowerAscii(host), port).getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
    }

    /** HMAC-SHA1 (RFC 2104) over MessageDigest: x2go-api stays on java.* (no javax.crypto). */
    private static byte[] hmac(byte[] salt, String host) {
        try {
            final int block = 64;
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] ipad = new byte[block];
            byte[] opad = new byte[block];
            for (int i = 0; i < block; i++) {
                // the salt is 20 bytes, never longer than the block: no key hashing needed
                byte k = i < salt.length ? salt[i] : 0;
                ipad[i] = (byte) (k ^ 0x36);
                opad[i] = (byte) (k ^ 0x5c);
            }
            sha1.update(ipad);
            byte[] inner = sha1.digest(host.getBytes(StandardCharsets.ISO_8859_1));
            sha1.update(opad);
            return sha1.digest(inner);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }

    /** Lower-cases A-Z only, as OpenSSH's tolower() on bytes does. */
    private static String lowerAscii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return b.toString();
    }

    /** One usable known_hosts line. */
    private record Entry(int line, Marker marker, String patterns, String keyType, byte[] key) {
        /** @param token the {@link #hostBytes} token */
        boolean matches(String token) {
            if (patterns.startsWith("|")) {
                return hashedMatches(patterns, token);
            }
            boolean matched = false;
            for (String pat : lowerAscii(patterns).split(",", -1)) {
                boolean negate = pat.startsWith("!");
                String pp = negate ? pat.substring(1) : pat;
                if (pp.length() > MAX_SUBPATTERN) {
                    return false;
                }
                if (glob(pp, token)) {
                    if (negate) {
                        return false; // a matching negation vetoes the whole line
                    }
                    matched = true;
                }
            }
            return matched;
        }
    }

    private static boolean hashedMatches(String field, String token) {
        String[] p = field.split("\\|", -1); // "", "1", salt, hash; the magic "1" is checked by the comparison
        if (p.length < 4) {
            return false;
        }
        byte[] salt;
        try {
            salt = Base64.getDecoder().decode(p[2]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        // OpenSSH re-hashes with the salt and compares the whole field
        return salt.length == SALT_BYTES && field.equals(hashed(salt, token));
    }

    /** Glob match of the whole text ({@code *} any run, {@code ?} one character); linear, no recursion. */
    static boolean glob(String p, String t) {
        int pi = 0;
        int ti = 0;
        int star = -1;
        int resume = 0;
        while (ti < t.length()) {
            if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                resume = ti;
            } else if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == t.charAt(ti))) {
                pi++;
                ti++;
            } else if (star >= 0) {
                pi = star + 1;
                ti = ++resume;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}
