/**
 * Service-provider interfaces. Every SPI extends {@link org.x2go.spi.NamedProvider}; providers are
 * registered in {@code META-INF/services/<interface name>} and selected by name through
 * {@link org.x2go.api.Backends} with the keys of {@link org.x2go.api.BackendKind}.
 */
package org.x2go.spi;
