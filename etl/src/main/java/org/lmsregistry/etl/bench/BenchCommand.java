package org.lmsregistry.etl.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.lmsregistry.etl.EtlException;
import org.lmsregistry.etl.EtlMain;
import org.lmsregistry.etl.ExitCode;
import org.lmsregistry.etl.cli.Console;
import org.lmsregistry.etl.cli.Progress;
import org.lmsregistry.etl.dicom.DicomFiles;
import org.lmsregistry.etl.dicom.DicomReadException;
import org.lmsregistry.etl.imaging.DicomScan;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code etl bench dicom-scan}: the DICOM header scan rate of {@code etl dicom} beside pydicom and
 * dcmdump on the same files in the same run, and the heap as the scan proceeds. A measurement, not
 * a test: results go to docs/benchmarks.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = { "Benchmarks (measurements, not tests). dicom-scan: builds a folder of N DICOM files (copies of "
                + "sample files, each study with its own UIDs), then times the header scan of 'etl dicom' (PixelMed, "
                + "stopping before the pixel data), pydicom (dcmread(stop_before_pixels=True)) and dcmdump over the same "
                + "files, and samples the heap after garbage collection as the scan proceeds.",
            "Run it as: java -Xmx128m -jar lms-etl.jar bench dicom-scan --samples DIR --files 10000 --work DIR" })
