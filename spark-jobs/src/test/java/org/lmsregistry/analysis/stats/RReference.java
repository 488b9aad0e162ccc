package org.lmsregistry.analysis.stats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reference values computed by R (see {@code src/test/resources/r/}), read from a fixture
 * {@code src/test/resources/fixtures/<name>.csv} with the columns {@code case,key,index,value}.
 * No R is needed at test time.
 */
final class RReference {

    private final String name;
    private final Map<String, Map<String, List<String>>> cases = new LinkedHashMap<>();

    private RReference(String name) {
        this.name = name;
    }

    static RReference load(String name) {
        RReference ref = new RReference(name);
        try (BufferedReader reader = open(name + ".csv")) {
            String header = reader.readLine();
            if (!"case,key,index,value".equals(header)) {
                throw new IllegalStateException(name + ": unexpected header " + header);
            }
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] parts = line.split(",", -1);
                if (parts.length != 4) {
                    throw new IllegalStateException(name + ": malformed line " + line);
                }
                List<String> values = ref.cases.computeIfAbsent(parts[0], k -> new LinkedHashMap<>())
                        .computeIfAbsent(parts[1], k -> new ArrayList<>());
                int index = Integer.parseInt(parts[2]);
                if (index != values.size() + 1) {
                    throw new IllegalStateException(name + ": out-of-order index in " + line);
                }
                values.add(parts[3]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ref;
    }

    static BufferedReader open(String resource) {
        InputStream in = RReference.class.getResourceAsStream("/fixtures/" + resource);
        if (in == null) {
            throw new IllegalStateException("missing fixture /fixtures/" + resource
                    + " (regenerate with the R scripts in src/test/resources/r)");
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    Set<String> cases() {
        return cases.keySet();
    }

    boolean has(String caseName, String key) {
        return cases.containsKey(caseName) && cases.get(caseName).containsKey(key);
    }

    double scalar(String caseName, String key) {
        double[] v = vector(caseName, key);
        if (v.length != 1) {
            throw new IllegalStateException(name + "/" + caseName + "/" + key + " has " + v.length + " values");
        }
        return v[0];
    }

    long count(String caseName, String key) {
        return Math.round(scalar(caseName, key));
    }

    double[] vector(String caseName, String key) {
        List<String> raw = strings(caseName, key);
        double[] out = new double[raw.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = parse(raw.get(i));
        }
        return out;
    }

    long[] counts(String caseName, String key) {
        double[] v = vector(caseName, key);
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.round(v[i]);
        }
        return out;
    }

    List<String> strings(String caseName, String key) {
        Map<String, List<String>> c = cases.get(caseName);
        if (c == null) {
            throw new IllegalStateException(name + ": no case " + caseName);
        }
        List<String> v = c.get(key);
        if (v == null) {
            throw new IllegalStateException(name + "/" + caseName + ": no key " + key);
        }
        return v;
    }

    static double parse(String s) {
        return switch (s) {
            case "NA" -> Double.NaN;
            case "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
