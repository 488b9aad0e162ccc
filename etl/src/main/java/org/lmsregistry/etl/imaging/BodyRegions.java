package org.lmsregistry.etl.imaging;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.lmsregistry.model.code.BodyRegion;

/**
 * Body Part Examined (0018,0015) to the registry's body region: a built-in table of the unambiguous
 * defined terms (PS3.16 CID 4031), extended or overridden by the site configuration
 * ({@code dicom.body_regions}). Limbs, the uterus and other organs are not in the built-in table,
 * because whether they are "the primary tumour site" depends on the patient; a site whose studies
 * of such parts are of the primary site maps them itself.
 */
public final class BodyRegions {

    private static final Map<String, BodyRegion> BUILT_IN = Map.ofEntries(
            Map.entry("CHEST", BodyRegion.CHEST), Map.entry("THORAX", BodyRegion.CHEST),
            Map.entry("LUNG", BodyRegion.CHEST),
            Map.entry("ABDOMEN", BodyRegion.ABDOMEN_PELVIS), Map.entry("PELVIS", BodyRegion.ABDOMEN_PELVIS),
            Map.entry("ABDOMENPELVIS", BodyRegion.ABDOMEN_PELVIS), Map.entry("ABDOMEN PELVIS", BodyRegion.ABDOMEN_PELVIS),
            Map.entry("WHOLEBODY", BodyRegion.WHOLE_BODY), Map.entry("WHOLE BODY", BodyRegion.WHOLE_BODY));

    private final Map<String, BodyRegion> table;

    public BodyRegions(Map<String, BodyRegion> site) {
        Map<String, BodyRegion> t = new LinkedHashMap<>(BUILT_IN);
        site.forEach((k, v) -> t.put(normalise(k), v));
        this.table = Map.copyOf(t);
    }

    static String normalise(String bodyPart) {
        return bodyPart.strip().toUpperCase(Locale.ROOT);
    }

    public Optional<BodyRegion> of(String bodyPart) {
        return Optional.ofNullable(table.get(normalise(bodyPart)));
    }
}
