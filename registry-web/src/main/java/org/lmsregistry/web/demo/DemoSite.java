package org.lmsregistry.web.demo;

import java.util.Objects;

/** A participating site of the demo cohort. */
public record DemoSite(String code, String name, String country) {

    public DemoSite {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(country, "country");
    }
}
