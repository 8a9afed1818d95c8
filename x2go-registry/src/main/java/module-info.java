/** The session registry; {@code org.x2go.registry.internal} stays private to this module. */
module org.x2go.registry {
    requires transitive org.x2go.api;
    requires org.slf4j;

    exports org.x2go.registry;
}
