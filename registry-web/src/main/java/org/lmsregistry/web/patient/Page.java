package org.lmsregistry.web.patient;

import java.util.List;

/** One page of a longer list. */
public record Page<T>(List<T> items, long total, int offset, int limit) {
}
