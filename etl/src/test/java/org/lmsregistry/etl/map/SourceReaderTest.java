package org.lmsregistry.etl.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceReaderTest {

    @TempDir
    Path dir;

    private SourceTable read(String name, byte[] bytes, String extraYaml) throws Exception {
        Files.write(dir.resolve(name), bytes);
        Path mapping = dir.resolve("m.yaml");
        Files.writeString(mapping, """
                version: 1
                sources:
                  s:
                    file: %s
                %s
                records:
                  - type: radiomics_values
                    source: s
                    patient_id_column: id
                    fields:
                      study_id: { column: study }
                      ibsi_feature: { value: Fstat.mean }
                      value: { column: v }
                """.formatted(name, extraYaml.indent(4).stripTrailing()));
        Mapping m = Mapping.compile(MappingSpec.read(mapping), mapping);
        return SourceReader.read(m.sources().get("s"));
    }

    @Test
    void utf16WithByteOrderMarkTabsAndMultiRowHeaders() throws Exception {
        String text = "\uFEFFgroup\t\t\n id\tstudy\tv\n1\tS1\t2,5\n\n2\tS2\t3\n";
        SourceTable t = read("a.txt", text.getBytes(StandardCharsets.UTF_16LE), "delimiter: \"\\t\"\nheader_rows: 2");
        // the BOM chose UTF-16LE; the group title spreads right over named columns
        assertThat(t.headers()).containsExactly("group id", "group study", "group v");
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.line(1)).isEqualTo(5);
        assertThat(t.cell(0, 2)).isEqualTo("2,5");
    }

    @Test
    void linesCountQuotedLineBreaksAndBlankRows() throws Exception {
        String text = "id,study,v\n1,\"S\n1\",2\n,,\n\n3,S3,4\n";
        SourceTable t = read("b.csv", text.getBytes(StandardCharsets.UTF_8), "");
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(List.of(t.line(0), t.line(1))).containsExactly(2, 6);
    }

    @Test
    void structuralBreaksNameTheirLine() {
        assertThatThrownBy(() -> read("c.csv", "id,study,v\n1,S1,2\n2,\"S2,3\n".getBytes(StandardCharsets.UTF_8), ""))
                .isInstanceOf(SourceReader.SourceException.class).hasMessageContaining("line 3")
                .hasMessageContaining("quote");
        assertThatThrownBy(() -> read("d.csv", "id;study;v\n1;S1;2;9\n".getBytes(StandardCharsets.UTF_8),
                "delimiter: \";\"")).hasMessageContaining("line 2").hasMessageContaining("no header");
        assertThatThrownBy(() -> read("e.csv", "id,study,v\n1,S\u00e9,2\n".getBytes(StandardCharsets.ISO_8859_1), ""))
                .hasMessageContaining("not valid UTF-8 (line 2");
        assertThatThrownBy(() -> read("f.xlsx", "id,study\n".getBytes(StandardCharsets.UTF_8), ""))
                .hasMessageContaining("not an XLSX workbook");
    }
}
