package org.lmsregistry.etl.guard;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.lmsregistry.etl.EtlException;
import org.lmsregistry.etl.report.EtlRule;
import org.lmsregistry.etl.report.Finding;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.FieldType;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.validation.IdentifierScreen;

/**
 * The last check before anything leaves the site: every file of an upload folder is read as plain
 * text, independently of the interchange parser, and
 * <ul>
 * <li>a {@code *.csv} file that is not a registry file, or a column that is not a field of its file,
 * stops the upload (a stray export, a forgotten {@code name} or {@code mrn} column; its values are never
 * shown);</li>
 * <li>every value of a field that can hold words (free text, record keys, names of external
 * vocabularies) is screened with the registry's {@link IdentifierScreen}: names with a title, calendar
 * dates, phone numbers, e-mail addresses and record numbers stop the upload.</li>
 * </ul>
 * Codes, numbers, booleans, pseudonyms and hashes have fixed formats that the validation checks and
 * cannot carry such text.
 */
public final class IdentifierGuard {

    /** Field types whose values are screened. */
    static final Set<FieldType> SCREENED = Set.of(FieldType.TEXT, FieldType.KEY, FieldType.NAME);

    private IdentifierGuard() {
    }

    /** Screens every file of a folder; no finding means nothing looks like an identifier. */
    public static List<Finding> check(Path folder) {
        List<Finding> findings = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*.csv")) {
            ds.forEach(files::add);
        } catch (IOException e) {
            throw EtlException.io("Cannot list " + folder + ": " + e.getMessage(), e);
        }
        files.sort(null);
        for (Path f : files) {
            String name = f.getFileName().toString();
            Optional<RecordType> type = RecordType.ofFileName(name).filter(t -> t.fileName().equals(name));
            if (type.isEmpty()) {
                findings.add(Finding.of(EtlRule.UNEXPECTED_FILE, name, 0, "", "", "This CSV file is not a registry "
                        + "file; move it out of the upload folder (it may be a local export)."));
                continue;
            }
            screen(f, type.get(), findings);
        }
        return findings;
    }

    private static void screen(Path file, RecordType type, List<Finding> findings) {
        String name = file.getFileName().toString();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser p = CSVParser.builder().setReader(r).setFormat(CSVFormat.RFC4180).get()) {
            List<String> header = null;
            List<FieldSpec<?>> fields = new ArrayList<>();
            long line = 1;
            for (CSVRecord rec : p) {
                if (header == null) {
                    header = rec.toList();
                    for (int i = 0; i < header.size(); i++) {
                        String col = i == 0 ? header.get(i).replace("\uFEFF", "") : header.get(i);
                        FieldSpec<?> f = type.field(col).orElse(null);
                        if (f == null) {
                            findings.add(Finding.of(EtlRule.UNEXPECTED_COLUMN, name, 1, col, "", "Column " + (i + 1)
                                    + " is not a field of " + name + ": nothing of it may leave the site. Remove it."));
                        }
                        fields.add(f);
                    }
                } else {
                    for (int i = 0; i < rec.size() && i < fields.size(); i++) {
                        FieldSpec<?> f = fields.get(i);
                        if (f != null && SCREENED.contains(f.type())) {
                            String v = rec.get(i);
                            IdentifierScreen.find(v).ifPresent(found -> findings.add(Finding.of(EtlRule.IDENTIFIER, name,
                                    line(rec, p), f.name(), found.match(), "Looks like a " + found.kind() + " (\""
                                            + found.match() + "\"): rephrase or remove it; identifiers and dates never "
                                            + "leave the site.")));
                        }
                    }
                }
                line++;
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            findings.add(Finding.of(EtlRule.UNEXPECTED_FILE, name, 0, "", "", "The file cannot be read as UTF-8 CSV ("
                    + e.getMessage() + "); run 'etl validate' on the folder."));
        }
    }

    private static long line(CSVRecord rec, CSVParser p) {
        // the record's first line: the parser's line count at the end of the record, minus its extra line breaks
        long breaks = rec.stream().mapToLong(v -> v.chars().filter(c -> c == '\n').count()).sum();
        return p.getCurrentLineNumber() - breaks;
    }
}
