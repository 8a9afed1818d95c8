package org.x2go.registry;

/**
 * An operation of this client that the server carries out with a delay, during which the server's
 * list still shows intermediate states. While it is open on a record (see
 * {@link SessionRegistry#openOwnOperation}), status updates attribute what they see to this client
 * and do not report the intermediate states at all.
 */
public enum OwnOperation {
    /** This client asked the server to suspend the session; done once the server lists it as suspended. */
    SUSPEND,
    /** This client asked the server to terminate the session; done once the server no longer lists it. */
    TERMINATE
}
