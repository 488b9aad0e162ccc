package org.lmsregistry.etl.map;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lmsregistry.etl.EtlException;
import org.lmsregistry.etl.ExitCode;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The mapping file as written (YAML or JSON; see {@code docs/etl-mapping.md}): which site exports to
 * read and how, where each patient's local identifier and diagnosis date are, and how the columns of
 * each export become the fields of a registry file. {@link Mapping#compile} checks it.
 *
 * @param version  the mapping format version (1)
 * @param sources  the site's export files, by a name the rest of the file uses
 * @param patients where the local patient identifiers, diagnosis dates and birth dates are
 * @param records  one entry per registry file to write
 */
public record MappingSpec(@JsonProperty("version") Integer version,
        @JsonProperty("sources") LinkedHashMap<String, Source> sources,
        @JsonProperty("patients") Patients patients,
        @JsonProperty("records") List<Records> records) {

    /**
     * How to read one export file.
     *
     * @param file                  path, relative to the mapping file
     * @param format                {@code csv} or {@code xlsx} (default: from the file extension)
     * @param encoding              CSV character set (default UTF-8; a byte order mark wins)
     * @param delimiter             CSV field separator, one character or {@code \t} (default ",")
     * @param quote                 CSV quote character (default '"')
     * @param sheet                 XLSX sheet name (default: the first sheet)
     * @param skipRows              rows above the header (titles, notes); default 0
     * @param headerRows            rows of the header (default 1); several are joined with a space
     * @param decimalSeparator      "." (default) or ","
     * @param groupingSeparator     thousands separator to ignore in numbers ("." "," "'" or " "), default none
     * @param dateFormats           patterns of text dates (java.time, e.g. {@code dd.MM.yyyy}); ISO dates always work
     * @param excelSerialDates      whether a number in a date column is an Excel serial day number
     * @param missingValues         texts meaning "not given" (default: only the empty text)
     * @param drop                  columns that must not be used (identifiers, local data)
     * @param ignoreUnlistedColumns whether columns neither mapped nor dropped are allowed (default false)
     */
    public record Source(@JsonProperty("file") String file, @JsonProperty("format") String format,
            @JsonProperty("encoding") String encoding, @JsonProperty("delimiter") String delimiter,
            @JsonProperty("quote") String quote, @JsonProperty("sheet") String sheet,
            @JsonProperty("skip_rows") Integer skipRows, @JsonProperty("header_rows") Integer headerRows,
            @JsonProperty("decimal_separator") String decimalSeparator,
            @JsonProperty("grouping_separator") String groupingSeparator,
            @JsonProperty("date_formats") List<String> dateFormats,
            @JsonProperty("excel_serial_dates") Boolean excelSerialDates,
            @JsonProperty("missing_values") List<String> missingValues, @JsonProperty("drop") List<String> drop,
            @JsonProperty("ignore_unlisted_columns") Boolean ignoreUnlistedColumns) {
    }

    /**
     * The patient source: one or more rows per local patient identifier.
     *
     * @param source              the source name
     * @param idColumn            the local patient identifier (pseudonymised, never written)
     * @param diagnosisDateColumn the diagnosis date (day 0)
     * @param birthDateColumn     the birth date, for {@code age_at_diagnosis} (optional; never written)
     */
    public record Patients(@JsonProperty("source") String source, @JsonProperty("id_column") String idColumn,
            @JsonProperty("diagnosis_date_column") String diagnosisDateColumn,
            @JsonProperty("birth_date_column") String birthDateColumn) {
    }

    /**
     * One registry file made from one source: a record per source row.
     *
     * @param type            the registry file's base name (patients, tumours, imaging_studies, ...)
     * @param source          the source name
     * @param patientIdColumn the column with the local patient identifier (default: the patient source's id_column)
     * @param fields          registry field name to how its value is made; site_code and
     *                        patient_pseudonym are always filled in
     */
    public record Records(@JsonProperty("type") String type, @JsonProperty("source") String source,
            @JsonProperty("patient_id_column") String patientIdColumn,
            @JsonProperty("fields") LinkedHashMap<String, Field> fields) {
    }

    /**
     * How one field's value is made: exactly one of column, value, template, age_at_diagnosis and
     * diagnosis_year.
     *
     * @param column            the source column
     * @param value             a constant (a registry code or value)
     * @param template          a key built from other fields, e.g. {@code "{modality}-{day}"}
     * @param ageAtDiagnosis    full years from the birth date to the diagnosis date, capped at 90
     * @param diagnosisYear     the year of the diagnosis date
     * @param daysFromDiagnosis the column holds a calendar date: write days from the diagnosis date
     * @param codes             local value to registry code (or true/false for yes/no fields)
     * @param ignoreCase        compare local codes ignoring case
     * @param split             separator of several local codes in one cell (for fields with several codes)
     * @param unit              the source unit (mm, cm, m, in; days, weeks; ...), converted to the field's unit
     * @param scale             a factor to multiply numbers by (instead of unit)
     * @param round             {@code half_up} or {@code down}: how a number becomes a whole number; default: it must already be one
     */
    public record Field(@JsonProperty("column") String column, @JsonProperty("value") String value,
            @JsonProperty("template") String template, @JsonProperty("age_at_diagnosis") Boolean ageAtDiagnosis,
            @JsonProperty("diagnosis_year") Boolean diagnosisYear,
            @JsonProperty("days_from_diagnosis") Boolean daysFromDiagnosis,
            @JsonProperty("codes") LinkedHashMap<String, String> codes, @JsonProperty("ignore_case") Boolean ignoreCase,
            @JsonProperty("split") String split, @JsonProperty("unit") String unit,
            @JsonProperty("scale") Double scale, @JsonProperty("round") String round) {
    }

    /**
     * Reads a mapping file (YAML, or JSON for a {@code .json} file).
     *
     * @throws EtlException (usage) for a file that is not a valid mapping, (I/O) if it cannot be read
     */
    public static MappingSpec read(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        try {
            MappingSpec spec = mapper.readValue(file.toFile(), MappingSpec.class);
            if (spec == null) {
                throw EtlException.usage(file + " is empty.");
            }
            return spec;
        } catch (UnrecognizedPropertyException e) {
            throw EtlException.usage(file + " line " + e.getLocation().getLineNr() + ": unknown setting \""
                    + e.getPropertyName() + "\" in " + path(e) + "; the settings there are " + e.getKnownPropertyIds()
                    + ".");
        } catch (JsonProcessingException e) {
            throw EtlException.usage(file + (e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr())
                    + ": not a valid mapping: " + e.getOriginalMessage()
                    + (e instanceof JsonMappingException m && !m.getPath().isEmpty() ? " (at " + path(m) + ")" : ""));
        } catch (NoSuchFileException e) {
            throw new EtlException(ExitCode.IO, "No mapping file " + file + ".", e);
        } catch (IOException e) {
            throw EtlException.io("Cannot read the mapping file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? "the top level" : b.toString();
    }

    /** The sources, never null. */
    public Map<String, Source> sourcesOrEmpty() {
        return sources == null ? Map.of() : sources;
    }
}
