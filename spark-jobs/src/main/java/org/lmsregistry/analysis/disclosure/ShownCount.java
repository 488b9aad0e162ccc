package org.lmsregistry.analysis.disclosure;

import java.util.OptionalLong;

/**
 * A count as it may be published: either its value, or a mark that hides it. The hidden value is not
 * kept, so a {@code ShownCount} can leave the engine as is.
 *
 * @param value       the count when visible, empty when suppressed
 * @param suppression why it is hidden, {@link Suppression#NONE} when visible
 * @param text        what to print: the number, {@code <k} for a small count, or {@code x} for a
 *                    complementary suppression
 */
public record ShownCount(OptionalLong value, Suppression suppression, String text) {

    /** Why a count is hidden. */
    public enum Suppression {
        /** Visible. */
        NONE,
        /** The count is between 1 and k - 1 (shown as {@code <k}). */
        PRIMARY,
        /**
         * Hidden only so that a small count cannot be recovered from totals (shown as {@code x}); it may
         * be any value, including 0 or k and more.
         */
        COMPLEMENTARY
    }

    /** The mark of complementary suppressions. */
    public static final String COMPLEMENTARY_MARK = "x";

    public ShownCount {
        if (value.isPresent() != (suppression == Suppression.NONE)) {
            throw new IllegalArgumentException("a count has a value exactly when it is not suppressed");
        }
    }

    static ShownCount visible(long count) {
        return new ShownCount(OptionalLong.of(count), Suppression.NONE, Long.toString(count));
    }

    static ShownCount primary(int threshold) {
        return new ShownCount(OptionalLong.empty(), Suppression.PRIMARY, "<" + threshold);
    }

    static ShownCount complementary() {
        return new ShownCount(OptionalLong.empty(), Suppression.COMPLEMENTARY, COMPLEMENTARY_MARK);
    }

    public boolean suppressed() {
        return suppression != Suppression.NONE;
    }

    @Override
    public String toString() {
        return text;
    }
}
