/** The {@code PLAIN} control, terminal and parser backends and the {@code JSCH} SSH transport. */
module org.x2go.backend.plain {
    requires transitive org.x2go.api;
    requires org.slf4j;
    requires com.jcraft.jsch;

    exports org.x2go.backend.plain;

    provides org.x2go.spi.ControlSessionProvider with org.x2go.backend.plain.PlainControlSessionProvider;
    provides org.x2go.spi.SessionInfoParser with org.x2go.backend.plain.PlainSessionInfoParser;
    provides org.x2go.spi.SessionListParser with org.x2go.backend.plain.PlainSessionListParser;
    provides org.x2go.spi.SshTransport with org.x2go.backend.plain.JschTransport;
    provides org.x2go.spi.TerminalSessionProvider with org.x2go.backend.plain.PlainTerminalSessionProvider;
}
