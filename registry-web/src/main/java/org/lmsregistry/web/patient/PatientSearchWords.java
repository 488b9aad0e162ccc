package org.lmsregistry.web.patient;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.lmsregistry.web.application.InvalidInputException;

/**
 * The words a coordinator types into the patient search, e.g. {@code "uterus 2019 atypia"}: every
 * word must match the patient by one of pseudonym prefix, primary location (code or label), FNCLCC
 * grade, diagnosis year, sex or a word of the histology notes. The words are only ever query
 * parameters, never part of the query text.
 */
public record PatientSearchWords(List<String> words) {

    public static final int MAX_WORDS = 8;
    public static final int MAX_WORD_LENGTH = 64;

    public static final PatientSearchWords NONE = new PatientSearchWords(List.of());

    public PatientSearchWords {
        words = List.copyOf(words);
    }

    /**
     * Splits the typed text on white space (lower case; case never matters).
     *
     * @throws InvalidInputException naming the rule when there are too many or too long words
     */
    public static PatientSearchWords parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<String> words = Arrays.stream(text.strip().split("\\s+")).map(w -> w.toLowerCase(Locale.ROOT))
                .distinct().toList();
        if (words.size() > MAX_WORDS) {
            throw new InvalidInputException("Search: '" + text.strip() + "' has " + words.size()
                    + " words; at most " + MAX_WORDS + " are allowed.");
        }
        for (String w : words) {
            if (w.length() > MAX_WORD_LENGTH) {
                throw new InvalidInputException("Search: the word '" + w.substring(0, 20) + "...' is longer than "
                        + MAX_WORD_LENGTH + " characters.");
            }
        }
        return new PatientSearchWords(words);
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }
}