public final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    EtlMain root;

    @Option(names = "--samples", required = true, paramLabel = "DIR",
            description = "Folder of readable sample DICOM files to copy (e.g. etl/src/test/resources/dicom).")
    Path samples;

    @Option(names = "--files", defaultValue = "10000", paramLabel = "N", description = "Files in the corpus (default ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--files-per-study", defaultValue = "20", paramLabel = "N", description = "Files per study (default ${DEFAULT-VALUE}).")
    int perStudy;

    @Option(names = "--work", required = true, paramLabel = "DIR",
            description = "Folder for the corpus, WORK/corpus-N (reused when complete; built again otherwise).")
    Path work;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", paramLabel = "PATH", description = "Python with pydicom (default ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--dcmdump", defaultValue = "dcmdump", paramLabel = "PATH", description = "dcmdump (default ${DEFAULT-VALUE}).")
    String dcmdump;

    @Option(names = "--repeat", defaultValue = "3", paramLabel = "N", description = "Timed repetitions of each reader; the best is reported (default ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() throws Exception {
        Console console = root.console();
        Path corpus = work.resolve("corpus-" + files);
        long bytes = corpus(console, corpus);
        long size;
        try (Stream<Path> s = Files.walk(corpus)) {
            size = s.filter(Files::isRegularFile).count();
        }
        console.out().printf(Locale.ROOT, "corpus: %d files, %.1f MB, %d files per study, %s%n", size, bytes / 1e6, perStudy,
                corpus);
        warmPageCache(corpus);
        List<String> rows = new ArrayList<>();
        rows.add("| reader | files | best of " + repeat + " (s) | files/s | MB/s |");
        rows.add("|---|---|---|---|---|");
        // etl, with heap samples during the first run
        List<long[]> heap = new ArrayList<>();
        double best = Double.MAX_VALUE;
        double first = 0;
        DicomScan.HeaderScan scan = null;
        for (int i = 0; i < repeat; i++) {
            boolean sample = i == 0;
            long every = Math.max(1, size / 10);
            long[] count = { 0 };
            long t0 = System.nanoTime();
            scan = DicomScan.headersOnly(corpus, f -> {
                if (sample && ++count[0] % every == 0) {
                    heap.add(new long[] { count[0], usedHeapAfterGc() });
                }
            });
            double s = (System.nanoTime() - t0) / 1e9;
            if (i == 0) {
                first = s;
            }
            best = Math.min(best, s);
        }
        rows.add(row("etl dicom header scan (PixelMed, JDK " + Runtime.version().feature() + ")", scan.readable(), best,
                bytes));
        rows.add(String.format(Locale.ROOT, "| (etl, first run: cold JIT, with %d heap samples) | %d | %.2f | %.0f | |",
                heap.size(), scan.readable(), first, scan.readable() / first));
        // pydicom and dcmdump on the same files
        double py = Double.MAX_VALUE;
        long pyFiles = -1;
        for (int i = 0; i < repeat; i++) {
            Timed t = pydicom(corpus);
            if (t == null) {
                break;
            }
            py = Math.min(py, t.seconds);
            pyFiles = t.files;
        }
        rows.add(pyFiles < 0 ? "| pydicom | not available | | | |" : row("pydicom " + pydicomVersion()
                + " dcmread(stop_before_pixels=True)", pyFiles, py, bytes));
        double dd = Double.MAX_VALUE;
        boolean ddOk = false;
        for (int i = 0; i < repeat; i++) {
            Double t = dcmdump(corpus);
            if (t == null) {
                break;
            }
            dd = Math.min(dd, t);
            ddOk = true;
        }
        rows.add(!ddOk ? "| dcmdump | not available | | | |" : row("dcmdump (DCMTK) -q -M +sd +r, one process", size, dd, bytes));
        rows.forEach(console.out()::println);
        console.out().printf(Locale.ROOT, "%nstudies grouped: %d; heap after GC during the first etl scan (max heap %d MB):%n",
                scan.studies(), Runtime.getRuntime().maxMemory() >> 20);
        console.out().println("| files read | heap used (MB) |");
        console.out().println("|---|---|");
        for (long[] h : heap) {
            console.out().printf(Locale.ROOT, "| %d | %.1f |%n", h[0], h[1] / 1e6);
        }
        console.out().println("JVM: " + ManagementFactory.getRuntimeMXBean().getVmName() + " "
                + ManagementFactory.getRuntimeMXBean().getVmVersion() + ", " + Runtime.getRuntime().availableProcessors()
                + " processors");
        return ExitCode.OK;
    }

    private static String row(String reader, long n, double seconds, long bytes) {
        return String.format(Locale.ROOT, "| %s | %d | %.2f | %.0f | %.1f |", reader, n, seconds, n / seconds,
                bytes / 1e6 / seconds);
    }

    private static long usedHeapAfterGc() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** Builds (or reuses) the corpus: copies of the samples, {@code perStudy} files per study, 5 studies per patient. */
    private long corpus(Console console, Path corpus) throws IOException {
        Path marker = corpus.resolveSibling(corpus.getFileName() + ".complete");
        if (!Files.exists(marker)) {
            if (Files.exists(corpus)) {
                org.apache.commons.io.file.PathUtils.deleteDirectory(corpus); // an unfinished corpus
            }
            List<Path> sources = readableSamples();
            if (sources.isEmpty()) {
                throw EtlException.usage("No readable DICOM file below " + samples + ".");
            }
            try (Progress progress = Progress.start(console, "corpus", files, "files")) {
                for (int i = 0; i < files; i++) {
                    int study = i / perStudy;
                    Path dir = corpus.resolve(String.format(Locale.ROOT, "p%05d/s%06d", study / 5, study));
                    Files.createDirectories(dir);
                    String root = "2.25." + new BigInteger(1, ("lms-bench-" + study).getBytes(StandardCharsets.UTF_8))
                            .mod(BigInteger.TEN.pow(30));
                    try {
                        DicomFiles.copyAs(sources.get(i % sources.size()), dir.resolve(String.format(Locale.ROOT, "%08d", i)),
                                "BENCH" + (study / 5), root + ".1", root + ".2", root + ".3." + i);
                    } catch (DicomReadException e) {
                        throw EtlException.io("Cannot build the corpus: " + e.getMessage(), e);
                    }
                    progress.step();
                }
            }
            Files.writeString(marker, files + "\n");
        }
        try (Stream<Path> s = Files.walk(corpus)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private List<Path> readableSamples() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(samples)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                try {
                    DicomFiles.readHeader(p);
                    out.add(p);
                } catch (DicomReadException e) {
                    // not a sample
                }
            }
        }
        return out;
    }

    private static void warmPageCache(Path corpus) throws IOException {
        byte[] buf = new byte[1 << 16];
        try (Stream<Path> s = Files.walk(corpus)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    while (in.read(buf) >= 0) {
                        // read to warm the cache: every reader then starts from the same state
                    }
                }
            }
        }
    }

    private record Timed(long files, double seconds) {
    }

    private static final String PYDICOM_SCAN = String.join("\n",
            "import os, sys, time, pydicom",
            "root = sys.argv[1]",
            "paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if not f.startswith('.'))",
            "t0 = time.perf_counter()",
            "n = 0",
            "for p in paths:",
            "    ds = pydicom.dcmread(p, stop_before_pixels=True)",
            "    ds.StudyInstanceUID; ds.Modality; ds.get('StudyDate'); ds.get('BodyPartExamined')",
            "    n += 1",
            "print(n, time.perf_counter() - t0)");

    private Timed pydicom(Path corpus) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(python, "-c", PYDICOM_SCAN, corpus.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            return null;
        }
        String[] parts = out.substring(out.lastIndexOf('\n') + 1).split(" ");
        return new Timed(Long.parseLong(parts[0]), Double.parseDouble(parts[1]));
    }

    private String pydicomVersion() {
        try {
            Process p = new ProcessBuilder(python, "-c", "import pydicom; print(pydicom.__version__)").start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return v;
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    private Double dcmdump(Path corpus) throws InterruptedException {
        try {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(dcmdump, "-q", "-M", "+sd", "+r", corpus.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                return null;
            }
            return (System.nanoTime() - t0) / 1e9;
        } catch (IOException e) {
            return null;
        }
    }
}
