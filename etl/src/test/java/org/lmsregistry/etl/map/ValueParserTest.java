package org.lmsregistry.etl.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class ValueParserTest {

    private static final List<DateTimeFormatter> DUTCH = List.of(
            DateTimeFormatter.ofPattern("dd.MM.uuuu", Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("dd-MMM-uuuu", Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT));

    @Test
    void numbersFollowTheDeclaredSeparators() {
        assertThat(ValueParser.number("12,5", ',', null).value()).isEqualByComparingTo("12.5");
        assertThat(ValueParser.number("1.234,5", ',', '.').value()).isEqualByComparingTo("1234.5");
        assertThat(ValueParser.number("1 234", '.', ' ').value()).isEqualByComparingTo("1234");
        assertThat(ValueParser.number("-3", '.', null).value()).isEqualByComparingTo(new BigDecimal(-3));
        assertThat(ValueParser.number("12.5", ',', null).error()).contains("',' as the decimal separator");
        assertThat(ValueParser.number("12,5", '.', null).error()).contains("'.' as the decimal separator");
        assertThat(ValueParser.number("12a", '.', null).ok()).isFalse();
        assertThat(ValueParser.number("1e3", '.', null).ok()).isFalse();
        assertThat(ValueParser.number("NaN", '.', null).ok()).isFalse();
    }

    @Test
    void datesAreReadStrictlyAndOnlyAsDeclared() {
        assertThat(ValueParser.date("2019-03-12", List.of(), false, '.').value()).isEqualTo(LocalDate.of(2019, 3, 12));
        assertThat(ValueParser.date("2019-03-12T10:30", List.of(), false, '.').value()).isEqualTo(LocalDate.of(2019, 3, 12));
        assertThat(ValueParser.date("12.03.2019", DUTCH, false, '.').value()).isEqualTo(LocalDate.of(2019, 3, 12));
        assertThat(ValueParser.date("12-Mar-2019", DUTCH, false, '.').value()).isEqualTo(LocalDate.of(2019, 3, 12));
        assertThat(ValueParser.date("31.02.2019", DUTCH, false, '.').ok()).isFalse();
        assertThat(ValueParser.date("12/03/2019", DUTCH, false, '.').error()).contains("date_formats");
        assertThat(ValueParser.date("43536", DUTCH, false, '.').ok()).isFalse();
    }

    @Test
    void excelSerialDatesUseThe1900SystemWithItsLeapYearBug() {
        assertThat(ValueParser.date("43536", List.of(), true, '.').value()).isEqualTo(LocalDate.of(2019, 3, 12));
        assertThat(ValueParser.date("61", List.of(), true, '.').value()).isEqualTo(LocalDate.of(1900, 3, 1));
        assertThat(ValueParser.date("43536.75", List.of(), true, '.').value()).isEqualTo(LocalDate.of(2019, 3, 12));
        assertThat(ValueParser.date("60", List.of(), true, '.').ok()).isFalse();
    }

    @Test
    void unitsConvertExactlyAndOnlyWhereKnown() {
        assertThat(Units.factor("mm", "cm")).contains(BigDecimal.TEN);
        assertThat(Units.factor("mm", "in")).contains(new BigDecimal("25.4"));
        assertThat(Units.factor("10^-6 mm2/s", "10^-3 mm2/s")).contains(new BigDecimal("1000"));
        assertThat(Units.factor("days from diagnosis", "weeks")).contains(new BigDecimal("7"));
        assertThat(Units.factor("days from diagnosis", "months")).isEmpty();
        assertThat(Units.factor("years", "cm")).isEmpty();
    }
}
