package org.lmsregistry.analysis.stats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain CSV data set from {@code src/test/resources/fixtures/} (written by {@code r/datasets.R}). */
final class Dataset {

    private final List<String> header;
    private final List<String[]> rows = new ArrayList<>();

    private Dataset(List<String> header) {
        this.header = header;
    }

    static Dataset load(String name) {
        try (BufferedReader reader = RReference.open(name + ".csv")) {
            Dataset d = new Dataset(Arrays.asList(reader.readLine().split(",", -1)));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty()) {
                    String[] parts = line.split(",", -1);
                    if (parts.length != d.header.size()) {
                        throw new IllegalStateException(name + ": malformed row " + line);
                    }
                    d.rows.add(parts);
                }
            }
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int size() {
        return rows.size();
    }

    String[] strings(String column) {
        int j = index(column);
        return rows.stream().map(r -> r[j]).toArray(String[]::new);
    }

    double[] numbers(String column) {
        return Arrays.stream(strings(column)).mapToDouble(RReference::parse).toArray();
    }

    boolean[] flags(String column) {
        double[] v = numbers(column);
        boolean[] out = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0 && v[i] != 1) {
                throw new IllegalStateException(column + " is not 0/1 in row " + (i + 1));
            }
            out[i] = v[i] == 1;
        }
        return out;
    }

    private int index(String column) {
        int j = header.indexOf(column);
        if (j < 0) {
            throw new IllegalStateException("no column " + column + " in " + header);
        }
        return j;
    }
}
