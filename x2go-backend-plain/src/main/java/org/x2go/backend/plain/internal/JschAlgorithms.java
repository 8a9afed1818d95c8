package org.x2go.backend.plain.internal;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.crypto.KeyAgreement;

import com.jcraft.jsch.Cipher;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KEM;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.Signature;
import com.jcraft.jsch.XDH;

/**
 * JSch's algorithm availability checks ({@code CheckKexes}, {@code CheckCiphers}, {@code CheckSignatures}),
 * made once per JVM instead of at every connect.
 *
 * <p>JSch runs these checks in every key exchange: each key-exchange algorithm it checks generates a
 * throw-away key pair (three X25519 and one ML-KEM key pair with the default lists), which was a third
 * of the client's CPU time in a warm connect (JFR, issue 17). Whether an algorithm is available depends
 * only on the class path and the JDK, which do not change while the JVM runs, so the checks are made once
 * here (a key exchange through the public parts it is built from: its curve and, for the post-quantum
 * hybrids, its KEM), and each session is then told to check only the algorithms found missing or not
 * known here: JSch still removes missing ones from its proposal (their check fails at once), and still
 * knows which signature algorithms it lacks.
 */
public final class JschAlgorithms {
    private static final String[] KEYS = {"CheckKexes", "CheckCiphers", "CheckSignatures"};

    private JschAlgorithms() {
    }

    /** Lazily computed on first use, then shared by every session of the JVM. */
    private static final class Missing {
        static final String KEXES = missingKexes();
        static final String CIPHERS = missingCiphers();
        static final String SIGNATURES = missingSignatures();
    }

    /**
     * Replaces the session's per-connect checks by the JVM-wide result.
     *
     * @param session a session not yet connected
     */
    public static void apply(Session session) {
        session.setConfig(KEYS[0], Missing.KEXES);
        session.setConfig(KEYS[1], Missing.CIPHERS);
        session.setConfig(KEYS[2], Missing.SIGNATURES);
    }

    /** @return the algorithms JSch would have found missing, per check key (for tests and diagnostics) */
    public static List<String> missing() {
        return List.of(Missing.KEXES, Missing.CIPHERS, Missing.SIGNATURES);
    }

    private static String missingKexes() {
        String proposed = JSch.getConfig("kex");
        Map<String, Boolean> parts = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String k : names("CheckKexes")) {
            if (!proposed.contains(k)) {
                continue;
            }
            // JSch's key-exchange classes are package-private, so each one is checked through the public
            // parts it is made of (the same parts JSch's own check would make a key pair with)
            List<Callable<?>> needs = parts(k);
            if (needs == null) {
                // a key exchange not known here: JSch keeps checking it itself at every connect
                missing.add(k);
                continue;
            }
            for (Callable<?> part : needs) {
                if (!parts.computeIfAbsent(part.toString(), x -> works(part))) {
                    missing.add(k);
                    break;
                }
            }
        }
        return String.join(",", missing);
    }

    /** @return the parts a key exchange needs, or null for one this class does not know */
    private static List<Callable<?>> parts(String kex) {
        List<Callable<?>> out = new ArrayList<>();
        if (kex.startsWith("curve25519-") || kex.contains("x25519")) {
            out.add(xdh("X25519", 32));
        } else if (kex.startsWith("curve448-")) {
            out.add(xdh("X448", 56));
        } else {
            return null;
        }
        if (kex.startsWith("mlkem768")) {
            out.add(kem("mlkem768"));
        } else if (kex.startsWith("mlkem1024")) {
            out.add(kem("mlkem1024"));
        } else if (kex.startsWith("sntrup761")) {
            out.add(kem("sntrup761"));
        } else if (!kex.startsWith("curve")) {
            return null;
        }
        return out;
    }

    /** JSch's curve on the JDK's own XDH (Java 11+): what it needs can be looked up without making a key. */
    private static final String JDK_XDH = "com.jcraft.jsch.jce.XDH";

    private static Callable<?> xdh(String curve, int keyLength) {
        return named("xdh " + curve, () -> {
            String impl = JSch.getConfig("xdh");
            XDH x = Class.forName(impl).asSubclass(XDH.class).getDeclaredConstructor().newInstance();
            if (JDK_XDH.equals(impl)) {
                // the services and the curve it uses; a key pair here would be one more scalar multiplication,
                // the costliest step of a one-shot command's first (cold) connect (JFR of x2go -L)
                KeyAgreement.getInstance("XDH");
                KeyFactory.getInstance("XDH");
                KeyPairGenerator.getInstance("XDH").initialize(new NamedParameterSpec(curve));
                return x;
            }
            x.init(curve, keyLength);
            return x.getQ();
        });
    }

    private static Callable<?> kem(String name) {
        return named("kem " + name, () -> {
            KEM k = Class.forName(JSch.getConfig(name)).asSubclass(KEM.class).getDeclaredConstructor().newInstance();
            k.init();
            return k.getPublicKey();
        });
    }

    /** A check whose {@code toString} names it, so each part is checked once. */
    private static Callable<?> named(String name, Callable<?> check) {
        return new Callable<>() {
            @Override
            public Object call() throws Exception {
                return check.call();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    private static boolean works(Callable<?> check) {
        try {
            check.call();
            return true;
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    private static String missingCiphers() {
        String proposed = JSch.getConfig("cipher.c2s") + "," + JSch.getConfig("cipher.s2c");
        List<String> missing = new ArrayList<>();
        for (String c : names("CheckCiphers")) {
            if (!proposed.contains(c)) {
                continue;
            }
            try {
                Cipher cipher = Class.forName(JSch.getConfig(c)).asSubclass(Cipher.class).getDeclaredConstructor()
                        .newInstance();
                cipher.init(Cipher.ENCRYPT_MODE, new byte[cipher.getBlockSize()], new byte[cipher.getIVSize()]);
            } catch (Exception | LinkageError e) {
                missing.add(c);
            }
        }
        return String.join(",", missing);
    }

    private static String missingSignatures() {
        List<String> missing = new ArrayList<>();
        for (String s : names("CheckSignatures")) {
            String impl = JSch.getConfig(s);
            if (impl == null) {
                // e.g. a certificate type: not known here, so JSch keeps checking it itself
                missing.add(s);
                continue;
            }
            try {
                Class.forName(impl).asSubclass(Signature.class).getDeclaredConstructor().newInstance().init();
            } catch (Exception | LinkageError e) {
                missing.add(s);
            }
        }
        return String.join(",", missing);
    }

    private static List<String> names(String key) {
        String v = JSch.getConfig(key);
        return v == null || v.isBlank() ? List.of() : Arrays.stream(v.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
    }
}
