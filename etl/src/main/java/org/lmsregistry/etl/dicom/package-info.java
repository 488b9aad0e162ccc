/**
 * Every call into the DICOM toolkit (PixelMed) is in this package, and none of its types leave it:
 * the rest of {@code etl} sees {@link org.lmsregistry.etl.dicom.DicomHeader}, the reader and the
 * de-identifier. Switching to dcm4che (once it can be resolved) means rewriting these few classes
 * only; {@code DicomBoundaryTest} checks that no other class uses PixelMed.
 */
package org.lmsregistry.etl.dicom;
