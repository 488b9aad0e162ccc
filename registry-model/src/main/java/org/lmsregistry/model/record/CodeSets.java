package org.lmsregistry.model.record;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** Immutable, ordered copies of code sets, so that records compare and print the same everywhere. */
final class CodeSets {

    private CodeSets() {
    }

    static <E extends Enum<E>> Set<E> copyOf(Set<E> codes, Class<E> type) {
        if (codes == null || codes.isEmpty()) {
            return Collections.unmodifiableSet(EnumSet.noneOf(type));
        }
        return Collections.unmodifiableSet(EnumSet.copyOf(codes));
    }
}
