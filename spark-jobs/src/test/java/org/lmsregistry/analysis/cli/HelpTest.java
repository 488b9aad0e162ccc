package org.lmsregistry.analysis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** {@code --help} works on every job, without starting Spark, and says what the job needs. */
class HelpTest {

    @Test
    void everyJobPrintsItsUsageAndOptions() {
        Map<String, CommandLine> jobs = SparkJobsCommand.commandLine().getSubcommands();
        assertThat(jobs.keySet()).contains("generate", "snapshot", "describe", "associations", "yield", "survival",
                "adherence", "bench");
        for (String job : jobs.keySet()) {
            if (job.equals("help")) {
                continue; // picocli's own help command
            }
            StringWriter out = new StringWriter();
            CommandLine cl = SparkJobsCommand.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(new StringWriter(), true));
            assertThat(cl.execute(job, "--help")).as("exit code of %s --help", job).isZero();
            assertThat(out.toString()).as(job).startsWith("Usage: lms-spark-jobs " + job)
                    .contains("--help").contains("--master");
            if (!job.equals("generate") && !job.equals("bench")) {
                assertThat(out.toString()).as(job).contains("--source").contains("--out");
            }
        }
    }

    @Test
    void anUnknownJobIsRefusedWithTheList() {
        StringWriter err = new StringWriter();
        CommandLine cl = SparkJobsCommand.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("regress")).isNotZero();
        assertThat(err.toString()).contains("regress");
    }
}
