/**
 * The public API ({@code org.x2go.api}) and the service-provider interfaces ({@code org.x2go.spi}) of
 * x2go-java. {@link org.x2go.api.Backends} runs the {@link java.util.ServiceLoader} look-ups itself, so
 * this module declares {@code uses} for every SPI: on the module path the providers of the backend
 * modules are then found through their {@code provides} clauses (on the class path through
 * {@code META-INF/services}).
 */
module org.x2go.api {
    requires org.slf4j;

    exports org.x2go.api;
    exports org.x2go.spi;

    uses org.x2go.spi.ControlSessionProvider;
    uses org.x2go.spi.TerminalSessionProvider;
    uses org.x2go.spi.SessionInfoParser;
    uses org.x2go.spi.SessionListParser;
    uses org.x2go.spi.ProxyProvider;
    uses org.x2go.spi.SettingsProvider;
    uses org.x2go.spi.SessionProfilesProvider;
    uses org.x2go.spi.PrintingProvider;
    uses org.x2go.spi.SshTransport;
}
