package org.lmsregistry.model.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.lmsregistry.model.code.CodeList;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.FieldType;
import org.lmsregistry.model.record.RecordType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class DataDictionaryTest {

    /** The repository's docs folder, found from the module folder the tests run in. */
    private static Path docs() {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path docs = module.resolve("../docs").normalize();
        assertThat(docs).as("docs folder next to the module").isDirectory();
        return docs;
    }

    private static String committed(String file) throws IOException {
        return Files.readString(docs().resolve(file), StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    @Test
    void everyFieldOfEveryRecordTypeAppearsOnceInOrder() {
        List<String> expected = new ArrayList<>();
        for (RecordType t : RecordType.values()) {
            for (FieldSpec<?> f : t.fields()) {
                expected.add(t.baseName() + "." + f.name());
            }
        }
        assertThat(DataDictionary.entries()).extracting(e -> e.recordType().baseName() + "." + e.variable())
                .containsExactlyElementsOf(expected).doesNotHaveDuplicates();
        assertThat(DataDictionary.recordTypes()).extracting(DataDictionary.RecordTypeEntry::file)
                .containsExactly(Arrays.stream(RecordType.values()).map(RecordType::fileName).toArray(String[]::new));
    }

    @Test
    void entriesCarryTheFieldSpecs() {
        for (DictionaryEntry e : DataDictionary.entries()) {
            FieldSpec<?> f = e.recordType().field(e.variable()).orElseThrow();
            assertThat(e.label()).isEqualTo(f.label());
            assertThat(e.type()).isEqualTo(f.type().dictionaryType());
            assertThat(e.rangeMin()).isEqualTo(f.min());
            assertThat(e.rangeMax()).isEqualTo(f.max());
            assertThat(e.required()).isEqualTo(f.isRequired());
            assertThat(e.key()).isEqualTo(f.isKey());
        }
    }

    @Test
    void choicesAreTheCodeListsInOrder() {
        int codeFields = 0;
        for (DictionaryEntry e : DataDictionary.entries()) {
            FieldSpec<?> f = e.recordType().field(e.variable()).orElseThrow();
            if (f.type() == FieldType.CODE || f.type() == FieldType.CODES) {
                codeFields++;
                Object[] constants = f.codeList().getEnumConstants();
                assertThat(e.choices()).hasSize(constants.length);
                for (int i = 0; i < constants.length; i++) {
                    assertThat(e.choices().get(i).code()).isEqualTo(((Enum<?>) constants[i]).name());
                    assertThat(e.choices().get(i).label()).isEqualTo(((CodeList) constants[i]).label());
                }
            } else {
                assertThat(e.choices()).isEmpty();
            }
        }
        assertThat(codeFields).isGreaterThan(20);
    }

    @Test
    void csvHasTheRedcapColumnsAndParsesBack() throws IOException {
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(DataDictionary.csv())).getRecords();
        assertThat(rows).hasSize(DataDictionary.entries().size());
        assertThat(rows.get(0).getParser().getHeaderNames()).containsExactlyElementsOf(DataDictionary.CSV_COLUMNS);

        CSVRecord sex = rows.get(2);
        assertThat(sex.toMap()).containsEntry("variable", "sex").containsEntry("record_type", "patients")
                .containsEntry("type", "radio").containsEntry("choices", "FEMALE, Female | MALE, Male")
                .containsEntry("required", "y").containsEntry("key", "n");
        CSVRecord age = rows.get(3);
        assertThat(age.toMap()).containsEntry("unit", "years").containsEntry("range_min", "0")
                .containsEntry("range_max", "90");

        for (int i = 0; i < rows.size(); i++) {
            DictionaryEntry e = DataDictionary.entries().get(i);
            String choices = rows.get(i).get("choices");
            List<String> codes = choices.isEmpty() ? List.of()
                    : Arrays.stream(choices.split(" \\| ")).map(c -> c.substring(0, c.indexOf(", "))).toList();
            assertThat(codes).containsExactlyElementsOf(
                    e.choices().stream().map(DictionaryEntry.Choice::code).toList());
        }
    }

    @Test
    void jsonHasTheSameContent() throws IOException {
        JsonNode root = new ObjectMapper().readTree(DataDictionary.json());
        assertThat(root.get("record_types")).hasSize(RecordType.values().length);
        assertThat(root.get("record_types").get(3).get("name").asText()).isEqualTo("imaging_studies");
        JsonNode fields = root.get("fields");
        assertThat(fields).hasSize(DataDictionary.entries().size());
        Set<String> seen = new HashSet<>();
        for (JsonNode f : fields) {
            assertThat(seen.add(f.get("record_type").asText() + "." + f.get("variable").asText())).isTrue();
        }
        JsonNode day = fields.get(DataDictionary.entries().indexOf(DataDictionary.entries(RecordType.BIOPSY).get(3)));
        assertThat(day.get("variable").asText()).isEqualTo("day");
        assertThat(day.get("range_min").isIntegralNumber()).isTrue();
        assertThat(day.get("range_min").asInt()).isEqualTo(-730);
        assertThat(day.get("required").asBoolean()).isTrue();
        assertThat(day.get("choices")).isEmpty();
        JsonNode guidance = fields.get(DataDictionary.entries().indexOf(DataDictionary.entries(RecordType.BIOPSY)
                .get(4)));
        assertThat(guidance.get("choices").get(0).get("code").asText()).isEqualTo("US");
        assertThat(guidance.get("unit").isNull()).isTrue();
    }

    @Test
    void committedCsvIsWhatTheCodeGenerates() throws IOException {
        assertThat(committed(DataDictionary.CSV_FILE))
                .as("docs/data-dictionary.csv is stale; regenerate it (see docs/data-dictionary.md)")
                .isEqualTo(DataDictionary.csv());
    }

    @Test
    void committedMarkdownIsWhatTheCodeGenerates() throws IOException {
        assertThat(committed(DataDictionary.MARKDOWN_FILE))
                .as("docs/data-dictionary.md is stale; regenerate it (see its header)")
                .isEqualTo(DataDictionary.markdown());
    }

    @Test
    void markdownHasATablePerRecordType() {
        String md = DataDictionary.markdown();
        for (RecordType t : RecordType.values()) {
            assertThat(md).contains("\n## " + t.fileName() + ": " + t.label() + "\n");
            for (FieldSpec<?> f : t.fields()) {
                assertThat(md).contains("| `" + f.name() + "` | ");
            }
        }
    }
}
