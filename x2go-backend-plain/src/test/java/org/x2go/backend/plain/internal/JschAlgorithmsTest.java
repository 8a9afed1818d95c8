package org.x2go.backend.plain.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;

class JschAlgorithmsTest {

    @Test
    void theJdksCurvesAreAvailableSoOnlyAlgorithmsFoundMissingAreLeftForJschToCheck() {
        List<String> missing = JschAlgorithms.missing();
        assertThat(missing).hasSize(3);
        List<String> kexes = Arrays.asList(missing.get(0).split(","));
        // JDK 17 has X25519 (XDH) and Ed25519: JSch's check would pass, so no session repeats it
        assertThat(kexes).doesNotContain("curve25519-sha256", "curve25519-sha256@libssh.org");
        assertThat(missing.get(2).split(",")).doesNotContain("ssh-ed25519");
        // whatever is left is a subset of what JSch would have checked
        assertThat(kexes.stream().filter(k -> !k.isEmpty()).toList())
                .isSubsetOf(Arrays.asList(JSch.getConfig("CheckKexes").split(",")));
    }

    @Test
    void postQuantumKeyExchangeIsAvailable() {
        // JSch 2.28.8 builds mlkem768x25519 on BouncyCastle's lightweight API (1.84+); sshj alone would pull 1.80,
        // with which JSch silently dropped it from its proposal
        assertThat(JschAlgorithms.missing().get(0).split(",")).doesNotContain("mlkem768x25519-sha256");
    }

    @Test
    void aSessionChecksOnlyWhatTheJvmWideCheckFoundMissing() throws Exception {
        Session s = new JSch().getSession("user", "localhost", 22);
        assertThat(s.getConfig("CheckKexes")).isEqualTo(JSch.getConfig("CheckKexes"));
        JschAlgorithms.apply(s);
        assertThat(List.of(s.getConfig("CheckKexes"), s.getConfig("CheckCiphers"), s.getConfig("CheckSignatures")))
                .isEqualTo(JschAlgorithms.missing());
    }
}
