/**
 * The TUNNEL graphics backend ({@code x2go.backend.proxy=TUNNEL}) for headless gateways: opens a
 * session's graphics tunnel and keeps its agent attached without a display, so the session survives
 * suspend and resume; or, with {@code x2go.proxy.tunnel.attach=NONE}, only opens the tunnel for the
 * gateway's own NX client ({@link org.x2go.spi.GraphicsProxy#tunnelAddress()},
 * {@link org.x2go.spi.GraphicsProxy#sessionCookie()}).
 *
 * <p>Entry point: {@link org.x2go.proxy.tunnel.TunnelProxyProvider}, registered for
 * {@link org.x2go.spi.ProxyProvider} in {@code META-INF/services}; configuration:
 * {@link org.x2go.proxy.tunnel.TunnelOptions}.
 */
package org.x2go.proxy.tunnel;
