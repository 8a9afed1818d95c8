/** The {@code NX3} graphics proxy backend (the system's {@code nxproxy}). */
module org.x2go.proxy.nx3 {
    requires transitive org.x2go.api;
    requires org.slf4j;

    exports org.x2go.proxy.nx3;

    provides org.x2go.spi.ProxyProvider with org.x2go.proxy.nx3.Nx3ProxyProvider;
}
