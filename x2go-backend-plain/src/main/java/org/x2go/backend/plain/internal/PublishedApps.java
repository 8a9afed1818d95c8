package org.x2go.backend.plain.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.PublishedApplication;
import org.x2go.api.SafeText;

/**
 * Parses {@code x2gogetapps} output (R-CTL-12, real-server §3.5): blocks {@code <desktop>...</desktop>},
 * each optionally holding an {@code <icon>...</icon>} block with a base64 PNG. Entries without
 * {@code Exec=} or {@code Name=} are logged and skipped.
 */
public final class PublishedApps {
    private static final Logger LOG = LoggerFactory.getLogger(PublishedApps.class);

    private PublishedApps() {
    }

    /**
     * @param body de-framed output
     * @return the applications in server order
     */
    public static List<PublishedApplication> parse(String body) {
        List<PublishedApplication> out = new ArrayList<>();
        List<String> block = null;
        for (String raw : body.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.equals("<desktop>")) {
                block = new ArrayList<>();
            } else if (line.equals("</desktop>")) {
                if (block != null) {
                    entry(block).ifPresent(out::add);
                }
                block = null;
            } else if (block != null) {
                block.add(line);
            }
        }
        return List.copyOf(out);
    }

    private static Optional<PublishedApplication> entry(List<String> lines) {
        String name = null;
        String comment = null;
        String exec = null;
        boolean terminal = false;
        List<String> categories = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> comments = new LinkedHashMap<>();
        StringBuilder icon = null;
        String iconText = null;
        for (String line : lines) {
            if (line.equals("<icon>")) {
                icon = new StringBuilder();
                continue;
            }
            if (line.equals("</icon>")) {
                iconText = icon == null ? null : icon.toString();
                icon = null;
                continue;
            }
            if (icon != null) {
                icon.append(line.strip());
                continue;
            }
            String[] kv = line.split("=", 2);
            if (kv.length < 2) {
                continue;
            }
            String key = kv[0];
            String value = kv[1];
            if (key.equals("Name")) {
                name = value;
            } else if (key.startsWith("Name[") && key.endsWith("]")) {
                names.put(key.substring(5, key.length() - 1), value);
            } else if (key.equals("Comment")) {
                comment = value;
            } else if (key.startsWith("Comment[") && key.endsWith("]")) {
                comments.put(key.substring(8, key.length() - 1), value);
            } else if (key.equals("Exec")) {
                exec = value.replaceAll("\\s*%[fFuU]", "").strip();
            } else if (key.equals("Terminal")) {
                terminal = value.strip().equalsIgnoreCase("true");
            } else if (key.equals("Categories")) {
                for (String c : value.split(";")) {
                    if (!c.isBlank()) {
                        categories.add(c.strip());
                    }
                }
            }
        }
        if (name == null || exec == null || exec.isEmpty()) {
            LOG.warn("x2gogetapps entry skipped: no {} (entry: {})", name == null ? "Name=" : "Exec=",
                    lines.isEmpty() ? "" : SafeText.excerpt(lines.get(0)));
            return Optional.empty();
        }
        return Optional.of(new PublishedApplication(name, comment, exec, terminal, categories,
                Optional.ofNullable(iconText == null || iconText.isEmpty() ? null : iconText), names, comments));
    }
}
