package org.x2go.spi;

/** Starts graphics proxies. Selected by {@code x2go.backend.proxy}; default {@code NX3}. */
public interface ProxyProvider extends NamedProvider {
    /**
     * @param request the session to attach to
     * @return the running proxy
     * @throws org.x2go.api.X2GoProxyException when the proxy binary is missing or fails to start
     */
    GraphicsProxy start(ProxyRequest request);
}
