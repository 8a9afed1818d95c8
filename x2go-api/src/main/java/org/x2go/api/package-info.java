/**
 * Public types of x2go-java: session states and snapshots, server session facts, listener events,
 * connection and session parameters, backend selection and the exception hierarchy rooted at
 * {@link org.x2go.api.X2GoException}.
 */
package org.x2go.api;
