package org.x2go.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.Test;

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
}
