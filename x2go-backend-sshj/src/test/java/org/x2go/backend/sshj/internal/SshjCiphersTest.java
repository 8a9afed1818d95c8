package org.x2go.backend.sshj.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.transport.cipher.Cipher;

class SshjCiphersTest {

    private static List<String> names(List<Factory.Named<Cipher>> l) {
        return l.stream().map(Factory.Named::getName).toList();
    }

    @Test
    void aesGcmComesFirstAndNoLegacyCipherIsProposed() {
        List<Factory.Named<Cipher>> sshjDefault = new DefaultConfig().getCipherFactories();
        assertThat(names(sshjDefault)).as("sshj's own list").contains("aes128-cbc").first()
                .isEqualTo("chacha20-poly1305@openssh.com");
        assertThat(names(SshjCiphers.preferred(sshjDefault))).containsExactlyElementsOf(SshjCiphers.ORDER);
    }

    @Test
    void aListWithoutAnyModernCipherIsLeftAsItIs() {
        List<Factory.Named<Cipher>> legacy = new DefaultConfig().getCipherFactories().stream()
                .filter(f -> f.getName().endsWith("-cbc")).toList();
        assertThat(SshjCiphers.preferred(legacy)).isEqualTo(legacy);
    }
}
