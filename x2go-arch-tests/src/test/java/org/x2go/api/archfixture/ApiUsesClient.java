package org.x2go.api.archfixture;

import org.x2go.client.X2GoClient;

/** Deliberately bad: the API depending on the facade. */
public class ApiUsesClient {
    X2GoClient client;
}
