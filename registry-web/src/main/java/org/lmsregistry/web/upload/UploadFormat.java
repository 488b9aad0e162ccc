package org.lmsregistry.web.upload;

/** How a batch arrived. */
public enum UploadFormat {
    /** One JSON batch object ({@code {"patients": [...], ...}}). */
    JSON,
    /** One CSV file of one record type ({@code text/csv}, type from {@code ?type=}). */
    CSV,
    /** A zip of interchange CSV files ({@code patients.csv}, ...). */
    ZIP,
    /** multipart/form-data with one interchange CSV file per part. */
    MULTIPART
}
