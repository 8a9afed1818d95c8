package org.x2go.api;

import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP proxy that the SSH connection goes through with {@code CONNECT host:port} (x2goclient's
 * {@code sshproxytype=HTTP}), optionally with basic authentication. Applies to the first hop: the
 * {@link JumpHost} if there is one, else the X2Go server.
 *
 * @param host     proxy host
 * @param port     proxy port
 * @param username basic-auth user, if any
 * @param password basic-auth password, if any
 */
public record HttpProxy(String host, int port, Optional<String> username, Optional<String> password) {

    /** Validates every field; the message names the bad one. */
    public HttpProxy {
        Objects.requireNonNull(host, "proxy host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("proxy host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port out of range 1..65535: " + port);
        }
        username = Objects.requireNonNullElse(username, Optional.<String>empty()).filter(u -> !u.isEmpty());
        password = Objects.requireNonNullElse(password, Optional.empty());
        if (password.isPresent() && username.isEmpty()) {
            throw new IllegalArgumentException("proxy password given without a proxy user");
        }
    }

    /** @param host proxy host @param port proxy port @return a proxy without authentication */
    public static HttpProxy of(String host, int port) {
        return new HttpProxy(host, port, Optional.empty(), Optional.empty());
    }

    /** @param user basic-auth user @param pw its password @return a copy with basic authentication */
    public HttpProxy withBasicAuth(String user, String pw) {
        return new HttpProxy(host, port, Optional.of(user), Optional.of(pw));
    }

    /** Hides the password. */
    @Override
    public String toString() {
        return "HttpProxy[" + KnownHosts.hostToken(host, port) + ", user=" + username.orElse("none") + "]";
    }
}
