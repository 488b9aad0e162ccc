package org.lmsregistry.model.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PseudonymiserTest {

    /** Bytes 0..31; the expected values below were computed independently with Python's hmac module. */
    private static final SiteSecretKey KNOWN_KEY = SiteSecretKey.ofBytes(counting(0));
    private static final String STUDY_UID = "1.2.840.113619.2.55.3.604688119.969.1268071029.320";

    private static byte[] counting(int start) {
        byte[] b = new byte[32];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (start + i);
        }
        return b;
    }

    @Test
    void patientPseudonymIsTheKeyedHmacAsPublishedElsewhere() {
        assertThat(new Pseudonymiser(KNOWN_KEY).patientPseudonym("MRN-000123"))
                .isEqualTo("b7b3edde458f3d7165df5d91f9f09d498e73ba3d7ffeda6e32e3540878ee469c");
    }

    @Test
    void studyUidHashAndReplacementUidMatchAnIndependentImplementation() {
        Pseudonymiser p = new Pseudonymiser(KNOWN_KEY);
        assertThat(p.studyUidHash(STUDY_UID))
                .isEqualTo("2ebfc6afc171b1d621e9e6ce06a34f45041716dda662f4c6194603b9d2ec877f");
        assertThat(p.replacementUid(STUDY_UID)).isEqualTo("2.25.97025840822278037126406858967344409733");
    }

    @Test
    void mappingsAreStableAcrossInstancesAndIgnorePaddingAndSurroundingSpace() {
        Pseudonymiser a = new Pseudonymiser(SiteSecretKey.ofBytes(counting(0)));
        Pseudonymiser b = new Pseudonymiser(SiteSecretKey.ofBytes(counting(0)));
        assertThat(a.patientPseudonym(" MRN-000123 ")).isEqualTo(b.patientPseudonym("MRN-000123"));
        assertThat(a.replacementUid(STUDY_UID + "\0")).isEqualTo(b.replacementUid(STUDY_UID));
        assertThat(a.dateShiftDays("MRN-000123", 365)).isEqualTo(b.dateShiftDays("MRN-000123", 365));
    }

    @Test
    void mappingsDependOnTheKey() {
        Pseudonymiser a = new Pseudonymiser(SiteSecretKey.ofBytes(counting(0)));
        Pseudonymiser b = new Pseudonymiser(SiteSecretKey.ofBytes(counting(1)));
        assertThat(a.patientPseudonym("MRN-000123")).isNotEqualTo(b.patientPseudonym("MRN-000123"));
        assertThat(a.studyUidHash(STUDY_UID)).isNotEqualTo(b.studyUidHash(STUDY_UID));
        assertThat(a.replacementUid(STUDY_UID)).isNotEqualTo(b.replacementUid(STUDY_UID));
    }

    @Test
    void domainsAreSeparatedSoAUidHashIsNeverAPseudonym() {
        Pseudonymiser p = new Pseudonymiser(KNOWN_KEY);
        assertThat(p.patientPseudonym(STUDY_UID)).isNotEqualTo(p.studyUidHash(STUDY_UID));
    }

    @Test
    void replacementUidsAreValidDicomUidsUnderTheUuidRootAndDoNotCollide() {
        Pseudonymiser p = new Pseudonymiser(SiteSecretKey.generate());
        SplittableRandom random = new SplittableRandom(7);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String original = "1.2.826.0.1.3680043.8.498." + random.nextLong(1, Long.MAX_VALUE) + "." + i;
            String uid = p.replacementUid(original);
            assertThat(uid).startsWith("2.25.").hasSizeLessThanOrEqualTo(64);
            assertThat(Pseudonymiser.isValidUid(uid)).as(uid).isTrue();
            assertThat(seen.add(uid)).isTrue();
        }
    }

    @Test
    void pseudonymsAreLowerCaseHexOf64Characters() {
        assertThat(new Pseudonymiser(SiteSecretKey.generate()).patientPseudonym("12345")).matches("[0-9a-f]{64}");
    }

    @Test
    void dateShiftIsAlwaysIntoThePastWithinTheBound() {
        Pseudonymiser p = new Pseudonymiser(SiteSecretKey.generate());
        for (int i = 0; i < 5_000; i++) {
            assertThat(p.dateShiftDays("patient-" + i, 30)).isBetween(-30, -1);
        }
        assertThatThrownBy(() -> p.dateShiftDays("x", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidInputIsRefusedWithAClearMessage() {
        Pseudonymiser p = new Pseudonymiser(KNOWN_KEY);
        assertThatThrownBy(() -> p.patientPseudonym("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> p.patientPseudonym(null)).hasMessageContaining("empty");
        assertThatThrownBy(() -> p.replacementUid("1.02.3")).hasMessageContaining("not a valid DICOM UID");
        assertThatThrownBy(() -> p.studyUidHash("abc")).hasMessageContaining("not a valid DICOM UID");
        assertThat(Pseudonymiser.isValidUid("1." + "1".repeat(63))).isFalse();
        assertThat(Pseudonymiser.isValidUid("1.2.0.3")).isTrue();
    }
}
