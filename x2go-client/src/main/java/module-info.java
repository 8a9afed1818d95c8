/**
 * The {@link org.x2go.client.X2GoClient} facade. The backends are not required here: they are found
 * through the {@code uses} clauses of {@code org.x2go.api} (service binding), so an application on the
 * module path needs only {@code requires org.x2go.client;} and the backend jars on the module path.
 *
 * <p>Guice ({@code com.google.guice}) and {@code org.x2go.folders} are automatic modules: the latter
 * needs MINA SSHD, whose {@code sshd-core} and {@code sshd-common} jars share packages and so must stay
 * on the class path (see the README, "Java modules").
 */
module org.x2go.client {
    requires transitive org.x2go.api;
    requires transitive org.x2go.registry;
    requires transitive org.x2go.guardian;
    requires transitive org.x2go.folders;
    requires transitive com.google.guice;
    requires org.slf4j;
    // Guice, an automatic module, declares no dependencies, and explicit modules on the module path are
    // resolved only when some module requires them: these are the named modules Guice needs at run time
    requires com.google.common;
    requires jakarta.inject;

    exports org.x2go.client;
    // Guice reflects on X2GoModule and the providers it binds
    opens org.x2go.client to com.google.guice;
}
