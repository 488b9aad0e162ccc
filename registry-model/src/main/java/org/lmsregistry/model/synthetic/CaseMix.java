package org.lmsregistry.model.synthetic;

import java.io.Serializable;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import org.lmsregistry.model.code.PrimaryLocation;

/**
 * The relative weight of each primary location among a site's patients; the share of a location is
 * its weight divided by the sum of the weights (locations left out have weight 0). The weights are
 * kept as given, not normalised, so that a case mix rebuilt from its own weights (as Java
 * deserialisation does) is exactly the same and draws exactly the same locations.
 */
public record CaseMix(Map<PrimaryLocation, Double> weights) implements Serializable {

    /**
     * The pooled default, condensed from the clinical brief (uterus, retroperitoneum and the
     * gastrointestinal tract most common, then extremities, trunk, large veins, skin): uterus 0.35,
     * retroperitoneum 0.22, extremity 0.17, trunk 0.06, stomach 0.03, small intestine 0.03,
     * colon/rectum 0.02, vascular/IVC 0.04, skin 0.05, head and neck 0.01, other 0.02.
     */
    public static final CaseMix DEFAULT = of(
            PrimaryLocation.UTERUS, 0.35,
            PrimaryLocation.RETROPERITONEUM, 0.22,
            PrimaryLocation.EXTREMITY, 0.17,
            PrimaryLocation.TRUNK, 0.06,
            PrimaryLocation.STOMACH, 0.03,
            PrimaryLocation.SMALL_INTESTINE, 0.03,
            PrimaryLocation.COLON_RECTUM, 0.02,
            PrimaryLocation.VASCULAR_IVC, 0.04,
            PrimaryLocation.SKIN, 0.05,
            PrimaryLocation.HEAD_AND_NECK, 0.01,
            PrimaryLocation.OTHER, 0.02);

    public CaseMix {
        double total = 0;
        EnumMap<PrimaryLocation, Double> copy = new EnumMap<>(PrimaryLocation.class);
        for (PrimaryLocation l : PrimaryLocation.values()) {
            copy.put(l, 0.0);
        }
        for (Map.Entry<PrimaryLocation, Double> e : weights.entrySet()) {
            if (e.getKey() == null || e.getValue() == null || !(e.getValue() >= 0) || e.getValue().isInfinite()) {
                throw new IllegalArgumentException("case mix weights must be finite and non-negative: " + weights);
            }
            copy.put(e.getKey(), e.getValue());
            total += e.getValue();
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("case mix needs at least one positive weight");
        }
        weights = Collections.unmodifiableMap(copy);
    }

    /** A case mix from alternating locations and weights, e.g. {@code of(UTERUS, 0.6, EXTREMITY, 0.4)}. */
    public static CaseMix of(Object... locationsAndWeights) {
        if (locationsAndWeights.length % 2 != 0) {
            throw new IllegalArgumentException("give pairs of location and weight");
        }
        EnumMap<PrimaryLocation, Double> m = new EnumMap<>(PrimaryLocation.class);
        for (int i = 0; i < locationsAndWeights.length; i += 2) {
            m.merge((PrimaryLocation) locationsAndWeights[i], ((Number) locationsAndWeights[i + 1]).doubleValue(),
                    Double::sum);
        }
        return new CaseMix(m);
    }

    /** This mix with one location's weight multiplied, e.g. to tilt a site towards it. */
    public CaseMix tilt(PrimaryLocation location, double factor) {
        EnumMap<PrimaryLocation, Double> m = new EnumMap<>(weights);
        m.put(location, m.get(location) * factor);
        return new CaseMix(m);
    }

    /** The share of patients with the location: its weight over the sum of the weights. */
    public double share(PrimaryLocation location) {
        double total = 0;
        for (double w : weights.values()) {
            total += w;
        }
        return weights.get(location) / total;
    }

    PrimaryLocation sample(SyntheticRandom rng) {
        PrimaryLocation[] locations = PrimaryLocation.values();
        double[] w = new double[locations.length];
        for (int i = 0; i < locations.length; i++) {
            w[i] = weights.get(locations[i]);
        }
        return locations[rng.categorical(w)];
    }
}
