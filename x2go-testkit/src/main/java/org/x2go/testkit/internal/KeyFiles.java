package org.x2go.testkit.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchProviderException;
import java.security.spec.ECGenParameterSpec;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/** Key generation, OpenSSH key files and known_hosts lines for the fake server. */
public final class KeyFiles {
    /** The key algorithm used for generated keys: supported by the JDK alone, JSch, sshj and paramiko. */
    public static final String GENERATED_KEY_TYPE = KeyPairProvider.ECDSA_SHA2_NISTP256;

    private KeyFiles() {
    }

    /** @return a fresh ECDSA P-256 key pair */
    public static KeyPair generate() {
        try {
            // the JDK's own EC provider: MINA's default route goes through BouncyCastle when present,
            // whose first use costs seconds of provider start-up
            KeyPairGenerator g;
            try {
                g = KeyPairGenerator.getInstance("EC", "SunEC");
            } catch (NoSuchProviderException e) {
                g = KeyPairGenerator.getInstance("EC");
            }
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + GENERATED_KEY_TYPE + " key", e);
        }
    }

    /**
     * Writes an unencrypted OpenSSH private key file (mode 600) and {@code <file>.pub} next to it.
     *
     * @param pair    the key pair
     * @param file    the private key file
     * @param comment the key comment
     */
    public static void writePrivateKey(KeyPair pair, Path file, String comment) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, comment, null, out);
            }
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the client libraries do not insist on the mode
            }
            Files.writeString(file.resolveSibling(file.getFileName() + ".pub"),
                    publicKeyLine(pair.getPublic()) + " " + comment + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write key file " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode key for " + file, e);
        }
    }

    /**
     * @param key a public key
     * @return {@code <type> <base64>} as in authorized_keys and known_hosts
     */
    public static String publicKeyLine(PublicKey key) {
        return PublicKeyEntry.toString(key);
    }

    /**
     * @param host the host as the client names it
     * @param port the SSH port
     * @param key  the host key
     * @return the known_hosts line OpenSSH writes ({@code [host]:port} unless the port is 22)
     */
    public static String knownHostsLine(String host, int port, PublicKey key) {
        String where = port == 22 ? host : "[" + host + "]:" + port;
        return where + " " + publicKeyLine(key);
    }

    /**
     * @param key a public key
     * @return its OpenSSH SHA-256 fingerprint, {@code SHA256:<base64 without padding>}
     */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(key);
    }

    /**
     * Reads every key of an authorized_keys file.
     *
     * @param file the file
     * @return its public keys
     * @throws IllegalArgumentException naming the file when it cannot be parsed
     */
    public static List<PublicKey> readAuthorizedKeys(Path file) {
        try {
            List<PublicKey> keys = new ArrayList<>();
            for (AuthorizedKeyEntry e : AuthorizedKeyEntry.readAuthorizedKeys(file)) {
                PublicKey k = e.resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
                keys.add(k);
            }
            return keys;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read authorized keys file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a private key file (OpenSSH or PEM).
     *
     * @param file the file
     * @return the first key pair in it
     * @throws IllegalArgumentException naming the file when it holds no readable key
     */
    public static KeyPair readKeyPair(Path file) {
        try {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null,
                    new org.apache.sshd.common.NamedResource() {
                        @Override
                        public String getName() {
                            return file.toString();
                        }
                    }, Files.newInputStream(file), null);
            if (pairs != null) {
                for (KeyPair p : pairs) {
                    return p;
                }
            }
            throw new IllegalArgumentException("no key pair in " + file);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read host key file " + file + ": " + e.getMessage(), e);
        }
    }
}
