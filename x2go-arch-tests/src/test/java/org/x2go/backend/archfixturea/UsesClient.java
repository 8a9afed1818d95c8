package org.x2go.backend.archfixturea;

import org.x2go.client.X2GoClient;

/** Deliberately bad: a backend depending on the facade. */
public class UsesClient {
    X2GoClient client;
}
