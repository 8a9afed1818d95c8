package org.x2go.backend.sshj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.keyboard.InteractiveChallenge;
import org.apache.sshd.server.auth.keyboard.KeyboardInteractiveAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.SessionContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.x2go.api.AuthPrompter;
import org.x2go.api.ConnectOptions;
import org.x2go.api.HostKeyPolicy;
import org.x2go.api.X2GoAuthenticationException;
import org.x2go.backend.plain.JschTransport;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SshTransport;

/**
 * A two-prompt keyboard-interactive challenge (password hidden, one-time code echoed), as a 2FA gateway
 * sends it, against a MINA server: the prompter sees both prompts with their echo flags in one call, on
 * both transports; a wrong code fails naming keyboard-interactive.
 */
class KeyboardInteractiveChallengeTest {
    @TempDir
    Path dir;
    private SshServer sshd;
    private final List<String> serverSaw = new CopyOnWriteArrayList<>();

    static Stream<Arguments> transports() {
        return Stream.of(Arguments.of("JSCH", new JschTransport()), Arguments.of("SSHJ", new SshjTransport()));
    }

    @BeforeEach
    void start() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair host = g.generateKeyPair();
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(new KeyPairProvider() {
            @Override
            public Iterable<KeyPair> loadKeys(SessionContext session) {
                return List.of(host);
            }
        });
        sshd.setPasswordAuthenticator(null);
        sshd.setPublickeyAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(new KeyboardInteractiveAuthenticator() {
            @Override
            public InteractiveChallenge generateChallenge(ServerSession session, String username, String lang,
                                                          String subMethods) {
                InteractiveChallenge c = new InteractiveChallenge();
                c.setInteractionName("2FA");
                c.setInteractionInstruction("Password and code");
                c.addPrompt("Password: ", false);
                c.addPrompt("Verification code: ", true);
                return c;
            }

            @Override
            public boolean authenticate(ServerSession session, String username, List<String> responses) {
                serverSaw.add(String.join(",", responses));
                return username.equals("alice") && responses.equals(List.of("s3cret", "123456"));
            }
        });
        sshd.start();
    }

    @AfterEach
    void stop() throws Exception {
        sshd.stop(true);
    }

    private ConnectOptions options(AuthPrompter p) {
        return ConnectOptions.builder("127.0.0.1", "alice").port(sshd.getPort()).knownHosts(dir.resolve("known_hosts"))
                .hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW).connectTimeout(Duration.ofSeconds(10))
                .keepAliveInterval(Duration.ZERO).prompter(p).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void bothPromptsArriveInOneCallWithTheirEchoFlags(String label, SshTransport t) {
        List<String> asked = new CopyOnWriteArrayList<>();
        AuthPrompter p = (stage, user, name, instruction, prompts) -> {
            asked.add(stage + "|" + user + "|" + name + "|" + instruction + "|" + prompts);
            return Optional.of(List.of("s3cret", "123456"));
        };
        try (RemoteShell shell = t.connect(options(p))) {
            assertThat(shell.isConnected()).isTrue();
        }
        assertThat(asked).containsExactly("TARGET|alice|2FA|Password and code|[Prompt[text=Password: , echo=false], "
                + "Prompt[text=Verification code: , echo=true]]");
        assertThat(serverSaw).containsExactly("s3cret,123456");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void wrongCodeFailsNamingTheTargetAndKeyboardInteractiveAfterOneAttempt(String label, SshTransport t) {
        AuthPrompter p = (stage, user, name, instruction, prompts) -> Optional.of(List.of("s3cret", "999999"));
        assertThatThrownBy(() -> t.connect(options(p)).close()).isInstanceOf(X2GoAuthenticationException.class)
                .hasMessageContaining("target alice@").hasMessageContaining("keyboard-interactive");
        // one real attempt; JSch cancels a repeated challenge by sending empty answers (its only way to cancel)
        assertThat(serverSaw).first().isEqualTo("s3cret,999999");
        assertThat(serverSaw.subList(1, serverSaw.size())).allMatch(a -> a.replace(",", "").isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aPrompterThatGivesUpFailsTheLoginWithoutSendingAnswers(String label, SshTransport t) {
        AuthPrompter p = (stage, user, name, instruction, prompts) -> Optional.empty();
        assertThatThrownBy(() -> t.connect(options(p)).close()).isInstanceOf(X2GoAuthenticationException.class)
                .hasMessageContaining("keyboard-interactive");
        // nothing typed reaches the server (JSch cancels with empty answers, sshj sends none)
        assertThat(serverSaw).allMatch(a -> a.replace(",", "").isEmpty());
    }
}
