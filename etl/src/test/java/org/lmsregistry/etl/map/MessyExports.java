package org.lmsregistry.etl.map;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The messy hospital exports of {@code src/test/resources/map/messy} (the example of
 * docs/etl-mapping.md), copied into a folder, with the pathology workbook built cell by cell as
 * Excel saves it: a notes sheet first, a two-row header whose group titles are merged cells, the
 * patient number as a number cell, sizes as number cells (one typed as text with a decimal comma),
 * a date cell, and an empty row in the middle.
 */
final class MessyExports {

    static final String[] FILES = { "mapping.yaml", "patients.csv", "exams.csv" };

    private MessyExports() {
    }

    /** Copies the exports and the mapping into dir and writes tumours.xlsx; returns the mapping file. */
    static Path copyTo(Path dir) throws IOException {
        return copyTo(dir, "12,5");
    }

    /** As {@link #copyTo(Path)}, with the text typed into the size cell of spreadsheet row 5. */
    static Path copyTo(Path dir, String row5Size) throws IOException {
        Files.createDirectories(dir);
        for (String f : FILES) {
            try (InputStream in = MessyExports.class.getResourceAsStream("/map/messy/" + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        writeTumours(dir.resolve("tumours.xlsx"), row5Size);
        return dir.resolve("mapping.yaml");
    }

    static void writeTumours(Path file, String row5Size) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet notes = wb.createSheet("Toelichting");
            notes.createRow(0).createCell(0).setCellValue("Pathologie-export; niet bewerken");
            Sheet s = wb.createSheet("Tumoren");
            CellStyle oneDecimal = wb.createCellStyle();
            oneDecimal.setDataFormat(wb.createDataFormat().getFormat("0.0"));
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("d-m-yy"));
            Row h1 = s.createRow(0);
            h1.createCell(0).setCellValue("Patiënt");
            h1.createCell(1).setCellValue("Tumor");
            h1.createCell(5).setCellValue("");
            s.addMergedRegion(new CellRangeAddress(0, 0, 1, 4));
            Row h2 = s.createRow(1);
            String[] names = { "Nummer", "Locatie", "Grootte\n(cm)", "Graad", "Diepte" };
            for (int i = 0; i < names.length; i++) {
                h2.createCell(i).setCellValue(names[i]);
            }
            Row r3 = s.createRow(2);
            r3.createCell(0).setCellValue(100234);
            r3.createCell(1).setCellValue("Uterus");
            r3.createCell(2).setCellValue(8.5);
            r3.getCell(2).setCellStyle(oneDecimal);
            r3.createCell(3).setCellValue("G2");
            r3.createCell(4).setCellValue("diep ");
            // row 4 (index 3) is empty: Tablesaw's reader would stop here
            Row r5 = s.createRow(4);
            r5.createCell(0).setCellValue("100871");
            r5.createCell(1).setCellValue("retroperitoneum");
            r5.createCell(2).setCellValue(row5Size);
            r5.createCell(3).setCellValue(3);
            r5.createCell(4).setCellValue("diep");
            Row r6 = s.createRow(5);
            r6.createCell(0).setCellValue(100999);
            r6.createCell(1).setCellValue("Dij");
            r6.createCell(2).setCellValue(6);
            r6.createCell(3).setCellValue("G1");
            r6.createCell(4).setCellValue("oppervlakkig");
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }
    }

    /** Day offsets the fixture's exams must get (exam date minus diagnosis date). */
    static final int[] EXAM_DAYS = {
        (int) (LocalDate.of(2019, 3, 2).toEpochDay() - LocalDate.of(2019, 3, 12).toEpochDay()),
        (int) (LocalDate.of(2019, 3, 20).toEpochDay() - LocalDate.of(2019, 3, 12).toEpochDay()),
        (int) (LocalDate.of(2018, 9, 20).toEpochDay() - LocalDate.of(2018, 10, 1).toEpochDay()),
        (int) (LocalDate.of(2020, 6, 25).toEpochDay() - LocalDate.of(2020, 6, 18).toEpochDay()) };
}
