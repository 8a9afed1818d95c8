/** The session guardian: refreshes the registry's records from the servers in the background. */
module org.x2go.guardian {
    requires transitive org.x2go.registry;
    requires org.slf4j;

    exports org.x2go.guardian;
}
