package org.x2go.backend.sshj.internal;

import java.util.ArrayList;
import java.util.List;

import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.transport.cipher.Cipher;

/**
 * The ciphers the SSHJ transport proposes, in order. sshj's default list starts with its ChaCha20-Poly1305, which
 * is plain Java, and goes on to CBC modes, Blowfish, CAST, IDEA, Serpent, Twofish, 3DES and RC4. The server takes
 * the first one both sides know, so this client proposes AES-GCM first (the JDK's AES and GHASH run on the CPU's
 * AES instructions once compiled: a 100 MB read through a shared folder over SSHJ ran at 10.6 MB/s with ChaCha20,
 * against 173 MB/s for plain sshfs on the same machine), then ChaCha20-Poly1305 and AES-CTR for servers without
 * GCM, and nothing older.
 */
public final class SshjCiphers {
    /** The proposal, best first: what OpenSSH 6.5 and later offer, AEAD before CTR. */
    public static final List<String> ORDER = List.of("aes256-gcm@openssh.com", "aes128-gcm@openssh.com",
            "chacha20-poly1305@openssh.com", "aes256-ctr", "aes192-ctr", "aes128-ctr");

    private SshjCiphers() {
    }

    /**
     * @param available the ciphers sshj found usable in this JVM (its default configuration's list)
     * @return those of {@link #ORDER}, in that order; {@code available} itself when none of them is there
     */
    public static List<Factory.Named<Cipher>> preferred(List<Factory.Named<Cipher>> available) {
        List<Factory.Named<Cipher>> out = new ArrayList<>();
        for (String name : ORDER) {
            for (Factory.Named<Cipher> f : available) {
                if (f.getName().equals(name)) {
                    out.add(f);
                }
            }
        }
        return out.isEmpty() ? available : out;
    }
}
