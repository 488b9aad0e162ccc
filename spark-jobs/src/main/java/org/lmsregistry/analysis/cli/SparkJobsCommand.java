package org.lmsregistry.analysis.cli;

import java.io.PrintWriter;

import org.lmsregistry.analysis.Software;
import org.lmsregistry.analysis.spark.InvalidSourceException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar lms-spark-jobs.jar <job> [options]} (or {@code spark-submit ... lms-spark-jobs.jar <job>
 * [options]}): the registry's Spark jobs.
 */
@Command(name = "lms-spark-jobs", mixinStandardHelpOptions = true, versionProvider = SparkJobsCommand.Version.class,
        description = "Statistics jobs of the LMS Imaging Registry on Apache Spark. Runs in-process (local[*]) "
                + "unless a master is configured (spark-submit --master, or --master).",
        subcommands = {SnapshotCommand.class, GenerateCommand.class, DescribeCommand.class,
                AssociationsCommand.class, YieldCommand.class, SurvivalCommand.class, AdherenceCommand.class,
                AnalyseCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class SparkJobsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns the exit code (0 success, 1 failure, 2 bad usage or input). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line (for tests: set out/err writers on it). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SparkJobsCommand());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof InvalidSourceException || ex instanceof IllegalArgumentException) {
                err.println("error: " + ex.getMessage());
                err.flush();
                return 2;
            }
            err.println("error: " + ex);
            ex.printStackTrace(err);
            err.flush();
            return 1;
        });
        return cl;
    }

    /** Version for {@code --version}. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Software.NAME + " " + Software.version() + " (Spark "
                    + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ", Java " + System.getProperty("java.version")
                    + ")"};
        }
    }
}
