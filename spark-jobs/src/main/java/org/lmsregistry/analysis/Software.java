package org.lmsregistry.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The software that produced a result: this module's version, Spark's, Java's. */
public final class Software {

    public static final String NAME = "lms-spark-jobs";

    private static final Properties PROPERTIES = load();

    private Software() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Software.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** This module's version (the Maven project version). */
    public static String version() {
        return PROPERTIES.getProperty("version", "unknown");
    }

    /** The version of the plotly.js bundled with reports. */
    public static String plotlyVersion() {
        return PROPERTIES.getProperty("plotly", "unknown");
    }

    /** Name and versions, for provenance records. */
    public static Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", NAME);
        m.put("version", version());
        m.put("spark", org.apache.spark.package$.MODULE$.SPARK_VERSION());
        m.put("java", System.getProperty("java.version"));
        return m;
    }
}
