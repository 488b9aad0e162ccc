package org.lmsregistry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the launcher and the tests report from Payara's log when a start fails. */
class PayaraMicroLogTest {

    // the shape of Payara Micro 6's log records (colour codes already removed), shortened
    private static final String LOG = """
            [2026-11-21T21:44:11.474+0000] [] [INFO] [] [javax.enterprise.system.core] [tid: _ThreadID=1 _ThreadName=main] [timeMillis: 1] [levelValue: 800] No deployment transformer implementation found.

            [2026-11-21T21:44:19.903+0000] [] [SEVERE] [] [org.eclipse.persistence.session./file:/x/_registry] [tid: _ThreadID=1 _ThreadName=main] [timeMillis: 2] [levelValue: 1000] [[
             \s
            Local Exception Stack:\s
            Exception [EclipseLink-4002]: org.eclipse.persistence.exceptions.DatabaseException
            Internal Exception: java.sql.SQLException: Connection to 127.0.0.1:1 refused.
            Error Code: 0
            \tat org.eclipse.persistence.exceptions.DatabaseException.sqlException(DatabaseException.java:319)
            ]]

            [2026-11-21T21:44:19.931+0000] [] [SEVERE] [] [javax.enterprise.system.core] [tid: _ThreadID=1 _ThreadName=main] [timeMillis: 3] [levelValue: 1000] [[
              Exception while loading the app : the deployment failed]]

            [2026-11-21T21:44:19.932+0000] [] [WARNING] [] [jakarta.enterprise.web.util] [tid: _ThreadID=1 _ThreadName=main] [timeMillis: 4] [levelValue: 900] The web application [unknown] registered the JDBC driver
            [2026-11-21T21:44:20.198+0000] [] [INFO] [] [PayaraMicro] [tid: _ThreadID=1 _ThreadName=main] [timeMillis: 5] [levelValue: 800] Payara Micro 6.2025.10 (build 42) ready in 17,404 (ms)
            """;

    @Test
    void theCauseIsTheSevereRecordsWithoutStackTracesOrOtherLevels() {
        assertThat(PayaraMicro.severeRecords(LOG)).isEqualTo("""
                Exception [EclipseLink-4002]: org.eclipse.persistence.exceptions.DatabaseException
                  Internal Exception: java.sql.SQLException: Connection to 127.0.0.1:1 refused.
                  Error Code: 0
                Exception while loading the app : the deployment failed""");
    }

    @Test
    void aLogWithoutSevereRecordsHasNoCause() {
        assertThat(PayaraMicro.severeRecords("Error: Could not create the Java Virtual Machine.\n")).isEmpty();
        assertThat(PayaraMicro.severeRecords(LOG.replace("[SEVERE]", "[WARNING]"))).isEmpty();
    }
}
