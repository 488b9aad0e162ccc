package org.lmsregistry.web.interfaces.rest;

import org.lmsregistry.web.application.MalformedRequestException;

/** {@code ?offset=&limit=}: offset from 0, limit 1-500 (default 50); anything else is a 400. */
record Paging(int offset, int limit) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    static Paging of(String offset, String limit) {
        int o = number("offset", offset, 0, 0, Integer.MAX_VALUE);
        int l = number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        return new Paging(o, l);
    }

    static Integer optionalInt(String name, String value) {
        return value == null || value.isBlank() ? null : number(name, value, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    private static int number(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw new MalformedRequestException(name + " must be between " + min + " and " + max + ".");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new MalformedRequestException(name + " must be a whole number.");
        }
    }
}
