/**
 * The {@code SSHJ} SSH transport. sshj declares only an {@code Automatic-Module-Name}
 * ({@code com.hierynomus.sshj}), so this module requires an automatic module.
 */
module org.x2go.backend.sshj {
    requires transitive org.x2go.api;
    requires org.slf4j;
    requires com.hierynomus.sshj;

    exports org.x2go.backend.sshj;

    provides org.x2go.spi.SshTransport with org.x2go.backend.sshj.SshjTransport;
}
