package org.x2go.spi;

import org.x2go.api.ConnectOptions;

/**
 * Opens SSH connections. Providers: {@code JSCH} (default, x2go-backend-plain) and {@code SSHJ}
 * (x2go-backend-sshj). Selected by {@code x2go.backend.ssh}.
 */
public interface SshTransport extends NamedProvider {
    /**
     * Connects, verifies the host key against {@link ConnectOptions#knownHosts()} and authenticates.
     *
     * @param options where and how to connect
     * @return the authenticated connection
     * @throws org.x2go.api.X2GoHostKeyException         host key unknown (strict policy) or changed
     * @throws org.x2go.api.X2GoAuthenticationException  every method was rejected
     * @throws org.x2go.api.X2GoSshException             any other connection failure
     */
    RemoteShell connect(ConnectOptions options);
}
