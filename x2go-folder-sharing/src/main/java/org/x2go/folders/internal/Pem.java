package org.x2go.folders.internal;

import java.security.PrivateKey;
import java.util.Base64;

/** PEM text of keys, as OpenSSH reads them. */
public final class Pem {
    private Pem() {
    }

    /**
     * @param key a private key
     * @return {@code -----BEGIN PRIVATE KEY-----} (PKCS#8), 64 base64 characters per line, final newline
     */
    public static String privateKey(PrivateKey key) {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n";
    }
}
