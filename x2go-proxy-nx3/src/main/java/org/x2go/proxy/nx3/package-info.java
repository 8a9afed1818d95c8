/**
 * The NX3 graphics proxy backend ({@code x2go.backend.proxy=NX3}): starts the local {@code nxproxy}
 * against a session's agent through an SSH port forward and supervises it (spec §9, R-PRX-1..4).
 *
 * <p>Entry point: {@link org.x2go.proxy.nx3.Nx3ProxyProvider}, registered for
 * {@link org.x2go.spi.ProxyProvider} in {@code META-INF/services}. {@link org.x2go.proxy.nx3.Nx3CommandLine}
 * is the pure command-line builder; {@link org.x2go.proxy.nx3.ProcessLauncher} lets tests replace how
 * the process is spawned.
 */
package org.x2go.proxy.nx3;
