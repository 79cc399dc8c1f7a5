package io.github.jwtextended.example.flow;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Prometheus text exposition read by a real parser: the Python client's
 * ({@code prometheus_client.parser.text_string_to_metric_families}, Debian's
 * {@code python3-prometheus-client}), run as {@code /usr/bin/python3}. A body it cannot parse
 * fails the test.
 *
 * <p>Thread safety: immutable.
 */
public final class PrometheusText {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = String.join("\n",
            "import json, sys",
            "from prometheus_client.parser import text_string_to_metric_families",
            "out = [{'name': f.name, 'type': f.type, 'samples': [{'name': s.name, 'labels': s.labels, 'value': s.value}"
                    + " for s in f.samples]} for f in text_string_to_metric_families(sys.stdin.read())]",
            "json.dump(out, sys.stdout)");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** A metric family: its name as the parser gives it, its type, its samples. */
    public record Family(String name, String type, List<Sample> samples) {
    }

    private final Map<String, Family> families;

    private PrometheusText(Map<String, Family> families) {
        this.families = families;
    }

    /** Parses {@code exposition}; fails when the parser refuses it. */
    public static PrometheusText parse(String exposition) {
        Process p;
        try {
            p = new ProcessBuilder(PYTHON, "-c", SCRIPT).redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + PYTHON + " (the python3-prometheus-client package)", e);
        }
        try {
            try (OutputStream in = p.getOutputStream()) {
                in.write(exposition.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("the Prometheus parser refused the exposition: " + err);
            }
            Map<String, Family> families = new LinkedHashMap<>();
            for (JsonNode f : JSON.readTree(out)) {
                List<Sample> samples = new ArrayList<>();
                for (JsonNode s : f.get("samples")) {
                    Map<String, String> labels = new LinkedHashMap<>();
                    s.get("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                    samples.add(new Sample(s.get("name").asText(), Map.copyOf(labels), s.get("value").asDouble()));
                }
                Family family = new Family(f.get("name").asText(), f.get("type").asText(), List.copyOf(samples));
                families.put(family.name(), family);
            }
            return new PrometheusText(families);
        } catch (IOException e) {
            throw new AssertionError("reading the parser's answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            p.destroyForcibly();
        }
    }

    /** The families by name. */
    public Map<String, Family> families() {
        return families;
    }

    /** The family {@code name}; fails when there is none. */
    public Family family(String name) {
        Family f = families.get(name);
        if (f == null) {
            throw new AssertionError("no metric family " + name + " in " + families.keySet());
        }
        return f;
    }

    /**
     * The value of the sample {@code sample} whose labels include {@code labels} (name, value, ...)
     * in family {@code family}; fails unless exactly one sample matches.
     */
    public double value(String family, String sample, String... labels) {
        List<Sample> found = new ArrayList<>();
        for (Sample s : family(family).samples()) {
            boolean match = s.name().equals(sample);
            for (int i = 0; match && i < labels.length; i += 2) {
                match = labels[i + 1].equals(s.labels().get(labels[i]));
            }
            if (match) {
                found.add(s);
            }
        }
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples " + sample + " match " + String.join(",", labels) + " in " + family(family).samples());
        }
        return found.get(0).value();
    }
}
