package org.lmsregistry.etl.map;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads numbers and dates from source text, exactly as the mapping declares them: nothing is
 * guessed, so "03/04/2019" is read only with a declared pattern, and "3.5" is refused where the
 * source's decimal separator is ",".
 */
final class ValueParser {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[-+]?[0-9]+(\\.[0-9]+)?");
    /** Day 0 of Excel's 1900 date system, counting its fictitious 29 February 1900 (serials from 61 on). */
    private static final LocalDate EXCEL_1900 = LocalDate.of(1899, 12, 30);

    /** A value or the reason it could not be read. */
    record Result<T>(T value, String error) {
        static <T> Result<T> ok(T value) {
            return new Result<>(value, null);
        }

        static <T> Result<T> fail(String error) {
            return new Result<>(null, error);
        }

        boolean ok() {
            return error == null;
        }
    }

    private ValueParser() {
    }

    /** A number written with the source's decimal (and optional grouping) separator. */
    static Result<BigDecimal> number(String text, char decimal, Character grouping) {
        String s = text;
        if (grouping != null) {
            s = s.replace(String.valueOf(grouping), "");
        }
        char other = decimal == '.' ? ',' : '.';
        if (s.indexOf(other) >= 0 && (grouping == null || grouping != other)) {
            return Result.fail("\"" + text + "\" is not a number with '" + decimal + "' as the decimal separator"
                    + " (as declared for this source)");
        }
        if (decimal == ',') {
            s = s.replace(',', '.');
        }
        s = s.replace(" ", "");
        if (!PLAIN_NUMBER.matcher(s).matches()) {
            return Result.fail("\"" + text + "\" is not a number");
        }
        return Result.ok(new BigDecimal(s));
    }

    /** A calendar date: ISO, one of the declared patterns, or (if declared) an Excel serial day number. */
    static Result<LocalDate> date(String text, List<DateTimeFormatter> formats, boolean excelSerial, char decimal) {
        try {
            return Result.ok(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            // not ISO
        }
        try {
            return Result.ok(LocalDateTime.parse(text).toLocalDate());
        } catch (DateTimeParseException e) {
            // not an ISO date-time (as XLSX date-time cells are read)
        }
        for (DateTimeFormatter f : formats) {
            try {
                return Result.ok(LocalDate.parse(text, f));
            } catch (DateTimeParseException e) {
                // try the next pattern
            }
        }
        if (excelSerial) {
            Result<BigDecimal> n = number(text, decimal, null);
            if (n.ok()) {
                long serial = n.value().longValue();
                if (serial < 61 || serial > 2958465) {
                    return Result.fail("\"" + text + "\" is outside the Excel serial dates this reads (61 = 1900-03-01 "
                            + "to 2958465 = 9999-12-31)");
                }
                return Result.ok(EXCEL_1900.plusDays(serial));
            }
        }
        return Result.fail("\"" + text + "\" is not a date in ISO form (2019-03-12)"
                + (formats.isEmpty() ? "" : " or a declared date format") + (excelSerial ? " or an Excel serial date" : "")
                + "; declare its pattern under date_formats");
    }
}
