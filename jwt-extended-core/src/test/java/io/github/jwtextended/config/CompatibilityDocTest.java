package io.github.jwtextended.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/compatibility.md}'s options table against the mapping table {@link Settings}: one row
 * per setting and none else, each with the setting's Java name and default, and "(ours)" exactly on
 * the keys flask-jwt-extended does not have. The documentation cannot drift from the code.
 */
class CompatibilityDocTest {
    private static final Pattern ROW = Pattern.compile("^\\| `(JWT_[A-Z_]+)` \\| `([A-Za-z.]+)` \\| ([^|]+) \\| ([^|]*) \\|$");

    private static Map<String, Matcher> rows() throws IOException {
        String doc = Files.readString(Path.of("../docs/compatibility.md"));
        String options = doc.substring(doc.indexOf("## Options"), doc.indexOf("## Callbacks"));
        Map<String, Matcher> rows = new LinkedHashMap<>();
        for (String line : options.lines().filter(l -> l.startsWith("| `JWT_")).toList()) {
            Matcher m = ROW.matcher(line);
            assertThat(m.matches()).as("a row of four cells: %s", line).isTrue();
            assertThat(rows.put(m.group(1), m)).as("one row for %s", m.group(1)).isNull();
        }
        return rows;
    }

    @Test
    void everySettingHasItsRowWithItsJavaNameAndDefault() throws IOException {
        Map<String, Matcher> rows = rows();
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(FlaskConfig.knownKeys());
        for (Setting s : Settings.all()) {
            Matcher row = rows.get(s.flaskKey());
            assertThat(row.group(2)).as("Java name of %s", s.flaskKey()).isEqualTo(s.javaName());
            assertThat(row.group(3).strip()).as("default of %s", s.flaskKey()).isEqualTo(shown(s.defaultText()));
            boolean ours = !SettingsTest.REFERENCE_KEYS.contains(s.flaskKey());
            assertThat(row.group(4).contains("(ours)")).as("(ours) on %s", s.flaskKey()).isEqualTo(ours);
        }
    }

    /** How the table shows a default: none (not set), empty (an empty text or list), or the flask-style text. */
    private static String shown(String text) {
        return text == null ? "none" : text.isEmpty() ? "empty" : "`" + text + "`";
    }
}
