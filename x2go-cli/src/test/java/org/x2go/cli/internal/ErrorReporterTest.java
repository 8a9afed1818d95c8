package org.x2go.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.x2go.api.X2GoAuthenticationException;
import org.x2go.api.X2GoBackendException;
import org.x2go.api.X2GoClientException;
import org.x2go.api.X2GoConnectionException;
import org.x2go.api.X2GoControlSessionException;
import org.x2go.api.X2GoNotAnX2GoServerException;
import org.x2go.api.X2GoHostKeyException;
import org.x2go.api.X2GoPasswordRequiredException;
import org.x2go.api.X2GoProfileException;
import org.x2go.api.X2GoProxyException;
import org.x2go.api.X2GoSessionException;
import org.x2go.api.X2GoTerminalSessionException;
import org.x2go.cli.ExitStatus;

class ErrorReporterTest {
    static final String HOSTILE = "x2gouser-50-1700000000_stRxterm\u001b]0;TITLE\u0007\u001b[31m_dp24";
    static final String VISIBLE = "x2gouser-50-1700000000_stRxterm\\x1b]0;TITLE\\x07\\x1b[31m_dp24";
    private static final String FP = "SHA256:pEafFyy2dcCKUsoHHf0Orfymecd06TUEImiSnDKeP4o";

    private static String print(Throwable t, boolean debug, ExitStatus expected) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ExitStatus s = new ErrorReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8), debug).report(t);
        assertThat(s).isEqualTo(expected);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownHostKeyNamesFingerprintAndHowToAcceptIt() {
        String out = print(new X2GoHostKeyException("127.0.0.1", 2222, "ssh-ed25519", FP,
                X2GoHostKeyException.Reason.UNKNOWN), false, ExitStatus.HOST_KEY);
        assertThat(out).isEqualTo("x2go: error: the host key of [127.0.0.1]:2222 is not known: ssh-ed25519 " + FP
                + "; if that is the server's key, accept it with --add-to-known-hosts\n");
    }

    @Test
    void changedHostKeyWarnsAndDoesNotOfferToAcceptIt() {
        String out = print(new X2GoHostKeyException("srv", 22, "ssh-ed25519", FP, X2GoHostKeyException.Reason.CHANGED),
                false, ExitStatus.HOST_KEY);
        assertThat(out).contains("the host key of srv HAS CHANGED", FP, "man-in-the-middle").doesNotContain("--add-to-known-hosts");
        assertThat(out.lines().count()).isEqualTo(1);
    }

    @Test
    void eachFailureKindHasItsExitCodeAndOneLineWithoutStackTrace() {
        assertOneLine(print(new X2GoAuthenticationException("Auth fail for x2gotest"), false, ExitStatus.AUTHENTICATION));
        assertOneLine(print(new X2GoPasswordRequiredException("key is encrypted"), false, ExitStatus.AUTHENTICATION));
        assertOneLine(print(new X2GoControlSessionException("Connection refused: 127.0.0.1:1"), false, ExitStatus.CONNECTION));
        assertOneLine(print(new X2GoBackendException("Unknown ssh backend 'NOPE'"), false, ExitStatus.BACKEND));
        assertOneLine(print(new X2GoProfileException("broken sessions file"), false, ExitStatus.PROFILE));
        assertOneLine(print(new X2GoTerminalSessionException("x2gostartagent failed"), false, ExitStatus.SESSION));
        assertOneLine(print(new UsageException(ExitStatus.RESUME_UNAVAILABLE, "requested session x not available"),
                false, ExitStatus.RESUME_UNAVAILABLE));
    }

    @Test
    void notAnX2GoServerHasItsOwnCode() {
        assertOneLine(print(new X2GoNotAnX2GoServerException("127.0.0.1:22 is not an X2Go server (x2gofeaturelist missing)"),
                false, ExitStatus.NOT_X2GO_SERVER));
        assertOneLine(print(new X2GoControlSessionException("SSH connection to a@b:22 is down"),
                false, ExitStatus.CONNECTION));
    }

    @Test
    void missingNxproxyGetsAHint() {
        String out = print(new X2GoProxyException(X2GoProxyException.Reason.BINARY_MISSING, "nxproxy not found on PATH"),
                false, ExitStatus.PROXY);
        assertThat(out).contains("nxproxy not found", "install nxproxy", "--no-graphics");
        assertOneLine(out);
        assertThat(print(new X2GoProxyException(X2GoProxyException.Reason.NO_DISPLAY, "DISPLAY is not set"), false,
                ExitStatus.PROXY)).contains("set DISPLAY", "--no-graphics");
    }

    @Test
    void theExitStatusAndHintsFollowTheTypeAndReasonNeverTheMessageText() {
        // the client's old "No X display" text is an X2GoClientException: not a proxy failure by its words
        assertThat(print(new X2GoClientException("No X display for the graphics proxy: DISPLAY is not set"), false,
                ExitStatus.FAILURE)).doesNotContain("--no-graphics");
        assertThat(print(new X2GoProxyException("nxproxy said: segmentation fault"), false, ExitStatus.PROXY))
                .doesNotContain("install nxproxy");
        assertThat(print(new X2GoSessionException("Connection refused by the agent"), false, ExitStatus.SESSION))
                .contains("Connection refused by the agent");
        assertThat(print(new X2GoConnectionException(X2GoConnectionException.Reason.HOST_KEY, "host key revoked"), false,
                ExitStatus.HOST_KEY)).contains("host key not accepted: host key revoked");
    }

    @Test
    void multiLineMessagesAreJoinedIntoOneLine() {
        String out = print(new X2GoBackendException("first\nsecond\r\n third"), false, ExitStatus.BACKEND);
        assertThat(out).isEqualTo("x2go: error: first; second; third\n");
    }

    @Test
    void unexpectedExceptionsPointToDebugMode() {
        String out = print(new NullPointerException(), false, ExitStatus.FAILURE);
        assertThat(out).contains("NullPointerException", "-d");
        assertOneLine(out);
    }

    @Test
    void debugAddsTheStackTrace() {
        String out = print(new X2GoAuthenticationException("Auth fail"), true, ExitStatus.AUTHENTICATION);
        assertThat(out).startsWith("x2go: error: authentication failed: Auth fail\n")
                .contains("org.x2go.api.X2GoAuthenticationException", "\tat ");
    }

    @Test
    void serverTextInErrorsIsMadeVisibleAndBounded() {
        String out = print(new X2GoTerminalSessionException("x2gostartagent failed for " + HOSTILE + ": "
                + "x".repeat(5000)), false, ExitStatus.SESSION);
        assertThat(out).doesNotContain("\u001b", "\u0007").contains("failed for " + VISIBLE, "(5")
                .hasSizeLessThan(ErrorReporter.MAX_MESSAGE + 100);
        assertOneLine(out);
    }

    @Test
    void debugStackTraceIsMadeVisibleAndKeepsItsFrameTabs() {
        String out = print(new X2GoTerminalSessionException("bad " + HOSTILE), true, ExitStatus.SESSION);
        assertThat(out).doesNotContain("\u001b", "\u0007").contains("X2GoTerminalSessionException: bad " + VISIBLE, "\tat ");
    }

    private static void assertOneLine(String out) {
        assertThat(out).startsWith("x2go: error: ").endsWith("\n").doesNotContain("\tat ");
        assertThat(out.lines().count()).isEqualTo(1);
    }
}
