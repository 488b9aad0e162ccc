package org.lmsregistry.analysis.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.functions;

/**
 * The test registry ({@link TestRegistry}) as snapshots of each kind the readers must handle, written once per
 * JVM: format version 2 with the patient key is {@link TestRegistry#snapshotFolder()}.
 */
public final class TestSnapshots {

    private static Path version1;
    private static Path collided;

    private TestSnapshots() {
    }

    /** A snapshot keyed by a deliberately weak hash (the site alone): no key column is written. */
    public static synchronized Path collided() {
        if (collided == null) {
            collided = TestRegistry.newFolder("collided").resolve("snapshot");
            Snapshots.write(TestRegistry.data(), collided.toString(), 2, Map.of("test", "collided"), weakHash());
        }
        return collided;
    }

    /** A hash of the site code alone, shared by hundreds of patients. */
    public static org.apache.spark.sql.Column weakHash() {
        return functions.xxhash64(functions.col("site_code"));
    }

    /**
     * A snapshot as the software before format version 2 wrote it: the interchange columns only, and a
     * manifest of format version 1 without the patient key entry.
     */
    public static synchronized Path version1() {
        if (version1 == null) {
            version1 = TestRegistry.newFolder("version1").resolve("snapshot");
            Snapshots.write(TestRegistry.data(), version1.toString(), 2, Map.of("test", "version1"), weakHash());
            asVersion1(version1);
        }
        return version1;
    }

    /** Rewrites a snapshot's manifest (of a snapshot without the key column) as format version 1 wrote it. */
    static void asVersion1(Path snapshot) {
        Map<String, Object> m = new LinkedHashMap<>(RegistrySources.readManifest(snapshot.toString()));
        m.put("formatVersion", 1);
        m.remove("patientKey");
        Storage.writeString(snapshot.resolve(RegistrySources.MANIFEST).toString(), Snapshots.toJson(m));
    }
}
