package org.lmsregistry.model.interchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.lmsregistry.model.record.RecordType;

/** The examples in docs/interchange-format.md are valid files, and its sample error line is real. */
class InterchangeDocsTest {

    private static String doc() throws IOException {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path file = module.resolve("../docs/interchange-format.md").normalize();
        return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    @Test
    void everyRecordTypeHasAValidCsvExample() throws IOException {
        Matcher m = Pattern.compile("\n### (\\S+\\.csv)\n.*?```csv\n(.*?)```", Pattern.DOTALL).matcher(doc());
        Set<RecordType> seen = EnumSet.noneOf(RecordType.class);
        while (m.find()) {
            RecordType type = RecordType.ofFileName(m.group(1)).orElseThrow();
            ParseResult r = Csv.read(type, m.group(2));
            assertThat(r.problems()).as(m.group(1)).isEmpty();
            assertThat(r.records(type)).as(m.group(1)).isNotEmpty();
            seen.add(type);
        }
        assertThat(seen).containsExactlyInAnyOrder(RecordType.values());
    }

    @Test
    void jsonExampleIsValid() throws IOException {
        Matcher m = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(doc());
        assertThat(m.find()).isTrue();
        ParseResult r = JsonInterchange.readAll(new ByteArrayInputStream(m.group(1).getBytes(StandardCharsets.UTF_8)));
        assertThat(r.problems()).isEmpty();
        assertThat(r.batch().size()).isEqualTo(3);
    }

    @Test
    void sampleErrorLineIsWhatTheReaderSays() throws IOException {
        StringBuilder csv = new StringBuilder("site_code,patient_pseudonym,sex,age_at_diagnosis_years,diagnosis_year\n");
        for (int i = 0; i < 6; i++) {
            csv.append("NLAMC,").append(Samples.pseudonym("x" + i)).append(",FEMALE,").append(i == 5 ? "12a" : "50")
                    .append(",2019\n");
        }
        ParseResult r = Csv.read(RecordType.PATIENT, csv.toString());
        assertThat(r.problems()).hasSize(1);
        assertThat(doc()).contains("\n" + r.problems().get(0) + "\n");
    }
}
