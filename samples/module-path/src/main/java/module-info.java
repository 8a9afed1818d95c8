/**
 * An application on the module path: it requires the client only; the backends are bound through the
 * {@code uses} clauses of {@code org.x2go.api}.
 */
module org.x2go.sample.modulepath {
    requires org.x2go.client;
    requires org.slf4j;
}
