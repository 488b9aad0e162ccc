package org.lmsregistry.model.validation;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises text that looks like a direct identifier or a calendar date, which must never enter
 * the registry: free text is screened before it is stored or leaves a site. It errs on the side of
 * refusing; a refused note can be rephrased.
 *
 * <p>Dates: every element of a date except the year is refused (as in the HIPAA Safe Harbor list),
 * so "12 March 2019", "12-Mar-19", "March 2019", "03/2019" and "20190312" are refused while "2019"
 * alone is accepted (the registry keeps the diagnosis year).
 *
 * <p>Clinical text must pass: counts and ratios ("mitoses 25/10 HPF", "necrosis 40%", "G3"),
 * sizes ("120 x 85 x 60 mm"), the modality abbreviation "MR" ("MR showed ...") and units such as
 * "ms". Known limit: an upper-case title without a dot followed by a name ("MR SMITH") is not
 * recognised, because it cannot be told apart from "MR IMAGING".
 */
public final class IdentifierScreen {

    /** A kind of identifier and the pattern that finds it. */
    public record Finding(String kind, String match) {
    }

    /** A detector; a match with fewer than {@code minDigits} digits is ignored. */
    private record Detector(String kind, Pattern pattern, int minDigits) {
        Detector(String kind, String regex) {
            this(kind, Pattern.compile(regex), 0);
        }
    }

    private static final String DATE = "calendar date";
    private static final String PHONE = "phone number";
    private static final String RECORD_NUMBER = "record number";
    private static final String NAME = "personal name";

    /** Month names and their usual abbreviations (longest first, so that "sept" wins over "sep"). */
    private static final List<String> MONTHS = List.of("january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december", "sept", "jan", "feb", "mar", "apr", "jun", "jul",
            "aug", "sep", "oct", "nov", "dec");

    /** Any month name, any case (for use with {@code (?i)}). */
    private static final String MONTH = "(?:" + String.join("|", MONTHS) + ")";

    /** A month name written as a name: "March", "Mar" or "MARCH" (never "march", which is a common word's case). */
    private static final String MONTH_NAME_CASED = "(?:" + String.join("|", MONTHS.stream()
            .map(m -> Character.toUpperCase(m.charAt(0)) + m.substring(1) + "|" + m.toUpperCase(java.util.Locale.ROOT))
            .toList()) + ")";

    private static final String DAY = "(?:0?[1-9]|[12]\\d|3[01])";
    private static final String MONTH_NUMBER = "(?:0?[1-9]|1[0-2])";
    private static final String YEAR = "(?:19|20)\\d{2}";
    private static final String ORDINAL = "(?:st|nd|rd|th)?";

    private static final List<Detector> DETECTORS = List.of(
            new Detector("e-mail address", "[\\w.+-]+@[\\w-]+\\.[\\w.-]+"),
            // numeric dates: 2019-03-12, 20190312, 12/03/2019, 12.03.19, 03/12/2019
            new Detector(DATE, "\\b" + YEAR + "[-/.]" + MONTH_NUMBER + "[-/.]" + DAY + "\\b"),
            new Detector(DATE, "\\b" + YEAR + "(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\b"),
            new Detector(DATE, "\\b" + DAY + "[-/.]" + MONTH_NUMBER + "[-/.](?:19|20)?\\d{2}\\b"),
            new Detector(DATE, "\\b" + MONTH_NUMBER + "[-/.]" + DAY + "[-/.]" + YEAR + "\\b"),
            // dates with a month name: 12 March 2019, 12th Mar. 2019, 12-Mar-2019, 12-MAR-19, March 12, 2019
            new Detector(DATE, "(?i)\\b" + DAY + ORDINAL + "\\.?[\\s.-]*" + MONTH + "\\.?,?[\\s.-]*" + YEAR + "\\b"),
            new Detector(DATE, "(?i)\\b" + DAY + "[-/.]" + MONTH + "[-/.]\\d{2}\\b"),
            new Detector(DATE, "(?i)\\b" + MONTH + "\\.?[\\s-]+" + DAY + ORDINAL + ",?[\\s-]+" + YEAR + "\\b"),
            // month and year: March 2019, Mar-2019, 03/2019, 2019-03
            new Detector(DATE, "(?i)\\b" + MONTH + "\\.?[\\s/.-]*" + YEAR + "\\b"),
            new Detector(DATE, "\\b" + MONTH_NUMBER + "[/.]" + YEAR + "\\b"),
            new Detector(DATE, "\\b" + YEAR + "-(?:0[1-9]|1[0-2])\\b"),
            // day and month without a year, month written as a name: 12 March, 3rd of Dec, March 12th
            new Detector(DATE, "\\b" + DAY + ORDINAL + "\\.?(?:\\s+of)?\\s+" + MONTH_NAME_CASED + "\\b"),
            new Detector(DATE, "\\b" + MONTH_NAME_CASED + "\\.?\\s+" + DAY + ORDINAL + "\\b(?![.,]?\\d)"),
            // phone numbers: +33 1 42 34 56 78, (020) 7946 0958, 555-123-4567
            new Detector(PHONE, Pattern.compile("\\+\\d{1,3}(?:[\\s.-]?\\(?\\d{1,4}\\)?){2,6}"), 8),
            new Detector(PHONE, "(\\+\\d{1,3}[\\s-]?)?(\\(?\\d{2,4}\\)?[\\s.-]?){2,4}\\d{3,4}\\b"),
            // record numbers: a keyword naming one, or a long number
            new Detector(RECORD_NUMBER, "(?i)\\b(?:mrn|nhs|ssn|dossier)\\b"),
            new Detector(RECORD_NUMBER, "(?i)\\b(?:patient|record|hospital)\\s*"
                    + "(?:id\\b|number\\b|nr\\b|no\\.|no\\s*[:#]|no\\s*\\d|#)"),
            new Detector(RECORD_NUMBER, "\\b[A-Za-z]{0,3}\\d{6,}\\b"),
            // a title and a name: Dr Smith, Mrs. Jones, Prof Müller, dr Smith, DR. SMITH
            new Detector(NAME, "\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\\b\\.?\\s+\\p{L}[\\p{L}'-]*"),
            new Detector(NAME, "\\b(?:mr|mrs|dr|prof)\\b\\.?\\s+\\p{Lu}\\p{Ll}+"),
            new Detector(NAME, "\\b(?:MR|MRS|MS|DR|PROF)\\.\\s+\\p{Lu}[\\p{L}'-]+"));

    private IdentifierScreen() {
    }

    /** The first identifier-like part of a text, if any. */
    public static Optional<Finding> find(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        for (Detector d : DETECTORS) {
            Matcher m = d.pattern.matcher(text);
            while (m.find()) {
                if (digits(m.group()) >= d.minDigits) {
                    return Optional.of(new Finding(d.kind, m.group()));
                }
            }
        }
        return Optional.empty();
    }

    private static int digits(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }
}
