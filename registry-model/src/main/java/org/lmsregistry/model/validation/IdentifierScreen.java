package org.lmsregistry.model.validation;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises text that looks like a direct identifier or a calendar date, which must never enter
 * the registry: free text is screened before it is stored or leaves a site. It errs on the side of
 * refusing; a refused note can be rephrased.
 */
public final class IdentifierScreen {

    /** A kind of identifier and the pattern that finds it. */
    public record Finding(String kind, String match) {
    }

    private record Detector(String kind, Pattern pattern) {
    }

    private static final List<Detector> DETECTORS = List.of(
            new Detector("e-mail address", Pattern.compile("[\\w.+-]+@[\\w-]+\\.[\\w.-]+")),
            new Detector("calendar date", Pattern.compile("\\b(19|20)\\d{2}[-/.](0?[1-9]|1[0-2])[-/.](0?[1-9]|[12]\\d|3[01])\\b")),
            new Detector("calendar date", Pattern.compile("\\b(0?[1-9]|[12]\\d|3[01])[-/.](0?[1-9]|1[0-2])[-/.]((19|20)?\\d{2})\\b")),
            new Detector("calendar date", Pattern.compile("\\b(0?[1-9]|1[0-2])[-/.](0?[1-9]|[12]\\d|3[01])[-/.]((19|20)\\d{2})\\b")),
            new Detector("calendar date", Pattern.compile(
                    "(?i)\\b\\d{1,2}\\.?\\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?\\s+(19|20)\\d{2}\\b")),
            new Detector("calendar date", Pattern.compile(
                    "(?i)\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?\\s+\\d{1,2},?\\s+(19|20)\\d{2}\\b")),
            new Detector("phone number", Pattern.compile("(\\+\\d{1,3}[\\s-]?)?(\\(?\\d{2,4}\\)?[\\s.-]?){2,4}\\d{3,4}\\b")),
            new Detector("record number", Pattern.compile("(?i)\\b(mrn|nhs|ssn|patient\\s*(id|number|no)|dossier|record\\s*(no|number))\\b")),
            new Detector("record number", Pattern.compile("\\b[A-Za-z]{0,3}\\d{6,}\\b")),
            new Detector("personal name", Pattern.compile("(?i)\\b(mr|mrs|ms|miss|dr|prof)\\.?\\s+[A-Z][a-z]+")));

    private IdentifierScreen() {
    }

    /** The first identifier-like part of a text, if any. */
    public static Optional<Finding> find(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        for (Detector d : DETECTORS) {
            var m = d.pattern.matcher(text);
            if (m.find()) {
                return Optional.of(new Finding(d.kind, m.group()));
            }
        }
        return Optional.empty();
    }
}
