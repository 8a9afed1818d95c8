/**
 * The {@link org.x2go.client.X2GoClient} facade and its Guice module {@link org.x2go.client.X2GoModule}.
 * This package and the CLI are the only places that use Guice.
 */
package org.x2go.client;
