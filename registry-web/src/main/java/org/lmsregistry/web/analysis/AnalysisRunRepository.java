package org.lmsregistry.web.analysis;

import java.util.List;
import java.util.Optional;

public interface AnalysisRunRepository {

    Optional<AnalysisRun> find(long id);

    List<AnalysisRun> findRecent(int offset, int limit);

    void add(AnalysisRun run);
}
