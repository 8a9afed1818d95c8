package org.x2go.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.x2go.api.X2GoConnectionException.Reason;

/** The exception hierarchy: one category per thing a caller does differently, details in reason enums. */
class ExceptionHierarchyTest {

    @Test
    void proxyExceptionCarriesItsReasonAndOldConstructorsMeanOther() {
        IOException io = new IOException("x");
        X2GoProxyException noDisplay = new X2GoProxyException(X2GoProxyException.Reason.NO_DISPLAY, "no display", io);
        assertThat(noDisplay.reason()).isEqualTo(X2GoProxyException.Reason.NO_DISPLAY);
        assertThat(noDisplay).hasMessage("no display").hasCause(io);
        assertThat(new X2GoProxyException(X2GoProxyException.Reason.BINARY_MISSING, "m").reason())
                .isEqualTo(X2GoProxyException.Reason.BINARY_MISSING);
        assertThat(new X2GoProxyException("m").reason()).isEqualTo(X2GoProxyException.Reason.OTHER);
        assertThat(new X2GoProxyException("m", io).reason()).isEqualTo(X2GoProxyException.Reason.OTHER);
        assertThatThrownBy(() -> new X2GoProxyException(null, "m")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aTunnelFailureIsAProxyFailureOfReasonTunnel() {
        X2GoException e = new X2GoFwTunnelException("cannot bind");
        assertThat(e).isInstanceOf(X2GoProxyException.class);
        assertThat(((X2GoProxyException) e).reason()).isEqualTo(X2GoProxyException.Reason.TUNNEL);
        assertThat(new X2GoFwTunnelException("m", new IOException()).reason()).isEqualTo(X2GoProxyException.Reason.TUNNEL);
    }

    static Stream<Arguments> categories() {
        return Stream.of(
                Arguments.of(new X2GoBackendException("m"), X2GoBackendException.class),
                Arguments.of(new X2GoNotImplementedYetException("m"), X2GoBackendException.class),
                Arguments.of(new X2GoSshException("m"), X2GoConnectionException.class),
                Arguments.of(new X2GoAuthenticationException("m"), X2GoConnectionException.class),
                Arguments.of(new X2GoPasswordRequiredException("m"), X2GoConnectionException.class),
                Arguments.of(hostKey(X2GoHostKeyException.Reason.CHANGED), X2GoConnectionException.class),
                Arguments.of(new X2GoControlSessionException("m"), X2GoConnectionException.class),
                Arguments.of(new X2GoTimeOutException("m"), X2GoConnectionException.class),
                Arguments.of(new X2GoNotAnX2GoServerException("m"), X2GoConnectionException.class),
                Arguments.of(new X2GoSftpException("m"), X2GoConnectionException.class),
                Arguments.of(new X2GoRemoteHomeException("m"), X2GoConnectionException.class),
                Arguments.of(new X2GoProtocolException("m"), X2GoProtocolException.class),
                Arguments.of(new X2GoSessionException("m"), X2GoSessionException.class),
                Arguments.of(new X2GoTerminalSessionException("m"), X2GoSessionException.class),
                Arguments.of(new X2GoDesktopSharingDeniedException("m"), X2GoSessionException.class),
                Arguments.of(new X2GoSessionRegistryException("m"), X2GoSessionException.class),
                Arguments.of(new X2GoSessionCacheException("m"), X2GoSessionException.class),
                Arguments.of(new X2GoProxyException("m"), X2GoProxyException.class),
                Arguments.of(new X2GoFwTunnelException("m"), X2GoProxyException.class),
                Arguments.of(new X2GoProfileException("m"), X2GoProfileException.class),
                Arguments.of(new X2GoClientSettingsException("m"), X2GoProfileException.class),
                Arguments.of(new X2GoClientPrintingException("m"), X2GoProfileException.class),
                Arguments.of(new X2GoPrintActionException("m"), X2GoPrintException.class),
                Arguments.of(new X2GoPrintQueueException("m"), X2GoPrintException.class),
                Arguments.of(new X2GoClientException("m"), X2GoClientException.class));
    }

    private static final List<Class<? extends X2GoException>> CATEGORIES = List.of(X2GoBackendException.class,
            X2GoConnectionException.class, X2GoProtocolException.class, X2GoSessionException.class,
            X2GoProxyException.class, X2GoProfileException.class, X2GoPrintException.class, X2GoClientException.class);

    @ParameterizedTest
    @MethodSource("categories")
    void everyExceptionBelongsToExactlyOneCategory(X2GoException e, Class<?> category) {
        assertThat(CATEGORIES).allSatisfy(c -> assertThat(c.getSuperclass()).isEqualTo(X2GoException.class));
        assertThat(CATEGORIES.stream().filter(c -> c.isInstance(e)).map(Class::getName)).containsExactly(category.getName());
    }

    @Test
    void anSshConnectTimeoutIsAConnectionFailureOfReasonTimeout() {
        // the transports throw X2GoTimeOutException for a connect timeout; it used to sit at the root
        X2GoException e = new X2GoTimeOutException("SSH connect to h timed out after 20000 ms", new SocketTimeoutException());
        assertThat(e).isInstanceOf(X2GoConnectionException.class).isInstanceOf(X2GoControlSessionException.class);
        assertThat(((X2GoConnectionException) e).connectionReason()).isEqualTo(Reason.TIMEOUT);
    }

    @Test
    void sshFailuresAreConnectionFailuresNotControlSessionFailures() {
        assertThat(new X2GoSshException("m")).isInstanceOf(X2GoConnectionException.class)
                .isNotInstanceOf(X2GoControlSessionException.class);
    }

    @Test
    void fixedReasonsOfTheConnectionSubclasses() {
        assertThat(new X2GoAuthenticationException("m").connectionReason()).isEqualTo(Reason.AUTHENTICATION);
        assertThat(new X2GoPasswordRequiredException("m", new IOException()).connectionReason())
                .isEqualTo(Reason.AUTHENTICATION);
        assertThat(new X2GoNotAnX2GoServerException("m").connectionReason()).isEqualTo(Reason.NOT_X2GO_SERVER);
        assertThat(new X2GoTimeOutException("m", new ConnectException()).connectionReason()).isEqualTo(Reason.TIMEOUT);
        assertThat(new X2GoControlSessionException("m").connectionReason()).isEqualTo(Reason.LOST);
        assertThat(new X2GoSshException("m").connectionReason()).isEqualTo(Reason.FAILED);
        assertThat(new X2GoRemoteHomeException("m").connectionReason()).isEqualTo(Reason.FAILED);
        assertThat(new X2GoSftpException("m").connectionReason()).isEqualTo(Reason.FAILED);
        assertThat(new X2GoConnectionException(Reason.REFUSED, "m").connectionReason()).isEqualTo(Reason.REFUSED);
        assertThatThrownBy(() -> new X2GoConnectionException(null, "m")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aHostKeyFailureKeepsItsOwnReasonAndIsAConnectionFailureOfReasonHostKey() {
        for (X2GoHostKeyException.Reason r : X2GoHostKeyException.Reason.values()) {
            X2GoHostKeyException e = hostKey(r);
            assertThat(e.reason()).isEqualTo(r);
            assertThat(e.connectionReason()).isEqualTo(Reason.HOST_KEY);
        }
    }

    @Test
    void theReasonOfAWrappedFailureComesFromTheTypeOfItsCause() {
        // an SSH library wraps the socket exception; the chain is walked
        assertThat(new X2GoSshException("m", new IOException("wrapped", new ConnectException("x"))).connectionReason())
                .isEqualTo(Reason.REFUSED);
        assertThat(new X2GoSshException("m", new UnknownHostException("x")).connectionReason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(new X2GoSshException("m", new NoRouteToHostException("x")).connectionReason())
                .isEqualTo(Reason.UNREACHABLE);
        assertThat(new X2GoSshException("m", new SocketTimeoutException()).connectionReason()).isEqualTo(Reason.TIMEOUT);
        assertThat(new X2GoSshException("m", new java.util.concurrent.TimeoutException()).connectionReason())
                .isEqualTo(Reason.TIMEOUT);
        assertThat(new X2GoSshException("m", new IOException("Connection refused")).connectionReason())
                .as("message text never decides").isEqualTo(Reason.FAILED);
        assertThat(new X2GoSftpException("m", new SocketTimeoutException()).connectionReason()).isEqualTo(Reason.TIMEOUT);
        // the client wraps a transport's connect timeout in X2GoControlSessionException: the reason survives
        assertThat(new X2GoControlSessionException("m", new X2GoTimeOutException("t")).connectionReason())
                .isEqualTo(Reason.TIMEOUT);
        assertThat(new X2GoControlSessionException("m", new IOException()).connectionReason()).isEqualTo(Reason.LOST);
        assertThat(new X2GoControlSessionException("m", null).connectionReason()).isEqualTo(Reason.LOST);
    }

    @Test
    void aCyclicCauseChainEndsTheSearch() {
        IOException a = new IOException("a");
        IOException b = new IOException("b", a);
        a.initCause(b);
        assertThat(X2GoConnectionException.reasonOf(a, Reason.LOST)).isEqualTo(Reason.LOST);
    }

    private static X2GoHostKeyException hostKey(X2GoHostKeyException.Reason r) {
        return new X2GoHostKeyException("h", 22, "ssh-ed25519", "SHA256:x", r);
    }
}
