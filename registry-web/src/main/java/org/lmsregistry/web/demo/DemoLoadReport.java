package org.lmsregistry.web.demo;

import java.util.List;
import java.util.Map;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.web.account.NewAccount;

/** What a demo load wrote. */
public record DemoLoadReport(List<DemoSite> sites, Map<RecordType, Integer> recordCounts,
        List<NewAccount> accounts) {

    public DemoLoadReport {
        sites = List.copyOf(sites);
        recordCounts = Map.copyOf(recordCounts);
        accounts = List.copyOf(accounts);
    }
}
