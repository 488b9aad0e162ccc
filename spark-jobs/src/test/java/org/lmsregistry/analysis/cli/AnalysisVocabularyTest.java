package org.lmsregistry.analysis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.lmsregistry.model.analysis.AnalysisJob;
import org.lmsregistry.model.analysis.AnalysisParameter;

import picocli.CommandLine;

/**
 * The registry's analysis vocabulary ({@code registry-model}: {@link AnalysisJob},
 * {@link AnalysisParameter}), which the web pages and the API use to request runs, agrees with the
 * jobs as their {@code --help} describes them: every job is a command, its help lists exactly the
 * vocabulary's options (beside those the launcher sets), and every allowed value of a choice.
 */
class AnalysisVocabularyTest {

    /** Options the registry's launcher sets itself; a request never does. */
    private static final Set<String> LAUNCHER_OPTIONS = Set.of("--source", "--cohort", "--out", "--overwrite",
            "--verify-checksum", "--master", "--conf", "--help", "--version");

    private static final Pattern OPTION = Pattern.compile("(?m)^\\s+(?:-\\w, )?(--[a-z][a-z0-9-]*)");

    @Test
    void everyJobOfTheVocabularyIsACommandWhoseHelpListsTheSameOptions() {
        for (AnalysisJob job : AnalysisJob.values()) {
            String help = help(job.job());
            Set<String> listed = new TreeSet<>();
            Matcher m = OPTION.matcher(help);
            while (m.find()) {
                listed.add(m.group(1));
            }
            listed.removeAll(LAUNCHER_OPTIONS);
            Set<String> vocabulary = new TreeSet<>();
            job.parameters().forEach(p -> vocabulary.add(p.option()));
            assertThat(listed).as("options of %s --help beside the launcher's", job.job()).isEqualTo(vocabulary);
            for (AnalysisParameter p : job.parameters()) {
                for (String choice : p.choices()) {
                    assertThat(help).as("%s --help names %s %s", job.job(), p.option(), choice).contains(choice);
                }
            }
        }
    }

    @Test
    void theCheckSeesAnOptionThatIsNotInTheVocabulary() {
        // the parse above is not vacuous: the launcher's own options are found in the help too
        Matcher m = OPTION.matcher(help(AnalysisJob.YIELD.job()));
        Set<String> listed = new TreeSet<>();
        while (m.find()) {
            listed.add(m.group(1));
        }
        assertThat(listed).contains("--source", "--out", "--min-cell", "--confidence");
    }

    private static String help(String job) {
        CommandLine cl = SparkJobsCommand.commandLine();
        assertThat(cl.getSubcommands()).as("spark-jobs commands").containsKey(job);
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cl.execute(job, "--help")).as("exit code of %s --help", job).isZero();
        return out.toString();
    }
}
