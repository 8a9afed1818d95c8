/** The {@code TUNNEL} graphics proxy backend. */
module org.x2go.proxy.tunnel {
    requires transitive org.x2go.api;
    requires org.slf4j;

    exports org.x2go.proxy.tunnel;

    provides org.x2go.spi.ProxyProvider with org.x2go.proxy.tunnel.TunnelProxyProvider;
}
