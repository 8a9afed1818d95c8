package org.x2go.spi;

/**
 * Common shape of every service-provider interface: a provider is registered in
 * {@code META-INF/services/<SPI interface name>} and chosen by its {@link #name()}.
 */
public interface NamedProvider {
    /**
     * @return the backend name configuration selects this provider by ({@code PLAIN}, {@code NX3},
     *         {@code FILE}, {@code JSCH}, ...); matched case-insensitively
     */
    String name();
}
