/**
 * The session registry of x2go-java: every session a client knows, with one
 * {@link org.x2go.api.SessionState} per record, and the list-sessions cache.
 *
 * <p>{@link org.x2go.registry.SessionRegistry} indexes records by UUID, profile ID, profile name,
 * session name and state, hands out immutable {@link org.x2go.api.SessionSummary} snapshots, and tells
 * {@link org.x2go.api.SessionListener}s about changes outside its lock, in order, with the cause the
 * evidence allows ({@link org.x2go.api.EventCause}). Queries return a
 * {@link org.x2go.registry.SessionSelection}. {@link org.x2go.registry.ListSessionsCache} keeps the
 * server's lists per profile.
 *
 * <p>{@link org.x2go.registry.SessionRegistryView} is the registry's read-only query view, for code
 * that may look at sessions but must not change them.
 */
package org.x2go.registry;
