package org.lmsregistry.analysis.stats;

import java.util.List;

/** The data of one survival fixture case: a CSV data set's columns, or inline vectors. */
record SurvivalCase(double[] time, boolean[] event, Dataset data, RReference ref, String name) {

    static SurvivalCase of(RReference ref, String name) {
        String source = ref.strings(name, "data").get(0);
        if (source.equals("inline")) {
            double[] status = ref.vector(name, "inline.status");
            boolean[] event = new boolean[status.length];
            for (int i = 0; i < status.length; i++) {
                event[i] = status[i] == 1;
            }
            return new SurvivalCase(ref.vector(name, "inline.time"), event, null, ref, name);
        }
        Dataset data = Dataset.load(source);
        return new SurvivalCase(data.numbers(ref.strings(name, "time_column").get(0)),
                data.flags(ref.strings(name, "status_column").get(0)), data, ref, name);
    }

    /** The grouping column, or null when the case has no groups. */
    String[] groups() {
        return ref.has(name, "group_column") ? strings(ref.strings(name, "group_column").get(0)) : null;
    }

    String[] strings(String column) {
        if (data == null) {
            return ref.strings(name, "inline." + column).toArray(String[]::new);
        }
        return data.strings(column);
    }

    double[] numbers(String column) {
        if (data == null) {
            return ref.vector(name, "inline." + column);
        }
        return data.numbers(column);
    }

    /** The design R's formula builds from the case's terms and factors. */
    DesignMatrix design() {
        List<String> factors = ref.has(name, "factors") ? ref.strings(name, "factors") : List.of();
        List<String> references = ref.has(name, "references") ? ref.strings(name, "references") : List.of();
        DesignMatrix.Builder b = DesignMatrix.builder();
        for (String term : ref.strings(name, "terms")) {
            int f = factors.indexOf(term);
            if (f >= 0) {
                b.categorical(term, strings(term), references.get(f));
            } else {
                b.numeric(term, numbers(term));
            }
        }
        return b.build();
    }
}
