package org.x2go.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.x2go.api.X2GoClientSettingsException;
import org.x2go.spi.ClientSettings;

/** A minimal settings store used only to prove that {@code ClientSettingsCompatibilityKit} can be passed. */
final class ReferenceClientSettings implements ClientSettings {
    private static final Map<String, Map<String, String>> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("LDAP", ordered("useldap", "0", "port", "389", "server", "localhost", "port1", "0", "port2", "0"));
        DEFAULTS.put("General", ordered("clientport", "22", "autoresume", "1"));
        DEFAULTS.put("Authorization", ordered("newprofile", "1", "suspend", "1", "editprofile", "1", "resume", "1"));
        DEFAULTS.put("trayicon", ordered("enabled", "1", "mintotray", "1", "noclose", "1", "mincon", "1",
                "maxdiscon", "1"));
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private final Path file;
    private final Map<String, Map<String, String>> model = new LinkedHashMap<>();

    ReferenceClientSettings(Path dir) {
        this.file = dir.resolve("settings");
        boolean existed = Files.exists(file);
        if (existed) {
            read();
        }
        DEFAULTS.forEach((s, kv) -> kv.forEach((k, v) -> model.computeIfAbsent(s, x -> new LinkedHashMap<>())
                .putIfAbsent(k, v)));
        if (!existed) {
            save();
        }
    }

    private void read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new X2GoClientSettingsException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> section = null;
        for (String raw : lines) {
            String l = raw.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
                continue;
            }
            if (l.startsWith("[") && l.endsWith("]")) {
                section = model.computeIfAbsent(l.substring(1, l.length() - 1), x -> new LinkedHashMap<>());
                continue;
            }
            int eq = l.indexOf('=');
            int colon = l.indexOf(':');
            int sep = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (section == null || sep <= 0) {
                throw new X2GoClientSettingsException("malformed line in " + file + ": " + raw);
            }
            section.put(l.substring(0, sep).strip(), l.substring(sep + 1).strip());
        }
    }

    @Override
    public Set<String> sections() {
        return Set.copyOf(model.keySet());
    }

    @Override
    public Optional<String> get(String section, String key) {
        return Optional.ofNullable(model.getOrDefault(section, Map.of()).get(key));
    }

    private String require(String section, String key) {
        return get(section, key).orElseThrow(() -> new X2GoClientSettingsException("no value for " + section + "/" + key));
    }

    @Override
    public boolean getBoolean(String section, String key) {
        String v = require(section, key).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "1", "yes", "true", "on" -> true;
            case "0", "no", "false", "off" -> false;
            default -> throw new X2GoClientSettingsException("not a boolean: " + section + "/" + key + " = " + v);
        };
    }

    @Override
    public int getInt(String section, String key) {
        String v = require(section, key);
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new X2GoClientSettingsException("not an int: " + section + "/" + key + " = " + v, e);
        }
    }

    @Override
    public List<String> getList(String section, String key) {
        String v = require(section, key).strip();
        if (v.startsWith("[") && v.endsWith("]")) {
            List<String> out = new ArrayList<>();
            for (String part : v.substring(1, v.length() - 1).split(",")) {
                String p = part.strip();
                if (p.length() >= 2 && (p.startsWith("'") || p.startsWith("\""))) {
                    p = p.substring(1, p.length() - 1);
                }
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
            return out;
        }
        if (v.contains(",")) {
            return List.of(v.split("\\s*,\\s*"));
        }
        return List.of(v);
    }

    @Override
    public void set(String section, String key, Object value) {
        String v = value instanceof Boolean b ? (b ? "1" : "0")
                : value instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList())
                : String.valueOf(value);
        model.computeIfAbsent(section, x -> new LinkedHashMap<>()).put(key, v);
    }

    @Override
    public void save() {
        StringBuilder b = new StringBuilder();
        model.forEach((s, kv) -> {
            b.append('[').append(s).append("]\n");
            kv.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
            b.append('\n');
        });
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.writeString(file.resolveSibling("settings.tmp"), b.toString());
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
