package org.lmsregistry.web.demo;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;

/** The sites and the synthetic records of the demo registry. */
public record DemoCohort(List<DemoSite> sites, RegistryBatch records) {

    public DemoCohort {
        sites = List.copyOf(sites);
        Set<String> known = sites.stream().map(DemoSite::code).collect(Collectors.toSet());
        Set<String> used = records.all().map(RegistryRecord::siteCode).collect(Collectors.toSet());
        if (!known.containsAll(used)) {
            used.removeAll(known);
            throw new IllegalArgumentException("records of sites without a site entry: " + used);
        }
    }
}
