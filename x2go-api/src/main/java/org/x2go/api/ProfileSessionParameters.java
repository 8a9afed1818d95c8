package org.x2go.api;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a session profile means for one session (spec R-CNV): python-x2go's session parameter set plus
 * typed views for the SSH connection and the terminal. Produced by {@link ProfileConverter}. Immutable.
 *
 * @param profileId      the profile ID, empty for an ad-hoc session
 * @param profileName    the profile name
 * @param params         python's parameter names ({@code server}, {@code username}, {@code geometry}, ...)
 *                       → typed values ({@link String}, {@link Integer}, {@link Boolean}, {@code List<String>})
 * @param terminalParams the parameters for starting or resuming the session
 */
public record ProfileSessionParameters(Optional<String> profileId, String profileName, Map<String, Object> params,
                                       TerminalParams terminalParams) {

    /**
     * The SSH jump host of a profile ({@code usesshproxy}).
     *
     * @param host          jump host
     * @param port          its SSH port
     * @param user          user on the jump host
     * @param keyFilename   private key file for the jump host, empty for none
     * @param reuseAuthInfo whether to reuse the session's password/key ({@code sshproxysamepass})
     * @param lookForKeys   whether to look for keys in {@code ~/.ssh}
     * @param allowAgent    whether to ask the SSH agent
     */
    public record SshProxy(String host, int port, String user, String keyFilename, boolean reuseAuthInfo,
                           boolean lookForKeys, boolean allowAgent) {
        /** Validates the fields. */
        public SshProxy {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(keyFilename, "keyFilename");
        }
    }

    /** Copies the parameters, keeping their order. */
    public ProfileSessionParameters {
        profileId = Objects.requireNonNullElse(profileId, Optional.empty());
        Objects.requireNonNull(profileName, "profileName");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(params, "params")));
        Objects.requireNonNull(terminalParams, "terminalParams");
    }

    /**
     * @param name a python parameter name
     * @return its value
     */
    public Optional<Object> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** @return the candidate servers ({@code host}); one is chosen per connection (R-PRF-8) */
    public List<String> servers() {
        return strings("server");
    }

    /**
     * Picks the server for one connection: a uniformly random choice among the non-blank {@link #servers()}
     * (R-PRF-8).
     *
     * @param random the random source
     * @return a server
     * @throws X2GoProfileException when the profile names no server
     */
    public String chooseServer(java.util.random.RandomGenerator random) {
        List<String> candidates = servers().stream().filter(s -> !s.isBlank()).toList();
        if (candidates.isEmpty()) {
            throw new X2GoProfileException("Profile '" + profileName + "' names no server (host is empty)");
        }
        return candidates.get(random.nextInt(candidates.size()));
    }

    /** @return the SSH port ({@code sshport}) */
    public int port() {
        return (Integer) params.get("port");
    }

    /** @return the remote user ({@code user}) */
    public String username() {
        return (String) params.get("username");
    }

    /** @return the private key file ({@code key}), empty for none */
    public String keyFilename() {
        return (String) params.get("key_filename");
    }

    /** @return whether to look for keys in {@code ~/.ssh} ({@code autologin}) */
    public boolean lookForKeys() {
        return flag("look_for_keys");
    }

    /** @return whether to ask the SSH agent (set together with {@link #lookForKeys()}) */
    public boolean allowAgent() {
        return flag("allow_agent");
    }

    /** @return whether to forward the SSH agent ({@code forwardsshagent}) */
    public boolean forwardSshAgent() {
        return flag("forward_sshagent");
    }

    /** @return the local folders to share automatically (only those flagged {@code :1}; python shared all, Q-16) */
    public List<String> shareLocalFolders() {
        return strings("share_local_folders");
    }

    /** @return whether local folders may be shared ({@code useexports}) */
    public boolean allowShareLocalFolders() {
        return flag("allow_share_local_folders");
    }

    /** @return whether client-side printing is enabled ({@code print}) */
    public boolean printing() {
        return flag("printing");
    }

    /** @return whether the MIME box is enabled ({@code usemimebox}) */
    public boolean allowMimebox() {
        return flag("allow_mimebox");
    }

    /** @return MIME box extension whitelist (a list; python kept the comma text, Q-15) */
    public List<String> mimeboxExtensions() {
        return strings("mimebox_extensions");
    }

    /** @return MIME box action: {@code OPEN}, {@code OPENWITH} or {@code SAVEAS} */
    public String mimeboxAction() {
        return (String) params.get("mimebox_action");
    }

    /** @return whether to start or resume automatically after connect ({@code autostart}) */
    public boolean autoStartOrResume() {
        return flag("auto_start_or_resume");
    }

    /** @return whether to connect automatically ({@code autoconnect}) */
    public boolean autoConnect() {
        return flag("auto_connect");
    }

    /** @return whether the session provides published applications ({@code published}) */
    public boolean publishedApplications() {
        return flag("published_applications");
    }

    /** @return the jump host, when {@code usesshproxy} is set */
    public Optional<SshProxy> sshProxy() {
        if (!flag("use_sshproxy")) {
            return Optional.empty();
        }
        return Optional.of(new SshProxy((String) params.get("sshproxy_host"), (Integer) params.get("sshproxy_port"),
                (String) params.get("sshproxy_user"), (String) params.get("sshproxy_key_filename"),
                flag("sshproxy_reuse_authinfo"), flag("sshproxy_look_for_keys"), flag("sshproxy_allow_agent")));
    }

    /** @return x2goclient's {@code sshproxytype}, upper case ({@code SSH} by default) */
    public String sshProxyType() {
        Object v = params.get("sshproxy_type");
        return v == null || ((String) v).isBlank() ? "SSH" : ((String) v).strip().toUpperCase(java.util.Locale.ROOT);
    }

    /** @return whether to log in with Kerberos ({@code krblogin}) */
    public boolean krbLogin() {
        return flag("krb_login");
    }

    /**
     * A connection builder for one of the {@link #servers()}: port, user, key file, agent use, agent
     * forwarding, Kerberos and the jump host or HTTP proxy come from the profile; the caller adds
     * password, known_hosts and policy. The jump host gets the profile's {@code sshproxyuser} (the session
     * user when empty), {@code sshproxykeyfile} and, with {@code sshproxyautologin}, the agent. With
     * {@code sshproxysamepass} the caller should also hand the session's password to the jump host (see
     * {@link SshProxy#reuseAuthInfo()}).
     *
     * @param host the chosen server
     * @return a builder
     * @throws X2GoProfileException when {@code usesshproxy} is set but the proxy cannot be honoured
     *                              (no host, bad port, unknown {@code sshproxytype}); never a direct connection
     */
    public ConnectOptions.Builder connectOptions(String host) {
        ConnectOptions.Builder b = ConnectOptions.builder(host, username()).port(port()).useAgent(allowAgent())
                .forwardAgent(forwardSshAgent()).gssapi(krbLogin());
        String key = keyFilename();
        if (key != null && !key.isBlank()) {
            b.privateKey(Path.of(expandHome(key)));
        }
        Optional<SshProxy> proxy;
        try {
            proxy = sshProxy();
        } catch (RuntimeException e) {
            throw new X2GoProfileException("Profile '" + profileName + "': usesshproxy is set but the proxy settings are "
                    + "incomplete: " + e.getMessage(), e);
        }
        proxy.ifPresent(p -> applyProxy(b, p));
        return b;
    }

    private void applyProxy(ConnectOptions.Builder b, SshProxy p) {
        String where = "Profile '" + SafeText.visible(profileName) + "': usesshproxy is set but ";
        if (p.host().isBlank()) {
            throw new X2GoProfileException(where + "sshproxyhost is empty (no direct connection is made instead)");
        }
        String type = sshProxyType();
        try {
            switch (type) {
                case "SSH" -> {
                    String user = p.user().isBlank() ? username() : p.user();
                    JumpHost j = JumpHost.of(p.host(), p.port(), user).withAgent(p.allowAgent());
                    if (!p.keyFilename().isBlank()) {
                        j = j.withPrivateKeys(List.of(Path.of(expandHome(p.keyFilename()))));
                    }
                    b.jumpHost(j);
                }
                case "HTTP" -> {
                    HttpProxy h = HttpProxy.of(p.host(), p.port());
                    if (!p.user().isBlank()) {
                        h = new HttpProxy(p.host(), p.port(), Optional.of(p.user()), Optional.empty());
                    }
                    b.httpProxy(h);
                }
                default -> throw new X2GoProfileException(where + "sshproxytype '" + SafeText.visible(type)
                        + "' is neither SSH nor HTTP (no direct connection is made instead)");
            }
        } catch (IllegalArgumentException e) {
            throw new X2GoProfileException(where + "the proxy settings are invalid: " + e.getMessage(), e);
        }
    }

    private static String expandHome(String p) {
        if (p.equals("~") || p.startsWith("~/")) {
            return System.getProperty("user.home") + p.substring(1);
        }
        return p;
    }

    private boolean flag(String name) {
        return Boolean.TRUE.equals(params.get(name));
    }

    @SuppressWarnings("unchecked")
    private List<String> strings(String name) {
        Object v = params.get(name);
        return v == null ? List.of() : (List<String>) v;
    }
}
