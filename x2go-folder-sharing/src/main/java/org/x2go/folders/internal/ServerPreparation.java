package org.x2go.folders.internal;

import java.lang.management.ManagementFactory;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a folder-sharing server needs before it can listen, made off the caller's thread: the throw-away key pairs
 * (an RSA 3072 client key takes 0.4 to 2.5 s on a slow machine) and the loading of Apache MINA SSHD's classes.
 */
public final class ServerPreparation {
    /** How long an idle preparation thread lives: none stays once every server has its keys. */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(2);
    /** Prefix of the preparation threads' names. */
    public static final String THREAD_PREFIX = "x2go-folder-keys-";

    private static final Logger LOG = LoggerFactory.getLogger(ServerPreparation.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final Executor SHARED = newExecutor(KEEP_ALIVE);

    /** The keys of one server. */
    public record Keys(KeyPair client, KeyPair host) {
    }

    /** Makes the keys of one server. */
    @FunctionalInterface
    public interface KeyMaker {
        /**
         * @return new keys, never handed out before
         * @throws GeneralSecurityException when the platform cannot make them
         */
        Keys make() throws GeneralSecurityException;
    }

    private ServerPreparation() {
    }

    /**
     * The executor every server prepares on unless told otherwise: at most two daemon threads (the machine's key
     * generations should not starve the session start they overlap with), gone after {@link #KEEP_ALIVE} idle.
     *
     * @return the shared executor
     */
    public static Executor sharedExecutor() {
        return SHARED;
    }

    /**
     * @param keepAlive how long an idle thread lives
     * @return a new executor like {@link #sharedExecutor()}
     */
    public static Executor newExecutor(Duration keepAlive) {
        ThreadPoolExecutor e = new ThreadPoolExecutor(2, 2, keepAlive.toMillis(), TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, THREAD_PREFIX + THREADS.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        e.allowCoreThreadTimeOut(true);
        return e;
    }

    /**
     * The real key maker: an RSA client key of {@code rsaBits} and an EC P-256 host key (no SHA-1 signature is
     * ever needed, so OpenSSH 9 logs in with its default configuration).
     *
     * @param rsaBits size of the RSA client key
     * @return the maker
     */
    public static KeyMaker keyMaker(int rsaBits) {
        return () -> {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(rsaBits);
            KeyPair client = rsa.generateKeyPair();
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"));
            return new Keys(client, ec.generateKeyPair());
        };
    }

    /**
     * Whether this JVM encrypts AES fast: the CPU has AES instructions and C2 compiles (C2 turns AES-CTR, GHASH
     * and SHA-256 into those instructions; C1 alone does not, e.g. under {@code -XX:TieredStopAtLevel=1}).
     *
     * @return the answer; {@code true} when the JVM does not say (not HotSpot)
     */
    public static boolean aesIsFast() {
        try {
            var hotspot = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (hotspot == null) {
                return true;
            }
            boolean aes = Boolean.parseBoolean(hotspot.getVMOption("UseAES").getValue());
            boolean tiered = Boolean.parseBoolean(hotspot.getVMOption("TieredCompilation").getValue());
            int stopAt = Integer.parseInt(hotspot.getVMOption("TieredStopAtLevel").getValue());
            return aes && (!tiered || stopAt >= 4);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("cannot tell whether AES is fast here, assuming it is: {}", e.toString());
            return true;
        }
    }

    /**
     * The ciphers to offer. OpenSSH's ssh (under sshfs) takes the first of its own list that the server offers:
     * chacha20-poly1305 whenever offered. MINA's ChaCha20 is plain Java, while the JDK's AES runs on the CPU's
     * AES instructions once C2 compiles it: reading through a mount measured 1.5 times faster with AES-CTR than
     * with ChaCha20 on this project's test machine (C2), and 2.4 times slower under C1 alone. So ChaCha20 is
     * offered only when AES is slow here.
     *
     * @param aesFast see {@link #aesIsFast()}
     * @param all     what MINA offers by default
     * @return {@code all} without ChaCha20 when AES is fast, else {@code all}
     */
    public static List<NamedFactory<Cipher>> ciphers(boolean aesFast, List<NamedFactory<Cipher>> all) {
        if (!aesFast) {
            return all;
        }
        List<NamedFactory<Cipher>> aesOnly = all.stream()
                .filter(c -> !BuiltinCiphers.cc20p1305_openssh.getName().equals(c.getName())).toList();
        return aesOnly.isEmpty() ? all : aesOnly;
    }
}
