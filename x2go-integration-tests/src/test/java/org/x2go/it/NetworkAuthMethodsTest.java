package org.x2go.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.x2go.api.AuthPrompter;
import org.x2go.api.ConnectOptions;
import org.x2go.api.X2GoAuthenticationException;
import org.x2go.api.X2GoPasswordRequiredException;
import org.x2go.api.X2GoSshException;
import org.x2go.backend.plain.JschTransport;
import org.x2go.backend.sshj.SshjTransport;
import org.x2go.spi.CommandResult;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SshTransport;

/**
 * Keyboard-interactive (PAM), encrypted keys and the SSH agent against the real sshd and ssh-agents of
 * scripts/x2go-test-network, over both transports, with the failures that must name their stage and method.
 */
@Tag("real-server")
class NetworkAuthMethodsTest {

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> transports() {
        return NetworkLab.transports();
    }

    /** Records what it was asked and answers from fixed lists. */
    static final class Recorder implements AuthPrompter {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final List<String> answers;
        final char[] passphrase;
        final List<char[]> handedOut = new CopyOnWriteArrayList<>();

        Recorder(List<String> answers, String passphrase) {
            this.answers = answers;
            this.passphrase = passphrase == null ? null : passphrase.toCharArray();
        }

        @Override
        public Optional<List<String>> keyboardInteractive(Stage stage, String user, String name, String instruction,
                                                          List<Prompt> prompts) {
            for (Prompt p : prompts) {
                seen.add(stage + "|" + user + "|" + p.text() + "|echo=" + p.echo());
            }
            return prompts.size() == answers.size() ? Optional.of(answers) : Optional.empty();
        }

        @Override
        public Optional<char[]> passphrase(Stage stage, Path key) {
            seen.add(stage + "|passphrase|" + key.getFileName());
            if (passphrase == null) {
                return Optional.empty();
            }
            char[] c = passphrase.clone();
            handedOut.add(c);
            return Optional.of(c);
        }
    }

