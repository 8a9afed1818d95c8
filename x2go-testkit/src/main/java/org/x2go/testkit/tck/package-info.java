/**
 * Abstract JUnit 5 compatibility kits (Micrometer {@code MeterRegistryCompatibilityKit} style): extend
 * one, implement its factory method, and every test of the kit runs against your implementation.
 * <ul>
 *   <li>{@link org.x2go.testkit.tck.RemoteShellCompatibilityKit} for {@link org.x2go.spi.SshTransport}</li>
 *   <li>{@link org.x2go.testkit.tck.ControlSessionCompatibilityKit} for {@link org.x2go.spi.ControlSessionProvider}</li>
 *   <li>{@link org.x2go.testkit.tck.ClientSettingsCompatibilityKit} for {@link org.x2go.spi.ClientSettings}</li>
 * </ul>
 */
package org.x2go.testkit.tck;
