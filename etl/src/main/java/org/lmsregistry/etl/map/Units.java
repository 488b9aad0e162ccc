package org.lmsregistry.etl.map;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Unit conversions into the units of registry fields: exact factors only (no conversion that needs
 * an assumption, such as months to days).
 */
public final class Units {

    /** Registry unit to (source unit to factor). */
    private static final Map<String, Map<String, BigDecimal>> FACTORS = new LinkedHashMap<>();

    static {
        Map<String, BigDecimal> mm = new LinkedHashMap<>();
        mm.put("mm", BigDecimal.ONE);
        mm.put("cm", BigDecimal.TEN);
        mm.put("m", new BigDecimal("1000"));
        mm.put("in", new BigDecimal("25.4"));
        FACTORS.put("mm", mm);
        Map<String, BigDecimal> adc = new LinkedHashMap<>();
        adc.put("10^-6 mm2/s", BigDecimal.ONE);
        adc.put("um2/s", BigDecimal.ONE);
        adc.put("µm2/s", BigDecimal.ONE);
        adc.put("10^-3 mm2/s", new BigDecimal("1000"));
        adc.put("mm2/s", new BigDecimal("1000000"));
        FACTORS.put("10^-6 mm2/s", adc);
        Map<String, BigDecimal> days = new LinkedHashMap<>();
        days.put("days", BigDecimal.ONE);
        days.put("weeks", new BigDecimal("7"));
        FACTORS.put("days from diagnosis", days);
        Map<String, BigDecimal> percent = new LinkedHashMap<>();
        percent.put("%", BigDecimal.ONE);
        percent.put("fraction", new BigDecimal("100"));
        FACTORS.put("%", percent);
    }

    private Units() {
    }

    /** The factor from a source unit to a registry field's unit, if the conversion is known. */
    public static Optional<BigDecimal> factor(String registryUnit, String sourceUnit) {
        Map<String, BigDecimal> m = registryUnit == null ? null : FACTORS.get(registryUnit);
        if (m == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(m.get(sourceUnit.strip()));
    }

    /** The source units a registry unit can be converted from, for messages. */
    public static java.util.Set<String> sourceUnits(String registryUnit) {
        Map<String, BigDecimal> m = registryUnit == null ? null : FACTORS.get(registryUnit);
        return m == null ? java.util.Set.of() : m.keySet();
    }
}