    private static String run(RemoteShell shell, String cmd) {
        CommandResult r = shell.exec(cmd, Duration.ofSeconds(20));
        assertThat(r.exitStatus()).as("exit status of %s: %s", cmd, r.stderr()).isZero();
        return r.stdout();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void pamPasswordPromptArrivesAsKeyboardInteractiveWithItsTextAndNoEcho(String label, SshTransport transport) {
        NetworkLab lab = NetworkLab.require();
        Recorder r = new Recorder(List.of(lab.get("X2GO_NET_AUTH_PASSWORD")), null);
        try (RemoteShell shell = transport.connect(lab.auth().prompter(r).build())) {
            assertThat(run(shell, "whoami")).contains(lab.get("X2GO_NET_AUTH_USER"));
        }
        assertThat(r.seen).containsExactly("TARGET|" + lab.get("X2GO_NET_AUTH_USER") + "|Password: |echo=false");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void withoutAPrompterThePasswordAnswersPamsSinglePrompt(String label, SshTransport transport) {
        NetworkLab lab = NetworkLab.require();
        try (RemoteShell shell = transport.connect(lab.auth().password(lab.get("X2GO_NET_AUTH_PASSWORD")).build())) {
            assertThat(run(shell, "whoami")).contains(lab.get("X2GO_NET_AUTH_USER"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void wrongOneTimeAnswerFailsNamingTheTargetAndKeyboardInteractive(String label, SshTransport transport) {
        NetworkLab lab = NetworkLab.require();
        Recorder r = new Recorder(List.of("000000-wrong"), null);
        assertThatThrownBy(() -> transport.connect(lab.auth().prompter(r).build()).close())
                .isInstanceOf(X2GoAuthenticationException.class)
                .hasMessageContaining("target " + lab.get("X2GO_NET_AUTH_USER") + "@")
                .hasMessageContaining("keyboard-interactive");
        assertThat(r.seen).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void encryptedKeyIsUnlockedByThePromptersPassphraseWhichIsWipedAfterUse(String label, SshTransport transport) {
        NetworkLab lab = NetworkLab.require();
        Recorder r = new Recorder(List.of(), lab.get("X2GO_NET_ENCRYPTED_PASSPHRASE"));
        ConnectOptions o = lab.auth().privateKey(lab.path("X2GO_NET_ENCRYPTED_KEY")).prompter(r).build();
        try (RemoteShell shell = transport.connect(o)) {
            assertThat(run(shell, "whoami")).contains(lab.get("X2GO_NET_AUTH_USER"));
        }
        assertThat(r.seen).contains("TARGET|passphrase|encrypted_ed25519");
        assertThat(r.handedOut).isNotEmpty().allSatisfy(c -> assertThat(new String(c)).isEqualTo("\0".repeat(c.length)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void encryptedKeyWithThePassphraseInTheOptionsLogsIn(String label, SshTransport transport) {
        NetworkLab lab = NetworkLab.require();
        ConnectOptions o = lab.auth().privateKey(lab.path("X2GO_NET_ENCRYPTED_KEY"))
                .passphrase(lab.get("X2GO_NET_ENCRYPTED_PASSPHRASE")).build();
        try (RemoteShell shell = transport.connect(o)) {
            assertThat(run(shell, "whoami")).contains(lab.get("X2GO_NET_AUTH_USER"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void encryptedKeyWithoutPassphraseAsksForOne(String label, SshTransport transport) {
        NetworkLab lab = NetworkLab.require();
        ConnectOptions o = lab.auth().privateKey(lab.path("X2GO_NET_ENCRYPTED_KEY")).build();
        assertThatThrownBy(() -> transport.connect(o).close()).isInstanceOf(X2GoPasswordRequiredException.class)
                .hasMessageContaining("target").hasMessageContaining("encrypted");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void encryptedKeyWithAWrongPassphraseIsReportedAsSuch(String label, SshTransport transport) {
        NetworkLab lab = NetworkLab.require();
        Recorder r = new Recorder(List.of(), "not-the-passphrase");
        ConnectOptions o = lab.auth().privateKey(lab.path("X2GO_NET_ENCRYPTED_KEY")).prompter(r).build();
        assertThatThrownBy(() -> transport.connect(o).close()).isInstanceOf(X2GoPasswordRequiredException.class)
                .hasMessageContaining("wrong passphrase").hasMessageContaining("encrypted_ed25519");
        assertThat(r.handedOut).isNotEmpty().allSatisfy(c -> assertThat(new String(c)).isEqualTo("\0".repeat(c.length)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void agentKeysLogIn(String label, SshTransport transport) {
        NetworkLab lab = NetworkLab.require();
        ConnectOptions o = lab.auth().useAgent(true).agentSocket(lab.path("X2GO_NET_AGENT_SOCK")).build();
        try (RemoteShell shell = transport.connect(o)) {
            assertThat(run(shell, "whoami")).contains(lab.get("X2GO_NET_AUTH_USER"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void agentKeysLogInToTheJumpHostToo(String label, SshTransport transport) {
        NetworkLab lab = NetworkLab.require();
        ConnectOptions o = lab.target().agentSocket(lab.path("X2GO_NET_AGENT_SOCK"))
                .jumpHost(lab.bastion().withPrivateKeys(List.of()).withAgent(true)).build();
        try (RemoteShell shell = transport.connect(o)) {
            assertThat(run(shell, "echo conn=$SSH_CONNECTION")).contains("conn=" + lab.get("X2GO_NET_BASTION_PEER") + " ");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void agentWithNoKeysFailsNamingTheTargetAndTheAgent(String label, SshTransport transport) {
        NetworkLab lab = NetworkLab.require();
        ConnectOptions o = lab.auth().useAgent(true).agentSocket(lab.path("X2GO_NET_EMPTY_AGENT_SOCK")).build();
        assertThatThrownBy(() -> transport.connect(o).close()).isInstanceOf(X2GoAuthenticationException.class)
                .hasMessageContaining("target " + lab.get("X2GO_NET_AUTH_USER") + "@").hasMessageContaining("agent");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void agentForwardingListsTheAgentsKeyInsideTheSessionOnJschAndFailsClearlyOnSshj(String label,
                                                                                    SshTransport transport)
            throws Exception {
        NetworkLab lab = NetworkLab.require();
        ConnectOptions o = lab.auth().useAgent(true).agentSocket(lab.path("X2GO_NET_AGENT_SOCK")).forwardAgent(true)
                .build();
        if (transport instanceof SshjTransport) {
            assertThatThrownBy(() -> transport.connect(o).close()).isInstanceOf(X2GoSshException.class)
                    .hasMessageContaining("cannot forward the SSH agent").hasMessageContaining("JSCH");
            return;
        }
        Process p = new ProcessBuilder("ssh-keygen", "-l", "-f", lab.get("X2GO_NET_CLIENT_KEY") + ".pub")
                .redirectErrorStream(true).start();
        String fingerprint = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .strip().split(" ")[1];
        assertThat(p.waitFor()).isZero();
        assertThat(fingerprint).startsWith("SHA256:");
        try (RemoteShell shell = transport.connect(o)) {
            assertThat(run(shell, "ssh-add -l")).contains(fingerprint);
        }
        // without forwarding the session sees no agent
        try (RemoteShell shell = transport.connect(o.toBuilder().forwardAgent(false).build())) {
            assertThat(shell.exec("ssh-add -l", Duration.ofSeconds(20)).exitStatus()).isNotZero();
        }
    }

    @org.junit.jupiter.api.Test
    void agentForwardingWithoutAReachableAgentFailsInsteadOfSilentlyNotForwarding() {
        NetworkLab lab = NetworkLab.require();
        ConnectOptions o = lab.auth().password(lab.get("X2GO_NET_AUTH_PASSWORD")).forwardAgent(true)
                .agentSocket(lab.path("X2GO_NET_DIR").resolve("no-such-agent.sock")).build();
        assertThatThrownBy(() -> new JschTransport().connect(o).close())
                .isInstanceOf(X2GoAuthenticationException.class).hasMessageContaining("Agent forwarding");
    }

}
